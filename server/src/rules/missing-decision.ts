import { msg, titleIn, type Rule } from './types';

/** Every item that is not closed or a standing formality has a Beslutning. */
export const missingDecision: Rule = {
  id: 'missing-decision',
  description: msg('Et punkt mangler en beslutning.', 'An item has no decision section.'),
  defaultSeverity: 'warning',
  tags: ['decision'],
  fixable: false,
  scope: 'item',
  reads: ['headings', 'decisions'],
  check({ model, config }, report) {
    for (const item of model.items) {
      if (item.decision || item.closed || titleIn(item, config.decisionExemptions)) continue;
      report({
        range: item.titleRange,
        message: msg(
          `Punkt ${item.numberText} "${item.title}" har ingen beslutning.`,
          `Item ${item.numberText} "${item.title}" has no decision (Beslutning).`,
        ),
      });
    }
  },
};
