import type { Item, Member, ReferatModel, Voter } from '../core/model';
import { voterText } from '../core/votes';
import { nameKey } from '../core/text';
import type { ResolvedConfig } from '../config';
import { memberMatcher } from './members';

export { voterText };

/** Who was there for one item, as the vote checks need it: members by name, absentees, the disqualified and the parties. */
export interface Attendance {
  /** The member a written name means, when it means one exactly or near enough to be a slip. */
  member(name: string): Member | undefined;
  /** Why a member was not there for the item: absent from the meeting, from the item, or disqualified. */
  away(member: Member): 'meeting' | 'item' | 'disqualified' | undefined;
  /** Whether the member list gives every member's party, so that a party with no member is certain. */
  partiesKnown: boolean;
  hasParty(party: string): boolean;
}

/** Attendance for `item`, from the member list, the meeting's absentees, the item's `Afbud:` and its `inhabil` notes. */
export function attendance(model: ReferatModel, item: Item, config: ResolvedConfig): Attendance {
  const members = model.meeting.members;
  const match = memberMatcher(members, config);
  const member = (name: string): Member | undefined => {
    const m = match(name);
    return m.kind === 'none' ? undefined : m.member;
  };
  const keys = (names: ReadonlyArray<{ name: string }>): Set<string> => {
    const out = new Set<string>();
    for (const n of names) {
      const m = member(n.name);
      if (m) out.add(nameKey(m.name));
    }
    return out;
  };
  // A member the meeting's or the item's notes say came late or left is not certainly away from the whole meeting.
  const partly = keys([...model.meeting.partialAbsentees, ...item.partialAbsentees]);
  const meeting = new Set([...keys(model.meeting.absentees)].filter((k) => !partly.has(k)));
  const fromItem = keys(item.decision?.absentees ?? []);
  const disqualified = keys((item.votes?.disqualified ?? []).filter((v): v is Voter & { name: string } => v.name !== undefined));
  const parties = new Set(
    members
      .map((m) => m.party)
      .filter((p): p is string => p !== undefined)
      .map(partyKey),
  );
  return {
    member,
    away(m) {
      const k = nameKey(m.name);
      if (meeting.has(k)) return 'meeting';
      if (fromItem.has(k)) return 'item';
      if (disqualified.has(k)) return 'disqualified';
      return undefined;
    },
    partiesKnown: members.length > 0 && members.every((m) => m.party !== undefined),
    // A party written with more letters than the member list's (`SF` for `F`) may be the same party: only single letters are compared.
    hasParty: (party) => partyKey(party).length > 1 || parties.has(partyKey(party)),
  };
}

/** `UP-1` is the first of the UP members, `(V)` and `V` one party. */
export function partyKey(party: string): string {
  return party.replace(/-\d+$/, '').toUpperCase();
}

/** Danish and English words for why a member was not there. */
export function awayWords(why: 'meeting' | 'item' | 'disqualified'): { da: string; en: string } {
  if (why === 'meeting') return { da: 'er meldt fraværende fra mødet', en: 'is recorded absent from the meeting' };
  if (why === 'item') return { da: 'har afbud til punktet', en: 'is recorded absent from the item' };
  return { da: 'er erklæret inhabil i punktet', en: 'is declared disqualified (inhabil) from the item' };
}

export const SIDE_WORDS = {
  for: { da: 'for', en: 'for' },
  against: { da: 'imod', en: 'against' },
  abstain: { da: 'undlod at stemme', en: 'abstained' },
} as const;
