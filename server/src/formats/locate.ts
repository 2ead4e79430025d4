import type { Finding } from '../rules/types';
import type { Messages } from './messages';
import type { PublishedFormat } from './index';

/** Where a line of extracted text is in the published file: its page (PDF) or the heading above it (Word, web page). */
export interface Whereabouts {
  page?: number;
  heading?: string;
}

/** The page of every line: one more than the form feeds up to and including it (a page starts with a form feed). */
export function pagesOfLines(lines: readonly string[]): number[] {
  let page = 1;
  return lines.map((line) => {
    for (let i = line.indexOf('\f'); i !== -1; i = line.indexOf('\f', i + 1)) page++;
    return page;
  });
}

const HEADING = /^#{1,6}\s+(.*?)\s*#*\s*$/;

function headingText(line: string): string {
  return (HEADING.exec(line)?.[1] ?? line).replace(/\*\*/g, '').trim();
}

/**
 * The heading that names where every line is: the item heading at or above it (the parser's
 * `itemLines`), and before the first item the nearest Markdown heading.
 */
function headingsOfLines(lines: readonly string[], itemLines: readonly number[]): Array<string | undefined> {
  const items = new Set(itemLines);
  let heading: string | undefined;
  let inItem = false;
  return lines.map((line, i) => {
    if (items.has(i)) {
      heading = headingText(line);
      inItem = true;
    } else if (!inItem && HEADING.test(line)) heading = headingText(line);
    return heading;
  });
}

/** A lookup from line to whereabouts for a text extracted from a file of `format`, whose item headings are on `itemLines`. */
export function locator(
  lines: readonly string[],
  format: PublishedFormat,
  itemLines: readonly number[] = [],
): (line: number) => Whereabouts {
  if (format === 'pdf') {
    const pages = pagesOfLines(lines);
    return (line) => ({ page: pages[Math.min(line, pages.length - 1)] });
  }
  const headings = headingsOfLines(lines, itemLines);
  return (line) => {
    const heading = headings[Math.min(line, headings.length - 1)];
    return heading ? { heading } : {};
  };
}

/** Whereabouts as words: "side 3" / "page 3", or the heading; empty when there is nothing to say. */
export function describeWhereabouts(w: Whereabouts): Messages | undefined {
  if (w.page !== undefined) return { da: `side ${w.page}`, en: `page ${w.page}` };
  if (w.heading !== undefined) return { da: `under »${w.heading}«`, en: `under "${w.heading}"` };
  return undefined;
}

/** The findings with their whereabouts after each message, for an editor that shows the message only. */
export function withWhereabouts(findings: readonly Finding[], where: (line: number) => Whereabouts): Finding[] {
  return findings.map((f) => {
    const words = describeWhereabouts(where(f.range.start.line));
    return words ? { ...f, message: { da: `${f.message.da} (${words.da})`, en: `${f.message.en} (${words.en})` } } : f;
  });
}
