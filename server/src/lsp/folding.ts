import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver';
import type { Analysis } from '../analysis';

/** Folding for the header, the table of contents, items, sections and tables; trailing blank lines stay open. */
export function foldingRanges(analysis: Analysis): FoldingRange[] {
  const { model } = analysis.parsed;
  const lines = analysis.lines;
  const out: FoldingRange[] = [];
  const add = (start: number, end: number, kind?: FoldingRangeKind): void => {
    // A fold starts on its first line with text, so that Fold All never hides a blank line's successors.
    while (start < end && lines[start] !== undefined && lines[start].trim() === '') start++;
    while (end > start && lines[end] !== undefined && lines[end].trim() === '') end--;
    if (end > start) out.push({ startLine: start, endLine: end, ...(kind ? { kind } : {}) });
  };
  const h = model.meeting.headerRange;
  add(h.start.line, h.end.line, FoldingRangeKind.Region);
  if (model.tocRange) add(model.tocRange.start.line, model.tocRange.end.line, FoldingRangeKind.Region);
  for (const item of model.items) {
    add(item.line, item.endLine);
    for (const s of item.sections) add(s.line, s.endLine);
    for (const t of item.tables) add(t.line, t.endLine);
  }
  return out;
}
