import type { TocEntry } from '../model';
import { readCaseNumber } from '../caseNumber';
import { findDates } from '../danish';
import { isMarkedHeading, type LineShape } from '../lines';
import { editDistance, nfc } from '../text';
import { caseTokens, isCaseLabelLine, isOpenClosedMark } from './caseNumbers';
import { classifyLine, classifySection, isHistoryEntry, type Classified } from './sections';
import { dotLeader, pageAfterTab } from './toc';

/**
 * Item headings. Danish minutes head an item in one of a handful of shapes (`Punkt 12: Title`,
 * `Punkt 12. Title`, `Pkt. 12 Title`, `Sag 12 Title`, `12. JA - Title`, `12. Title`), with or
 * without `#` or bold markup. Every line of any of these shapes is a candidate; the document's own
 * shape is the one whose candidates look like headings (a case number or section below, an entry in
 * the table of contents, numbers that count up). Candidates of other shapes are body text: a
 * numbered list, `Punkt 4. taget til efterretning.` in a decision, a heading quoted from another meeting.
 */

export type HeadingForm = 'punkt' | 'pkt' | 'sag' | 'coded' | 'number';

/** What one line says as an item heading: the number and the title with their offsets. */
export interface ItemHeading {
  numberText: string;
  numberStart: number;
  title: string;
  titleStart: number;
}

export interface HeadingCandidate extends ItemHeading {
  line: number;
  form: HeadingForm;
  /** What follows the number: `:`, `.`, `)` or nothing. */
  separator: string;
  markup: 'atx' | 'bold' | 'bare';
  /** The shape: form, separator and markup. A document uses one, or two. */
  key: string;
  /** How much the lines around it say that it heads an item (see `weigh`). */
  evidence: number;
}

const WORDED = /^(Punkt|Pkt\.?|Dagsordenspunkt|Sag)\s+(?:nr\.?\s*)?(\d{1,40})(?![\p{L}\d])\s*([:.)]|[-–](?=\s))?\s*(.*)$/iu;
/** Lejre style: `2. JA - Title`, with a committee code before the title. */
const CODED = /^(\d{1,40})\.\s+([A-ZÆØÅ]{1,6})\s+[-–]\s+(\S.*)$/;
const NUMBERED = /^(\d{1,40})([.)])(?:\s+(\S.*))?$/;
/** A number run together with its title, as a web page's text can have it: `38Godkendelse af dagsorden`. */
const GLUED = /^(\d{1,4})(?=[A-ZÆØÅ][a-zæøå])(\S.*)$/;
const BULLET = /^[-•–]\s+/;

const FORM_NAMES: Record<HeadingForm, string> = { punkt: 'Punkt N', pkt: 'Pkt. N', sag: 'Sag N', coded: 'N. XX -', number: 'N' };

const FORMS: readonly HeadingForm[] = ['punkt', 'pkt', 'sag', 'coded', 'number'];
const SEPARATORS = ['', ':', '.', ')', '-'];
const MARKUPS: ReadonlyArray<HeadingCandidate['markup']> = ['atx', 'bold', 'bare'];
/** Every shape key, made once: `punkt:|atx`, `number.|bare-` ... */
const KEYS = new Map<string, string>();
for (const form of FORMS)
  for (const separator of SEPARATORS)
    for (const markup of MARKUPS)
      for (const bullet of ['', '-']) KEYS.set(`${form}${separator}${markup}${bullet}`, `${form}${separator}|${markup}${bullet}`);

/** A candidate, always built in this one shape of object: the layout step makes one for every heading-shaped line. */
function candidate(
  line: number,
  form: HeadingForm,
  separator: string,
  markup: HeadingCandidate['markup'],
  bullet: boolean,
  numberText: string,
  numberStart: number,
  title: string,
  titleStart: number,
): HeadingCandidate {
  const key = KEYS.get(`${form}${separator}${markup}${bullet ? '-' : ''}`)!;
  return { line, form, separator, markup, key, numberText, numberStart, title, titleStart, evidence: 0 };
}

/** A title without a closing `**` that wraps onto the next line, trimmed. */
function ownTitle(text: string): string {
  return (text.endsWith('**') ? text.slice(0, -2) : text).trim();
}

/** A table-of-contents line (a dot leader or a page number after a tab) is not a heading, unless marked as one. */
function tocLike(marked: boolean, content: string, raw: string): boolean {
  return !marked && (dotLeader(content) !== undefined || pageAfterTab(raw) !== undefined);
}

