import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, reanalyze, type Analysis, type TextChange } from '../analysis';
import { lintText, type RuleFailure } from '../lint';
import { RULES } from '../rules';
import type { ResolvedConfig } from '../config';

/** Above this size a document gets the parser and the cheap, single-pass checks only. */
export const LARGE_DOCUMENT = 20 * 1024 * 1024;
const CHEAP_RULES = RULES.filter((r) => ['missing-decision', 'empty-decision', 'item-numbering', 'case-number-future'].includes(r.id));

interface Entry {
  /** The stamp of the text it analysed. */
  stamp: number;
  generation: number;
  analysis: Analysis;
  large: boolean;
}

/**
 * One analysis per state of an open document's text, shared by every feature. Content changes
 * recorded between states go to `reanalyze`, which may reuse what they did not touch. Each state
 * has a stamp, new with every change whatever version number the editor gives it.
 */
export class AnalysisStore {
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<string, TextChange[]>();
  private readonly stamps = new Map<string, number>();
  private lastStamp = 0;
  /** Bumped when the configuration changes: every cached analysis is stale. */
  generation = 0;

  constructor(
    private readonly configFor: (uri: string) => ResolvedConfig,
    private readonly onFailure: (f: RuleFailure) => void,
    private readonly onLarge: (uri: string) => void,
  ) {}

  /** The document's text changed (or may have): what was analysed before is stale. */
  touch(uri: string): number {
    this.stamps.set(uri, ++this.lastStamp);
    return this.lastStamp;
  }

  private stampOf(uri: string): number {
    return this.stamps.get(uri) ?? this.touch(uri);
  }

  /** Called from the document sync with the changes of each update, in order. */
  recordChanges(uri: string, changes: readonly TextChange[]): void {
    this.touch(uri);
    if (!this.entries.has(uri)) return;
    const list = this.pending.get(uri) ?? [];
    for (const c of changes) list.push(c.range ? { range: c.range, text: c.text } : { text: c.text });
    this.pending.set(uri, list);
  }

  get(doc: TextDocument): Analysis {
    const entry = this.entries.get(doc.uri);
    const stamp = this.stampOf(doc.uri);
    if (entry && entry.stamp === stamp && entry.generation === this.generation) return entry.analysis;
    const text = doc.getText();
    const config = this.configFor(doc.uri);
    const changes = this.pending.get(doc.uri);
    this.pending.delete(doc.uri);
    let analysis: Analysis;
    const large = text.length > LARGE_DOCUMENT;
    if (large) {
      if (!entry?.large) this.onLarge(doc.uri);
      analysis = cheapAnalysis(text, config, this.onFailure);
    } else if (entry && !entry.large && entry.generation === this.generation && changes && changes.length > 0) {
      analysis = reanalyze(entry.analysis, text, changes, config, this.onFailure);
    } else {
      analysis = analyze(text, config, this.onFailure);
    }
    this.entries.set(doc.uri, { stamp, generation: this.generation, analysis, large });
    return analysis;
  }

  /** The result id of a document's diagnostics: stands for the text and the configuration, not the version the editor gave. */
  resultId(doc: TextDocument): string {
    return `${this.stampOf(doc.uri)}:${this.generation}`;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
    this.pending.delete(uri);
    this.stamps.delete(uri);
  }

  invalidate(): void {
    this.generation++;
    this.pending.clear();
  }
}

/** The parser and the single-pass checks, for documents too large for the full set. */
function cheapAnalysis(text: string, config: ResolvedConfig, onFailure: (f: RuleFailure) => void): Analysis {
  const { parsed, findings, lines } = lintText(text, config, onFailure, CHEAP_RULES);
  return { text, lines, parsed, findings };
}
