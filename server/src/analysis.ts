import type { ParseResult, Range } from './core/model';
import { splitLines } from './core/text';
import type { ResolvedConfig } from './config';
import { lintText, type RuleFailure } from './lint';
import type { Finding } from './rules/types';

/**
 * One document's analysis: its text, lines, model and findings. The language server keeps one per
 * document version and every feature reads from it; the CLI and the tests make one with `analyze`.
 */
export interface Analysis {
  text: string;
  lines: string[];
  parsed: ParseResult;
  findings: Finding[];
}

/** A change as LSP sends it: a range in the previous text and its replacement, or the whole new text. */
export interface TextChange {
  range?: Range;
  text: string;
}

/** Parses and lints a whole text. */
export function analyze(text: string, config: ResolvedConfig, onFailure?: (f: RuleFailure) => void): Analysis {
  const { parsed, findings } = lintText(text, config, onFailure);
  return { text, lines: splitLines(text), parsed, findings };
}

/**
 * The analysis of `text`, which is `previous.text` with `changes` applied in order. Its result must
 * equal `analyze(text, config)`; it may reuse what the changes did not touch.
 */
export function reanalyze(previous: Analysis, text: string, changes: readonly TextChange[], config: ResolvedConfig, onFailure?: (f: RuleFailure) => void): Analysis {
  void previous;
  void changes;
  return analyze(text, config, onFailure);
}
