import type { Item, ReferatModel } from '../core/model';
import { msg, type TextEdit, type Rule } from './types';

/**
 * The edits that renumber items from index `from` on, continuing from the item before it.
 * A numbered table of contents that follows the headings one to one is renumbered in step.
 */
/** An item's number exactly: past 2^53 a JavaScript number drops digits (`Punkt 123456789012345678901234567890`). */
function exact(item: Item): bigint {
  return /^\d+$/.test(item.numberText) ? BigInt(item.numberText) : BigInt(Math.trunc(item.number ?? 0));
}

export function renumberEdits(model: ReferatModel, from: number): TextEdit[] {
  const edits: TextEdit[] = [];
  const first = from > 0 ? exact(model.items[from - 1]) + 1n : exact(model.items[0]);
  const tocInStep = model.toc.length === model.items.length && model.toc.every((e, k) => e.number === model.items[k].number && e.numberRange);
  for (let i = from, next = first; i < model.items.length; i++, next++) {
    if (exact(model.items[i]) === next) continue;
    edits.push({ range: model.items[i].numberRange, newText: String(next) });
    if (tocInStep) edits.push({ range: model.toc[i].numberRange!, newText: String(next) });
  }
  return edits;
}

/** Item numbers that skip, repeat or go backwards. */
export const itemNumbering: Rule = {
  id: 'item-numbering',
  description: msg('Punkternes numre springer, gentages eller går baglæns.', 'Item numbers skip, repeat or go backwards.'),
  defaultSeverity: 'warning',
  tags: ['numbering'],
  fixable: true,
  scope: 'document',
  check({ model }, report) {
    const items = model.items;
    // Where the publication lost some headings, the numbers the document shows are not all of them.
    if (items.some((i) => i.number === null)) return;
    // Each fix renumbers every item after its own, so a document of repeats would need n² edits: past
    // this budget the later findings go without a fix (the first fix renumbers them all anyway).
    let budget = 4 * items.length + 1000;
    // Each number is read once, as the next item's predecessor too.
    let c = items.length > 0 ? exact(items[0]) : 0n;
    for (let i = 1; i < items.length; i++) {
      const prev = items[i - 1];
      const cur = items[i];
      const p = c;
      c = exact(cur);
      if (c === p + 1n) continue;
      const message =
        c === p
          ? msg(`Punkt ${cur.numberText} gentager nummeret før.`, `Item ${cur.numberText} repeats the number before it.`)
          : c < p
            ? msg(`Punkt ${cur.numberText} kommer efter punkt ${prev.numberText}: numrene går baglæns.`, `Item ${cur.numberText} follows item ${prev.numberText}: the numbers go backwards.`)
            : msg(`Nummereringen springer fra ${prev.numberText} til ${cur.numberText}.`, `The numbering skips from ${prev.numberText} to ${cur.numberText}.`);
      report({
        range: cur.numberRange,
        message,
        fix: { title: msg('Omnummerér punkterne herfra', 'Renumber the items from here'), edits: budget > 0 ? renumberEdits(model, i) : [] },
      });
      budget -= items.length - i;
    }
  },
};
