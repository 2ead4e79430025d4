import type { Position, Range } from './core/model';

export function comparePos(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

/**
 * The ranges of the edits a fix-all has taken, among a set known in advance, asked "does this
 * range overlap one taken?" in O(log n) each, so that choosing among n fixes costs O(n log n).
 * Overlap as the fix-all needs it: the insides meet, or the two ranges are the same; ranges that
 * only touch do not overlap.
 */
export class TakenRanges {
  /** The distinct end points of every range that may be asked about, in order, each as line · width + character. */
  private readonly points: Float64Array;
  /** One more than the largest character of an end point: the numbers then order as the positions do (exactly below 2⁵³). */
  private readonly width: number;
  /** A segment tree over the slots 0..2·points: point i is slot 2i, the gap after it slot 2i+1. */
  private readonly size: number;
  private readonly full: Uint8Array;
  private readonly some: Uint8Array;
  /** Counts the tree nodes visited, so that tests can check the cost grows as n log n. */
  visited = 0;

  constructor(ranges: readonly Range[]) {
    // Numbers sort natively, many times faster than positions compared field by field.
    let widest = 0;
    for (const r of ranges) widest = Math.max(widest, r.start.character, r.end.character);
    this.width = widest + 1;
    const all = new Float64Array(2 * ranges.length);
    ranges.forEach((r, i) => {
      all[2 * i] = this.key(r.start);
      all[2 * i + 1] = this.key(r.end);
    });
    all.sort();
    let distinct = 0;
    for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) all[distinct++] = all[i];
    this.points = all.subarray(0, distinct);
    this.size = Math.max(1, 2 * this.points.length);
    this.full = new Uint8Array(4 * this.size);
    this.some = new Uint8Array(4 * this.size);
  }

  overlaps(range: Range): boolean {
    const [from, to] = this.slots(range);
    return this.any(1, 0, this.size - 1, from, to);
  }

  take(range: Range): void {
    const [from, to] = this.slots(range);
    this.mark(1, 0, this.size - 1, from, to);
  }

  /** An empty range is its point; any other the slots strictly inside it (its end points are shared with ranges that touch it). */
  private slots(range: Range): [number, number] {
    const i = this.index(range.start);
    const j = Math.max(i, this.index(range.end));
    return i === j ? [2 * i, 2 * i] : [2 * i + 1, 2 * j - 1];
  }

  private key(p: Position): number {
    return p.line * this.width + Math.max(p.character, 0);
  }

  private index(p: Position): number {
    const k = this.key(p);
    let lo = 0;
    let hi = this.points.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.points[mid] < k) lo = mid + 1;
      else hi = mid;
    }
    if (this.points.length === 0 || this.points[lo] !== k) throw new Error('TakenRanges: a range that was not given at construction');
    return lo;
  }

  private mark(node: number, lo: number, hi: number, from: number, to: number): void {
    this.visited++;
    if (to < lo || hi < from || this.full[node]) return;
    this.some[node] = 1;
    if (from <= lo && hi <= to) {
      this.full[node] = 1;
      return;
    }
    const mid = (lo + hi) >> 1;
    this.mark(2 * node, lo, mid, from, to);
    this.mark(2 * node + 1, mid + 1, hi, from, to);
  }

  private any(node: number, lo: number, hi: number, from: number, to: number): boolean {
    this.visited++;
    if (to < lo || hi < from || !this.some[node]) return false;
    if (this.full[node] || (from <= lo && hi <= to)) return true;
    const mid = (lo + hi) >> 1;
    return this.any(2 * node, lo, mid, from, to) || this.any(2 * node + 1, mid + 1, hi, from, to);
  }
}
