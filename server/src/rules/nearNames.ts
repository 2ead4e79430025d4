/** A trie of strings as parallel arrays: node 0 is the root; a node's children are a list through nextSibling. */
class Trie {
  private readonly code: number[] = [0];
  private readonly firstChild: number[] = [-1];
  private readonly nextSibling: number[] = [-1];
  private readonly ends: Array<number[] | undefined> = [undefined];
  visited = 0;

  add(key: string, index: number): void {
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

  /**
   * Puts into `found` the keys within `limit` edits of `query` (Levenshtein, in UTF-16 units), following
   * only the paths that stay within `early` edits up to depth `earlyDepth`.
   */
  search(query: string, limit: number, early: number, earlyDepth: number, found: Map<number, number>): void {
    const n = query.length;
    // Row d holds the distances of the trie path of depth d to the query's prefixes of length d - limit .. d + limit:
    // the cells farther off the diagonal are over the limit anyway.
    const width = 2 * limit + 1;
    const over = limit + 1;
    const rows = new Int32Array((n + limit + 1) * width);
    for (let b = 0; b < width; b++) rows[b] = b < limit || b - limit > n ? over : b - limit;
    if (n <= limit) for (const index of this.ends[0] ?? []) found.set(index, n);
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
      if (min > (d <= earlyDepth ? early : limit)) continue;
      const ends = this.ends[node];
      const last = n - d + limit;
      if (ends && last >= 0 && last < width && rows[row + last] <= limit) for (const index of ends) found.set(index, rows[row + last]);
      if (d < maxDepth) {
        depth = d;
        next[d + 1] = this.firstChild[node];
      }
    }
  }
}

const reversed = (s: string): string => {
  let out = '';
  for (let i = s.length - 1; i >= 0; i--) out += s[i];
  return out;
};

/**
 * Keys (names folded by `nameKey`) searched for those within a few edits of a name. Within
 * `limit` edits one half of the name has at most ⌊limit/2⌋ of them: a trie of the keys finds
 * those whose first half is that close, a trie of the reversed keys those whose second half
 * is. A lookup walks only such paths and costs about the same however many keys there are,
 * where comparing with each key would make n lookups cost n².
 */
export class NearNames {
  private readonly forward = new Trie();
  private backward: Trie | undefined;

  constructor(private readonly keys: readonly string[]) {
    keys.forEach((key, index) => this.forward.add(key, index));
  }

  /** Trie nodes visited by the searches, for the tests that check the cost grows linearly. */
  get visited(): number {
    return this.forward.visited + (this.backward?.visited ?? 0);
  }

  /** The keys within `limit` edits (Levenshtein, in UTF-16 units) of `query`, by the order they were given. */
  within(query: string, limit: number): Array<{ index: number; distance: number }> {
    const found = new Map<number, number>();
    const half = Math.floor(limit / 2);
    // Up to this depth a path within `half` edits of the first half of the query is still inside it.
    const firstHalf = Math.ceil(query.length / 2);
    this.forward.search(query, limit, half, firstHalf - half, found);
    if (!this.backward) {
      this.backward = new Trie();
      this.keys.forEach((key, index) => this.backward!.add(reversed(key), index));
    }
    this.backward.search(reversed(query), limit, half, query.length - firstHalf - half, found);
    return [...found].map(([index, distance]) => ({ index, distance })).sort((a, b) => a.index - b.index);
  }
}
