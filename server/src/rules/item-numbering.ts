import type { Item, ReferatModel } from '../core/model';
import { readHeadingCandidate } from '../core/layout/headings';
import { shapeLine } from '../core/lines';
import { fold } from '../core/text';
import { msg, type TextEdit, type Rule } from './types';

/** An item's number exactly: past 2^53 a JavaScript number drops digits (`Punkt 123456789012345678901234567890`). */
function exact(item: Item): bigint {
  return /^\d+$/.test(item.numberText) ? BigInt(item.numberText) : BigInt(Math.trunc(item.number ?? 0));
}

/** The numbering that keeps the most numbers where they stand: the items should read `start`, `start + 1`, … */
export interface BestNumbering {
  start: bigint;
  /** How many items already carry their number in it. */
  kept: number;
  /** Whether no other start keeps as many: only then is the fix the one right answer. */
  unique: boolean;
}

/**
 * The start whose consecutive numbering keeps the most items' numbers (item `i` keeps its number under
 * the start `number - i`, so one count per start finds it in one pass). A start below 1 is no numbering
 * a referat uses, unless the document itself numbers an item 0.
 */
export function bestNumbering(items: readonly Item[]): BestNumbering | undefined {
  const numbers = items.map(exact);
  const lowest = numbers.some((n) => n === 0n) ? 0n : 1n;
  const count = new Map<bigint, number>();
  for (let i = 0; i < numbers.length; i++) {
    const start = numbers[i] - BigInt(i);
    if (start >= lowest) count.set(start, (count.get(start) ?? 0) + 1);
  }
  let best: BestNumbering | undefined;
  for (const [start, kept] of count) {
    if (!best || kept > best.kept) best = { start, kept, unique: true };
    else if (kept === best.kept) best.unique = false;
  }
  return best;
}

/**
 * The numbered table-of-contents entry that stands for each item: entry for entry where each pair
 * shares its number or its title, otherwise by a number that one entry and one item carry.
 */
function tocPartners(model: ReferatModel): Array<TocEntryWithNumber | undefined> {
  const toc = model.toc.filter((e): e is TocEntryWithNumber => e.number !== undefined && e.numberRange !== undefined);
  if (toc.length === 0) return [];
  if (
    toc.length === model.items.length &&
    toc.length === model.toc.length &&
    toc.every((e, k) => e.number === model.items[k].number || fold(e.title) === fold(model.items[k].title))
  )
    return toc;
  const once = <T>(keys: T[]): Set<T> => {
    const seen = new Set<T>();
    const twice = new Set<T>();
    for (const k of keys) (seen.has(k) ? twice : seen).add(k);
    return new Set([...seen].filter((k) => !twice.has(k)));
  };
  const entryNumbers = once(toc.map((e) => e.number));
  const itemNumbers = once(model.items.map((i) => i.number));
  const byNumber = new Map(toc.filter((e) => entryNumbers.has(e.number)).map((e) => [e.number, e]));
  return model.items.map((i) => (i.number !== null && itemNumbers.has(i.number) ? byNumber.get(i.number) : undefined));
}

type TocEntryWithNumber = ReferatModel['toc'][number] & {
  number: number;
  numberRange: NonNullable<ReferatModel['toc'][number]['numberRange']>;
};

/**
 * The edits that give item `i` the number `next`, and its table-of-contents entry with it: where the
 * entry carries the item's number (a fix), or whenever it differs from the new one (the command).
 */
function numberEdits(
  model: ReferatModel,
  partners: ReadonlyArray<TocEntryWithNumber | undefined>,
  i: number,
  next: bigint,
  toc: 'in-step' | 'all',
): TextEdit[] {
  const item = model.items[i];
  const edits: TextEdit[] = exact(item) === next ? [] : [{ range: item.numberRange, newText: String(next) }];
  const entry = partners[i];
  if (entry && (toc === 'all' ? BigInt(entry.number) !== next : entry.number === item.number))
    edits.push({ range: entry.numberRange, newText: String(next) });
  return edits;
}

/**
 * "Omnummerér punkter": every item renumbered in one consecutive run, from the start that keeps the
 * most numbers (from the first item's number where no start wins outright), with the numbered table
 * of contents kept in step.
 */
