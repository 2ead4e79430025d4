import { msg, type Rule } from './types';

/** A case number whose year is after the meeting's year. */
export const caseNumberFuture: Rule = {
  id: 'case-number-future',
  description: msg('Et sagsnummer er fra et år efter mødet.', "A case number's year is after the meeting's year."),
  defaultSeverity: 'error',
  tags: ['case-numbers', 'dates'],
  fixable: false,
  scope: 'item',
  reads: ['caseNumbers', 'date'],
  check({ model }, report) {
    const date = model.meeting.date;
    if (!date) return;
    const meetingYear = Number(date.slice(0, 4));
    for (const item of model.items) {
      for (const c of item.caseNumbers) {
        if (c.year === undefined || c.year <= meetingYear) continue;
        report({
          range: c.range,
          message: msg(
            `Sagsnummeret "${c.text}" er fra ${c.year}, efter mødets år ${meetingYear}.`,
            `The case number "${c.text}" is from ${c.year}, after the meeting's year ${meetingYear}.`,
          ),
        });
      }
    }
  },
};
