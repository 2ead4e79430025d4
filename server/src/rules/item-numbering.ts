import type { ReferatModel } from '../core/model';
import { msg, type TextEdit, type Rule } from './types';

/**
 * The edits that renumber items from index `from` on, continuing from the item before it.
 * A numbered table of contents that follows the headings one to one is renumbered in step.
 */
export function renumberEdits(model: ReferatModel, from: number): TextEdit[] {
  const edits: TextEdit[] = [];
  const first = from > 0 ? model.items[from - 1].number + 1 : model.items[0].number;
  const tocInStep = model.toc.length === model.items.length && model.toc.every((e, k) => e.number === model.items[k].number && e.numberRange);
  for (let i = from, next = first; i < model.items.length; i++, next++) {
    if (model.items[i].number === next) continue;
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
    for (let i = 1; i < items.length; i++) {
      const prev = items[i - 1];
      const cur = items[i];
      if (cur.number === prev.number + 1) continue;
      const message =
        cur.number === prev.number
          ? msg(`Punkt ${cur.numberText} gentager nummeret før.`, `Item ${cur.numberText} repeats the number before it.`)
          : cur.number < prev.number
            ? msg(`Punkt ${cur.numberText} kommer efter punkt ${prev.numberText}: numrene går baglæns.`, `Item ${cur.numberText} follows item ${prev.numberText}: the numbers go backwards.`)
            : msg(`Nummereringen springer fra ${prev.numberText} til ${cur.numberText}.`, `The numbering skips from ${prev.numberText} to ${cur.numberText}.`);
      report({
        range: cur.numberRange,
        message,
        fix: { title: msg('Omnummerér punkterne herfra', 'Renumber the items from here'), edits: renumberEdits(model, i) },
      });
    }
  },
};
