import type { Item, ReferatModel, TocEntry } from '../core/model';
import { editDistance, isWhite } from '../core/text';
import { fold } from '../core/text';
import { msg, type Report, type Rule } from './types';

/** A title as a reader compares it: case, spacing, the kind of dash and a closing period aside. */
function key(title: string): string {
  let k = fold(title);
  // Most titles have no dash or quote, and end in neither a period nor a space: then the replacements have nothing to do.
  if (DASH_OR_QUOTE.test(k)) k = k.replace(/\s*[-‐‑‒–—]\s*/g, '-').replace(/[’'`´]/g, "'");
  const last = k.charCodeAt(k.length - 1);
  return last === 46 || isWhite(last) ? k.replace(/(?<![.\s])[.\s]+$/, '') : k;
}

const DASH_OR_QUOTE = /[-‐‑‒–—’'`´]/;

/** Whether an entry's title and a heading are the same as a reader compares them (this rule says nothing of them then). */
export function sameTitle(a: string, b: string): boolean {
  return key(a) === key(b);
}

function written(title: string): string {
  return title
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .replace(/(?<![.\s])[.\s]+$/, '')
    .trim();
}

/** Longest common subsequence of two key lists, as index pairs; position-wise when too large to align. */
function align(a: readonly string[], b: readonly string[]): Array<[number, number]> {
  const pairs: Array<[number, number]> = [];
  if (a.length * b.length > 4_000_000) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] === b[i]) pairs.push([i, i]);
    return pairs;
  }
  // The walk takes equal keys as it meets them, so a common start needs no table; mostly that is all of it.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) {
    pairs.push([start, start]);
    start++;
  }
  if (start === a.length || start === b.length) return pairs;
  const dp = lcsLengths(a, b, start);
  let i = start;
  let j = start;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) pairs.push([i++, j++]);
    else if (dp[i + 1 - start][j - start] >= dp[i - start][j + 1 - start]) i++;
    else j++;
  }
  return pairs;
}

/** `dp[i][j]`: the length of the longest common subsequence of `a` and `b` from `start + i` and `start + j` on. */
function lcsLengths(a: readonly string[], b: readonly string[], start: number): Uint32Array[] {
  const n = a.length - start;
  const m = b.length - start;
  const dp: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    const row = dp[i];
    const below = dp[i + 1];
    const ai = a[start + i];
    for (let j = m - 1; j >= 0; j--) row[j] = ai === b[start + j] ? below[j + 1] + 1 : Math.max(below[j], row[j + 1]);
  }
  return dp;
}

function similar(a: string, b: string): boolean {
  const limit = Math.max(3, Math.floor(Math.min(a.length, b.length) / 3));
  return editDistance(a, b, limit) <= limit;
}

function rewrite(entry: TocEntry, item: Item): Report['fix'] {
  return {
    title: msg('Skriv indholdsfortegnelsens titel om efter overskriften', 'Rewrite the entry from the heading'),
    edits: [{ range: entry.titleRange, newText: item.title }],
  };
}

/**
 * For each table-of-contents entry, the index of the item it stands for: equal titles in order, then
 * within each gap between them the rest in order (gaps of equal length) or by similar titles.
 * Undefined for an entry that names no item, or names one that it stands apart from (out of order).
 */
export function pairToc(toc: readonly TocEntry[], items: readonly Item[]): Array<number | undefined> {
  const tocKeys = toc.map((e) => key(e.title));
  const itemKeys = items.map((i) => key(i.title));
  const partner: Array<number | undefined> = toc.map(() => undefined);
  const pairs = align(tocKeys, itemKeys);
  for (const [t, h] of pairs) partner[t] = h;
  const itemKeySet = new Set(itemKeys);
  const tocKeySet = new Set(tocKeys);
  const bounds: Array<[number, number]> = [[-1, -1], ...pairs, [toc.length, items.length]];
  for (let k = 0; k + 1 < bounds.length; k++) {
    // An entry or item whose title stands elsewhere in the other list is out of order, not renamed.
    const tocGap = range(bounds[k][0] + 1, bounds[k + 1][0]).filter((t) => !itemKeySet.has(tocKeys[t]));
    const itemGap = range(bounds[k][1] + 1, bounds[k + 1][1]).filter((h) => !tocKeySet.has(itemKeys[h]));
    if (tocGap.length === 0 || itemGap.length === 0) continue;
    if (tocGap.length === itemGap.length) tocGap.forEach((t, j) => (partner[t] = itemGap[j]));
    else if (tocGap.length * itemGap.length <= 2500) {
      const used = new Set<number>();
      for (const t of tocGap) {
        const h = itemGap.find((x) => !used.has(x) && similar(tocKeys[t], itemKeys[x]));
        if (h === undefined) continue;
        used.add(h);
        partner[t] = h;
      }
    }
  }
  return partner;
}

/**
 * A new entry for `item` in the form of `template`, a neighbouring entry: its number form, committee
 * code and dot leader, but no page number, which only the published document knows.
 */
export function entryInFormOf(lines: readonly string[], template: TocEntry, item: Item): string {
  const first = lines[template.titleRange.start.line] ?? '';
  let prefix = first.slice(0, template.titleRange.start.character);
  const n = template.numberRange;
  if (n && n.start.line === template.titleRange.start.line)
    prefix = prefix.slice(0, n.start.character) + item.numberText + prefix.slice(n.end.character);
  let suffix = (lines[template.titleRange.end.line] ?? '').slice(template.titleRange.end.character);
  if (template.page !== undefined) suffix = suffix.replace(/\s*\d{1,4}\s*$/, '');
  return prefix + item.title + suffix.trimEnd();
}

