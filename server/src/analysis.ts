import type { Item, ParseResult, Range, ReferatModel } from './core/model';
import {
  decisionPlacement,
  decisionsLead,
  ourCommitteeTest,
  parseProblems,
  placeDecision,
  readItem,
  readItemHeading,
  totalLabelTest,
} from './core/parse';
import { learnScheme } from './core/layout/caseNumbers';
import { certaintyKey, readCertainty } from './core/certainty';
import { classifySection, isHistoryEntry } from './core/layout/sections';
import { evidenceBelow, readHeadingCandidate, tocIndex, weigh } from './core/layout/headings';
import { isMarkedHeading } from './core/lines';
import { shapeLine, type LineShape } from './core/lines';
import { append, replaceRange, splitLines } from './core/text';
import type { ResolvedConfig } from './config';
import { compareFindings, lintText, parseOptions, problemFinding, runRules, sortFindings, type RuleFailure } from './lint';
import { documentInputs, RULES } from './rules';
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
  /** The configuration it was made with: another one means a full analysis. */
  config?: ResolvedConfig;
  /** True when `reanalyze` re-read only the edited items (for tests and the benchmark). */
  incremental?: boolean;
  /** A rule failed on this document (an internal-error finding): the next edit gets a full analysis. */
  ruleFailed?: boolean;
  /** A lone \r ends a line: then an edit can merge two line ends, and only a full analysis is safe. */
  bareCarriageReturn?: boolean;
  /** The text has disable comments: they reach across items, so every edit gets a full analysis. */
  disableComments?: number;
  /** The text has an HTML comment, which the parser reads as blanks (maskComments) and the item-by-item path would read as text. */
  htmlComments?: boolean;
}

/** A change as LSP sends it: a range in the previous text and its replacement, or the whole new text. */
export interface TextChange {
  range?: Range;
  text: string;
}

const ITEM_RULES = RULES.filter((r) => r.scope === 'item');
const DOCUMENT_RULES = RULES.filter((r) => r.scope === 'document');
const ITEM_RULE_IDS = new Set(ITEM_RULES.map((r) => r.id));

/** Parses and lints a whole text. */
export function analyze(text: string, config: ResolvedConfig, onFailure?: (f: RuleFailure) => void): Analysis {
  const { parsed, findings, lines, disableComments } = lintText(text, config, onFailure);
  return {
    text,
    lines,
    parsed,
    findings,
    config,
    bareCarriageReturn: hasBareCarriageReturn(text),
    ruleFailed: hasInternalError(findings),
    disableComments,
    htmlComments: text.includes('<!--'),
  };
}

/**
 * The analysis of `text`, which is `previous.text` with `changes` applied in order. Its result
 * equals `analyze(text, config)`. An edit inside one item re-reads that item only, re-runs the
 * per-item rules on it and the document-wide rules on the model; the other items and their
 * findings are reused, moved by the lines the edit added or removed. Anything else (an edit in the
 * header or the table of contents, one that makes or breaks an item heading, or spans two items)
 * falls back to a full analysis. The previous analysis is handed over and must not be used after:
 * its arrays are reused, in place where no lines were added or removed.
 */
export function reanalyze(
  previous: Analysis,
  text: string,
  changes: readonly TextChange[],
  config: ResolvedConfig,
  onFailure?: (f: RuleFailure) => void,
): Analysis {
  if (
    previous.config !== config ||
    previous.bareCarriageReturn !== false ||
    previous.ruleFailed !== false ||
    previous.disableComments !== 0
  )
    return analyze(text, config, onFailure);
  // The parser reads HTML comments as blanks (maskComments); the item-by-item path reads the lines as they are.
  if (previous.htmlComments !== false) return analyze(text, config, onFailure);
  let current: Analysis | undefined = previous;
  for (const change of changes) {
    current = applyChange(current, change, config, onFailure);
    if (!current) return analyze(text, config, onFailure);
  }
  // The changes were applied to the lines; the text the caller gives is the same document.
  return { ...current, text };
}

function hasBareCarriageReturn(text: string): boolean {
  for (let i = text.indexOf('\r'); i !== -1; i = text.indexOf('\r', i + 1)) if (text.charCodeAt(i + 1) !== 10) return true;
  return false;
}

