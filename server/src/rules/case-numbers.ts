import type { CaseNumber, Item } from '../core/model';
import type { ResolvedConfig } from '../config';
import { titleMatcher } from './types';

/** A case number's kind, where a configured pattern makes an `other` number acceptable. */
export function kindOf(c: CaseNumber, config: ResolvedConfig): string {
  if (c.kind === 'other' && config.caseNumberPatterns.some((p) => p.test(c.text))) return 'custom';
  return c.kind;
}

/** Whether an item is a standing one (Godkendelse af dagsorden, Eventuelt ...), for every item of a document. */
export function standingMatcher(config: ResolvedConfig): (item: Item) => boolean {
  return titleMatcher(config.standingItems);
}
