import type { Ballot, Item, VoteCount } from '../core/model';
import { attendance } from './attendance';
import { msg, type Message, type Rule } from './types';

/** More votes counted than members present, or counts that do not add up to the member list. */
export const voteCountMismatch: Rule = {
  id: 'vote-count-mismatch',
  description: msg('Stemmetallene passer ikke med de fremmødte medlemmer.', 'The vote counts do not fit the members present.'),
  defaultSeverity: 'warning',
  tags: ['votes'],
  fixable: false,
  scope: 'item',
  reads: ['headings', 'decisions', 'members'],
  check({ model, config }, report) {
    const members = model.meeting.members.length;
    if (members === 0) return;
    for (const item of model.items) {
      const ballots = item.votes?.ballots ?? [];
      if (!ballots.some((b) => b.count)) continue;
      const present = attendance(model, item, config);
      const away = model.meeting.members.filter((m) => present.away(m) !== undefined).length;
      for (const ballot of ballots) {
        if (!ballot.count) continue;
        const found = mismatch(ballot, ballot.count, members, away, item);
        if (found) report({ range: ballot.count.range, message: found.message, severity: found.certain ? undefined : 'information' });
      }
    }
  },
};

/**
 * What does not fit, and whether it is certain: more votes than members is; more than the members
 * present is not, as substitutes (stedfortrædere) who are not in the member list may have voted.
 */
function mismatch(
  ballot: Ballot,
  c: VoteCount,
  members: number,
  away: number,
  item: Item,
): { message: Message; certain: boolean } | undefined {
  const counted = c.total ?? (c.for ?? 0) + (c.against ?? 0) + (c.abstain ?? 0);
  const present = members - away;
  const counts =
    c.total !== undefined
      ? `${c.total}`
      : [
          c.for !== undefined ? `${c.for} for` : '',
          c.against !== undefined ? `${c.against} imod` : '',
          c.abstain !== undefined ? `${c.abstain} undlod` : '',
        ]
          .filter(Boolean)
          .join(', ');
  const countsEn =
    c.total !== undefined
      ? `${c.total}`
      : [
          c.for !== undefined ? `${c.for} for` : '',
          c.against !== undefined ? `${c.against} against` : '',
          c.abstain !== undefined ? `${c.abstain} abstaining` : '',
        ]
          .filter(Boolean)
          .join(', ');
  if (counted > members) {
    return {
      certain: true,
      message: msg(
        `Punkt ${item.numberText}: ${counts} er ${counted} stemmer, men udvalget har kun ${members} medlemmer.`,
        `Item ${item.numberText}: ${countsEn} is ${counted} votes, but the committee has only ${members} members.`,
      ),
    };
  }
  if (counted > present) {
    return {
      certain: false,
      message: msg(
        `Punkt ${item.numberText}: ${counts} er ${counted} stemmer, men kun ${present} af ${members} medlemmer var til stede (stemte en stedfortræder?).`,
        `Item ${item.numberText}: ${countsEn} is ${counted} votes, but only ${present} of ${members} members were present (did a substitute vote?).`,
      ),
    };
  }
  // Every side counted: with the absent, they are the whole member list; fewer means a member's vote is not recorded.
  if (c.for !== undefined && c.against !== undefined && c.abstain !== undefined && counted < present) {
    return {
      certain: true,
      message: msg(
        `Punkt ${item.numberText}: ${counts} er ${counted} stemmer, men ${present} medlemmer var til stede (${members} medlemmer, ${away} fraværende).`,
        `Item ${item.numberText}: ${countsEn} is ${counted} votes, but ${present} members were present (${members} members, ${away} absent).`,
      ),
    };
  }
  if (ballot.unread) return undefined;
  // A side whose voters are all named one by one has as many votes as names.
  for (const side of ['for', 'against', 'abstain'] as const) {
    const n = c[side];
    const groups = ballot.groups.filter((g) => g.side === side);
    if (n === undefined || groups.length === 0) continue;
    const voters = groups.flatMap((g) => g.voters);
    if (voters.length === 0 || voters.some((v) => !v.name)) continue;
    if (voters.length !== n) {
      const da = side === 'for' ? 'for' : side === 'against' ? 'imod' : 'undlod';
      const en = side === 'for' ? 'for' : side === 'against' ? 'against' : 'abstaining';
      return {
        certain: true,
        message: msg(
          `Punkt ${item.numberText}: ${n} ${da}, men ${voters.length} navne står som ${da}: ${voters.map((v) => v.name).join(', ')}.`,
          `Item ${item.numberText}: ${n} ${en}, but ${voters.length} names are given as ${en}: ${voters.map((v) => v.name).join(', ')}.`,
        ),
      };
    }
  }
  return undefined;
}
