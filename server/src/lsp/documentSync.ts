import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';

type RangeChange = Extract<TextDocumentContentChangeEvent, { range: unknown }>;
type Position = RangeChange['range']['start'];

const isFullText = (c: TextDocumentContentChangeEvent): boolean => !('range' in c) || c.range === undefined;

function validPosition(p: Position | undefined, lineCount: number): boolean {
  // A character past the end of its line means the line's end (LSP); a line past the last one fits nothing.
  return (
    p !== undefined && Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.character >= 0 && p.line < lineCount
  );
}

/** Why a range change does not fit the document, or undefined when it does. */
export function rangeMisfit(document: TextDocument, change: RangeChange): string | undefined {
  const { start, end } = change.range ?? {};
  if (!validPosition(start, document.lineCount) || !validPosition(end, document.lineCount)) {
    return `the range ${JSON.stringify(change.range)} lies outside the document's ${document.lineCount} lines`;
  }
  if (end!.line < start!.line || (end!.line === start!.line && end!.character < start!.character))
    return `the range ${JSON.stringify(change.range)} ends before it starts`;
  return undefined;
}

export interface SyncEvents {
  /** Content changes as applied, in order (for the incremental analysis). */
  applied(uri: string, changes: readonly TextDocumentContentChangeEvent[]): void;
  /** A change did not fit: the server's copy can no longer follow the editor's until a full text comes. */
  lost(document: TextDocument, reason: string): void;
  /** A full text came for a document that was lost. */
  regained(document: TextDocument): void;
  /** A full text came with a version that does not follow the last one: taken, and said once. */
  oddVersion(document: TextDocument, reason: string): void;
}

/**
 * The `update` of vscode-languageserver's TextDocuments, checked: each change is applied only
 * when it fits the text it is meant for (an increasing version, a range inside the document).
 * On one that does not fit the document is "lost": the changes after it are relative to a text
 * the server does not have, so they are dropped until the editor sends the whole text again.
 */
export class CheckedSync {
  private readonly lostUris = new Set<string>();

  constructor(private readonly events: SyncEvents) {}

  isLost(uri: string): boolean {
    return this.lostUris.has(uri);
  }

  forget(uri: string): void {
    this.lostUris.delete(uri);
  }

  update(document: TextDocument, changes: readonly TextDocumentContentChangeEvent[], version: number): TextDocument {
    let todo = changes;
    if (this.lostUris.has(document.uri)) {
      // Only a full text, and what follows it, can be applied.
      let lastFull = -1;
      todo.forEach((c, i) => {
        if (isFullText(c)) lastFull = i;
      });
      if (lastFull < 0) return document;
      todo = todo.slice(lastFull);
    }
    const fresh = Number.isInteger(version) && version > document.version;
    if (!fresh) {
      const reason = `version ${version} does not follow version ${document.version}`;
      if (!isFullText(todo[0])) return this.lose(document, reason);
      this.events.oddVersion(document, reason);
    }
    for (const change of todo) {
      if (!isFullText(change)) {
        const misfit = rangeMisfit(document, change as RangeChange);
        if (misfit) return this.lose(document, misfit);
      }
      TextDocument.update(document, [change], version);
      this.events.applied(document.uri, [change]);
      if (isFullText(change) && this.lostUris.delete(document.uri)) this.events.regained(document);
    }
    return document;
  }

  private lose(document: TextDocument, reason: string): TextDocument {
    if (!this.lostUris.has(document.uri)) {
      this.lostUris.add(document.uri);
      this.events.lost(document, reason);
    }
    return document;
  }
}
