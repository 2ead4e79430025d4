import type { Member, NameRef } from '../core/model';
import { nameKey } from '../core/text';
import { memberMatcher } from './members';
import { msg, type Rule } from './types';

/** A signature page that lists a member absent from the whole meeting, or leaves out one who attended. */
export const signatureMismatch: Rule = {
  id: 'signature-mismatch',
  description: msg(
    'Underskriftsbladet passer ikke med fremmødet: et fraværende medlem står der, eller et fremmødt mangler.',
    'The signature page does not fit attendance: an absent member is on it, or one who attended is missing.',
  ),
  defaultSeverity: 'warning',
  tags: ['votes', 'absentees'],
  fixable: false,
  scope: 'document',
  reads: ['headings', 'members'],
  check({ model, config }, report) {
    const members = model.meeting.members;
    if (members.length === 0) return;
    const page = model.items.find((i) => i.signatures);
    if (!page?.signatures) return;
    const match = memberMatcher(members, config);
    const memberOf = (ref: NameRef): Member | undefined => {
      const m = match(ref.name);
      return m.kind === 'none' ? undefined : m.member;
    };
    const signed = page.signatures.map((ref) => ({ ref, member: memberOf(ref) }));
    // A page that is not mostly members is not read as the list of signatures.
    if (signed.filter((s) => s.member).length * 2 < members.length) return;
    const absent = absentFromMeeting(
      model.meeting.absentees,
      model.items.map((i) => (i === page ? undefined : i.decision?.absentees)),
      memberOf,
    );
    for (const s of signed) {
      if (!s.member || !absent.has(nameKey(s.member.name))) continue;
      report({
        range: s.ref.range,
        message: msg(
          `Underskriftsbladet (punkt ${page.numberText}) har ${s.ref.name}, der var fraværende fra hele mødet.`,
          `The signature page (item ${page.numberText}) lists ${s.ref.name}, who was absent from the whole meeting.`,
        ),
      });
    }
    const onPage = new Set(signed.filter((s) => s.member).map((s) => nameKey(s.member!.name)));
    const missing = members.filter((m) => !onPage.has(nameKey(m.name)) && !absent.has(nameKey(m.name)));
    if (missing.length > 0) {
      // A member who left early may not have signed: the reviewer judges.
      report({
        severity: 'information',
        range: page.headingRange,
        message: msg(
          `Underskriftsbladet (punkt ${page.numberText}) mangler ${missing.map((m) => m.name).join(', ')}, der deltog i mødet.`,
          `The signature page (item ${page.numberText}) leaves out ${missing.map((m) => m.name).join(', ')}, who attended the meeting.`,
        ),
      });
    }
  },
};

/** Members absent from the whole meeting: in its `Fraværende:`, or under `Afbud:` in every item that has a decision. */
function absentFromMeeting(
  meeting: readonly NameRef[],
  items: ReadonlyArray<readonly NameRef[] | undefined>,
  memberOf: (ref: NameRef) => Member | undefined,
): Set<string> {
  const keys = (refs: readonly NameRef[]): Set<string> =>
    new Set(
      refs
        .map(memberOf)
        .filter((m): m is Member => m !== undefined)
        .map((m) => nameKey(m.name)),
    );
  const out = keys(meeting);
  const lists = items.filter((l): l is readonly NameRef[] => l !== undefined);
  if (lists.length === 0) return out;
  const sets = lists.map(keys);
  for (const k of sets[0]) if (sets.every((s) => s.has(k))) out.add(k);
  return out;
}