export function renumberEdits(model: ReferatModel): TextEdit[] {
  if (model.items.length === 0) return [];
  const best = bestNumbering(model.items);
  const first = best?.unique ? best.start : exact(model.items[0]);
  const partners = tocPartners(model);
  const edits: TextEdit[] = [];
  let next = first;
  for (let i = 0; i < model.items.length; i++, next++) edits.push(...numberEdits(model, partners, i, next, 'all'));
  return edits;
}

/**
 * The numbers of lines in the shape of the items' headings that the parser left as body text (a
 * list, a heading it did not take): a fix that wrote one of them would make a second heading of it.
 */
function numbersLeftInBody(model: ReferatModel, lines: readonly string[], shapeOf: readonly Item[]): Set<bigint> {
  const keys = new Set<string>();
  for (const item of shapeOf) {
    const key = lines[item.line] === undefined ? undefined : readHeadingCandidate(lines[item.line], shapeLine(lines[item.line]))?.key;
    if (key) keys.add(key);
  }
  // The table of contents lists the numbers on purpose; its lines are no second heading.
  const headingLines = new Set([
    ...model.items.map((i) => i.line),
    ...model.toc.flatMap((e) => range(e.range.start.line, e.range.end.line)),
  ]);
  const numbers = new Set<bigint>();
  if (keys.size === 0) return numbers;
  for (let l = 0; l < lines.length; l++) {
    if (headingLines.has(l)) continue;
    const c = readHeadingCandidate(lines[l], shapeLine(lines[l]));
    if (c && keys.has(c.key)) numbers.add(BigInt(c.numberText));
  }
  return numbers;
}

/** Item numbers that skip, repeat or go backwards. */
export const itemNumbering: Rule = {
  id: 'item-numbering',
  description: msg('Punkternes numre springer, gentages eller går baglæns.', 'Item numbers skip, repeat or go backwards.'),
  defaultSeverity: 'warning',
  tags: ['numbering'],
  fixable: true,
  scope: 'document',
  reads: ['headings'],
  check({ model, lines }, report) {
    const items = model.items;
    // Where the publication lost some headings, the numbers the document shows are not all of them.
    if (items.some((i) => i.number === null)) return;
    let inOrder = true;
    for (let i = 1; i < items.length && inOrder; i++) inOrder = exact(items[i]) === exact(items[i - 1]) + 1n;
    if (inOrder) return;
    const best = bestNumbering(items);
    if (best?.unique && 2 * best.kept >= items.length) {
      // One numbering changes the fewest numbers, and no more than it keeps: each number it changes is a slip, fixed on its own; its correct neighbours stay.
      const partners = tocPartners(model);
      const { start, kept } = best;
      const wrong = items.filter((item, i) => exact(item) !== start + BigInt(i));
      const inBody = numbersLeftInBody(model, lines, wrong);
      for (let i = 0; i < items.length; i++) {
        const want = start + BigInt(i);
        if (exact(items[i]) === want) continue;
        const item = items[i];
        report({
          range: item.numberRange,
          message: msg(
            `Punkt ${item.numberText} skulle have nummeret ${want}: ${kept} af ${items.length} punkter følger rækken fra ${start}.`,
            `Item ${item.numberText} should be numbered ${want}: ${kept} of ${items.length} items follow the sequence from ${start}.`,
          ),
          fix: inBody.has(want)
            ? undefined
            : {
                title: msg(`Ret nummeret til ${want}`, `Change the number to ${want}`),
                edits: numberEdits(model, partners, i, want, 'in-step'),
              },
        });
      }
      return;
    }
    // Two numberings change equally few numbers (a gap in the middle: the items before it or those after it are off), or
    // the best changes most of them: the breaks are reported, with no fix to choose ("Omnummerér punkter" renumbers on request).
    let c = exact(items[0]);
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
            ? msg(
                `Punkt ${cur.numberText} kommer efter punkt ${prev.numberText}: numrene går baglæns.`,
                `Item ${cur.numberText} follows item ${prev.numberText}: the numbers go backwards.`,
              )
            : msg(
                `Nummereringen springer fra ${prev.numberText} til ${cur.numberText}.`,
                `The numbering skips from ${prev.numberText} to ${cur.numberText}.`,
              );
      report({ range: cur.numberRange, message });
    }
  },
};

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i <= to; i++) out.push(i);
  return out;
}
