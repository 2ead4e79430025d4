import type { NameRef } from '../core/model';
import { memberMatcher } from './members';
import { msg, type Rule } from './types';

/** A name under Afbud: or Fraværende: is not in the member list. */
export const absenteeNotMember: Rule = {
  id: 'absentee-not-member',
  description: msg('Et navn under Afbud/Fraværende er ikke i medlemslisten.', 'A name under Afbud/Fraværende is not in the member list.'),
  defaultSeverity: 'warning',
  tags: ['absentees'],
  fixable: true,
  scope: 'document',
  reads: ['members'],
  check({ model, config }, report) {
    const members = model.meeting.members;
    if (members.length === 0) return;
    const matchMember = memberMatcher(members, config);
    const check = (ref: NameRef): void => {
      const match = matchMember(ref.name);
      if (match.kind === 'exact') return;
      if (match.kind === 'near') {
        const name = match.member.name;
        report({
          range: ref.range,
          message: msg(
            `"${ref.name}" er ikke i medlemslisten. Mente du "${name}"?`,
            `"${ref.name}" is not in the member list. Did you mean "${name}"?`,
          ),
          fix: { title: msg(`Ret til "${name}"`, `Change to "${name}"`), edits: [{ range: ref.range, newText: name }] },
        });
      } else {
        report({
          range: ref.range,
          message: msg(`"${ref.name}" er ikke i medlemslisten.`, `"${ref.name}" is not in the member list.`),
        });
      }
    };
    // The order of allAbsentees: meeting-level first, then item by item.
    for (const ref of model.meeting.absentees) check(ref);
    for (const item of model.items) if (item.decision) for (const ref of item.decision.absentees) check(ref);
  },
};