/** Reads one line as a heading candidate of any shape, or undefined. */
export function readHeadingCandidate(raw: string, shape: LineShape, line = -1): HeadingCandidate | undefined {
  if (shape.blank) return undefined;
  let content = shape.content;
  let start = shape.start;
  const marked = isMarkedHeading(shape);
  let first = content.charCodeAt(0);
  let bullet = false;
  if (!marked && (first === 45 /* - */ || first === 0x2022 /* • */ || first === 0x2013) /* – */) {
    const b = BULLET.exec(content);
    if (b) {
      content = content.slice(b[0].length);
      start += b[0].length;
      first = content.charCodeAt(0);
      bullet = true;
    }
  }
  // Every shape starts with a digit, `Punkt`, `Pkt`, `Dagsordenspunkt` or `Sag`: most lines are no candidate at all.
  const digit = first >= 0x30 && first <= 0x39;
  const letter = first | 0x20;
  if (!digit && letter !== 0x70 /* p */ && letter !== 0x73 /* s */ && letter !== 0x64 /* d */) return undefined;
  const markup = shape.level > 0 ? 'atx' : shape.bold ? 'bold' : 'bare';
  if (!digit) {
    const m = WORDED.exec(content);
    if (!m || tocLike(marked, content, raw)) return undefined;
    const word = m[1].toLowerCase();
    const form: HeadingForm = word.startsWith('pkt') ? 'pkt' : word === 'sag' ? 'sag' : 'punkt';
    // `Sag 12` with nothing after it, or a sentence about a case, is no heading.
    if (form === 'sag' && !m[4]) return undefined;
    const separator = m[3] === undefined ? '' : m[3] === '–' ? '-' : m[3];
    const numberStart = start + content.indexOf(m[2], m[1].length);
    const title = ownTitle(m[4]);
    const titleStart = title ? start + content.length - m[4].length : shape.end;
    return candidate(line, form, separator, markup, bullet, m[2], numberStart, title, titleStart);
  }
  let m = CODED.exec(content);
  if (m) {
    if (tocLike(marked, content, raw)) return undefined;
    return candidate(line, 'coded', '', markup, bullet, m[1], start, ownTitle(m[3]), start + content.length - m[3].length);
  }
  m = NUMBERED.exec(content);
  if (m) {
    // `15. maj 2023 - referat fra byrådet` starts with a date, not an item number.
    if (
      tocLike(marked, content, raw) ||
      (m[3] !== undefined && /^\d{1,2}\./.test(content) && findDates(content.slice(0, 40))[0]?.index === 0)
    )
      return undefined;
    // `121.` alone on its line: the title is on the next (see readItem).
    if (m[3] === undefined) return candidate(line, 'number', m[2], markup, bullet, m[1], start, '', shape.end);
    // ` 1.  1. Title`: a list number before the heading's own, the same number twice.
    const own = m[1] + m[2];
    const twice = m[3].startsWith(own) && /^\s+\S/.test(m[3].slice(own.length));
    const title = twice ? m[3].slice(own.length).trimStart() : m[3];
    return candidate(line, 'number', m[2], markup, bullet, m[1], start, ownTitle(title), start + content.length - title.length);
  }
  m = GLUED.exec(content);
  if (m && !marked) return candidate(line, 'number', '', markup, bullet, m[1], start, ownTitle(m[2]), start + m[1].length);
  return undefined;
}

/** A title folded for comparison: letters and digits only, lower case. */
export function titleKey(title: string): string {
  const t = nfc(title).toLowerCase();
  // Runs of kept characters are copied whole; a title with nothing to drop is its own key.
  let out = '';
  let from = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    // ASCII letters and digits; beyond ASCII, a letter is a character with case (æ, ø, å, é, ü ...).
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 0xc0 && t[i].toUpperCase() !== t[i])) continue;
    if (i > from) out += t.slice(from, i);
    from = i + 1;
  }
  return from === 0 ? t : out + t.slice(from);
}

/** Whether two titles are the same as a reader would judge them: spacing, dashes, case and wrapping aside. */
export function similarTitles(a: string, b: string): boolean {
  return similarKeys(titleKey(a), titleKey(b));
}

/** `similarTitles` for titles already folded with `titleKey`. */
export function similarKeys(x: string, y: string): boolean {
  if (!x || !y) return false;
  if (x === y) return true;
  const shorter = Math.min(x.length, y.length);
  if (shorter >= 8 && (x.includes(y) || y.includes(x))) return true;
  return shorter >= 12 && editDistance(x, y, 3) <= 3;
}

