import { attendance, awayWords, SIDE_WORDS, voterText } from './attendance';
import { msg, type Rule } from './types';

/** A member who votes but was absent from the item or disqualified from it, or a party with no member. */
export const voteAbsentMember: Rule = {
  id: 'vote-absent-member',
  description: msg(
    'Et medlem stemmer, men var fraværende eller inhabil, eller et parti stemmer uden at have medlemmer.',
    'A member votes who was absent or disqualified, or a party votes that has no member.',
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
      if (!votes) continue;
      const present = attendance(model, item, config);
      for (const ballot of votes.ballots) {
        for (const group of ballot.groups) {
          const side = SIDE_WORDS[group.side];
          for (const voter of group.voters) {
            if (voter.name) {
              const member = present.member(voter.name);
              const why = member && present.away(member);
              if (!why) continue;
              const words = awayWords(why);
              report({
                range: voter.range,
                message: msg(
                  `Punkt ${item.numberText}: ${voterText(voter)} står som ${side.da}, men ${words.da}.`,
                  `Item ${item.numberText}: ${voterText(voter)} is recorded as ${side.en}, but ${words.en}.`,
                ),
              });
            } else if (voter.party && present.partiesKnown && !present.hasParty(voter.party)) {
              report({
                range: voter.range,
                message: msg(
                  `Punkt ${item.numberText}: (${voter.party}) står som ${side.da}, men intet medlem i medlemslisten er fra ${voter.party}.`,
                  `Item ${item.numberText}: (${voter.party}) is recorded as ${side.en}, but no member in the member list is from ${voter.party}.`,
                ),
              });
            }
          }
        }
      }
    }
  },
};
