import type { CaseNumber, Item, ReferatModel } from '../core/model';
import type { ResolvedConfig } from '../config';
import { titleMatcher } from './types';

/** The scheme an item's case numbers follow, e.g. `kle-short+year-serial` for Lejre. */
export function schemeOf(item: Item, config: ResolvedConfig): string {
  return [...new Set(item.caseNumbers.map((c) => kindOf(c, config)))].sort().join('+');
}

/** A case number's kind, where a configured pattern makes an `other` number acceptable. */
export function kindOf(c: CaseNumber, config: ResolvedConfig): string {
  if (c.kind === 'other' && config.caseNumberPatterns.some((p) => p.test(c.text))) return 'custom';
  return c.kind;
}

/** The scheme most items use, when most items agree on one. */
export function dominantScheme(model: ReferatModel, config: ResolvedConfig): string | undefined {
  const counts = new Map<string, number>();
  let total = 0;
  for (const item of model.items) {
    if (item.caseNumbers.length === 0) continue;
    const s = schemeOf(item, config);
    if (s.includes('other')) continue;
    counts.set(s, (counts.get(s) ?? 0) + 1);
    total++;
  }
  const best = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
  if (!best || best[1] < 2 || best[1] * 2 <= total) return undefined;
  return best[0];
}

/** Whether an item is a standing one (Godkendelse af dagsorden, Eventuelt ...), for every item of a document. */
export function standingMatcher(config: ResolvedConfig): (item: Item) => boolean {
  return titleMatcher(config.standingItems);
}