/** How the lines right below a candidate read: 3 for a case number or `Åben sag`, 2 for a known section, 1 for another heading. */
export function evidenceBelow(
  lines: readonly string[],
  shapes: readonly LineShape[],
  line: number,
  isCandidate: (l: number) => boolean,
): number {
  let seen = 0;
  for (let i = line + 1; i < lines.length && i <= line + 8 && seen < 4; i++) {
    const s = shapes[i];
    if (s.blank) continue;
    if (isCandidate(i)) return 0;
    seen++;
    if (isCaseLabelLine(lines[i]) || isOpenClosedMark(s.content)) return 3;
    const tokens = caseTokens(s.content, 3);
    if (
      tokens &&
      tokens.length > 0 &&
      tokens.every((t) => {
        const r = readCaseNumber(t.text);
        return r !== undefined && r.kind !== 'other';
      })
    )
      return 3;
    if (classifySection(s.content, true)) return 2;
    if (isMarkedHeading(s)) return 1;
  }
  return 0;
}

/** The evidence that a candidate heads an item, from its own shape, the lines below, the table of contents and where it stands. */
export function weigh(c: HeadingCandidate, under: number, toc: TocIndex, context: string | undefined): number {
  let e = c.form === 'number' ? 0 : 1;
  if (c.markup !== 'bare') e += 1;
  e += under;
  const entry = toc.byNumber.get(Number(c.numberText));
  const own = titleKey(c.title);
  if (entry !== undefined) e += similarKeys(entry, own) ? 3 : -1;
  else if (toc.titleKeys.has(own)) e += 2;
  else if (toc.numbered) e -= 1;
  const first = c.title.charCodeAt(0);
  if ((first >= 97 && first <= 122) || first === 0xe6 || first === 0xf8 || first === 0xe5 /* æ ø å */) e -= 2;
  if (c.title.endsWith('.') && c.title.split(/\s+/).length >= 6) e -= 1;
  // Inside a decision or a retold history, a line that does not read as a heading on its own is their text.
  if ((context === 'beslutning' || context === 'historik') && e < 3) e -= 2;
  return e;
}

export interface TocIndex {
  /** The titles' keys (see titleKey) by number. */
  byNumber: Map<number, string>;
  /** The titles' keys (see titleKey), for an entry without a number. */
  titleKeys: Set<string>;
  numbered: boolean;
}

/** The table of contents as `weigh` reads it: titles by number. */
export function tocIndex(toc: readonly TocEntry[]): TocIndex {
  const index: TocIndex = { byNumber: new Map(), titleKeys: new Set(), numbered: false };
  for (const e of toc) {
    const key = titleKey(e.title);
    index.titleKeys.add(key);
    if (e.number === undefined) continue;
    index.numbered = true;
    if (!index.byNumber.has(e.number)) index.byNumber.set(e.number, key);
  }
  return index;
}

function nothingBetween(shapes: readonly LineShape[], from: number, to: number): boolean {
  for (let i = from + 1; i < to; i++) if (!shapes[i].blank) return false;
  return true;
}

/** A title that starts as a heading does: with a capital letter or a digit, and is not a sentence. */
function capitalised(title: string): boolean {
  const first = title.charAt(0);
  return first !== '' && first === first.toUpperCase() && !(title.endsWith('.') && title.split(/\s+/).length >= 6);
}

export interface ChosenHeadings {
  headings: HeadingCandidate[];
  /** The shapes chosen, written as a reader would know them (`## Punkt N: Title`). */
  shapes: string[];
  /** Candidates of any shape left as body text. */
  bodyCandidates: number;
}

/**
 * A closed item publishes its heading alone, which right after a decision weighs as that decision's
 * text; where its number is exactly the one between the heading before and the next heading, and the
 * next one reads as a heading of its own, it heads an item and keeps its place in the numbering.
 */
function fillsGap(next: HeadingCandidate | undefined, n: number): boolean {
  return next !== undefined && Number(next.numberText) === n + 1 && next.evidence >= 1;
}

/** Describes a shape key for people: `## Punkt N: Title`, `**N. XX - Title**`. */
export function describeShape(key: string): string {
  const [formSep, markupBullet] = key.split('|');
  const form = (['punkt', 'pkt', 'sag', 'coded', 'number'] as HeadingForm[]).find((f) => formSep.startsWith(f))!;
  const sep = formSep.slice(form.length);
  const core = form === 'coded' ? 'N. XX - Title' : `${FORM_NAMES[form]}${sep === '-' ? ' -' : sep} Title`;
  const markup = markupBullet.replace('-', '');
  const text = markup === 'atx' ? `# ${core}` : markup === 'bold' ? `**${core}**` : core;
  return markupBullet.endsWith('-') ? `- ${text}` : text;
}

/**
 * Chooses the item headings among the candidates: the shape (or two) whose candidates have the most
 * evidence, and within it the lines that head items (numbers that go on, or strong evidence of their own).
 */