/** The table of contents and the item headings differ. */
export const tocMismatch: Rule = {
  id: 'toc-mismatch',
  description: msg('Indholdsfortegnelsen svarer ikke til overskrifterne.', 'The table of contents differs from the headings.'),
  defaultSeverity: 'warning',
  tags: ['toc'],
  fixable: true,
  scope: 'document',
  reads: ['toc', 'headings'],
  check({ model, lines }, report) {
    const toc = model.toc;
    const items = model.items;
    if (toc.length === 0 || items.length === 0) return;
    const tocKeys = toc.map((e) => key(e.title));
    const itemKeys = items.map((i) => key(i.title));
    // Entry for entry the headings (the usual case): every pair aligns and no gap is left to report.
    if (tocKeys.length === itemKeys.length && tocKeys.every((k, i) => k === itemKeys[i])) return;
    const pairs = align(tocKeys, itemKeys);
    const differs = (entry: TocEntry, item: Item): void => {
      report({
        range: entry.titleRange,
        message: msg(
          `Indholdsfortegnelsen siger "${written(entry.title)}", men overskriften på punkt ${item.numberText} er "${item.title}".`,
          `The table of contents says "${written(entry.title)}", but the heading of item ${item.numberText} is "${item.title}".`,
        ),
        fix: rewrite(entry, item),
      });
    };
    // Paired titles have the same key: they differ at most in spacing, dashes, quotes or case, which a reader does not count.

    const bounds: Array<[number, number]> = [[-1, -1], ...pairs, [toc.length, items.length]];
    // Made at the first gap: a table of contents that follows the headings has none.
    let gapFacts: { matchedItemKeys: Set<string>; firstItemWithKey: Map<string, number>; tocKeySet: Set<string> } | undefined;
    for (let k = 0; k + 1 < bounds.length; k++) {
      if (bounds[k][0] + 1 === bounds[k + 1][0] && bounds[k][1] + 1 === bounds[k + 1][1]) continue;
      if (!gapFacts) {
        // Look-ups by key instead of includes/indexOf, so a long table of contents is not quadratic.
        const firstItemWithKey = new Map<string, number>();
        itemKeys.forEach((key, i) => {
          if (!firstItemWithKey.has(key)) firstItemWithKey.set(key, i);
        });
        gapFacts = {
          matchedItemKeys: new Set(pairs.map(([, h]) => itemKeys[h])),
          firstItemWithKey,
          tocKeySet: new Set(tocKeys),
        };
      }
      const { matchedItemKeys, firstItemWithKey, tocKeySet } = gapFacts;
      const tocGap = range(bounds[k][0] + 1, bounds[k + 1][0]);
      const itemGap = range(bounds[k][1] + 1, bounds[k + 1][1]);
      const usedItems = new Set<number>();
      // Gaps of equal length pair in order; otherwise by similar titles, unless that would compare too many pairs.
      const inOrder = tocGap.length === itemGap.length;
      const bySimilarity = !inOrder && tocGap.length * itemGap.length <= 2500;
      let nextInOrder = 0;
      for (const t of tocGap) {
        const entry = toc[t];
        const elsewhere = firstItemWithKey.get(tocKeys[t]);
        if (matchedItemKeys.has(tocKeys[t]) || (elsewhere !== undefined && (elsewhere <= bounds[k][1] || elsewhere >= bounds[k + 1][1]))) {
          const item = items[elsewhere!];
          report({
            range: entry.titleRange,
            message: msg(
              `"${written(entry.title)}" står et andet sted i indholdsfortegnelsen end punkt ${item.numberText} i dokumentet.`,
              `"${written(entry.title)}" is out of order: the table of contents places it elsewhere than item ${item.numberText}.`,
            ),
          });
          continue;
        }
        let h: number | undefined;
        if (inOrder) {
          while (nextInOrder < itemGap.length && usedItems.has(itemGap[nextInOrder])) nextInOrder++;
          h = itemGap[nextInOrder];
        } else if (bySimilarity) h = itemGap.find((x) => !usedItems.has(x) && similar(tocKeys[t], itemKeys[x]));
        if (h !== undefined) {
          usedItems.add(h);
          differs(entry, items[h]);
          continue;
        }
        report({
          range: entry.titleRange,
          message: msg(
            `"${written(entry.title)}" står i indholdsfortegnelsen, men intet punkt har den overskrift.`,
            `"${written(entry.title)}" is in the table of contents, but no item has that heading.`,
          ),
        });
      }
      for (const h of itemGap) {
        if (usedItems.has(h) || tocKeySet.has(itemKeys[h])) continue;
        const item = items[h];
        const before = bounds[k][0] >= 0 ? toc[bounds[k][0]] : undefined;
        const after = bounds[k + 1][0] < toc.length ? toc[bounds[k + 1][0]] : undefined;
        // Between two entries with nothing else between them, the place is unique; the entry takes the form of its neighbour.
        const fix: Report['fix'] =
          tocGap.length === 0 && (before ?? after)
            ? {
                title: msg('Tilføj punktet til indholdsfortegnelsen', 'Add the item to the table of contents'),
                edits: [
                  before
                    ? { range: { start: before.range.end, end: before.range.end }, newText: `\n${entryInFormOf(lines, before, item)}` }
                    : {
                        range: { start: { line: after!.line, character: 0 }, end: { line: after!.line, character: 0 } },
                        newText: `${entryInFormOf(lines, after!, item)}\n`,
                      },
                ],
              }
            : undefined;
        report({
          range: item.titleRange,
          message: msg(
            `Punkt ${item.numberText} "${item.title}" mangler i indholdsfortegnelsen.`,
            `Item ${item.numberText} "${item.title}" is missing from the table of contents.`,
          ),
          fix,
        });
      }
    }
  },
};

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i < to; i++) out.push(i);
  return out;
}

export type { ReferatModel };
