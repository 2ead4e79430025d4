import type { Member, NameRef, ReferatModel } from '../core/model';
import { editDistance, nameKey } from '../core/text';
import type { ResolvedConfig } from '../config';

export type Match =
  | { kind: 'exact'; member: Member }
  | { kind: 'near'; member: Member; why: 'spelling' | 'diacritics' | 'middle-name' }
  | { kind: 'none' };

function stripDiacritics(s: string): string {
  return s.replace(/æ/g, 'ae').replace(/ø/g, 'oe').replace(/å/g, 'aa').normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

/** Finds the member a written name means: exactly, through an alias, or near enough to be a slip. */
export function matchMember(name: string, members: readonly Member[], config: ResolvedConfig): Match {
  const key = nameKey(name);
  for (const m of members) if (nameKey(m.name) === key) return { kind: 'exact', member: m };
  for (const [canonical, aliases] of Object.entries(config.memberAliases)) {
    if (aliases.some((a) => nameKey(a) === key)) {
      const m = members.find((x) => nameKey(x.name) === nameKey(canonical));
      if (m) return { kind: 'exact', member: m };
    }
  }
  const plain = stripDiacritics(key);
  const diacritic = members.filter((m) => stripDiacritics(nameKey(m.name)) === plain);
  if (diacritic.length === 1) return { kind: 'near', member: diacritic[0], why: 'diacritics' };
  const words = key.split(' ');
  const middle = members.filter((m) => {
    const mw = nameKey(m.name).split(' ');
    if (mw.length === words.length) return false;
    const [short, long] = mw.length < words.length ? [mw, words] : [words, mw];
    return short.length >= 2 && short[0] === long[0] && short[short.length - 1] === long[long.length - 1];
  });
  if (middle.length === 1) return { kind: 'near', member: middle[0], why: 'middle-name' };
  const limit = key.length >= 12 ? 2 : 1;
  let best: Member | undefined;
  let bestDistance = limit + 1;
  let tie = false;
  for (const m of members) {
    const d = editDistance(key, nameKey(m.name), limit);
    if (d < bestDistance) {
      best = m;
      bestDistance = d;
      tie = false;
    } else if (d === bestDistance) tie = true;
  }
  if (best && bestDistance <= limit && !tie) return { kind: 'near', member: best, why: 'spelling' };
  return { kind: 'none' };
}

/** Every absentee name in the document, meeting-level first, with the item it belongs to. */
export function allAbsentees(model: ReferatModel): Array<{ ref: NameRef; itemIndex?: number }> {
  const out: Array<{ ref: NameRef; itemIndex?: number }> = model.meeting.absentees.map((ref) => ({ ref }));
  model.items.forEach((item, itemIndex) => {
    for (const ref of item.decision?.absentees ?? []) out.push({ ref, itemIndex });
  });
  return out;
}