function hasInternalError(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.rule === 'internal-error');
}

/** One change applied to an analysis, or undefined when it needs a full one. */
function applyChange(
  previous: Analysis,
  change: TextChange,
  config: ResolvedConfig,
  onFailure?: (f: RuleFailure) => void,
): Analysis | undefined {
  if (!change.range) return undefined;
  const inserted = change.text;
  // A \r at either end of the inserted text could pair with a neighbouring \n; a lone \r inside it makes such pairs possible later.
  if (inserted.startsWith('\n') || inserted.endsWith('\r') || hasBareCarriageReturn(inserted)) return undefined;
  const oldLines = previous.lines;
  const start = clampPosition(change.range.start, oldLines);
  const end = clampPosition(change.range.end, oldLines);
  if (end.line < start.line || (end.line === start.line && end.character < start.character)) return undefined;

  const { model } = previous.parsed;
  const k = itemIndexAt(model.items, start.line);
  // Line 0 is part of the header even when an item starts on it.
  if (k < 0 || start.line === 0) return undefined;
  const item = model.items[k];
  if (end.line > item.endLine) return undefined;

  const replacement = splitLines(oldLines[start.line].slice(0, start.character) + inserted + oldLines[end.line].slice(end.character));
  // A disable comment typed in (or completed) silences findings in other items too.
  if (replacement.some((l) => l.includes('referat-') || l.includes('<!--'))) return undefined;
  const delta = replacement.length - (end.line - start.line + 1);
  // The layout step chooses headings from the whole document: from what a heading's first lines say, from the sections
  // before a heading-shaped line, and from every heading-shaped line. An edit that could change any of that is read in full.
  // An edit of the heading line: it must keep its shape, its number and what the table of contents says of it.
  const onHeading = start.line === item.line;
  if (
    onHeading &&
    (!sameHeadingWeight(oldLines, replacement[0], item.line, model.toc) ||
      oldLines[start.line].includes('\f') ||
      replacement[0].includes('\f'))
  )
    return undefined;
  // Page furniture (form feeds, running headers) is found document-wide too.
  if (model.layout.pageBreaks > 0 || model.layout.pageFurnitureLines > 0) return undefined;
  // Read across items too: a meeting date that only the decision headings state, and case numbers printed above the next heading.
  if (
    model.meeting.date === undefined ||
    (model.meeting.dateRange !== undefined && model.meeting.dateRange.start.line >= model.items[0].line)
  )
    return undefined;
  if (model.items.some((i) => i.caseNumbers.length > 0 && i.caseNumbers[0].range.start.line < i.line)) return undefined;
  let sectionChanged = false;
  for (const line of [
    ...oldLines.slice(onHeading ? start.line + 1 : start.line, end.line + 1),
    ...(onHeading ? replacement.slice(1) : replacement),
  ]) {
    const change = layoutChange(line);
    if (change === 'heading') return undefined;
    if (change === 'section') sectionChanged = true;
  }

  // The previous analysis is handed over: when no lines are added or removed, its arrays are updated in place.
  const oldInputs = documentInputs(item, oldLines);
  const oldEvidence = start.line <= item.line + HEADING_WINDOW ? headingEvidence(oldLines, item.line) : undefined;
  const lines = delta === 0 ? oldLines : oldLines.slice();
  replaceRange(lines, start.line, end.line + 1, replacement);

  const newEnd = item.endLine + delta;
  // What the lines below the heading say of it (a case number, a section) must stay as it was.
  if (oldEvidence !== undefined && oldEvidence !== headingEvidence(lines, item.line)) return undefined;
  // A section heading changes the context of the heading-shaped lines after it: of the item's own, and of the next heading where little else speaks for it.
  if (sectionChanged) {
    for (let i = item.line + 1; i <= newEnd; i++) if (readItemHeading(lines[i], shapeLine(lines[i])) !== undefined) return undefined;
    const next = model.items[k + 1];
    if (next && !readsAsHeadingAlone(lines, next.line + delta, model.toc)) return undefined;
  }
  // readItem reads the shapes of its own lines only; the rest of the (sparse) array stays empty.
  const shapes: LineShape[] = [];
  for (let i = item.line; i <= newEnd; i++) shapes[i] = shapeLine(lines[i]);
  const heading = readItemHeading(lines[item.line], shapes[item.line]);
  if (!heading) return undefined;
  const tocTitle = model.toc.find((e) => e.number === item.number)?.title;
  const reread = readItem(lines, shapes, item.line, newEnd, heading, {
    isOurCommittee: ourCommitteeTest(model.meeting),
    isTotalLabel: totalLabelTest(parseOptions(config)),
    tocTitle,
  });

  const items: Item[] = delta === 0 ? model.items : model.items.slice();
  // Where the document puts its decisions and its case-number scheme are read from all items: they are read again
  // only when the edited item's part in them changed (in O(items); most keystrokes change neither).
  const sameRole = decisionRole(item) === decisionRole(reread);
  const leadMode = sameRole ? model.layout.decisions === 'lead' && decisionsLead(items) : decisionsLead(items);
  items[k] = reread;
  if (!sameRole && decisionsLead(items) !== leadMode) {
    items[k] = item;
    return undefined;
  }
  placeDecision(reread, leadMode, lines, shapes);
  if (delta !== 0) for (let j = k + 1; j < items.length; j++) items[j] = shiftLines(items[j], delta);
  const sameNumbers = caseNumberKey(item) === caseNumberKey(reread);
  const layout =
    sameRole && sameNumbers
      ? model.layout
      : {
          ...model.layout,
          caseNumberScheme: sameNumbers ? model.layout.caseNumberScheme : learnScheme(items),
          decisions: sameRole ? model.layout.decisions : decisionPlacement(items),
        };
  const read = { ...model, items, lineCount: lines.length, layout };
  // Certainty reads all items (10 ms on 1 MB): read again only where the edit changed what it reads of this one.
  const sameCertainty = layout === model.layout && certaintyInputs(item) === certaintyInputs(reread);
  const newModel = { ...read, certainty: sameCertainty ? model.certainty : readCertainty(read) };
  // What is read with certainty decides which checks speak in every item: where the edit changes it, all are run again.
  if (certaintyKey(newModel.certainty) !== certaintyKey(model.certainty)) {
    if (delta === 0) items[k] = item;
    return undefined;
  }
  // The parser's problems about an item concern its title; when that and the lines stay, so do they all.
  const sameProblems =
    delta === 0 &&
    Boolean(item.title) === Boolean(reread.title) &&
    JSON.stringify(item.headingRange) === JSON.stringify(reread.headingRange);
  const parsed: ParseResult = { model: newModel, problems: sameProblems ? previous.parsed.problems : parseProblems(newModel, lines) };

  // Typing inside an item's text changes nothing the document rules read: their findings stand.
  const documentRulesStand = delta === 0 && oldInputs === documentInputs(reread, lines);
  const ownFindings = runRules({ model: { ...newModel, items: [reread] }, problems: [] }, lines, config, ITEM_RULES, onFailure);
  let findings: Finding[];
  if (documentRulesStand) {
    // Previous findings stay in order; only the edited item's block is rebuilt: its document-rule findings, its new parse and item-rule ones.
    findings = replaceBlock(previous.findings, item, (old) => {
      const block = old.filter((f) => !ITEM_RULE_IDS.has(f.rule) && f.rule !== 'parse');
      for (const p of parsed.problems)
        if (p.range.start.line >= item.line && p.range.start.line <= item.endLine) block.push(problemFinding(p));
      append(block, ownFindings);
      return block.sort(compareFindings);
    });
  } else {
    findings = parsed.problems.map(problemFinding);
    for (const f of previous.findings) {
      if (!ITEM_RULE_IDS.has(f.rule)) continue;
      const line = f.range.start.line;
      if (line < item.line) findings.push(f);
      else if (line > item.endLine) findings.push(delta === 0 ? f : shiftLines(f, delta));
    }
    append(findings, ownFindings);
    append(findings, runRules(parsed, lines, config, DOCUMENT_RULES, onFailure));
    sortFindings(findings);
  }
  const ruleFailed = hasInternalError(documentRulesStand ? ownFindings : findings);
  return {
    text: previous.text,
    lines,
    parsed,
    findings,
    config,
    bareCarriageReturn: false,
    ruleFailed,
    incremental: true,
    disableComments: 0,
    htmlComments: false,
  };
}

