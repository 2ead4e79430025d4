import type { HeadingStyle } from './model';

/** One line with its Markdown-ish markup taken apart: `## **Punkt 82: Title**` -> level 2, bold, `Punkt 82: Title`. */
export interface LineShape {
  /** Number of leading `#` (0 when none). */
  level: number;
  bold: boolean;
  /** The text inside the markup, trimmed. */
  content: string;
  /** Offsets of content in the raw line. */
  start: number;
  end: number;
  style: HeadingStyle;
  blank: boolean;
}

const BLANK: LineShape = { level: 0, bold: false, content: '', start: 0, end: 0, style: 'bare', blank: true };

/**
 * A line that is only an HTML comment (a disable comment, see disable.ts, or the writer's own note) reads as
 * blank: it does not show in a rendered referat, and must not stand in for a label or a case number.
 */
const COMMENT_LINE = /^<!--(?:(?!-->).)*-->$/;

/** A whole HTML comment within one line. */
const COMMENT_IN_LINE = /<!--(?:(?!-->).)*-->/g;

/**
 * The lines with every HTML comment that closes on its own line turned into blanks of the same length:
 * a comment at the end of a case number or heading line (`27/311 <!-- referat-disable-line … -->`) is
 * not part of what the parser reads, and every column stays where it was. The same array when none has one.
 */
export function maskComments(lines: string[]): string[] {
  let masked: string[] | undefined;
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].includes('<!--')) continue;
    const line = lines[i].replace(COMMENT_IN_LINE, (c) => ' '.repeat(c.length));
    if (line === lines[i]) continue;
    masked ??= lines.slice();
    masked[i] = line;
  }
  return masked ?? lines;
}

export function shapeLine(raw: string): LineShape {
  let start = 0;
  let end = raw.length;
  while (start < end && isSpace(raw.charCodeAt(start))) start++;
  while (end > start && isSpace(raw.charCodeAt(end - 1))) end--;
  if (start === end) return BLANK;
  if (raw.charCodeAt(start) === 60 /* < */ && COMMENT_LINE.test(raw.slice(start, end))) return BLANK;
  let level = 0;
  while (level < 7 && raw.charCodeAt(start + level) === 35 /* # */) level++;
  if (level > 0 && level <= 6 && (start + level === end || isSpace(raw.charCodeAt(start + level)))) {
    start += level;
    while (start < end && isSpace(raw.charCodeAt(start))) start++;
    // A closing run of # belongs to the markup too.
    let e = end;
    while (e > start && raw.charCodeAt(e - 1) === 35) e--;
    if (e < end && (e === start || isSpace(raw.charCodeAt(e - 1)))) {
      end = e;
      while (end > start && isSpace(raw.charCodeAt(end - 1))) end--;
    }
  } else {
    level = 0;
  }
  let bold = false;
  if (end - start >= 4 && raw.startsWith('**', start) && raw.startsWith('**', end - 2)) {
    const inner = raw.slice(start + 2, end - 2);
    if (!inner.includes('**')) {
      bold = true;
      start += 2;
      end -= 2;
    }
  } else if (end - start > 2 && raw.startsWith('**', start) && !raw.slice(start + 2, end).includes('**')) {
    // An unclosed bold opener: the heading wraps and the closing ** is on the next line.
    bold = true;
    start += 2;
  }
  while (start < end && isSpace(raw.charCodeAt(start))) start++;
  while (end > start && isSpace(raw.charCodeAt(end - 1))) end--;
  const style: HeadingStyle = level > 0 ? (bold ? 'atx-bold' : 'atx') : bold ? 'bold' : 'bare';
  return { level, bold, content: raw.slice(start, end), start, end, style, blank: start === end };
}

/** Space, tab, form feed (a page break in PDF text), vertical tab, no-break space, BOM. */
function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 12 || c === 11 || c === 0xa0 || c === 0xfeff;
}

/** A line that is markup-wise a heading: `#`-heading or a line that is wholly bold. */
export function isMarkedHeading(shape: LineShape): boolean {
  return shape.level > 0 || shape.bold;
}
