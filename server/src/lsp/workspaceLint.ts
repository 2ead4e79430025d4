import * as fs from 'fs';
import * as path from 'path';
import { URI } from 'vscode-uri';
import {
  DocumentDiagnosticReportKind,
  type CancellationToken,
  type Diagnostic,
  type PreviousResultId,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver';
import { analyze } from '../analysis';
import type { ResolvedConfig } from '../config';
import { looksLikeReferat } from '../core/detect';
import { keepReferater, loadDocument, MAYBE_EXT, readDocument, readHead, REFERAT_EXT } from '../files';
import { EXTRACTED_SCHEME, publishedFormatOf, sourcePathOf } from '../formats';
import { toDiagnostic } from './diagnostics';
import { extractedTextUri, findingsToShow } from './extractedText';
import type { Lang } from './locale';

/** A slice of the lint runs at most this long before other requests get their turn. */
const SLICE_MS = 10;

export interface LintProgress {
  report(percentage: number, message: string): void;
}

export interface LintSummary {
  files: number;
  findings: number;
  /** `path: reason` of every file or folder that could not be read. */
  unreadable: string[];
  /** `path: reason` of every PDF, Word or HTML file left out because its text does not look like a referat. */
  leftOut: string[];
  cancelled: boolean;
}

interface Entry {
  resultId: string;
  items: Diagnostic[];
}

function yieldToOtherRequests(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function reason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  return err?.code ?? err?.message ?? String(e);
}

/** The URI the editor shows a file's findings on: a published file's are on its extracted text. */
function shownUri(file: string): string {
  return publishedFormatOf(file) ? extractedTextUri(file) : URI.file(file).toString();
}

/** The file on disk behind a document: itself, or the published file behind an extracted text. */
function fileBehind(uri: string): string | undefined {
  const parsed = URI.parse(uri);
  if (parsed.scheme === 'file') return parsed.fsPath;
  if (parsed.scheme !== EXTRACTED_SCHEME) return undefined;
  const source = sourcePathOf(parsed.path);
  return source ? URI.file(source).fsPath : undefined;
}

/**
 * The findings of the referater on disk, served as LSP 3.17 workspace diagnostics: one report per
 * file, which the client replaces by the document pull while the file is open. Nothing is read
 * before "Lint all referater in the workspace"; from then on the files it found are kept current
 * (on close, on a change on disk, on a new configuration).
 */
export class WorkspaceFindings {
  private readonly entries = new Map<string, Entry>();
  private readonly waiters = new Set<() => void>();
  /**
   * Closed documents, reported once more in the next answer: vscode-languageclient skips a workspace
   * report for a document it still tracks, and it lets go of a closed one only after its last pull.
   */
  private readonly closed = new Set<string>();
  private generation = 0;
  private running: { cancel: () => void } | undefined;
  /** Files waiting to be read again (refreshSoon), in the order they came. */
  private readonly pending = new Set<string>();
  private draining = false;
  /** Folders that "Lint all" has read; files under them are kept current. */
  private scannedFolders: string[] = [];

  constructor(
    private readonly configFor: (uri: string) => ResolvedConfig,
    private readonly lang: () => Lang,
    private readonly isOpen: (uri: string) => boolean,
  ) {}

  /** Lints every referat under the folders in slices, so that other requests are answered meanwhile. */
  async lintFolders(folders: readonly string[], progress: LintProgress, token: CancellationToken): Promise<LintSummary> {
    this.running?.cancel();
    let stopped = false;
    const run = { cancel: () => (stopped = true) };
    this.running = run;
    const cancelled = (): boolean => stopped || token.isCancellationRequested;
    const unreadable: string[] = [];
    let sliceStart = Date.now();
    const slice = async (): Promise<void> => {
      if (Date.now() - sliceStart < SLICE_MS) return;
      await yieldToOtherRequests();
      sliceStart = Date.now();
    };
    try {
      const roots = folders
        .map((f) => URI.parse(f))
        .filter((u) => u.scheme === 'file')
        .map((u) => u.fsPath);
      const found: string[] = [];
      for (const root of roots) await this.walk(root, found, unreadable, slice, cancelled);
      // PDF, Word and HTML files count where their text looks like a referat; their findings go on their extracted text.
      const kept = await keepReferater(found, [], this.lang(), { between: slice, cancelled });
      const paths = kept.files;
      unreadable.push(...kept.skipped);
      const leftOut = kept.leftOut;
      let findings = 0;
      let files = 0;
      for (const [i, p] of paths.entries()) {
        if (cancelled()) break;
        if (i % 20 === 0) progress.report(Math.round((100 * i) / Math.max(1, paths.length)), `${i}/${paths.length}`);
        const uri = shownUri(p);
        if (this.isOpen(uri)) continue;
        try {
          const items = await this.lintFile(p, uri);
          this.set(uri, items);
          findings += items.length;
          files++;
        } catch (e) {
          unreadable.push(`${p}: ${reason(e)}`);
        }
        await slice();
      }
      if (!cancelled()) this.scannedFolders = roots;
      return { files, findings, unreadable, leftOut, cancelled: cancelled() };
    } finally {
      if (this.running === run) this.running = undefined;
      this.wakeWaiters();
    }
  }

  private async walk(
    dir: string,
    out: string[],
    unreadable: string[],
    slice: () => Promise<void>,
    cancelled: () => boolean,
  ): Promise<void> {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    } catch (e) {
      unreadable.push(`${dir}: ${reason(e)}`);
      return;
    }
    for (const e of entries) {
      if (cancelled()) return;
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) await this.walk(p, out, unreadable, slice, cancelled);
      else if (e.isFile() && (REFERAT_EXT.test(e.name) || publishedFormatOf(e.name))) out.push(p);
      else if (e.isFile() && MAYBE_EXT.test(e.name)) {
        try {
          if (looksLikeReferat(readHead(p))) out.push(p);
        } catch (err) {
          unreadable.push(`${p}: ${reason(err)}`);
        }
      }
      await slice();
    }
  }

  private async lintFile(file: string, uri: string): Promise<Diagnostic[]> {
    return this.lintText((await loadDocument(file, this.lang())).text, file, uri);
  }

  /** A file's findings on the document the editor shows for it, under the configuration of the file itself. */
  private lintText(text: string, file: string, uri: string): Diagnostic[] {
    return findingsToShow(uri, analyze(text, this.configFor(URI.file(file).toString()))).map((f) => toDiagnostic(f, this.lang()));
  }

  private set(uri: string, items: Diagnostic[]): void {
    this.entries.set(uri, { resultId: `w${++this.generation}`, items });
    // A running lint tells the waiting pull once, at its end.
    if (!this.running) this.wakeWaiters();
  }

  private wakeWaiters(): void {
    for (const wake of [...this.waiters]) wake();
  }

  private underScannedFolder(file: string): boolean {
    return this.scannedFolders.some((f) => file === f || file.startsWith(f + path.sep));
  }

  /**
   * A document closed or a file changed on disk: its report becomes what the disk holds, when it
   * lies in a linted folder and still reads as a referat, and nothing otherwise.
   */
  refresh(uri: string, closed = false): void {
    if (closed) this.closed.add(uri);
    const file = fileBehind(uri);
    const shown = file ? shownUri(file) : uri;
    if (!file || !this.underScannedFolder(file)) return this.set(shown, []);
    if (publishedFormatOf(file)) {
      void this.relintPublished(file, shown);
      return;
    }
    try {
      const name = path.basename(file);
      if (REFERAT_EXT.test(name) || (MAYBE_EXT.test(name) && looksLikeReferat(readHead(file)))) {
        this.set(shown, this.lintText(readDocument(file), file, shown));
        return;
      }
    } catch {
      // Deleted or unreadable now: its findings go.
    }
    this.set(shown, []);
  }

  /** A published file is read asynchronously; it keeps findings only while its text still reads as a referat. */
  private async relintPublished(file: string, shown: string): Promise<void> {
    try {
      this.set(shown, await this.lintFile(file, shown));
    } catch {
      this.set(shown, []);
    }
  }

  /** The configuration changed: every file found so far is linted again. */
  relintAll(): void {
    this.refreshSoon([...this.entries.keys()]);
  }

  /**
   * Files changed on disk or a new configuration: each file is read and linted in its own turn of
   * the event loop, so that the editor's requests are answered between them.
   */
  refreshSoon(uris: readonly string[]): void {
    for (const uri of uris) this.pending.add(uri);
    if (!this.draining) void this.drain();
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      for (const uri of this.pending) {
        this.pending.delete(uri);
        if (!this.isOpen(uri)) this.refresh(uri);
        await yieldToOtherRequests();
      }
    } finally {
      this.draining = false;
    }
  }

  uris(): string[] {
    return [...this.entries.keys()];
  }

  /** The items to show for a document that is not open (the client asks once more after a close). */
  itemsOf(uri: string): Diagnostic[] {
    return this.entries.get(uri)?.items ?? [];
  }

  /**
   * The answer to `workspace/diagnostic`: the reports that differ from what the client holds. When
   * none does, the request is held open until one does, so the client need not poll.
   */
  async report(previous: readonly PreviousResultId[], token: CancellationToken): Promise<{ items: WorkspaceDocumentDiagnosticReport[] }> {
    const known = new Map(previous.map((p) => [p.uri, p.value]));
    for (;;) {
      const items: WorkspaceDocumentDiagnosticReport[] = [];
      for (const [uri, entry] of this.entries) {
        if (this.isOpen(uri)) continue;
        if (known.get(uri) === entry.resultId) {
          if (!this.closed.delete(uri)) continue;
          entry.resultId = `w${++this.generation}`;
        }
        items.push({ kind: DocumentDiagnosticReportKind.Full, uri, version: null, resultId: entry.resultId, items: entry.items });
      }
      if (items.length > 0 || token.isCancellationRequested) return { items };
      await new Promise<void>((resolve) => {
        const wake = (): void => {
          this.waiters.delete(wake);
          cancel.dispose();
          resolve();
        };
        const cancel = token.onCancellationRequested(wake);
        this.waiters.add(wake);
      });
    }
  }
}
