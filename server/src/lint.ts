import type { ParseOptions } from './core/parse';
import { parseLines } from './core/parse';
import type { ParseProblem, ParseResult, Range, ReferatModel } from './core/model';
import { append, splitLines } from './core/text';
import { resolveConfig, type ResolvedConfig, type RuleSetting } from './config';
import { applyDisables, findDirectives } from './disable';
import { RULES, RULE_IDS } from './rules';
import type { Finding, Fix, Report, Rule, TextEdit } from './rules/types';
import { comparePos, TakenRanges } from './takenRanges';

export const DEFAULT_SEVERITIES: Record<string, RuleSetting> = Object.fromEntries(RULES.map((r) => [r.id, r.defaultSeverity]));

export function defaultConfig(): ResolvedConfig {
  return resolveConfig(undefined, RULE_IDS, DEFAULT_SEVERITIES).config;
}

export function parseOptions(config: ResolvedConfig): ParseOptions {
  return { totalLabels: config.totalLabels };
}

/** What a rule that threw leaves in its place. */
export interface RuleFailure {
  rule: string;
  error: unknown;
}

/**
 * Runs the enabled rules over a parsed document. A rule that throws is replaced by one
 * `internal-error` finding naming it; the other rules still report.
 */
export function runRules(
  parsed: ParseResult,
  lines: readonly string[],
  config: ResolvedConfig,
  rules: readonly Rule[] = RULES,
  onFailure?: (failure: RuleFailure) => void,
): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    const setting = config.rules[rule.id] ?? rule.defaultSeverity;
    if (setting === 'off') continue;
    if (!readsCertainly(rule, parsed.model)) continue;
    const own: Finding[] = [];
    try {
      rule.check({ model: parsed.model, lines, config }, (r: Report) => {
        const finding: Finding = { rule: rule.id, severity: lower(setting, r.severity), message: r.message, range: r.range };
        if (r.fix && r.fix.edits.length > 0) finding.fix = r.fix;
        own.push(finding);
      });
      append(findings, own);
    } catch (error) {
      onFailure?.({ rule: rule.id, error });
      findings.push({
        rule: 'internal-error',
        severity: 'error',
        message: {
          da: `Reglen ${rule.id} fejlede på dette dokument og er sprunget over: ${String((error as Error)?.message ?? error)}`,
          en: `The rule ${rule.id} failed on this document and was skipped: ${String((error as Error)?.message ?? error)}`,
        },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      });
    }
  }
  return findings;
}

/** Whether every part a rule reads was read with certainty (a model without certainty is taken as certain). */
export function readsCertainly(rule: Rule, model: ReferatModel): boolean {
  const certainty = model.certainty;
  return certainty === undefined || rule.reads.every((p) => certainty[p].certain);
}

const ORDER: Record<string, number> = { hint: 0, information: 1, warning: 2, error: 3 };

/** The configured severity, lowered where the rule is less sure (never raised). */
function lower(setting: Exclude<RuleSetting, 'off'>, own?: Finding['severity']): Finding['severity'] {
  if (own && ORDER[own] < ORDER[setting]) return own;
  return setting;
}

export interface LintResult {
  parsed: ParseResult;
  findings: Finding[];
  /** The text split into lines, as the parser and the rules read it. */
  lines: string[];
  /** How many disable comments the text has (`<!-- referat-disable … -->`). */
  disableComments: number;
}

/** A parser problem as a finding of rule `parse`. */
export function problemFinding(p: ParseProblem): Finding {
  return { rule: 'parse', severity: p.severity, message: p.message, range: p.range };
}

/**
 * Parses and lints a text with the given rules (all by default): the parser's own problems come
 * first, as rule `parse`; findings that a disable comment silences are dropped.
 */
export function lintText(
  text: string,
  config: ResolvedConfig = defaultConfig(),
  onFailure?: (f: RuleFailure) => void,
  rules: readonly Rule[] = RULES,
): LintResult {
  const lines = splitLines(text);
  const parsed = parseLines(lines, parseOptions(config));
  const all: Finding[] = parsed.problems.map(problemFinding);
  append(all, runRules(parsed, lines, config, rules, onFailure));
  const { directives, invalid } = findDirectives(lines);
  append(all, invalid);
  // With only some rules run, a comment for one of the others would look unused.
  const reportUnused = config.reportUnusedDisables && rules === RULES ? 'warning' : undefined;
  const findings = applyDisables(all, directives, { reportUnused });
  sortFindings(findings);
  return { parsed, findings, lines, disableComments: directives.length + invalid.length };
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0)
  );
}

/**
 * Sorts findings in place as `compareFindings` orders them, keeping the order of equals. The
 * positions are read once into arrays: the comparisons then do not follow each finding's range.
 */