/** What certainty reads of an item (core/certainty.ts): its number and title, whether it is closed, has structure below its heading, and its decision. */
function certaintyInputs(item: Item): string {
  const d = item.decision;
  return `${item.number}|${item.title}|${item.closed}|${item.sections.length > 0}|${item.caseNumbers.length > 0}|${d === null ? '-' : d.headless ? 'h' : 'd'}|${d?.date ?? ''}`;
}

/** What an item counts for in where the document puts its decisions: closed, headed, with leading text. */
function decisionRole(item: Item): string {
  return `${item.closed}|${Boolean(item.decision && !item.decision.headless)}|${Boolean(item.lead)}`;
}

function caseNumberKey(item: Item): string {
  return item.caseNumbers.map((c) => `${c.kind} ${c.text}`).join('|');
}

/** Lines below a heading whose text is evidence that it heads an item (see core/layout/headings.ts). */
const HEADING_WINDOW = 8;

function sameHeadingWeight(oldLines: readonly string[], newLine: string, line: number, toc: ReferatModel['toc']): boolean {
  const before = readHeadingCandidate(oldLines[line], shapeLine(oldLines[line]));
  const after = readHeadingCandidate(newLine, shapeLine(newLine));
  if (!before || !after || before.key !== after.key || before.numberText !== after.numberText) return false;
  const index = tocIndex(toc);
  return weigh(before, 0, index, undefined) === weigh(after, 0, index, undefined);
}