export function chooseHeadings(
  lines: readonly string[],
  shapes: readonly LineShape[],
  found: readonly HeadingCandidate[],
  toc: readonly TocEntry[],
  sectionOf: (line: number) => Classified | undefined = (l) => classifyLine(shapes[l]),
): ChosenHeadings {
  if (found.length === 0) return { headings: [], shapes: [], bodyCandidates: 0 };
  const index = tocIndex(toc);
  const candidateLines = new Uint8Array(lines.length);
  for (const c of found) candidateLines[c.line] = 1;
  const isCandidate = (l: number): boolean => candidateLines[l] === 1;

  // One pass in line order: the section a line stands in, as far as headings show it, for the context of each candidate.
  const weighed: HeadingCandidate[] = [];
  let context: string | undefined;
  let k = 0;
  for (let i = 0; i < lines.length && k < found.length; i++) {
    const s = shapes[i];
    if (s.blank) continue;
    if (found[k].line === i) {
      const c = found[k++];
      const under = evidenceBelow(lines, shapes, i, isCandidate);
      c.evidence = weigh(c, under, index, context);
      weighed.push(c);
      if (c.evidence >= 3) context = undefined;
      continue;
    }
    const cls = sectionOf(i);
    if (cls) context = cls.kind;
    else if (isHistoryEntry(s.content)) context = 'historik';
  }

  // The shape with the most evidence; numbers that count up within it add to it.
  const groups = new Map<string, HeadingCandidate[]>();
  for (const c of weighed) (groups.get(c.key) ?? groups.set(c.key, []).get(c.key)!).push(c);
  const score = (g: HeadingCandidate[]): number => {
    let s = 0;
    for (let j = 0; j < g.length; j++) {
      s += Math.max(0, g[j].evidence);
      if (j > 0 && Number(g[j].numberText) === Number(g[j - 1].numberText) + 1 && g[j].evidence >= 0) s += 1;
    }
    return s;
  };
  const ranked = [...groups.entries()].map(([key, g]) => ({
    key,
    g,
    score: score(g),
    mean: g.reduce((a, c) => a + c.evidence, 0) / g.length,
  }));
  ranked.sort((a, b) => b.score - a.score || b.g.length - a.g.length);
  const best = ranked[0];
  const formOf = (key: string): string => key.split('|')[0];
  // A second shape joins where its candidates read as headings too: the same form in other markup (Lejre's levels and bold lines), or strong evidence.
  const chosenKeys = [
    best.key,
    ...ranked
      .slice(1)
      .filter((r) => (formOf(r.key) === formOf(best.key) ? r.mean >= 2 : r.mean >= 3.5))
      .map((r) => r.key),
  ];
  const chosen = chosenKeys.length === 1 ? groups.get(best.key)! : weighed.filter((c) => chosenKeys.includes(c.key));

  const headings: HeadingCandidate[] = [];
  let last: number | undefined;
  let previous: HeadingCandidate | undefined;
  let previousKept = false;
  for (let k = 0; k < chosen.length; k++) {
    const c = chosen[k];
    const n = Number(c.numberText);
    // Of two lines with the same number in a row, a sentence or a bare line right above the other yields to the one that
    // reads more as a heading (`1. næstformand ...`, a page's own list entry); two headings with text of their own are a repeat.
    const after = chosen[k + 1];
    if (
      after !== undefined &&
      Number(after.numberText) === n &&
      after.evidence > c.evidence &&
      (!capitalised(c.title) || nothingBetween(shapes, c.line, after.line))
    ) {
      previous = c;
      previousKept = false;
      continue;
    }
    // The next number of a list that was already left as body text is that list's, unless it is a heading in its own right.
    const continuesList = previous !== undefined && !previousKept && Number(previous.numberText) === n - 1 && c.line - previous.line <= 4;
    // The next number of the items, in their shape with nothing of it between, heads the next item even right after a decision (a list there starts at 1).
    const nextInSequence: boolean = last !== undefined && n === last + 1 && previousKept && c.evidence >= -2 && capitalised(c.title);
    let keep: boolean;
    if (c.evidence >= 3) keep = true;
    else if (continuesList) keep = false;
    else if (last === undefined) keep = c.evidence >= 1 || (c.evidence >= 0 && best.mean < 2);
    else
      keep =
        (n > last && c.evidence >= 1) ||
        (n === last + 1 && c.evidence >= 0) ||
        nextInSequence ||
        (n === last + 1 && c.evidence >= -2 && fillsGap(chosen[k + 1], n));
    if (keep) {
      headings.push(c);
      last = n;
    }
    previous = c;
    previousKept = keep;
  }
  return {
    headings,
    shapes: chosenKeys.filter((key) => headings.some((h) => h.key === key)).map(describeShape),
    bodyCandidates: weighed.length - headings.length,
  };
}
