import type { Analysis } from '../analysis';
import type { TextEdit } from '../rules/types';
import { fold } from '../core/text';

/**
 * The table of contents rebuilt from the headings, one entry per item, in the style of the
 * existing entries (numbered or not, page numbers kept where an entry's title still matches);
 * without a table of contents, a numbered one is inserted before the first item.
 */
export function rebuildTocEdits(analysis: Analysis): TextEdit[] {
  const { model } = analysis.parsed;
  if (model.items.length === 0) return [];
  const eol = /\r\n/.test(analysis.text) ? '\r\n' : '\n';
  const toc = model.toc;
  if (toc.length === 0) {
    const line = model.items[0].line;
    const entries = model.items.map((i) => `${i.numberText}. ${i.title}`);
    return [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: ['Indholdsfortegnelse', '', ...entries, '', ''].join(eol) }];
  }
  const numbered = toc.some((e) => e.number !== undefined);
  const pageByTitle = new Map(toc.filter((e) => e.page !== undefined).map((e) => [fold(e.title), e.page!]));
  const tabbed = toc.some((e) => analysis.lines[e.line].includes('\t'));
  const entries = model.items.map((i) => {
    const page = pageByTitle.get(fold(i.title));
    const head = numbered ? `${i.numberText}. ${i.title}` : i.title;
    return page !== undefined ? `${head}${tabbed ? '\t' : ' ... '}${page}` : head;
  });
  const first = toc[0].line;
  const last = toc[toc.length - 1].line;
  const current = analysis.lines.slice(first, last + 1);
  if (current.join(eol) === entries.join(eol)) return [];
  return [{ range: { start: { line: first, character: 0 }, end: { line: last, character: analysis.lines[last].length } }, newText: entries.join(eol) }];
}
