import type { Member, NameRef, ReferatModel } from '../core/model';
import { nameKey } from '../core/text';
import type { ResolvedConfig } from '../config';
import { NearNames } from './nearNames';

export { NearNames };

export type Match =
  { kind: 'exact'; member: Member } | { kind: 'near'; member: Member; why: 'spelling' | 'diacritics' | 'middle-name' } | { kind: 'none' };

function stripDiacritics(s: string): string {
  return s
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
}

/** Indices by a key computed from each member, for the lookups that must be unique. */
function indexBy(keys: readonly string[], of: (key: string) => string): Map<string, number[]> {
  const map = new Map<string, number[]>();
  keys.forEach((key, i) => {
    const k = of(key);
    const list = map.get(k);
    if (list) list.push(i);
    else map.set(k, [i]);
  });
  return map;
}

const matchers = new WeakMap<readonly Member[], { config: ResolvedConfig; match: (name: string) => Match }>();

/** Finds the member a written name means: exactly, through an alias, or near enough to be a slip. */
export function matchMember(name: string, members: readonly Member[], config: ResolvedConfig): Match {
  // Hover and rename ask name by name: the matcher of a member list is made once.
  let cached = matchers.get(members);
  if (!cached || cached.config !== config) {
    cached = { config, match: memberMatcher(members, config) };
    matchers.set(members, cached);
  }
  return cached.match(name);
}

/**
 * `matchMember` for many names against one member list, as the absentee rules need: the members
 * are indexed once, each way a name can match, and a name written the same way again is looked
 * up, not matched again.
 */
export function memberMatcher(members: readonly Member[], config: ResolvedConfig): (name: string) => Match {
  const keys = members.map((m) => nameKey(m.name));
  const exactIndex = new Map<string, number>();
  keys.forEach((k, i) => {
    if (!exactIndex.has(k)) exactIndex.set(k, i);
  });
  // Spelling → the canonical names it stands for, in the order of the configuration.
  const aliases = new Map<string, string[]>();
  for (const [canonical, spellings] of Object.entries(config.memberAliases)) {
    for (const s of spellings) {
      const list = aliases.get(nameKey(s)) ?? [];
      list.push(nameKey(canonical));
      aliases.set(nameKey(s), list);
    }
  }
  // Built at the first name that needs them: most names match exactly.
  let plainIndex: Map<string, number[]> | undefined;
  let endsIndex: Map<string, Map<number, number[]>> | undefined;
  let near: NearNames | undefined;
  const firstAndLast = (words: readonly string[]): string => `${words[0]} ${words[words.length - 1]}`;

  const middleName = (key: string): Member | undefined => {
    if (!endsIndex) {
      endsIndex = new Map();
      keys.forEach((k, i) => {
        const words = k.split(' ');
        const byCount = endsIndex!.get(firstAndLast(words)) ?? new Map<number, number[]>();
        byCount.set(words.length, [...(byCount.get(words.length) ?? []), i]);
        endsIndex!.set(firstAndLast(words), byCount);
      });
    }
    // A member with the same first and last word and more or fewer words between, both at least two words long.
    const words = key.split(' ');
    if (words.length < 2) return undefined;
    let only: number | undefined;
    let count = 0;
    for (const [length, indices] of endsIndex.get(firstAndLast(words)) ?? []) {
      if (length === words.length || length < 2) continue;
      count += indices.length;
      only = indices[0];
    }
    return count === 1 ? members[only!] : undefined;
  };

  const spelling = (key: string): Member | undefined => {
    near ??= new NearNames(keys);
    const limit = key.length >= 12 ? 2 : 1;
    // The one member nearest, unless two are as near.
    let best: { index: number; distance: number } | undefined;
    let tie = false;
    for (const c of near.within(key, limit)) {
      if (!best || c.distance < best.distance) [best, tie] = [c, false];
      else if (c.distance === best.distance) tie = true;
    }
    return best && !tie ? members[best.index] : undefined;
  };

  const matchKey = (key: string): Match => {
    const exact = exactIndex.get(key);
    if (exact !== undefined) return { kind: 'exact', member: members[exact] };
    for (const canonical of aliases.get(key) ?? []) {
      const m = exactIndex.get(canonical);
      if (m !== undefined) return { kind: 'exact', member: members[m] };
    }
    plainIndex ??= indexBy(keys, stripDiacritics);
    const diacritic = plainIndex.get(stripDiacritics(key)) ?? [];
    if (diacritic.length === 1) return { kind: 'near', member: members[diacritic[0]], why: 'diacritics' };
    const middle = middleName(key);
    if (middle) return { kind: 'near', member: middle, why: 'middle-name' };
    const spelt = spelling(key);
    if (spelt) return { kind: 'near', member: spelt, why: 'spelling' };
    return { kind: 'none' };
  };
  const matched = new Map<string, Match>();
  // By the name as written first: a document repeats its absentees item after item.
  const byName = new Map<string, Match>();
  return (name) => {
    let match = byName.get(name);
    if (!match) {
      const key = nameKey(name);
      match = matched.get(key);
      if (!match) {
        match = matchKey(key);
        matched.set(key, match);
      }
      byName.set(name, match);
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
