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
        // An item whose heading the publication lost has neither number nor title: name its line.
        message:
          item.numberText || item.title
            ? msg(
                `Punkt ${item.numberText} "${item.title}" har ingen beslutning.`,
                `Item ${item.numberText} "${item.title}" has no decision (Beslutning).`,
              )
            : msg(
                `Punktet på linje ${item.line + 1} (overskriften mangler) har ingen beslutning.`,
                `The item at line ${item.line + 1} (its heading lost) has no decision (Beslutning).`,
              ),
      });
    }
  },
};
