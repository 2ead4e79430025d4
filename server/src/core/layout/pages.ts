import type { LineShape } from '../lines';

/**
 * Page furniture in text taken from a PDF: the form feed between pages, page numbers (`3`, `Side 3
 * af 12`, `- 3 -`) and running headers or footers repeated at every page break. They are not part of
 * the referat's reading; the layout step treats their lines as blank.
 */
export interface PageFurniture {
  /** Lines that hold a form feed: one per page break. */
  breaks: number[];
  /** Lines to read as blank. */
  lines: Set<number>;
}

const PAGE_NUMBER = /^(?:side\s+)?[-–]?\s*\d{1,4}\s*[-–]?(?:\s*(?:af|\/)\s*\d{1,4})?$/i;
const PAGE_OF = /^side\s+\d{1,4}\s+(?:af|\/)\s+\d{1,4}$/i;
/** How many non-blank lines beside a page break can be its header or footer. */
const NEAR = 3;

/** A line's text with its digits folded, so that `Side 3` and `Side 4` are one running header. */
function runningKey(content: string): string {
  return content.replace(/\d+/g, '#').replace(/\s+/g, ' ').trim().toLocaleLowerCase('da');
}

export function findPageFurniture(lines: readonly string[], shapes: readonly LineShape[]): PageFurniture {
  const breaks: number[] = [];
  const furniture = new Set<number>();
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].includes('\f')) breaks.push(i);
    // `Side 3 af 12` says what it is wherever it stands.
    if (!shapes[i].blank && (shapes[i].content.charCodeAt(0) | 0x20) === 0x73 /* s */ && PAGE_OF.test(shapes[i].content)) furniture.add(i);
  }
  if (breaks.length === 0) return { breaks, lines: furniture };

  // The nearest non-blank lines on each side of each break: a page's footer before it, the next page's header after it.
  const before: number[][] = [];
  const after: number[][] = [];
  for (const b of breaks) {
    const up: number[] = [];
    const down: number[] = [];
    for (let i = b - 1; i >= 0 && up.length < NEAR; i--) if (!shapes[i].blank) up.push(i);
    if (!shapes[b].blank) down.push(b);
    for (let i = b + 1; i < lines.length && down.length < NEAR; i++) if (!shapes[i].blank) down.push(i);
    before.push(up);
    after.push(down);
  }
  // A page number next to a break.
  for (const near of [...before, ...after]) for (const i of near) if (PAGE_NUMBER.test(shapes[i].content)) furniture.add(i);
  // A running header or footer: the same text (digits aside) on the same side of most breaks (two at least).
  const anywhere = new Map<string, number>();
  for (let i = 0; i < lines.length; i++) {
    if (shapes[i].blank) continue;
    const key = runningKey(shapes[i].content);
    anywhere.set(key, (anywhere.get(key) ?? 0) + 1);
  }
  for (const [side, isFooter] of [
    [before, true],
    [after, false],
  ] as const) {
    const at = new Map<string, number[]>();
    for (const near of side) {
      for (const i of near.slice(0, 2)) {
        const key = runningKey(shapes[i].content);
        if (key.length < 3) continue;
        (at.get(key) ?? at.set(key, []).get(key)!).push(i);
      }
    }
    for (const [key, found] of at) {
      if (found.length < 2 || found.length * 5 < breaks.length * 3) continue;
      // A footer carries a number (the page, a date); a line without one that ends pages is the text's own ("Godkendt.").
      // A header without a number counts where it stands at three page tops and nowhere else.
      if (!key.includes('#') && (isFooter || found.length < 3 || (anywhere.get(key) ?? 0) > found.length)) continue;
      for (const i of found) furniture.add(i);
    }
  }
  return { breaks, lines: furniture };
}
