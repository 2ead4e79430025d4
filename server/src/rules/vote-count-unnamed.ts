import { ballotLines, describeBallot } from '../core/votes';
import { msg, type Rule } from './types';

/** `Med stemmerne 19 for og 1 imod` and nobody named for the one against (or abstaining). */
export const voteCountUnnamed: Rule = {
  id: 'vote-count-unnamed',
  description: msg(
    'En afstemning tæller stemmer imod eller hverken for eller imod, men nævner ingen, der afgav dem.',
    'A vote counts votes against or abstentions but names no one who cast them.',
  ),
  defaultSeverity: 'warning',
  tags: ['votes'],
  fixable: false,
  scope: 'item',
  reads: ['headings', 'decisions'],
  check({ model }, report) {
    for (const item of model.items) {
      for (const ballot of item.votes?.ballots ?? []) {
        const count = ballot.count;
        if (!count || ballot.unread) continue;
        const isNamed = (side: 'against' | 'abstain'): boolean => ballot.groups.some((g) => g.side === side);
        const [n, da, en] =
          count.against !== undefined && count.against > 0 && !isNamed('against')
            ? [count.against, 'imod', 'against']
            : count.abstain !== undefined && count.abstain > 0 && !isNamed('abstain')
              ? [count.abstain, 'undlod at stemme', 'abstained']
              : [0, '', ''];
        if (n === 0) continue;
        const named = (lang: 'da' | 'en'): string => (ballot.groups.length > 0 ? ` (${ballotLines(ballot, lang).join('; ')})` : '');
        report({
          range: count.range,
          message: msg(
            `Punkt ${item.numberText}: ${describeBallot(ballot, 'da')}, men beslutningen nævner ikke, hvem der ${da === 'imod' ? 'stemte imod' : da}${named('da')}.`,
            `Item ${item.numberText}: ${describeBallot(ballot, 'en')}, but the decision does not say who ${en === 'against' ? 'voted against' : en}${named('en')}.`,
          ),
        });
      }
    }
  },
};
