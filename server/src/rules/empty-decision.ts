import { msg, titleIn, type Rule } from './types';

/** A Beslutning heading with nothing under it but the Afbud list. */
export const emptyDecision: Rule = {
  id: 'empty-decision',
  description: msg('En beslutning uden tekst.', 'A decision heading with no decision text.'),
  defaultSeverity: 'warning',
  tags: ['decision'],
  fixable: false,
  scope: 'item',
  reads: ['headings', 'decisions'],
  check({ model, config }, report) {
    for (const item of model.items) {
      const decision = item.decision;
      if (!decision || decision.body !== '' || item.closed || titleIn(item, config.decisionExemptions)) continue;
      report({
        range: decision.headingRange,
        message: msg(
          `Beslutningen i punkt ${item.numberText} er tom${decision.absentees.length ? ' (kun afbud)' : ''}.`,
          `The decision of item ${item.numberText} is empty${decision.absentees.length ? ' (only absentees)' : ''}.`,
        ),
      });
    }
  },
};
