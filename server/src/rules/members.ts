import type { Member, NameRef, ReferatModel } from '../core/model';
import { nameKey } from '../core/text';
import type { ResolvedConfig } from '../config';

export type Match =
  | { kind: 'exact'; member: Member }
  | { kind: 'near'; member: Member; why: 'spelling' | 'diacritics' | 'middle-name' }
  | { kind: 'none' };

function stripDiacritics(s: string): string {
  return s.replace(/æ/g, 'ae').replace(/ø/g, 'oe').replace(/å/g, 'aa').normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

/**
 * Keys (names folded by `nameKey`) in a trie, searched for those within a few edits of a name:
 * the search walks only the branches that stay within the limit, so a lookup costs about the same
 * however many keys there are, where comparing with each key would make n lookups cost n².
 */
export class NearNames {
  // The trie as parallel arrays: node 0 is the root; a node's children are a list through nextSibling.
  private readonly code: number[] = [0];
  private readonly firstChild: number[] = [-1];
  private readonly nextSibling: number[] = [-1];
  private readonly ends: Array<number[] | undefined> = [undefined];
  /** Trie nodes visited by the searches, for the tests that check the cost grows linearly. */
  visited = 0;

  constructor(keys: readonly string[]) {
    keys.forEach((key, index) => this.add(key, index));
  }

  private add(key: string, index: number): void {
    let node = 0;
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i);
      let child = this.firstChild[node];
      while (child !== -1 && this.code[child] !== c) child = this.nextSibling[child];
      if (child === -1) {
        child = this.code.length;
        this.code.push(c);
        this.firstChild.push(-1);
        this.nextSibling.push(this.firstChild[node]);
        this.ends.push(undefined);
        this.firstChild[node] = child;
      }
      node = child;
    }
    (this.ends[node] ??= []).push(index);
  }

  /** The keys within `limit` edits (Levenshtein, in UTF-16 units) of `query`, by the order they were given. */
  within(query: string, limit: number): Array<{ index: number; distance: number }> {
    const found: Array<{ index: number; distance: number }> = [];
    const n = query.length;
    // Row d holds the distances of the trie path of depth d to the query's prefixes of length d - limit .. d + limit:
    // the cells farther off the diagonal are over the limit anyway.
    const width = 2 * limit + 1;
    const over = limit + 1;
    const rows = new Int32Array((n + limit + 1) * width);
    for (let b = 0; b < width; b++) rows[b] = b < limit || b - limit > n ? over : b - limit;
    if (n <= limit) for (const index of this.ends[0] ?? []) found.push({ index, distance: n });
    // Depth first without recursion (a name may be long): next[d] is the next child to try below the path's node at depth d - 1.
    const maxDepth = n + limit;
    const next = new Int32Array(maxDepth + 2);
    next[1] = this.firstChild[0];
    let depth = 0;
    while (depth >= 0) {
      const node = next[depth + 1];
      if (node === -1) {
        depth--;
        continue;
      }
      next[depth + 1] = this.nextSibling[node];
      this.visited++;
      const d = depth + 1;
      const c = this.code[node];
      const row = d * width;
      const above = row - width;
      let min = over;
      for (let b = 0; b < width; b++) {
        const j = d + b - limit;
        let v = over;
        if (j === 0) v = d;
        else if (j > 0 && j <= n) {
          v = rows[above + b] + (query.charCodeAt(j - 1) === c ? 0 : 1);
          if (b + 1 < width) v = Math.min(v, rows[above + b + 1] + 1);
          if (b > 0) v = Math.min(v, rows[row + b - 1] + 1);
          v = Math.min(v, over);
        }
        rows[row + b] = v;
        if (v < min) min = v;
      }
      if (min > limit) continue;
      const ends = this.ends[node];
      const last = n - d + limit;
      if (ends && last >= 0 && last < width && rows[row + last] <= limit) for (const index of ends) found.push({ index, distance: rows[row + last] });
      if (d < maxDepth) {
        depth = d;
        next[d + 1] = this.firstChild[node];
      }
    }
    return found.sort((a, b) => a.index - b.index);
  }
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
