import type { Voter, VoteSide } from '../core/model';
import { nameKey } from '../core/text';
import { partyKey, SIDE_WORDS, voterText } from './attendance';
import { msg, type Rule } from './types';

/** The same name, or the same party by its letter alone, on two sides of one vote. */
export const voteBothSides: Rule = {
  id: 'vote-both-sides',
  description: msg('Samme navn eller parti står på to sider af én afstemning.', 'The same name or party stands on two sides of one vote.'),
  defaultSeverity: 'warning',
  tags: ['votes'],
  fixable: false,
  scope: 'item',
  reads: ['headings', 'decisions'],
  check({ model }, report) {
    for (const item of model.items) {
      for (const ballot of item.votes?.ballots ?? []) {
        if (ballot.unread) continue;
        // A party by its letter alone is the whole group; `Name (D)` is one member, who may split from it.
        const seen = new Map<string, { side: VoteSide; voter: Voter }>();
        for (const group of ballot.groups) {
          for (const voter of group.voters) {
            const key = voter.name ? `n:${nameKey(voter.name)}` : `p:${partyKey(voter.party!)}`;
            const first = seen.get(key);
            if (!first) {
              seen.set(key, { side: group.side, voter });
              continue;
            }
            if (first.side === group.side) continue;
            const a = SIDE_WORDS[first.side];
            const b = SIDE_WORDS[group.side];
            report({
              range: voter.range,
              message: msg(
                `Punkt ${item.numberText}: ${voterText(voter)} står både som ${a.da} og som ${b.da} i samme afstemning.`,
                `Item ${item.numberText}: ${voterText(voter)} is recorded both as ${a.en} and as ${b.en} in the same vote.`,
              ),
            });
          }
        }
      }
    }
  },
};