export function sortFindings(findings: Finding[]): void {
  const n = findings.length;
  if (n < 64) {
    findings.sort(compareFindings);
    return;
  }
  const line = new Float64Array(n);
  const character = new Float64Array(n);
  const order = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    line[i] = findings[i].range.start.line;
    character[i] = findings[i].range.start.character;
    order[i] = i;
  }
  order.sort((i, j) => {
    const d = line[i] - line[j] || character[i] - character[j];
    if (d !== 0) return d;
    const a = findings[i].rule;
    const b = findings[j].rule;
    return a < b ? -1 : a > b ? 1 : i - j;
  });
  const sorted = order.map((i) => findings[i]);
  for (let i = 0; i < n; i++) findings[i] = sorted[i];
}

/** Line start offsets of a text, counting \r\n, \r and \n as one line end each. */
export function lineOffsets(text: string): number[] {
  const offsets = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      offsets.push(i + 1);
    } else if (c === 10) offsets.push(i + 1);
  }
  return offsets;
}

/** Edits by start, then end; edits at the same place keep their order. */
function inApplyOrder(edits: readonly TextEdit[]): TextEdit[] {
  return [...edits].sort((a, b) => comparePos(a.range.start, b.range.start) || comparePos(a.range.end, b.range.end));
}

/**
 * Applies edits that do not overlap; an edit that overlaps one already taken is left for the next
 * pass. Returns the text and the edits applied. The text is copied once, whatever the number of edits.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): { text: string; applied: TextEdit[] } {
  const offsets = lineOffsets(text);
  const toOffset = (p: Range['start']): number => {
    if (p.line >= offsets.length) return text.length;
    const lineEnd = p.line + 1 < offsets.length ? offsets[p.line + 1] : text.length;
    return Math.min(offsets[p.line] + p.character, lineEnd);
  };
  const sorted = inApplyOrder(edits);
  const taken: TextEdit[] = [];
  let lastEnd: Range['start'] | undefined;
  for (const e of sorted) {
    if (lastEnd && comparePos(e.range.start, lastEnd) < 0) continue;
    taken.push(e);
    lastEnd = e.range.end;
  }
  const pieces: string[] = [];
  let at = 0;
  for (const e of taken) {
    const start = Math.max(at, toOffset(e.range.start));
    pieces.push(text.slice(at, start), e.newText);
    // A range that ends before it starts replaces nothing.
    at = Math.max(start, toOffset(e.range.end));
  }
  pieces.push(text.slice(at));
  return { text: pieces.join(''), applied: taken };
}

/** The edits of whole fixes, in order, leaving out a fix whose edits overlap one taken before it (it waits for the next pass). */
export function pickFixes(fixes: readonly Fix[]): { edits: TextEdit[]; fixed: number } {
  const ranges: Range[] = [];
  for (const f of fixes) for (const e of f.edits) ranges.push(e.range);
  const taken = new TakenRanges(ranges);
  const edits: TextEdit[] = [];
  let fixed = 0;
  for (const fix of fixes) {
    if (fix.edits.some((e) => taken.overlaps(e.range))) continue;
    for (const e of fix.edits) taken.take(e.range);
    append(edits, fix.edits);
    fixed++;
  }
  return { edits, fixed };
}

/**
 * Applies every fix, finding by finding, whole fixes only (a fix whose edits overlap a fix
 * already taken waits for the next pass), and lints again, up to ten passes, as ESLint does.
 * `findings` are those of `text` when the caller has them, which saves the first lint. The result's
 * findings are those of the returned text whenever a pass linted it or the caller gave them, so
 * that no text is linted twice.
 */
export function fixAll(
  text: string,
  config: ResolvedConfig = defaultConfig(),
  onlyRule?: string,
  findings?: readonly Finding[],
): { text: string; fixed: number; passes: number; findings?: Finding[] } {
  let current = text;
  let fixed = 0;
  let passes = 0;
  // The findings of `current`, while known.
  let known: readonly Finding[] | undefined = findings;
  for (; passes < 10; passes++) {
    const found: readonly Finding[] = known ?? lintText(current, config).findings;
    known = found;
    const fixes = found.filter((f) => f.fix && (!onlyRule || f.rule === onlyRule)).map((f) => f.fix!);
    if (fixes.length === 0) break;
    const picked = pickFixes(fixes);
    fixed += picked.fixed;
    const next = applyEdits(current, picked.edits).text;
    if (next === current) break;
    current = next;
    known = undefined;
  }
  return { text: current, fixed, passes, ...(known ? { findings: [...known] } : {}) };
}

/**
 * The edits that fix the findings of one rule among `findings`, in the order applyEdits applies
 * them, when no two of their fixes overlap: then one pass fixes exactly those findings, with no
 * lint. Undefined when some overlap (those wait for a next pass, as in fixAll).
 */
export function ruleFixEdits(findings: readonly Finding[], rule: string): TextEdit[] | undefined {
  const fixes = findings.filter((f) => f.fix && f.rule === rule).map((f) => f.fix!);
  const picked = pickFixes(fixes);
  return picked.fixed === fixes.length ? inApplyOrder(picked.edits) : undefined;
}
