import type {
  CaseNumber,
  Decision,
  Item,
  Meeting,
  Member,
  NameRef,
  ParseProblem,
  ParseResult,
  ReferatModel,
  Section,
  SectionKind,
  TocEntry,
} from './model';
import { readCaseNumber } from './caseNumber';
import { findDates } from './danish';
import { isMarkedHeading, shapeLine, type LineShape } from './lines';
import { append, lineRange, range, splitLines } from './text';
import { isTableLine, readTables, totalLabelTest } from './layout/tables';

export { totalLabelTest };

/** Options that change what the parser recognises. */
export interface ParseOptions {
  /** Extra labels for total rows, besides I alt, Total, Samlet, Sum. */
  totalLabels?: string[];
}

const ITEM_PUNKT = /^Punkt\s+(\d{1,40})\s*[:.]\s*(.*)$/i;
/** Lejre style: `2. JA - Title`, with a committee code before the title. */
const ITEM_CODED = /^(\d{1,40})\.\s+([A-ZÆØÅ]{1,6})\s+[-–]\s+(.+)$/;
const TOC_HEADING = /^(Indholdsfortegnelse|Indhold|Dagsorden)\s*:?$/i;
const AFBUD = /^(\s*(?:\*\*)?)(Afbud|Fraværende|Fravær)(\s*:?\s*(?:\*\*)?\s*:?)(.*)$/i;
const MEMBERS_LABEL = /^(\s*(?:\*\*)?)(Mødedeltagere|Deltagere|Medlemmer|Udvalgsmedlemmer|Til stede|Tilstede)(\s*(?:\*\*)?\s*:?\s*(?:\*\*)?)(.*)$/i;
const DATE_LABEL = /^\s*(?:\*\*)?(Mødedato|Dato)(?:\*\*)?\s*:?\s*(?:\*\*)?(.*)$/i;
const PLACE_LABEL = /^(\s*(?:\*\*)?(?:Mødested|Sted)(?:\*\*)?\s*:?\s*(?:\*\*)?\s*)(.*)$/i;
const REFERAT_WORD = /^(?:REFERAT|Referat|Beslutningsprotokol)\b/;
const REFERAT_TITLE_DATE = /\bd\.\s*(\d{1,2}-\d{1,2}-\d{4})$/;
/** Matched against a line without its trailing white space, so that no `(.*?)\s*$` has to backtrack. */
const CASE_LABEL = /^(\s*(?:\*\*)?(?:Sagsnr|Sags nr|Sagsnummer|Journalnr|J\.nr|Jnr)\.?(?:\*\*)?\s*:?\s*(?:\*\*)?\s*)(.*)$/i;
const OPEN_CLOSED_MARK = /^(Åben|Lukket)\s+(sag|punkt)\.?$/i;
const NAME_WORD = /^(?:[A-ZÆØÅÉÜÖÄ][\p{L}'’-]*\.?|[a-zæøå]{1,3}|[A-ZÆØÅ]\.)$/u;
// `(?<!\s)` starts a match only at the first space of a run: without it a long run of spaces is scanned once per space.
const PARENS = /(?<!\s)\s*\(([^()]{1,30})\)/g;
const PARTY = /^[A-ZÆØÅ]{1,2}$/;

/** Known section names, read as headings even as bare lines. */
const SECTION_NAMES: ReadonlyArray<[RegExp, SectionKind]> = [
  [/^(resume|resumé|sagsresume|sagsresumé|sammenfatning|kort fortalt)$/i, 'resume'],
  [/^(indstilling|indstillinger|forvaltningens indstilling|administrationens indstilling|(forvaltningen|administrationen|direktionen) indstiller)$/i, 'indstilling'],
  [/^(sagsfremstilling|fremstilling|sagens indhold|sagsbeskrivelse|baggrund|supplerende sagsfremstilling)$/i, 'sagsfremstilling'],
  [/^(lovgrundlag|retsgrundlag|lovgivning|hjemmel|retligt grundlag)$/i, 'lovgrundlag'],
  [/^(økonomi|økonomi og finansiering|økonomiske konsekvenser|økonomiske forhold|bevillingsmæssige konsekvenser|økonomi og afledt drift)$/i, 'oekonomi'],
  [/^(beslutningskompetence|sagen afgøres i|kompetence|kompetenceniveau)$/i, 'beslutningskompetence'],
  [/^(procedure|sagsprocedure|sagsgang|videre proces|tidsplan)$/i, 'procedure'],
  [/^(bilag|bilagsoversigt)$/i, 'bilag'],
  [/^(udtalelser|udtalelse|høring|høringssvar|handicappolitik|administrationens vurdering|vurdering|kommunikation|sagens forløb|historik|tidligere beslutninger|borgerinddragelse|bæredygtighed|klima|konsekvenser)$/i, 'other'],
];

// The committee starts and ends with a non-space, so a run of spaces is split between the quantifiers one way only.
const DECISION_DATED = /^Beslutning(?:\s*:)?\s+(?:i\s+)?(?!\s)(.+?)(?<!\s)\s+(?:den|d\.)\s+(\d{1,2}[-./]\d{1,2}[-./]\d{4})\.?$/i;
const DECISION_PLAIN = /^Beslutning(?:er)?\s*:?$/i;

/** JavaScript's `\s`, as a character code test. */
function isWhite(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Where a line's trailing white space starts. */
function trimmedEnd(s: string, end = s.length): number {
  while (end > 0 && isWhite(s.charCodeAt(end - 1))) end--;
  return end;
}

/** A page number of one to four digits at the end of a line (before trailing space), or undefined. */
function trailingPage(s: string, end: number): string | undefined {
  let d = end;
  while (d > 0 && end - d < 5 && isDigit(s.charCodeAt(d - 1))) d--;
  return end - d >= 1 && end - d <= 4 ? s.slice(d, end) : undefined;
}

/**
 * A TOC dot leader ending a line: spaces, three or more dots or an ellipsis, spaces, maybe a page
 * number (`Title ........\t4`). `index` is where the leader's leading space starts. Read from the end
 * by hand: the equivalent regular expression backtracks quadratically on long runs of spaces or dots.
 */
export function dotLeader(s: string): { index: number; page?: string } | undefined {
  const end = trimmedEnd(s);
  let d = end;
  while (d > 0 && end - d < 5 && isDigit(s.charCodeAt(d - 1))) d--;
  if (end - d > 4) return undefined;
  const page = end > d ? s.slice(d, end) : undefined;
  const q = trimmedEnd(s, d);
  const mark = s.charCodeAt(q - 1);
  if (mark !== 46 /* . */ && mark !== 0x2026 /* … */) return undefined;
  let r = q;
  while (r > 0 && s.charCodeAt(r - 1) === mark) r--;
  if (mark === 46 && q - r < 3) return undefined;
  return { index: trimmedEnd(s, r), page };
}

/** A page number after a tab ending a line (`Title\t4`); `index` is where the white space before it starts. */
export function pageAfterTab(s: string): { index: number; page: string } | undefined {
  const end = trimmedEnd(s);
  const page = trailingPage(s, end);
  if (!page) return undefined;
  const p = end - page.length;
  const r = trimmedEnd(s, p);
  if (!s.slice(r, p).includes('\t')) return undefined;
  return { index: r, page };
}

/** `REFERAT <committee> d. 03-06-2025`: the committee and the date, each possibly empty. */
export function readReferatTitle(content: string): [string, string, string | undefined] | undefined {
  const word = REFERAT_WORD.exec(content);
  if (!word) return undefined;
  const rest = content.slice(word[0].length).trim();
  const date = REFERAT_TITLE_DATE.exec(rest);
  const title = date ? rest.slice(0, date.index).trimEnd() : rest;
  // The regular expression this replaces read the title with `.`, which stops at U+2028 and U+2029.
  if (/[\u2028\u2029]/.test(title)) return undefined;
  return [content, title, date?.[1]];
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

interface Classified {
  kind: SectionKind;
  /** For decisions: the committee named in the heading. */
  committee?: string;
}

/** Reads a heading's text as a section kind; `strict` for bare lines, where only known names count. */
export function classifySection(text: string, strict: boolean): Classified | undefined {
  // NFC: a heading typed or pasted in decomposed form (`Resume\u0301`) is still `Resumé`.
  const t = text.normalize('NFC').replace(/[:.]\s*$/, '').trim();
  // A bare line must be the name alone: "Beslutningskompetencen ligger hos ..." is a sentence.
  if (!strict && /^Beslutningskompetence/i.test(t)) return { kind: 'beslutningskompetence' };
  const dated = DECISION_DATED.exec(text.trim());
  if (dated) return { kind: 'beslutning', committee: dated[1] };
  if (DECISION_PLAIN.test(t)) return { kind: 'beslutning' };
  for (const [re, kind] of SECTION_NAMES) if (re.test(t)) return { kind };
  if (strict) return undefined;
  if (/^Beslutning\b/i.test(t) && !/^Beslutning\s+om\b/i.test(t)) return { kind: 'beslutning' };
  if (/^Bilag\b/i.test(t)) return { kind: 'bilag' };
  if (/^Økonomi/i.test(t)) return { kind: 'oekonomi' };
  if (/indstilling|indstiller/i.test(t) && t.length < 60) return { kind: 'indstilling' };
  return { kind: 'other' };
}

interface ItemHeading {
  numberText: string;
  numberStart: number;
  title: string;
  titleStart: number;
}

/** Recognises an item heading on one line, or undefined. */
export function readItemHeading(raw: string, shape: LineShape): ItemHeading | undefined {
  if (shape.blank) return undefined;
  const content = shape.content;
  let m = ITEM_PUNKT.exec(content);
  if (m) {
    if (!isMarkedHeading(shape) && (dotLeader(content) || pageAfterTab(raw))) return undefined;
    const numberStart = shape.start + content.indexOf(m[1], 5);
    const title = m[2].replace(/\*\*$/, '').trim();
    const titleStart = title ? shape.start + content.length - m[2].length : shape.end;
    return { numberText: m[1], numberStart, title, titleStart };
  }
  if (!isMarkedHeading(shape)) return undefined;
  m = ITEM_CODED.exec(content);
  if (m) {
    if (dotLeader(content)) return undefined;
    const title = m[3].replace(/\*\*$/, '').trim();
    return {
      numberText: m[1],
      numberStart: shape.start,
      title,
      titleStart: shape.start + content.length - m[3].length,
    };
  }
  return undefined;
}

/** Splits `A, B og C` into names with their offsets; strips `(A)` party letters and a closing period. */
export function splitNames(text: string, offset: number): Array<{ name: string; start: number; end: number; party?: string; role?: string }> {
  const out: Array<{ name: string; start: number; end: number; party?: string; role?: string }> = [];
  const re = /[^,;]+/g;
  for (const m of text.matchAll(re)) {
    // ` og ` joins the last two names.
    const parts = m[0].split(/(?<!\s)\s+og\s+(?=[A-ZÆØÅ])/);
    let local = m.index!;
    for (const part of parts) {
      const at = text.indexOf(part, local);
      local = at + part.length;
      let name = part;
      let party: string | undefined;
      let role: string | undefined;
      for (const p of part.matchAll(PARENS)) {
        const inner = p[1].trim();
        if (PARTY.test(inner)) party = inner;
        else role = inner;
      }
      name = name.replace(PARENS, '');
      const lead = name.length - name.trimStart().length;
      name = name.trim().replace(/(?<![.:])[.:]+$/, '').replace(/^\*\*|\*\*$/g, '').trim();
      if (!name) continue;
      const start = offset + at + lead;
      out.push({ name, start, end: start + name.length, party, role });
    }
  }
  return out;
}

/** A line that holds only names: `Jacob Aagesen (C)`, `Martin Stokholm (A), Bo Zabel`. */
function isNameLine(text: string): boolean {
  const t = text.normalize('NFC').trim().replace(/[.]$/, '');
  if (!t || t.length > 200) return false;
  const names = t.replace(PARENS, '').split(/\s*(?:,|;|\s+og\s+)\s*/);
  if (names.length === 0) return false;
  for (const n of names) {
    const words = n.trim().split(/\s+/);
    if (words.length < 2 || words.length > 6) return false;
    if (!words.every((w) => NAME_WORD.test(w))) return false;
    if (!/^[A-ZÆØÅÉÜÖÄ]/.test(words[0]) || !/^[A-ZÆØÅÉÜÖÄ]/.test(words[words.length - 1])) return false;
  }
  return true;
}

const NO_ONE = /^(ingen|intet|-|–|ingen afbud)\.?$/i;

/**
 * Reads the names of an `Afbud:` or `Fraværende:` label on line `line`: on the same line after the
 * label, or on the following non-blank lines that hold only names.
 */
function readAbsentees(lines: string[], line: number, last: number): { names: NameRef[]; endLine: number } {
  const m = AFBUD.exec(lines[line])!;
  const rest = m[4];
  const restOffset = m[1].length + m[2].length + m[3].length;
  const names: NameRef[] = [];
  if (rest.trim() && !NO_ONE.test(rest.trim())) {
    for (const n of splitNames(rest.replace(/\*\*/g, '  '), restOffset)) names.push({ name: n.name, range: lineRange(line, n.start, n.end) });
    return { names, endLine: line };
  }
  if (rest.trim()) return { names, endLine: line };
  let end = line;
  for (let i = line + 1; i <= last && i <= line + 12; i++) {
    const t = lines[i];
    if (!t.trim()) {
      if (names.length > 0) break;
      continue;
    }
    if (!isNameLine(t)) break;
    for (const n of splitNames(t, 0)) names.push({ name: n.name, range: lineRange(i, n.start, n.end) });
    end = i;
  }
  return { names, endLine: end };
}

function emptyMeeting(): Meeting {
  return { members: [], absentees: [], headerRange: range(0, 0, 0, 0) };
}

/**
 * Reads a referat. Never throws: what it cannot read is left out of the model and, where a
 * reader would want to know, reported as a problem.
 */
export function parse(text: string, options: ParseOptions = {}): ParseResult {
  return parseLines(splitLines(text), options);
}

/** `parse` for a text already split with `splitLines`, so that the callers that need the lines split it once. */
export function parseLines(lines: string[], options: ParseOptions = {}): ParseResult {
  const isTotalLabel = totalLabelTest(options);
  const shapes: LineShape[] = lines.map(shapeLine);

  // Pass 1: item headings and the table of contents.
  let tocLine: number | undefined;
  const headingLines: Array<{ line: number; heading: ItemHeading }> = [];
  for (let i = 0; i < lines.length; i++) {
    const shape = shapes[i];
    if (shape.blank) continue;
    if (tocLine === undefined && headingLines.length === 0 && TOC_HEADING.test(shape.content.replace(/\*\*/g, ''))) {
      tocLine = i;
      continue;
    }
    const heading = readItemHeading(lines[i], shape);
    if (heading) headingLines.push({ line: i, heading });
  }

  const firstItemLine = headingLines.length > 0 ? headingLines[0].line : lines.length;
  const headerEnd = tocLine ?? firstItemLine;
  const meeting = readMeeting(lines, shapes, headerEnd);
  const toc = tocLine !== undefined ? readToc(lines, shapes, tocLine + 1, firstItemLine - 1) : [];

  const items: Item[] = [];
  const isOurCommittee = ourCommitteeTest(meeting);
  for (let k = 0; k < headingLines.length; k++) {
    const start = headingLines[k].line;
    const end = k + 1 < headingLines.length ? headingLines[k + 1].line - 1 : lines.length - 1;
    items.push(readItem(lines, shapes, start, end, headingLines[k].heading, isOurCommittee, isTotalLabel));
  }

  const model: ReferatModel = {
    meeting,
    toc,
    tocLine,
    tocRange: tocLine !== undefined ? range(tocLine, 0, Math.max(tocLine, firstItemLine - 1), lines[Math.max(tocLine, firstItemLine - 1)]?.length ?? 0) : undefined,
    items,
    lineCount: lines.length,
  };
  return { model, problems: parseProblems(model, lines) };
}

/** Whether a committee named in a decision heading is the meeting's own; undefined when the header names none. */
export function ourCommitteeTest(meeting: Meeting): ((name: string) => boolean) | undefined {
  return meeting.committee?.text ? committeeMatcher(meeting.committee.text) : undefined;
}

/** The parser's own problems, read off the finished model. */
export function parseProblems(model: ReferatModel, lines: readonly string[]): ParseProblem[] {
  const { items, meeting } = model;
  const problems: ParseProblem[] = [];
  if (items.length === 0 && lines.some((l) => l.trim())) {
    problems.push({
      message: {
        da: 'Ingen punkter fundet: dokumentet har ingen linjer som "Punkt 1: Titel" eller "1. XX - Titel".',
        en: 'No items found: the document has no lines such as "Punkt 1: Title" or "1. XX - Title".',
      },
      severity: 'information',
      range: lineRange(0, 0, lines[0].length),
    });
  }
  for (const item of items) {
    if (!item.title) {
      problems.push({
        message: { da: `Punkt ${item.numberText} har ingen titel.`, en: `Item ${item.numberText} has no title.` },
        severity: 'warning',
        range: item.headingRange,
      });
    }
  }
  if (meeting.date === undefined && items.length > 0) {
    problems.push({
      message: {
        da: 'Mødedatoen kunne ikke læses (fx "Mødedato Onsdag d. 27. november 2024"); datokontrollerne springes over.',
        en: 'The meeting date could not be read (e.g. "Mødedato Onsdag d. 27. november 2024"); the date checks are skipped.',
      },
      severity: 'information',
      range: meeting.headerRange,
    });
  }

  return problems;
}

function readMeeting(lines: string[], shapes: LineShape[], headerEnd: number): Meeting {
  const meeting = emptyMeeting();
  const last = Math.max(0, headerEnd - 1);
  meeting.headerRange = range(0, 0, last, lines[last]?.length ?? 0);
  let titleDate: { iso: string; line: number; index: number; length: number } | undefined;
  for (let i = 0; i < headerEnd; i++) {
    const raw = lines[i];
    const shape = shapes[i];
    if (shape.blank) continue;
    const title = readReferatTitle(shape.content);
    if (title) {
      if (title[1]) {
        const at = shape.start + shape.content.indexOf(title[1], 7);
        meeting.committee ??= { text: title[1], range: lineRange(i, at, at + title[1].length) };
      }
      if (title[2]) {
        const d = findDates(title[2])[0];
        if (d) titleDate = { iso: d.iso, line: i, index: shape.start + shape.content.lastIndexOf(title[2]), length: title[2].length };
      }
      continue;
    }
    const dateLabel = DATE_LABEL.exec(raw);
    if (dateLabel && meeting.date === undefined) {
      const d = findDates(raw).find((x) => x.index >= raw.length - dateLabel[2].length);
      if (d) {
        meeting.date = d.iso;
        meeting.dateRange = lineRange(i, d.index, d.index + d.length);
      }
      continue;
    }
    const place = PLACE_LABEL.exec(raw);
    if (place && !meeting.place && place[2].trim()) {
      const t = place[2].trim();
      meeting.place = { text: t, range: lineRange(i, place[1].length, place[1].length + t.length) };
      continue;
    }
    const members = MEMBERS_LABEL.exec(raw);
    if (members && meeting.members.length === 0) {
      meeting.membersLine = i;
      const offset = members[1].length + members[2].length + members[3].length;
      const addLine = (line: number, text: string, off: number): void => {
        for (const n of splitNames(text, off)) {
          meeting.members.push({ name: n.name, party: n.party, role: n.role, range: lineRange(line, n.start, n.end) } as Member);
        }
      };
      if (members[4].trim()) addLine(i, members[4], offset);
      for (let j = i + 1; j < headerEnd; j++) {
        if (!lines[j].trim()) {
          if (meeting.members.length > 0) break;
          continue;
        }
        if (!isNameLine(lines[j])) break;
        addLine(j, lines[j], 0);
      }
      continue;
    }
    if (AFBUD.test(raw)) {
      const { names } = readAbsentees(lines, i, headerEnd - 1);
      append(meeting.absentees, names);
      meeting.absenteesLine = i;
      continue;
    }
    if (!meeting.committee && isMarkedHeading(shape) && !/^referat$/i.test(shape.content) && shape.content.length < 120) {
      meeting.committee = { text: shape.content, range: lineRange(i, shape.start, shape.end) };
    }
  }
  if (meeting.date === undefined && titleDate) {
    meeting.date = titleDate.iso;
    meeting.dateRange = lineRange(titleDate.line, titleDate.index, titleDate.index + titleDate.length);
  }
  return meeting;
}

/** Splits a TOC line into number, title and page. */
export function readTocLine(raw: string, line: number): TocEntry | undefined {
  const shape = shapeLine(raw.replace(/\t/g, ' '));
  if (shape.blank) return undefined;
  let s = shape.start;
  let e = shape.end;
  let page: number | undefined;
  const tail = raw.slice(0, e);
  const leader = dotLeader(tail) ?? pageAfterTab(tail);
  if (leader) {
    if (leader.page) page = Number(leader.page);
    e = leader.index;
  }
  let number: number | undefined;
  let numberRange: TocEntry['numberRange'];
  let body = raw.slice(s, e);
  const num = /^(?:Punkt\s+)?(\d{1,4})[.:]?\s+(?:([A-ZÆØÅ]{1,6})\s+[-–]\s+)?/.exec(body);
  if (num) {
    number = Number(num[1]);
    const at = s + num[0].indexOf(num[1]);
    numberRange = lineRange(line, at, at + num[1].length);
    s += num[0].length;
    body = raw.slice(s, e);
  }
  const trimmed = body.trimEnd();
  e = s + trimmed.length;
  if (!trimmed) return undefined;
  return { number, numberRange, title: trimmed, titleRange: lineRange(line, s, e), page, line, range: lineRange(line, 0, raw.length) };
}

function readToc(lines: string[], shapes: LineShape[], from: number, to: number): TocEntry[] {
  const out: TocEntry[] = [];
  for (let i = from; i <= to; i++) {
    if (shapes[i].blank) continue;
    // A heading ends the table of contents (e.g. a section before the first item).
    if (shapes[i].level > 0 && out.length > 0) break;
    const entry = readTocLine(lines[i], i);
    if (entry) out.push(entry);
  }
  return out;
}

export function readItem(
  lines: string[],
  shapes: LineShape[],
  start: number,
  end: number,
  heading: ItemHeading,
  isOurCommittee: ((name: string) => boolean) | undefined,
  isTotalLabel: (label: string) => boolean,
): Item {
  const raw = lines[start];
  const shape = shapes[start];
  let title = heading.title;
  let titleEnd = heading.titleStart + heading.title.length;
  let headingEndLine = start;
  // A heading that wraps: the next line continues it (lower-case start, or an unclosed bold).
  const unclosedBold = shape.bold && !raw.trimEnd().endsWith('**');
  if (start + 1 <= end && !shapes[start + 1].blank) {
    const next = shapes[start + 1];
    const nextRaw = lines[start + 1];
    const continues =
      (unclosedBold || /^[a-zæøå(–-]/.test(next.content) || (next.bold && nextRaw.trimEnd().endsWith('**') && !nextRaw.trimStart().startsWith('**'))) &&
      !readCaseNumber(next.content) &&
      !classifySection(next.content, true);
    if (continues) {
      const cont = next.content.replace(/\*\*$/, '').trim();
      title = `${title} ${cont}`.trim();
      headingEndLine = start + 1;
      titleEnd = next.start + next.content.replace(/\*\*$/, '').trimEnd().length;
    }
  }
  const closed = /^Lukket\b/i.test(title) || /\bLukket\s*:/i.test(title);
  const numberRange = lineRange(start, heading.numberStart, heading.numberStart + heading.numberText.length);
  const titleRange = headingEndLine === start ? lineRange(start, heading.titleStart, titleEnd) : range(start, heading.titleStart, headingEndLine, titleEnd);
  const item: Item = {
    number: Number(heading.numberText),
    numberText: heading.numberText,
    numberRange,
    title,
    titleRange,
    line: start,
    endLine: end,
    headingRange: range(start, shape.start, headingEndLine, headingEndLine === start ? shape.end : shapes[headingEndLine].end),
    headingLines: headingEndLine - start + 1,
    style: shape.style,
    level: shape.level,
    closed,
    caseNumbers: [],
    sections: [],
    decision: null,
    tables: [],
  };

  // Case numbers: only on the lines right after the heading.
  let i = headingEndLine + 1;
  let seen = 0;
  for (; i <= end && seen < 6; i++) {
    const s = shapes[i];
    if (s.blank) continue;
    const labelled = CASE_LABEL.exec(lines[i].trimEnd());
    const candidate = labelled && /\d/.test(labelled[2]) ? labelled[2] : s.content;
    const candidateStart = labelled && /\d/.test(labelled[2]) ? labelled[1].length : s.start;
    if (OPEN_CLOSED_MARK.test(s.content.normalize('NFC'))) {
      seen++;
      continue;
    }
    const tokens = candidate.split(/\s*[,;]\s*|\s+/).filter(Boolean);
    if (tokens.length === 0 || tokens.length > 3) break;
    const readings = tokens.map((t) => ({ t, r: readCaseNumber(t) }));
    if (!readings.every((x) => x.r)) break;
    let from = 0;
    for (const { t, r } of readings) {
      const at = candidate.indexOf(t, from);
      from = at + t.length;
      const cn: CaseNumber = { text: t, kind: r!.kind, range: lineRange(i, candidateStart + at, candidateStart + at + t.length) };
      if (r!.year !== undefined) cn.year = r!.year;
      item.caseNumbers.push(cn);
    }
    seen++;
  }

  // Sections, tables and the decision.
  let current: Section | undefined;
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
  item.tables = readTables(lines, shapes, headingEndLine + 1, end, isTotalLabel);
  for (let j = headingEndLine + 1; j <= end; j++) {
    const s = shapes[j];
    const rawLine = lines[j];
    if (s.blank || isTableLine(rawLine)) continue;
    const marked = isMarkedHeading(s) && !AFBUD.test(rawLine);
    const cls = marked ? classifySection(s.content, false) : classifySection(s.content, true);
    if (!cls) continue;
    // A bare line naming the section we are already in (e.g. "Forvaltningen indstiller" under Indstilling) is text.
    if (!marked && current && current.kind === cls.kind && cls.kind !== 'beslutning') continue;
    // Bold lines inside a decision that are not known section names are emphasis, not headings.
    if (marked && s.level === 0 && current?.kind === 'beslutning' && !classifySection(s.content, true)) continue;
    closeSection(j - 1);
    current = {
      kind: cls.kind,
      title: s.content.replace(/\*\*/g, '').replace(/:\s*$/, '').trim(),
      line: j,
      headingRange: lineRange(j, s.start, s.end),
      bodyRange: lineRange(j, s.end, s.end),
      endLine: j,
      style: s.style,
      level: s.level,
    };
    item.sections.push(current);
    if (cls.kind === 'beslutning') decisionSections.push({ section: current, committee: cls.committee });
  }
  closeSection(end);

  if (decisionSections.length > 0) {
    const ours = isOurCommittee ? decisionSections.filter((d) => !d.committee || isOurCommittee(d.committee)) : decisionSections;
    const chosen = (ours.length > 0 ? ours : decisionSections)[(ours.length > 0 ? ours : decisionSections).length - 1];
    item.decision = readDecision(lines, shapes, chosen.section);
  }
  return item;
}

/** Committee names compare loosely: `Arbejdsmarkedsudvalget 2022-2025` is `Arbejdsmarkedsudvalget`. */
export function sameCommittee(a: string, b: string): boolean {
  return committeeMatcher(b)(a);
}

/** `sameCommittee` against one committee, for every decision heading of a document: its key is computed once. */
export function committeeMatcher(committee: string): (name: string) => boolean {
  const key = (s: string): string =>
    withoutParentheses(s.normalize('NFC').toLocaleLowerCase('da')).replace(/\d{4}\s*-\s*\d{4}/g, '').replace(/[^a-zæøå]+/g, '');
  const kb = key(committee);
  return (name) => {
    const ka = key(name);
    return ka === kb || (ka.length > 5 && kb.length > 5 && (ka.includes(kb) || kb.includes(ka)));
  };
}

function readDecision(lines: string[], shapes: LineShape[], section: Section): Decision {
  const decision: Decision = {
    heading: section.title,
    line: section.line,
    headingRange: section.headingRange,
    body: '',
    bodyRange: section.bodyRange,
    absentees: [],
  };
  const dates = findDates(lines[section.line]);
  if (dates.length > 0) {
    const d = dates[dates.length - 1];
    decision.date = d.iso;
    decision.dateRange = lineRange(section.line, d.index, d.index + d.length);
  }
  const body: string[] = [];
  for (let i = section.line + 1; i <= section.endLine; i++) {
    if (AFBUD.test(lines[i]) && /^(afbud|fravær)/i.test(shapes[i].content.replace(/^\*\*/, ''))) {
      const { names, endLine } = readAbsentees(lines, i, section.endLine);
      if (decision.afbudLine === undefined) decision.afbudLine = i;
      append(decision.absentees, names);
      i = endLine;
      continue;
    }
    if (!shapes[i].blank) body.push(shapes[i].content);
  }
  decision.body = body.join('\n').trim();
  return decision;
}
