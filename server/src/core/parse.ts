import type { CaseNumber, Decision, Item, Meeting, NameRef, ParseProblem, ParseResult, Quotation, ReferatModel, Section } from './model';
import { readCertainty } from './certainty';
import { findDates } from './danish';
import { isMarkedHeading, maskComments, type LineShape } from './lines';
import { append, leadLetter, lineRange, nfc, NONE, range, splitLines, trimmedEnd } from './text';
import { isAbsenceLine, readAbsentees, readPartialAbsence, readPrevented } from './layout/absence';
import { isCaseLabelLine, isOpenClosedMark, learnScheme, readCaseNumbers } from './layout/caseNumbers';
import { readHeadingCandidate, similarTitles, type ItemHeading } from './layout/headings';
import { readLayout } from './layout/index';
import { classifyLine, classifySection, isHistoryEntry, QUOTED_DATE_LABEL, QUOTED_MEETING_LABEL, type Classified } from './layout/sections';
import { isTableLine, readTables, totalLabelTest } from './layout/tables';
import { joinWrappedTitle as joinWrapped } from './layout/toc';
import { readSignatures, readVotes } from './votes';

export { totalLabelTest };
export { classifySection } from './layout/sections';
export { splitNames } from './layout/absence';
export { dotLeader, pageAfterTab, readTocLine } from './layout/toc';
export { readReferatTitle } from './layout/header';
export type { ItemHeading } from './layout/headings';

/** Options that change what the parser recognises. */
export interface ParseOptions {
  /** Extra labels for total rows, besides I alt, Total, Samlet, Sum. */
  totalLabels?: string[];
}

/** What reading one item needs to know about the document. */
export interface ItemContext {
  isOurCommittee?: (name: string) => boolean;
  isTotalLabel: (label: string) => boolean;
  /** The table of contents' title for this item's number, to tell a wrapped title from the text below it. */
  tocTitle?: string;
  /** The section heading a line is, where the layout step has read it already. */
  sectionOf?: (line: number) => Classified | undefined;
}

/**
 * Reads a referat. Never throws: what it cannot read is left out of the model and, where a
 * reader would want to know, reported as a problem.
 */
export function parse(text: string, options: ParseOptions = {}): ParseResult {
  return parseLines(splitLines(text), options);
}

/** `parse` for a text already split with `splitLines`, so that the callers that need the lines split it once. */
export function parseLines(text: string[], options: ParseOptions = {}): ParseResult {
  const lines = maskComments(text);
  const layout = readLayout(lines);
  const { shapes, headings, meeting, toc, tocLine, tocEnd } = layout;
  const isTotalLabel = totalLabelTest(options);
  const isOurCommittee = ourCommitteeTest(meeting);
  const tocByNumber = new Map<number, string>();
  for (const e of toc) if (e.number !== undefined && !tocByNumber.has(e.number)) tocByNumber.set(e.number, e.title);

  const items: Item[] = [];
  const context: ItemContext = { isOurCommittee, isTotalLabel, tocTitle: undefined, sectionOf: layout.sectionOf };
  for (let k = 0; k < headings.length; k++) {
    const start = headings[k].line;
    const end = k + 1 < headings.length ? headings[k + 1].line - 1 : lines.length - 1;
    context.tocTitle = tocByNumber.size > 0 ? tocByNumber.get(Number(headings[k].numberText)) : undefined;
    const item = readItem(lines, shapes, start, end, headings[k], context);
    if (item.caseNumbers.length === 0) {
      // Some systems print the case number above the heading: it ends the item before, when it stands below that item's heading.
      const previous = items[items.length - 1];
      const above = caseNumbersAbove(lines, shapes, start, previous ? previous.line + previous.headingLines : 0);
      if (above) {
        item.caseNumbers = above.numbers;
        if (previous) {
          context.tocTitle = tocByNumber.size > 0 && previous.number !== null ? tocByNumber.get(previous.number) : undefined;
          const shortened = readItem(lines, shapes, previous.line, above.line - 1, headings[k - 1], context);
          if (shortened.caseNumbers.length === 0) shortened.caseNumbers = previous.caseNumbers;
          items[items.length - 1] = shortened;
        }
      }
    }
    items.push(item);
  }
  for (let k = 0; k < layout.unheaded.length; k++) {
    const start = layout.unheaded[k];
    const end = k + 1 < layout.unheaded.length ? layout.unheaded[k + 1] - 1 : lines.length - 1;
    items.push(readUnheadedItem(lines, shapes, start, end, context));
  }
  const decisions = placeDecisions(items, lines, shapes);
  if (meeting.date === undefined) dateFromDecisions(meeting, items);

  const firstItemLine = items.length > 0 ? items[0].line : lines.length;
  const tocLast = tocEnd ?? Math.max(tocLine ?? 0, firstItemLine - 1);
  const read: Omit<ReferatModel, 'certainty'> = {
    meeting,
    layout: { ...layout.summary, caseNumberScheme: learnScheme(items), decisions },
    toc,
    tocLine,
    tocRange: tocLine !== undefined ? range(tocLine, 0, tocLast, lines[tocLast]?.length ?? 0) : undefined,
    items,
    lineCount: lines.length,
  };
  const model: ReferatModel = { ...read, certainty: readCertainty(read) };
  return { model, problems: parseProblems(model, lines) };
}

