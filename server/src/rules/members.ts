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
  return memberMatcher(members, config)(name);
}

/**
 * `matchMember` for many names against one member list, as the absentee rules need: the members'
 * keys are computed once, and a name written the same way again is looked up, not matched again.
 */
export function memberMatcher(members: readonly Member[], config: ResolvedConfig): (name: string) => Match {
  const keys = members.map((m) => nameKey(m.name));
  let plainKeys: string[] | undefined;
  const aliases = Object.entries(config.memberAliases).map(([canonical, spellings]) => ({ canonical: nameKey(canonical), spellings: spellings.map(nameKey) }));
  const matchKey = (key: string): Match => {
    const exact = keys.indexOf(key);
    if (exact >= 0) return { kind: 'exact', member: members[exact] };
    for (const { canonical, spellings } of aliases) {
      if (spellings.includes(key)) {
        const m = keys.indexOf(canonical);
        if (m >= 0) return { kind: 'exact', member: members[m] };
      }
    }
    plainKeys ??= keys.map(stripDiacritics);
    const plain = stripDiacritics(key);
    const diacritic = members.filter((_, i) => plainKeys![i] === plain);
    if (diacritic.length === 1) return { kind: 'near', member: diacritic[0], why: 'diacritics' };
    const words = key.split(' ');
    const middle = members.filter((_, i) => {
      const mw = keys[i].split(' ');
      if (mw.length === words.length) return false;
      const [short, long] = mw.length < words.length ? [mw, words] : [words, mw];
      return short.length >= 2 && short[0] === long[0] && short[short.length - 1] === long[long.length - 1];
    });
    if (middle.length === 1) return { kind: 'near', member: middle[0], why: 'middle-name' };
    const limit = key.length >= 12 ? 2 : 1;
    let best: Member | undefined;
    let bestDistance = limit + 1;
    let tie = false;
    for (let i = 0; i < members.length; i++) {
      const d = editDistance(key, keys[i], limit);
      if (d < bestDistance) {
        best = members[i];
        bestDistance = d;
        tie = false;
      } else if (d === bestDistance) tie = true;
    }
    if (best && bestDistance <= limit && !tie) return { kind: 'near', member: best, why: 'spelling' };
    return { kind: 'none' };
  };
  const matched = new Map<string, Match>();
  return (name) => {
    const key = nameKey(name);
    let match = matched.get(key);
    if (!match) {
      match = matchKey(key);
      matched.set(key, match);
    }
    return match;
  };
}

/** Every absentee name in the document, meeting-level first, with the item it belongs to. */
export function allAbsentees(model: ReferatModel): Array<{ ref: NameRef; itemIndex?: number }> {
  const out: Array<{ ref: NameRef; itemIndex?: number }> = model.meeting.absentees.map((ref) => ({ ref }));
  model.items.forEach((item, itemIndex) => {
    for (const ref of item.decision?.absentees ?? []) out.push({ ref, itemIndex });
  });
  return out;
}
