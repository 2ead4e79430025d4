import type { TextEdit } from '../rules/types';
import { lineOffsets } from '../lint';

function positionAt(offsets: readonly number[], text: string, offset: number): { line: number; character: number } {
  let lo = 0;
  let hi = offsets.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (offsets[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: Math.min(offset, text.length) - offsets[lo] };
}

/**
 * One edit that turns `before` into `after`, covering only the span between their common
 * prefix and suffix, so that text outside the changes is never rewritten.
 */
export function minimalEdit(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)) {
    endBefore--;
    endAfter--;
  }
  // Never split a \r\n pair: LSP counts it as one line end.
  if (start > 0 && before.charCodeAt(start - 1) === 13 && before.charCodeAt(start) === 10) start--;
  if (endBefore < before.length && before.charCodeAt(endBefore - 1) === 13 && before.charCodeAt(endBefore) === 10) {
    endBefore++;
    endAfter++;
  }
  const offsets = lineOffsets(before);
  return { range: { start: positionAt(offsets, before, start), end: positionAt(offsets, before, endBefore) }, newText: after.slice(start, endAfter) };
}
