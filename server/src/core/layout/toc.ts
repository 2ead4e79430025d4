import type { TocEntry } from '../model';
import { shapeLine, type LineShape } from '../lines';
import { isDigit, lineRange, trimmedEnd } from '../text';

/** Indholdsfortegnelse: the heading that opens the table of contents (or the agenda list). */
export const TOC_HEADING = /^(Indholdsfortegnelse|Indhold|Dagsorden|Dagsordenspunkter|Punkter på dagsordenen)\s*:?$/i;

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

/** A line that is only a page number (`4`, `Side 4`, `- 4 -`): in a TOC whose page numbers come as a block of their own. */
export function isPageNumberLine(content: string): boolean {
  return /^(?:side\s+)?[-–]?\s*\d{1,4}\s*[-–]?(?:\s*(?:af|\/)\s*\d{1,4})?$/i.test(content);
}

const TOC_NUMBER = /^(?:(?:Punkt|Pkt\.?|Sag)\s+)?(\d{1,4})[.:)]?\s+/i;
/** A committee code before the title (`JA - Title`), taken off only where the table of contents uses codes throughout. */
const TOC_CODE = /^([A-ZÆØÅ]{1,6})\s+[-–]\s+/;

/** Splits a TOC line into number, title and page; `codes` when the table of contents puts a committee code before every title. */
export function readTocLine(raw: string, line: number, codes = false): TocEntry | undefined {
  const shape = shapeLine(raw.includes('\t') ? raw.replace(/\t/g, ' ') : raw);
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
  const first = body.charCodeAt(0);
  const bullet = first === 45 || first === 0x2022 || first === 42 ? /^[-•*]\s+/.exec(body) : null;
  if (bullet) {
    s += bullet[0].length;
    body = raw.slice(s, e);
  }
  const num = TOC_NUMBER.exec(body);
  if (num) {
    number = Number(num[1]);
    const at = s + num[0].indexOf(num[1]);
    numberRange = lineRange(line, at, at + num[1].length);
    s += num[0].length;
    body = raw.slice(s, e);
  }
  const code = codes ? TOC_CODE.exec(body) : null;
  if (code) {
    s += code[0].length;
    body = raw.slice(s, e);
  }
  const trimmed = body.trimEnd();
  e = s + trimmed.length;
  if (!trimmed) return undefined;
  return { number, numberRange, title: trimmed, titleRange: lineRange(line, s, e), page, line, range: lineRange(line, 0, raw.length) };
}

/** The entries between `from` and `to`; a heading ends it, and lines that are only page numbers are left out. */
export function readToc(lines: readonly string[], shapes: readonly LineShape[], from: number, to: number): TocEntry[] {
  const out: TocEntry[] = [];
  let lineCount = 0;
  let coded = 0;
  for (let i = from; i <= to; i++) {
    if (shapes[i].blank || isPageNumberLine(shapes[i].content)) continue;
    lineCount++;
    // A code is followed by a dash.
    const content = shapes[i].content;
    if ((content.includes('-') || content.includes('–')) && TOC_CODE.test(content.replace(TOC_NUMBER, ''))) coded++;
  }
  const codes = coded >= 2 && coded * 5 >= lineCount * 4;
  for (let i = from; i <= to; i++) {
    if (shapes[i].blank) continue;
    // A heading ends the table of contents (e.g. a section before the first item).
    if (shapes[i].level > 0 && out.length > 0) break;
    if (isPageNumberLine(shapes[i].content)) continue;
    const entry = readTocLine(lines[i], i, codes);
    if (!entry) continue;
    // A title that wraps: a line without a number after an entry that has neither a page nor a dot leader yet.
    const previous = out[out.length - 1];
    if (previous && entry.number === undefined && previous.number !== undefined && previous.page === undefined && previous.line === i - 1) {
      previous.title = joinWrappedTitle(previous.title, entry.title);
      previous.titleRange = { start: previous.titleRange.start, end: entry.titleRange.end };
      previous.page = entry.page;
      previous.range = { start: previous.range.start, end: entry.range.end };
      continue;
    }
    out.push(entry);
  }
  return out;
}

/** `cykel-` + `stien` -> `cykelstien`; `Beskæftigelses-` + `og` keeps its dash; otherwise one space. */
export function joinWrappedTitle(first: string, next: string): string {
  if (/\p{L}-$/u.test(first) && /^[a-zæøå]/.test(next) && !/^(og|eller|samt|til)\b/.test(next)) return first.slice(0, -1) + next;
  return `${first} ${next}`.trim();
}