/**
 * A header that states no date leaves the decision headings to say it (`Beslutning i X den
 * 17-01-2018`): the date most of them name, where they agree.
 */
function dateFromDecisions(meeting: Meeting, items: readonly Item[]): void {
  const counts = new Map<string, number>();
  let dated = 0;
  for (const item of items) {
    const date = item.decision?.date;
    if (!date) continue;
    dated++;
    counts.set(date, (counts.get(date) ?? 0) + 1);
  }
  for (const [date, n] of counts) {
    if (n * 2 <= dated) continue;
    const first = items.find((i) => i.decision?.date === date)!.decision!;
    meeting.date = date;
    meeting.dateRange = first.dateRange;
    return;
  }
}

/**
 * Where the document puts its decisions. Where it heads none (some systems print the decision first
 * in the item, without a heading), an item's leading text is its decision; a closed item's one line
 * is its decision in any layout. Returns the placement for the layout summary.
 */
export function placeDecisions(items: Item[], lines: readonly string[], shapes: readonly LineShape[]): 'headed' | 'lead' | 'none' {
  const leadMode = decisionsLead(items);
  for (const item of items) placeDecision(item, leadMode, lines, shapes);
  return decisionPlacement(items);
}

/**
 * Whether the document puts its decisions first in the item without a heading: it heads none, and
 * most of its open items (two at least) have text before their first section.
 */
export function decisionsLead(items: readonly Item[]): boolean {
  let open = 0;
  let leads = 0;
  for (const i of items) {
    if (i.closed) continue;
    if (i.decision && !i.decision.headless) return false;
    open++;
    if (i.lead) leads++;
  }
  return leads >= 2 && leads * 2 >= open;
}

/** Gives an item without a decision heading its leading text as decision, where the layout says so. */
export function placeDecision(item: Item, leadMode: boolean, lines: readonly string[], shapes: readonly LineShape[]): void {
  if (!item.decision || item.decision.headless)
    item.decision =
      item.lead && (item.closed || leadMode) ? readDecisionLines(lines, shapes, item.lead.line, item.lead.endLine, true) : null;
  // The votes are the placed decision's, so they are read here, where the editor's re-read of one item comes too.
  const votes = readVotes(item, lines);
  if (votes) item.votes = votes;
  const signatures = readSignatures(item, lines);
  if (signatures) item.signatures = signatures;
}

export function decisionPlacement(items: readonly Item[]): 'headed' | 'lead' | 'none' {
  if (items.some((i) => i.decision && !i.decision.headless)) return 'headed';
  return items.some((i) => i.decision) ? 'lead' : 'none';
}