/** Whether the heading on `line` has evidence enough that the section it stands after cannot change its reading. */
function readsAsHeadingAlone(lines: readonly string[], line: number, toc: ReferatModel['toc']): boolean {
  const candidate = readHeadingCandidate(lines[line], shapeLine(lines[line]));
  return candidate !== undefined && weigh(candidate, headingEvidence(lines, line), tocIndex(toc), undefined) >= 3;
}

function headingEvidence(lines: readonly string[], line: number): number {
  const shapes: LineShape[] = [];
  for (let i = line; i < lines.length && i <= line + HEADING_WINDOW; i++) shapes[i] = shapeLine(lines[i]);
  return evidenceBelow(lines, shapes, line, (l) => readItemHeading(lines[l], shapes[l]) !== undefined);
}

/** What a line could change in the layout: a heading-shaped line the choice of headings, a section heading or a retold meeting the context of the lines after it. */
function layoutChange(raw: string): 'heading' | 'section' | undefined {
  // A form feed is a page break, read document-wide (page furniture), even on a line that is otherwise blank.
  if (raw.includes('\f')) return 'heading';
  const shape = shapeLine(raw);
  if (shape.blank) return undefined;
  if (readItemHeading(raw, shape) !== undefined) return 'heading';
  if (classifySection(shape.content, !isMarkedHeading(shape)) || isHistoryEntry(shape.content)) return 'section';
  return undefined;
}

/** Findings sorted by line, with those inside `item` replaced by `block(old ones)`, in place; found by binary search. */
function replaceBlock(list: Finding[], item: Item, block: (old: Finding[]) => Finding[]): Finding[] {
  const firstAtOrAfter = (line: number): number => {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].range.start.line < line) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const from = firstAtOrAfter(item.line);
  const to = firstAtOrAfter(item.endLine + 1);
  replaceRange(list, from, to, block(list.slice(from, to)));
  return list;
}

function clampPosition(p: Range['start'], lines: readonly string[]): Range['start'] {
  if (p.line >= lines.length) return { line: lines.length - 1, character: lines[lines.length - 1].length };
  const line = Math.max(0, p.line);
  return { line, character: Math.max(0, Math.min(p.character, lines[line].length)) };
}

/** The index of the item whose lines hold `line`, or -1 before the first item. */
function itemIndexAt(items: readonly Item[], line: number): number {
  let lo = 0;
  let hi = items.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid].line <= line) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

const LINE_KEYS = new Set(['line', 'endLine', 'afbudLine']);

/** A copy of a model part or a finding with every line number moved by `delta`. */
function shiftLines<T>(value: T, delta: number): T {
  if (Array.isArray(value)) return value.map((v) => shiftLines(v, delta)) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = LINE_KEYS.has(key) && typeof v === 'number' ? v + delta : shiftLines(v, delta);
  return out as T;
}
