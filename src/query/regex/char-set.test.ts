// CharSet algebra checked against brute force over a small universe, plus the edges of
// the code point range and the ASCII bitmap / binary search split.
import { test } from "node:test";
import assert from "node:assert/strict";
import { CharSet, MAX_CODE_POINT } from "./char-set.js";

const UNIVERSE = 300; // spans the ASCII bitmap and the ranges above it

function randomSet(next: () => number): CharSet {
  const pairs: number[] = [];
  for (let i = next() % 5; i > 0; i--) {
    const lo = next() % UNIVERSE;
    pairs.push(lo, Math.min(UNIVERSE - 1, lo + (next() % 40)));
  }
  return CharSet.fromPairs(pairs);
}

function members(s: CharSet): number[] {
  const out: number[] = [];
  for (let c = 0; c < UNIVERSE; c++) if (s.has(c)) out.push(c);
  return out;
}

void test("union, intersection, complement and minus agree with brute force", () => {
  let seed = 42;
  const next = (): number => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed >>> 8;
  };
  for (let round = 0; round < 300; round++) {
    const a = randomSet(next);
    const b = randomSet(next);
    const inA = new Set(members(a));
    const inB = new Set(members(b));
    for (let c = 0; c < UNIVERSE; c++) {
      assert.equal(a.union(b).has(c), inA.has(c) || inB.has(c));
      assert.equal(a.intersect(b).has(c), inA.has(c) && inB.has(c));
      assert.equal(a.complement().has(c), !inA.has(c));
      assert.equal(a.minus(b).has(c), inA.has(c) && !inB.has(c));
    }
    assert.equal(
      a.intersects(b),
      members(a).some((c) => inB.has(c)),
    );
    // Ranges stay sorted, disjoint and non-adjacent.
    const r = a.union(b).ranges;
    for (let i = 2; i < r.length; i += 2) assert.ok(r[i]! > r[i - 1]! + 1);
  }
});

void test("edges of the code point range and single members", () => {
  assert.equal(CharSet.ALL.has(0), true);
  assert.equal(CharSet.ALL.has(MAX_CODE_POINT), true);
  assert.equal(CharSet.ALL.complement().isEmpty, true);
  assert.deepEqual([...CharSet.EMPTY.complement().ranges], [0, MAX_CODE_POINT]);
  assert.equal(CharSet.of(0x1f600).single, 0x1f600);
  assert.equal(CharSet.of(1, 2).single, -1);
  assert.deepEqual([...CharSet.of(3, 1, 2, 9).ranges], [1, 3, 9, 9]);
  assert.equal(CharSet.range(0x10000, 0x10ffff).has(0xffff), false);
  assert.equal(CharSet.range(0x7f, 0x80).has(0x7f), true);
  assert.equal(CharSet.range(0x7f, 0x80).has(0x80), true);
  const seen: number[] = [];
  CharSet.fromPairs([5, 7, 100, 101]).forEachIn(6, 100, (c) => seen.push(c));
  assert.deepEqual(seen, [6, 7, 100]);
});
