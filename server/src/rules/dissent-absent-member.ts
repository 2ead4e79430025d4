import { attendance, awayWords, voterText } from './attendance';
import { msg, type Rule } from './types';

/** A protokoltilførsel or dissent recorded for a member who was not there for the item. */
export const dissentAbsentMember: Rule = {
  id: 'dissent-absent-member',
  description: msg(
    'En protokoltilførsel eller mindretalsudtalelse står i et fraværende medlems navn.',
    'A dissent or protocol note is recorded for a member who was not there.',
  ),
  defaultSeverity: 'warning',
  tags: ['votes'],
  fixable: false,
  scope: 'item',
  reads: ['headings', 'decisions', 'members'],
  check({ model, config }, report) {
    if (model.meeting.members.length === 0) return;
    for (const item of model.items) {
      const votes = item.votes;
      // A dissent that is also a vote (`stemte imod med bemærkning`) is vote-absent-member's to report.
      const dissents = votes?.dissents.filter((d) => !d.vote) ?? [];
      if (dissents.length === 0) continue;
      const present = attendance(model, item, config);
      for (const dissent of dissents) {
        for (const voter of dissent.voters) {
          const member = voter.name ? present.member(voter.name) : undefined;
          const why = member && present.away(member);
          if (!why) continue;
          const words = awayWords(why);
          report({
            range: voter.range,
            message: msg(
              `Punkt ${item.numberText}: ${voterText(voter)} har fået en bemærkning tilført protokollen, men ${words.da}.`,
              `Item ${item.numberText}: a dissent is recorded for ${voterText(voter)}, who ${words.en.replace(/^is /, 'is ')}.`,
            ),
          });
        }
      }
    }
  },
};
