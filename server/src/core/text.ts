import type { Position, Range } from './model';

const SPACE_LIKE = /[\uFEFF\u00A0\u202F\u2028\u2029]/;
const SPACE_LIKE_ALL = /[\uFEFF\u00A0\u202F\u2028\u2029]/g;

/**
 * Splits a document into lines the way LSP counts them (\r\n, \r and \n all end a line)
 * and makes same-length replacements that must not change the reading: a BOM and
 * non-breaking spaces become plain spaces, so every character offset stays exact. U+2028 and
 * U+2029 become spaces too: `.` in a regular expression stops at them, and a `(.*)$` that fails
 * late makes the quantifiers before it backtrack.
 */
export function splitLines(text: string): string[] {
  // Splitting on a string is several times faster than on a regular expression, and most texts have no \r.
  const lines = text.includes('\r') ? text.split(/\r\n|\r|\n/) : text.split('\n');
  if (!SPACE_LIKE.test(text)) return lines;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (SPACE_LIKE.test(line)) lines[i] = line.replace(SPACE_LIKE_ALL, ' ');
  }
  return lines;
}

/** The line end of a text that ends every line alike: `\r\n`, `\r` or `\n`; undefined for mixed line ends (or none but `\n`'s absence: then `\n`). */
export function soleLineEnd(text: string): '\r\n' | '\r' | '\n' | undefined {
  // Most texts have no \r: one scan tells.
  if (!text.includes('\r')) return '\n';
  let crlf = 0;
  let cr = 0;
  let lf = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) {
        crlf++;
        i++;
      } else cr++;
    } else if (c === 10) lf++;
    if (Number(crlf > 0) + Number(cr > 0) + Number(lf > 0) > 1) return undefined;
  }
  return crlf > 0 ? '\r\n' : cr > 0 ? '\r' : '\n';
}

/**
 * Lines a fix inserts end in `\n`; in a text that ends every line in `\r\n` (or `\r`) they get
 * that ending too. A text with mixed endings is left as the fixes made it.
 */
export function keepLineEnds(original: string, fixed: string): string {
  const eol = soleLineEnd(original);
  if (!eol || eol === '\n' || !/\n/.test(fixed.replace(/\r\n/g, ''))) return fixed;
  return fixed.replace(/\r\n|\n/g, eol);
}

/**
 * The edits with every line end they insert in the text's own line end (see keepLineEnds); the
 * text is read for it only when an edit inserts one.
 */
export function editsInLineEnds<E extends { newText: string }>(text: string, edits: readonly E[]): E[] {
  if (!edits.some((e) => e.newText.includes('\n'))) return edits as E[];
  const eol = soleLineEnd(text);
  if (!eol || eol === '\n') return edits as E[];
  return edits.map((e) => (e.newText.includes('\n') ? { ...e, newText: e.newText.replace(/\r\n|\n/g, eol) } : e));
}

export function pos(line: number, character: number): Position {
  return { line, character };
}

export function range(line: number, start: number, endLine: number, end: number): Range {
  return { start: { line, character: start }, end: { line: endLine, character: end } };
}

export function lineRange(line: number, start: number, end: number): Range {
  return range(line, start, line, end);
}

/**
 * Canonical form for comparing names and titles: NFC, one space, no case; that is
 * `s.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('da')`, without the calls that
 * change nothing. Below U+0300 no character changes under NFC or composes with its neighbour, and
 * toLowerCase() lowercases as the Danish locale does (ICU's special casing is for tr, az and lt).
 */
export function fold(s: string): string {
  // One pass over text below U+0300 (nearly all Danish text): whether `\s+` -> one space would change it.
  let collapse = false;
  let white = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x300) return s.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
    if (c === 32) {
      if (white) collapse = true;
      white = true;
    } else if ((c >= 9 && c <= 13) || c === 0xa0) collapse = white = true;
    else white = false;
  }
  return (collapse ? s.replace(/\s+/g, ' ') : s).trim().toLowerCase();
}

/** Name comparison key: like fold, and without periods. */
export function nameKey(s: string): string {
  const f = fold(s);
  // Without a period the second collapse has nothing to do: fold left single spaces.
  return f.includes('.') ? f.replace(/[.]/g, '').replace(/\s+/g, ' ') : f;
}

/** `s.normalize('NFC')`, without the call where nothing could change (text below U+0300). */
export function nfcLatin(s: string): string {
  return BEYOND_LATIN.test(s) ? s.normalize('NFC') : s;
}

const BEYOND_LATIN = /[^\u0000-\u02ff]/;

/** Levenshtein distance, bounded: gives up (returns limit + 1) once the distance exceeds limit. */
export function editDistance(a: string, b: string, limit = 3): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (cur[j] < rowMin) rowMin = cur[j];
    }
    if (rowMin > limit) return limit + 1;
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

/**
 * The empty list that model parts without any share (an item without tables, quotations ...), frozen
 * so that nothing adds to it by mistake: a document of a million items keeps no million empty lists.
 */
export const NONE: never[] = Object.freeze([]) as unknown as never[];

/** Appends one array to another; unlike push(...items), any length works (spread arguments overflow the stack near 100,000). */
export function append<T>(into: T[], items: readonly T[]): void {
  for (const item of items) into.push(item);
}

/** Replaces `list[from..to)` with `items` in place; unlike splice(from, n, ...items), any length works. */
export function replaceRange<T>(list: T[], from: number, to: number, items: readonly T[]): void {
  if (items.length === to - from) {
    for (let i = 0; i < items.length; i++) list[from + i] = items[i];
    return;
  }
  const tail = list.splice(to);
  list.length = from;
  append(list, items);
  append(list, tail);
}

/** JavaScript's `\s`, as a character code test. */
export function isWhite(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Where a line's leading white space ends. */
export function firstNonWhite(s: string): number {
  let i = 0;
  while (i < s.length && isWhite(s.charCodeAt(i))) i++;
  return i;
}

/** Where a line's trailing white space starts. */
export function trimmedEnd(s: string, end = s.length): number {
  while (end > 0 && isWhite(s.charCodeAt(end - 1))) end--;
  return end;
}

/**
 * The first character of a line after its leading white space and a `**`, folded to lower case for
 * ASCII and Latin-1 letters (`| 0x20`), or -1 for none: a cheap test before a label's regular expression.
 */
export function leadLetter(raw: string): number {
  let i = firstNonWhite(raw);
  if (raw.charCodeAt(i) === 42 && raw.charCodeAt(i + 1) === 42) i += 2;
  return i < raw.length ? raw.charCodeAt(i) | 0x20 : -1;
}

/** NFC, where the text has a combining mark to compose (`Resume\u0301`); most lines have none, and normalizing them costs. */
export function nfc(s: string): string {
  return COMBINING.test(s) ? s.normalize('NFC') : s;
}

const COMBINING = /[\u0300-\u036f]/;
