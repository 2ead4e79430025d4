import { standingMatcher } from './case-numbers';
import { msg, type Rule } from './types';

/** An item without a case number where the document's other items have one. */
export const caseNumberMissing: Rule = {
  id: 'case-number-missing',
  description: msg('Et punkt mangler sagsnummer.', 'An item has no case number.'),
  defaultSeverity: 'warning',
  tags: ['case-numbers'],
  fixable: false,
  scope: 'document',
  check({ model, config }, report) {
    const isStanding = standingMatcher(config);
    const considered = model.items.filter((i) => !isStanding(i));
    const withNumber = considered.filter((i) => i.caseNumbers.length > 0).length;
    if (withNumber < 2 || withNumber * 2 <= considered.length) return;
    for (const item of considered) {
      if (item.caseNumbers.length > 0) continue;
      report({
        range: item.titleRange,
        message: msg(
          `Punkt ${item.numberText} har intet sagsnummer, men de andre punkter har.`,
          `Item ${item.numberText} has no case number, though the other items have one.`,
        ),
      });
    }
  },
};
