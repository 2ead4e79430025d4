import type { Analysis } from '../analysis';
import type { Item, TocEntry } from '../core/model';
import type { TextEdit } from '../rules/types';
import { entryInFormOf, pairToc, sameTitle } from '../rules/toc-mismatch';
import { fold } from '../core/text';

/**
 * The table of contents rebuilt from the headings, one entry per item. Each existing line keeps its
 * own form (number, committee code, dot leader, tab, page number): only a number or a title that
 * differs from its item's is rewritten, an entry that names no item is removed, and a missing item
 * gets a line in the form of the entry before it (after it, at the top), without a page number,
 * which only the published document knows. Without a table of contents, a numbered one is inserted
 * before the first item.
 */
export function rebuildTocEdits(analysis: Analysis): TextEdit[] {
  const { model } = analysis.parsed;
  const items = model.items;
  if (items.length === 0) return [];
  const eol = /\r\n/.test(analysis.text) ? '\r\n' : '\n';
  const toc = model.toc;
  const lines = analysis.lines;
  if (toc.length === 0) {
    const line = items[0].line;
    const entries = items.map((i) => `${i.numberText}. ${i.title}`);
    return [
      {
        range: { start: { line, character: 0 }, end: { line, character: 0 } },
        newText: ['Indholdsfortegnelse', '', ...entries, '', ''].join(eol),
      },
    ];
  }
  const partner = pairToc(toc, items);
  const entryOf = new Map<number, number>();
  partner.forEach((h, t) => {
    if (h !== undefined) entryOf.set(h, t);
  });
  // An entry out of order is moved: its own line goes where its item stands, numbered as the item.
  const movedEntry = new Map<string, number>();
  toc.forEach((e, t) => {
    if (partner[t] === undefined && !movedEntry.has(fold(e.title))) movedEntry.set(fold(e.title), t);
  });
  const linesOfItem = (h: number, template: TocEntry): string[] => {
    const own = movedEntry.get(fold(items[h].title));
    if (own !== undefined) {
      movedEntry.delete(fold(items[h].title));
      return rewritten(lines, toc[own], items[h]);
    }
    return [entryInFormOf(lines, template, items[h])];
  };
  const firstPaired = items.findIndex((_, h) => entryOf.has(h));
  const out: string[] = [];
  const from = toc[0].range.start.line;
  const to = toc[toc.length - 1].range.end.line;
  const entryStartingAt = new Map(toc.map((e, t) => [e.range.start.line, t]));
  const missingFrom = (h: number, template: TocEntry): void => {
    for (; h < items.length && !entryOf.has(h); h++) out.push(...linesOfItem(h, template));
  };
  // Items before the first entry that stands for one go on top, in the form of that entry (or of the first entry).
  if (firstPaired !== 0) missingFrom(0, toc[firstPaired >= 0 ? entryOf.get(firstPaired)! : 0]);
  for (let l = from; l <= to; l++) {
    const t = entryStartingAt.get(l);
    if (t === undefined) {
      out.push(lines[l]);
      continue;
    }
    const entry = toc[t];
    const h = partner[t];
    if (h !== undefined) {
      out.push(...rewritten(lines, entry, items[h]));
      missingFrom(h + 1, entry);
    }
    l = entry.range.end.line;
  }
  const current = lines.slice(from, to + 1);
  if (current.join(eol) === out.join(eol)) return [];
  return [{ range: { start: { line: from, character: 0 }, end: { line: to, character: lines[to].length } }, newText: out.join(eol) }];
}

/**
 * An entry's own lines with its number rewritten where it differs from the item's, and its title
 * where it names another than the item's (then a wrapped title becomes one line).
 */
function rewritten(lines: readonly string[], entry: TocEntry, item: Item): string[] {
  const { titleRange, numberRange, range } = entry;
  const own = lines.slice(range.start.line, range.end.line + 1);
  const first = titleRange.start.line - range.start.line;
  if (
    numberRange &&
    numberRange.start.line === titleRange.start.line &&
    lines[numberRange.start.line].slice(numberRange.start.character, numberRange.end.character) !== item.numberText
  ) {
    own[first] = own[first].slice(0, numberRange.start.character) + item.numberText + own[first].slice(numberRange.end.character);
  }
  if (sameTitle(entry.title, item.title)) return own;
  const shift = own[first].length - lines[titleRange.start.line].length;
  const last = titleRange.end.line - range.start.line;
  const tail = own[last].slice(titleRange.end.character + (last === first ? shift : 0));
  const line = own[first].slice(0, titleRange.start.character + shift) + item.title + tail;
  return [...own.slice(0, first), line, ...own.slice(last + 1)];
}