/** Whether a committee named in a decision heading is the meeting's own; undefined when the header names none. */
export function ourCommitteeTest(meeting: Meeting): ((name: string) => boolean) | undefined {
  return meeting.committee?.text ? committeeMatcher(meeting.committee.text) : undefined;
}

/** Recognises an item heading on one line, of any shape the layout step knows, or undefined. */
export function readItemHeading(raw: string, shape: LineShape): ItemHeading | undefined {
  return readHeadingCandidate(raw, shape);
}

const LOOKED_FOR = '"Punkt 1: Titel", "Punkt 1. Titel", "Pkt. 1 Titel", "Sag 1 Titel", "1. XX - Titel", "1. Titel"';

/** The parser's own problems, read off the finished model. */
export function parseProblems(model: ReferatModel, lines: readonly string[]): ParseProblem[] {
  const { items, meeting, layout } = model;
  const problems: ParseProblem[] = [];
  if (items.length === 0 && lines.some((l) => l.trim())) {
    const others = layout.bodyLinesOfOtherShapes;
    problems.push({
      message: {
        da: `Ingen punkter fundet: der blev ledt efter overskrifter som ${LOOKED_FOR}, med eller uden # og fed skrift${others > 0 ? `; ${others} linjer har den form, men intet andet i dokumentet viser dem som punkter` : ''}.`,
        en: `No items found: looked for headings such as ${LOOKED_FOR.replace(/Titel/g, 'Title')}, with or without # or bold${others > 0 ? `; ${others} lines have that shape, but nothing else in the document shows them as items` : ''}.`,
      },
      severity: 'information',
      range: lineRange(0, 0, lines[0].length),
    });
  }
  for (const item of items) {
    if (!item.title && item.number !== null) {
      problems.push({
        message: { da: `Punkt ${item.numberText} har ingen titel.`, en: `Item ${item.numberText} has no title.` },
        severity: 'warning',
        range: item.headingRange,
      });
    }
  }
  if (items.length > 0) {
    const missing: Array<[string, string]> = [];
    if (meeting.date === undefined)
      missing.push([
        'mødedatoen (fx "Mødedato: 27. november 2024"); datokontrollerne springes over',
        'the meeting date (e.g. "Mødedato: 27. november 2024"); the date checks are skipped',
      ]);
    if (meeting.members.length === 0)
      missing.push([
        'medlemslisten (fx "Medlemmer:"); navne i afbud kontrolleres ikke mod den',
        'the member list (e.g. "Medlemmer:"); absentees are not checked against it',
      ]);
    if (missing.length > 0) {
      problems.push({
        message: {
          da: `Layoutet er kun delvist forstået: ${missing.map((m) => m[0]).join('; ')}.`,
          en: `The layout is only partly understood: could not read ${missing.map((m) => m[1]).join('; ')}.`,
        },
        severity: 'information',
        range: meeting.headerRange,
      });
    }
  }
  return problems;
}

