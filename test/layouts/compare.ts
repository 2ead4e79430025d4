import type { ReferatModel } from '../../server/src/core/model';
import type { Expected } from './render';

const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();

/**
 * Where the parsed model differs from what the document says: one line per difference, empty when
 * it reads right. Items compare by number, title, case numbers and whether a decision was found; an
 * item whose heading was lost must be held as an item without number and title.
 */
export function differences(model: ReferatModel, expected: Expected): string[] {
  const out: string[] = [];
  const committee = model.meeting.committee?.text;
  if (committee === undefined || squash(committee) !== expected.committee)
    out.push(`committee: read ${JSON.stringify(committee)}, wrote ${JSON.stringify(expected.committee)}`);
  if (model.meeting.date !== expected.date) out.push(`date: read ${model.meeting.date ?? 'none'}, wrote ${expected.date}`);

  const member = (m: { name: string; party?: string; role?: string }): string =>
    `${squash(m.name)} (${m.party ?? '-'})${m.role ? ` [${m.role.toLowerCase()}]` : ''}`;
  const readMembers = model.meeting.members.map(member).sort();
  const wroteMembers = expected.members.map(member).sort();
  if (readMembers.join('; ') !== wroteMembers.join('; '))
    out.push(`members: read ${readMembers.join('; ') || 'none'}; wrote ${wroteMembers.join('; ')}`);

  // Absent from the whole meeting, wherever the document says it: the header or every decision.
  const absent = new Set(model.meeting.absentees.map((a) => squash(a.name)));
  for (const i of model.items) for (const a of i.decision?.absentees ?? []) absent.add(squash(a.name));
  const readAbsent = [...absent].sort().join(', ');
  const wroteAbsent = [...expected.absentees].sort().join(', ');
  if (readAbsent !== wroteAbsent) out.push(`absentees: read ${readAbsent || 'none'}; wrote ${wroteAbsent || 'none'}`);

  const n = Math.max(model.items.length, expected.items.length);
  if (model.items.length !== expected.items.length)
    out.push(`items: read ${model.items.length} (${model.items.map((i) => i.numberText).join(', ')}), wrote ${expected.items.length}`);
  for (let k = 0; k < n && model.items.length === expected.items.length; k++) {
    const read = model.items[k];
    const wrote = expected.items[k];
    const where = `item ${k + 1}`;
    if (wrote.number === null) {
      if (read.numberText !== '' || read.title !== '')
        out.push(`${where}: lost heading read as ${read.numberText} ${JSON.stringify(read.title)}`);
    } else {
      if (read.number !== wrote.number) out.push(`${where}: number read ${read.numberText}, wrote ${wrote.number}`);
      if (squash(read.title) !== wrote.title)
        out.push(`${where}: title read ${JSON.stringify(read.title)}, wrote ${JSON.stringify(wrote.title)}`);
    }
    const cases = read.caseNumbers.map((c) => c.text).join(', ');
    if (cases !== wrote.caseNumbers.join(', ')) out.push(`${where}: case numbers read [${cases}], wrote [${wrote.caseNumbers.join(', ')}]`);
    if ((read.decision !== null) !== wrote.decision)
      out.push(`${where}: decision ${read.decision ? 'read' : 'not read'}, ${wrote.decision ? 'written' : 'none written'}`);
  }
  return out;
}
