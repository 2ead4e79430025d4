import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from '../rules/types';

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
  const doc = TextDocument.create('', '', 0, before);
  return { range: { start: doc.positionAt(start), end: doc.positionAt(endBefore) }, newText: after.slice(start, endAfter) };
}