/** Lines that continue a heading's title: the next lines up to the case number or the first section. */
function titleContinuation(
  lines: readonly string[],
  shapes: readonly LineShape[],
  start: number,
  end: number,
  title: string,
  tocTitle: string | undefined,
): number {
  const shape = shapes[start];
  const raw = lines[start];
  const unclosedBold = shape.bold && !raw.trimEnd().endsWith('**');
  let last = start;
  let text = title;
  for (let j = start + 1; j <= Math.min(end, start + 2); j++) {
    const next = shapes[j];
    if (next.blank || isStructural(lines[j], next)) break;
    const nextRaw = lines[j];
    const boldClose = next.bold && nextRaw.trimEnd().endsWith('**') && !nextRaw.trimStart().startsWith('**');
    const cont = next.content.replace(/\*\*$/, '').trim();
    const joined = joinWrapped(text, cont);
    const fitsToc = tocTitle !== undefined && similarTitles(tocTitle, joined) && !similarTitles(tocTitle, text);
    // "up to the case-number line or the first section": a short line followed by one of them.
    const following = nextNonBlank(shapes, j, end);
    const beforeStructure =
      following !== undefined &&
      (following === j + 1 || endsOpen(text)) &&
      isStructural(lines[following], shapes[following]) &&
      cont.length <= 120 &&
      !/[.!?]$/.test(cont);
    const continues =
      (unclosedBold && j === start + 1) || /^[a-zæøå(–-]/.test(next.content) || boldClose || fitsToc || (beforeStructure && Boolean(title));
    if (!continues) break;
    text = joined;
    last = j;
    if (tocTitle !== undefined && similarTitles(tocTitle, text) && titleKeyLength(tocTitle) <= titleKeyLength(text)) break;
  }
  return last;
}

/** A title that stops on a word that cannot end one (`og`, `for`, a comma): the next line goes on with it. */
function endsOpen(title: string): boolean {
  return /(?:\s(?:og|i|for|af|til|med|om|på|samt|eller|ved|fra|under|efter|mellem|de|den|det|en|et)|[,–-])$/i.test(title);
}

function nextNonBlank(shapes: readonly LineShape[], line: number, end: number): number | undefined {
  for (let i = line + 1; i <= end && i <= line + 3; i++) if (!shapes[i].blank) return i;
  return undefined;
}

function titleKeyLength(t: string): number {
  return t.replace(/[^\p{L}\p{N}]+/gu, '').length;
}

/** A line that is part of an item's structure: a case number, a section, a table, absence, or `Åben sag`. */
function isStructural(raw: string, shape: LineShape): boolean {
  if (isCaseLabelLine(raw) || isOpenClosedMark(shape.content) || isAbsenceLine(raw) || isTableLine(raw)) return true;
  if (classifySection(shape.content, true)) return true;
  return readCaseNumbers([raw], [shape], 0, 0).length > 0;
}

const LUKKET = /lukket/i;
/** A closed mark after the title: `Title (Lukket)`, `Title - Lukket punkt`, `Title - LUKKET SAG`. */
const CLOSED_AT_END = /(?:\(\s*lukket(?:\s+(?:punkt|sag))?\s*\)|[-–]\s*lukket(?:\s+(?:punkt|sag))?)\s*$/i;

/** The case numbers on the line of text right above a heading (`Sagsnr.: 21/1234`, or the number alone), not above `floor`. */
function caseNumbersAbove(
  lines: readonly string[],
  shapes: readonly LineShape[],
  heading: number,
  floor: number,
): { line: number; numbers: CaseNumber[] } | undefined {
  let line = heading - 1;
  while (line >= floor && shapes[line].blank) line--;
  if (line < floor || heading - line > 4) return undefined;
  // Right below the item above's heading (or its Åben/Lukket mark), with nothing else of that item before it, the number is that item's own (a closed item with no body).
  if (floor > 0 && nothingAbove(shapes, floor, line)) return undefined;
  const numbers = readCaseNumbers(lines, shapes, line, line);
  return numbers.length > 0 ? { line, numbers } : undefined;
}

function nothingAbove(shapes: readonly LineShape[], from: number, line: number): boolean {
  for (let i = from; i < line; i++) if (!shapes[i].blank && !isOpenClosedMark(shapes[i].content)) return false;
  return true;
}

/** The line that holds the title of a heading that is only a number: the next line of text, when it is no part of the item's structure. */
function titleBelow(lines: readonly string[], shapes: readonly LineShape[], start: number, end: number): number | undefined {
  const next = nextNonBlank(shapes, start, end);
  if (next === undefined || isStructural(lines[next], shapes[next]) || shapes[next].content.length > 200) return undefined;
  return next;
}

export function readItem(
  lines: readonly string[],
  shapes: readonly LineShape[],
  start: number,
  end: number,
  heading: ItemHeading,
  context: ItemContext,
): Item {
  const shape = shapes[start];
  // A number alone on its line (`Pkt. 42`, `121.`) has its title on the next line of text.
  const below = heading.title ? undefined : titleBelow(lines, shapes, start, end);
  if (below !== undefined)
    heading = { ...heading, title: shapes[below].content.replace(/\*\*/g, '').trim(), titleStart: shapes[below].start };
  const headingEndLine = below ?? titleContinuation(lines, shapes, start, end, heading.title, context.tocTitle);
  let title = heading.title;
  if (below === undefined)
    for (let j = start + 1; j <= headingEndLine; j++) title = joinWrapped(title, shapes[j].content.replace(/\*\*$/, '').trim());
  const titleEnd =
    headingEndLine === start || below !== undefined
      ? heading.titleStart + heading.title.length
      : shapes[headingEndLine].start + shapes[headingEndLine].content.replace(/\*\*$/, '').trimEnd().length;
  const closed = LUKKET.test(title) && (/^Lukket\b/i.test(title) || /\bLukket\s*:/i.test(title) || CLOSED_AT_END.test(title));
  const item: Item = {
    number: Number(heading.numberText),
    numberText: heading.numberText,
    numberRange: lineRange(start, heading.numberStart, heading.numberStart + heading.numberText.length),
    title,
    titleRange:
      headingEndLine === start
        ? lineRange(start, heading.titleStart, titleEnd)
        : range(below ?? start, heading.titleStart, headingEndLine, titleEnd),
    line: start,
    endLine: end,
    headingRange: range(start, shape.start, headingEndLine, headingEndLine === start ? shape.end : shapes[headingEndLine].end),
    headingLines: headingEndLine - start + 1,
    style: shape.style,
    level: shape.level,
    closed,
    caseNumbers: readCaseNumbers(lines, shapes, headingEndLine + 1, end),
    sections: NONE,
    decision: null,
    tables: readTables(lines, shapes, headingEndLine + 1, end, context.isTotalLabel),
    quotations: NONE,
    partialAbsentees: NONE,
  };
  const afterCaseNumbers =
    item.caseNumbers.length > 0 ? item.caseNumbers[item.caseNumbers.length - 1].range.start.line + 1 : headingEndLine + 1;
  readSections(lines, shapes, item, afterCaseNumbers, context);
  return item;
}

/** An item whose heading the publication lost, from the line it starts at (its mark, case number or first section): no number, no title. */
function readUnheadedItem(lines: readonly string[], shapes: readonly LineShape[], start: number, end: number, context: ItemContext): Item {
  const shape = shapes[start];
  const at = lineRange(start, shape.start, shape.start);
  const item: Item = {
    number: null,
    numberText: '',
    numberRange: at,
    title: '',
    titleRange: at,
    line: start,
    endLine: end,
    headingRange: at,
    headingLines: 0,
    style: shape.style,
    level: shape.level,
    closed: /^Lukket\b/i.test(shape.content),
    caseNumbers: readCaseNumbers(lines, shapes, start, end),
    sections: NONE,
    decision: null,
    tables: readTables(lines, shapes, start, end, context.isTotalLabel),
    quotations: NONE,
    partialAbsentees: NONE,
  };
  const afterCaseNumbers = item.caseNumbers.length > 0 ? item.caseNumbers[item.caseNumbers.length - 1].range.start.line + 1 : start;
  readSections(lines, shapes, item, afterCaseNumbers, context);
  return item;
}

/** Sections, quoted history, partial absence and the decision of an item, from line `from` to its end. */
function readSections(lines: readonly string[], shapes: readonly LineShape[], item: Item, from: number, context: ItemContext): void {
  const end = item.endLine;
  let current: Section | undefined;
  let quote: Quotation | undefined;
  let leadEnd: number | undefined;
  let leadStart: number | undefined;
  const decisionSections: Array<{ section: Section; committee?: string }> = [];
  const closeSection = (lastLine: number): void => {
    if (!current) return;
    current.endLine = lastLine;
    let bodyEnd = lastLine;
    while (bodyEnd > current.line && shapes[bodyEnd].blank) bodyEnd--;
    let bodyStart = current.line + 1;
    while (bodyStart <= bodyEnd && shapes[bodyStart].blank) bodyStart++;
    current.bodyRange =
      bodyStart > bodyEnd
        ? lineRange(current.line, current.headingRange.end.character, current.headingRange.end.character)
        : range(bodyStart, 0, bodyEnd, lines[bodyEnd].length);
    current = undefined;
  };
  const closeQuote = (lastLine: number): void => {
    if (!quote) return;
    quote.endLine = lastLine;
    if (item.quotations === NONE) item.quotations = [];
    item.quotations.push(quote);
    quote = undefined;
  };
  for (let j = from; j <= end; j++) {
    const s = shapes[j];
    const raw = lines[j];
    if (s.blank || isTableLine(raw)) continue;
    const marked = isMarkedHeading(s) && !isAbsenceLine(raw);
    const cls =
      !marked && isMarkedHeading(s) ? classifySection(s.content, true) : context.sectionOf ? context.sectionOf(j) : classifyLine(s);
    if (!cls) {
      if (!current && !quote) {
        leadStart ??= j;
        leadEnd = j;
      }
      if (!quote && (isHistoryEntry(s.content) || (mayOpenQuotedMeeting(raw) && nextLinesHave(lines, shapes, j, end, QUOTED_DATE_LABEL))))
        quote = { line: j, endLine: j };
      if (!quote) {
        const partial = readPartialAbsence(raw, j);
        if (partial) {
          if (item.partialAbsentees === NONE) item.partialAbsentees = [];
          item.partialAbsentees.push(partial);
        }
      }
      continue;
    }
    // A bare line naming the section we are already in (e.g. "Forvaltningen indstiller" under Indstilling) is text.
    if (!marked && current && current.kind === cls.kind && cls.kind !== 'beslutning') continue;
    // Bold lines inside a decision that are not known section names are emphasis, not headings.
    if (marked && s.level === 0 && current?.kind === 'beslutning' && !classifySection(s.content, true)) continue;
    // Inside quoted history, deeper headings and other meetings' decisions are part of what it retells.
    if (
      quote &&
      current?.kind === 'historik' &&
      ((s.level > current.level && current.level > 0) || (cls.kind === 'beslutning' && !isThisMeetingsDecision(cls.committee, context)))
    )
      continue;
    closeSection(j - 1);
    closeQuote(j - 1);
    current = {
      kind: cls.kind,
      title: sectionTitle(s.content),
      line: j,
      headingRange: lineRange(j, s.start, s.end),
      bodyRange: lineRange(j, s.end, s.end),
      endLine: j,
      style: s.style,
      level: s.level,
    };
    if (item.sections === NONE) item.sections = [];
    item.sections.push(current);
    if (cls.kind === 'historik') quote = { line: j, endLine: j };
    if (cls.kind === 'beslutning') decisionSections.push({ section: current, committee: cls.committee });
  }
  closeSection(end);
  closeQuote(end);
  if (leadStart !== undefined && leadEnd !== undefined) item.lead = { line: leadStart, endLine: leadEnd };

  if (decisionSections.length > 0) {
    const { isOurCommittee } = context;
    // With one decision heading it is the decision, whichever committee it names.
    const ours =
      isOurCommittee && decisionSections.length > 1
        ? decisionSections.filter((d) => !d.committee || isOurCommittee(d.committee))
        : decisionSections;
    const pool = ours.length > 0 ? ours : decisionSections;
    const chosen = pool[pool.length - 1].section;
    const decision = readDecisionLines(lines, shapes, chosen.line, chosen.endLine, false);
    decision.heading = chosen.title;
    decision.headingRange = chosen.headingRange;
    decision.bodyRange = chosen.bodyRange;
    const dates = findDates(lines[chosen.line]);
    if (dates.length > 0) {
      const d = dates[dates.length - 1];
      decision.date = d.iso;
      decision.dateRange = lineRange(chosen.line, d.index, d.index + d.length);
    }
    item.decision = decision;
  }
}

/** A section heading's text without its bold markup and closing colon. */
function sectionTitle(content: string): string {
  const t = content.includes('*') ? content.replace(/\*\*/g, '') : content;
  const end = trimmedEnd(t);
  return (t.charCodeAt(end - 1) === 58 /* : */ ? t.slice(0, end - 1) : t).trim();
}

/** A decision heading inside quoted history is this meeting's only when it names this committee, or none. */
function isThisMeetingsDecision(committee: string | undefined, context: ItemContext): boolean {
  if (!committee) return false;
  return context.isOurCommittee?.(committee) ?? false;
}

/** `QUOTED_MEETING_LABEL`, after a cheap test of its first letter (Udvalg, Mødeforum, Behandlet i, Organ). */
function mayOpenQuotedMeeting(raw: string): boolean {
  const c = leadLetter(raw);
  return (c === 0x75 || c === 0x6d || c === 0x62 || c === 0x6f) && QUOTED_MEETING_LABEL.test(raw);
}

function nextLinesHave(lines: readonly string[], shapes: readonly LineShape[], line: number, end: number, re: RegExp): boolean {
  for (let i = line + 1, seen = 0; i <= end && seen < 3; i++) {
    if (shapes[i].blank) continue;
    seen++;
    if (re.test(lines[i])) return true;
  }
  return false;
}

/**
 * A decision read from its lines: the heading's line (`from`, left out unless `headless`) to `to`,
 * with the absentees named in it (`Afbud:`, `Fraværende:`, `Afbud fra`, `Name var forhindret`).
 */
function readDecisionLines(lines: readonly string[], shapes: readonly LineShape[], from: number, to: number, headless: boolean): Decision {
  const decision: Decision = {
    heading: '',
    line: from,
    headingRange: lineRange(from, shapes[from].start, headless ? shapes[from].start : shapes[from].end),
    body: '',
    bodyRange: range(from, 0, to, lines[to].length),
    absentees: [],
  };
  if (headless) decision.headless = true;
  const body: string[] = [];
  for (let i = headless ? from : from + 1; i <= to; i++) {
    if (shapes[i].blank) continue;
    if (isAbsenceLine(lines[i])) {
      const { names, endLine } = readAbsentees(lines, i, to);
      decision.afbudLine ??= i;
      append(decision.absentees, names);
      i = endLine;
      continue;
    }
    const prevented: NameRef | undefined = readPrevented(lines[i], i);
    if (prevented) {
      decision.afbudLine ??= i;
      decision.absentees.push(prevented);
      continue;
    }
    body.push(shapes[i].content);
  }
  decision.body = body.join('\n').trim();
  return decision;
}

/** Committee names compare loosely: `Arbejdsmarkedsudvalget 2022-2025` is `Arbejdsmarkedsudvalget`. */
export function sameCommittee(a: string, b: string): boolean {
  return committeeMatcher(b)(a);
}

/** Drops every `(...)`, as `s.replace(/\(.*?\)/g, '')` would, without rescanning for each unclosed `(`. */
function withoutParentheses(s: string): string {
  let out = '';
  let i = 0;
  for (;;) {
    const open = s.indexOf('(', i);
    if (open < 0) break;
    const close = s.indexOf(')', open + 1);
    if (close < 0) break;
    out += s.slice(i, open);
    i = close + 1;
  }
  return out + s.slice(i);
}

/** `sameCommittee` against one committee, for every decision heading of a document: its key is computed once. */
export function committeeMatcher(committee: string): (name: string) => boolean {
  const key = (s: string): string =>
    withoutParentheses(nfc(s).toLowerCase())
      .replace(/\d{4}\s*-\s*\d{4}/g, '')
      .replace(/[^a-zæøå]+/g, '');
  const kb = key(committee);
  // A document names the same few committees in all its decision headings: each is compared once.
  const known = new Map<string, boolean>();
  return (name) => {
    let same = known.get(name);
    if (same === undefined) {
      const ka = key(name);
      same = ka === kb || (ka.length > 5 && kb.length > 5 && (ka.includes(kb) || kb.includes(ka)));
      if (known.size < 1000) known.set(name, same);
    }
    return same;
  };
}
