// Immutable sets of Unicode code points, stored as sorted, disjoint, non-adjacent inclusive
// ranges. Every character test of the matcher (literals under case folding, classes,
// predefined classes, properties) ends up as one of these, so set algebra (union,
// intersection, complement) is done once at compile time and matching is a bitmap probe
// for ASCII or a binary search otherwise. This file knows nothing about pattern syntax.

export const MAX_CODE_POINT = 0x10ffff;

export class CharSet {
  /** Flat [lo0, hi0, lo1, hi1, …], inclusive, sorted, with gaps between ranges. */
  readonly ranges: Int32Array;
  /** Membership bitmap of the ASCII code points; null when the set has none of them. */
  readonly #ascii: Uint32Array | null = null;

  private constructor(ranges: Int32Array) {
    this.ranges = ranges;
    if (ranges.length === 0 || ranges[0]! > 127) return;
    const ascii = new Uint32Array(4);
    for (let i = 0; i < ranges.length; i += 2) {
      const lo = ranges[i]!;
      if (lo > 127) break;
      const hi = Math.min(ranges[i + 1]!, 127);
      for (let c = lo; c <= hi; c++) ascii[c >>> 5]! |= 1 << (c & 31);
    }
    this.#ascii = ascii;
  }

  static readonly EMPTY = new CharSet(new Int32Array(0));
  static readonly ALL = new CharSet(Int32Array.of(0, MAX_CODE_POINT));

  static of(...codePoints: number[]): CharSet {
    if (codePoints.length === 1) return CharSet.#single(codePoints[0]!);
    return CharSet.fromPairs(codePoints.flatMap((c) => [c, c]));
  }

  // Every literal character of a pattern is a one-member set; sharing the Latin-1 ones
  // keeps long literal patterns from allocating a set per character.
  static readonly #latin1: CharSet[] = [];

  static #single(c: number): CharSet {
    if (c > 0xff) return new CharSet(Int32Array.of(c, c));
    return (CharSet.#latin1[c] ??= new CharSet(Int32Array.of(c, c)));
  }

  static range(lo: number, hi: number): CharSet {
    return CharSet.fromPairs([lo, hi]);
  }

  /** Builds a set from unsorted, possibly overlapping [lo, hi] pairs. */
  static fromPairs(pairs: readonly number[]): CharSet {
    const order: [number, number][] = [];
    for (let i = 0; i + 1 < pairs.length; i += 2) order.push([pairs[i]!, pairs[i + 1]!]);
    order.sort((x, y) => x[0] - y[0]);
    const out: number[] = [];
    for (const [lo, hi] of order) {
      const last = out.length - 1;
      if (last > 0 && lo <= out[last]! + 1) out[last] = Math.max(out[last]!, hi);
      else out.push(lo, hi);
    }
    return new CharSet(Int32Array.from(out));
  }

  has(c: number): boolean {
    if (c < 128) return this.#ascii !== null && (this.#ascii[c >>> 5]! & (1 << (c & 31))) !== 0;
    const r = this.ranges;
    let lo = 0;
    let hi = (r.length >>> 1) - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (c < r[2 * mid]!) hi = mid - 1;
      else if (c > r[2 * mid + 1]!) lo = mid + 1;
      else return true;
    }
    return false;
  }

  get isEmpty(): boolean {
    return this.ranges.length === 0;
  }

  /** The one code point in the set, or -1 when it holds none or several. */
  get single(): number {
    const r = this.ranges;
    return r.length === 2 && r[0] === r[1] ? r[0]! : -1;
  }

  union(other: CharSet): CharSet {
    if (other.isEmpty) return this;
    if (this.isEmpty) return other;
    return CharSet.fromPairs([...this.ranges, ...other.ranges]);
  }

  complement(): CharSet {
    const r = this.ranges;
    const out: number[] = [];
    let next = 0;
    for (let i = 0; i < r.length; i += 2) {
      if (r[i]! > next) out.push(next, r[i]! - 1);
      next = r[i + 1]! + 1;
    }
    if (next <= MAX_CODE_POINT) out.push(next, MAX_CODE_POINT);
    return new CharSet(Int32Array.from(out));
  }

  intersect(other: CharSet): CharSet {
    const a = this.ranges;
    const b = other.ranges;
    const out: number[] = [];
    let i = 0;
    let j = 0;
    while (i < a.length && j < b.length) {
      const lo = Math.max(a[i]!, b[j]!);
      const hi = Math.min(a[i + 1]!, b[j + 1]!);
      if (lo <= hi) out.push(lo, hi);
      if (a[i + 1]! < b[j + 1]!) i += 2;
      else j += 2;
    }
    return new CharSet(Int32Array.from(out));
  }

  minus(other: CharSet): CharSet {
    return this.intersect(other.complement());
  }

  intersects(other: CharSet): boolean {
    return !this.intersect(other).isEmpty;
  }

  /** Calls `visit` for every code point in the set that lies in [lo, hi]. */
  forEachIn(lo: number, hi: number, visit: (c: number) => void): void {
    const r = this.ranges;
    for (let i = 0; i < r.length; i += 2) {
      const from = Math.max(r[i]!, lo);
      const to = Math.min(r[i + 1]!, hi);
      for (let c = from; c <= to; c++) visit(c);
    }
  }
}
