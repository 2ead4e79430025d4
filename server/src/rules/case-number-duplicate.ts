import { standingMatcher } from './case-numbers';
import { msg, type Rule } from './types';

/** Two items that are not standing items share a case number. */
export const caseNumberDuplicate: Rule = {
  id: 'case-number-duplicate',
  description: msg('To punkter har samme sagsnummer.', 'Two items share a case number.'),
  defaultSeverity: 'information',
  tags: ['case-numbers'],
  fixable: false,
  scope: 'document',
  reads: ['headings', 'caseNumbers'],
  check({ model, config }, report) {
    const first = new Map<string, string>();
    const isStanding = standingMatcher(config);
    for (const item of model.items) {
      if (isStanding(item)) continue;
      for (const c of item.caseNumbers) {
        if (c.kind === 'kle-short') continue;
        const seen = first.get(c.text);
        if (seen === undefined) {
          first.set(c.text, item.numberText);
          continue;
        }
        report({
          range: c.range,
          message: msg(
            `Punkt ${item.numberText} har samme sagsnummer (${c.text}) som punkt ${seen}.`,
            `Item ${item.numberText} has the same case number (${c.text}) as item ${seen}.`,
          ),
        });
      }
    }
  },
};
