// The chunked bitmap behind the label and type indexes.
import assert from "node:assert/strict";
import { test } from "node:test";
import { IdSet } from "./id-set.js";

test("adds, removes and counts ids, iterating in ascending order", () => {
  const s = new IdSet();
  for (const id of [5, 0, 65_535, 65_536, 31, 32, 1_000_000, 5]) s.add(id);
  assert.equal(s.size, 7);
  assert.deepEqual([...s], [0, 5, 31, 32, 65_535, 65_536, 1_000_000]);
  s.delete(31);
  s.delete(31);
  s.delete(7);
  assert.equal(s.size, 6);
  assert.equal(s.has(31), false);
  assert.equal(s.has(32), true);
  assert.deepEqual([...s], [0, 5, 32, 65_535, 65_536, 1_000_000]);
});

test("a far id costs one chunk, not the range below it", () => {
  const s = new IdSet();
  s.add(2 ** 40);
  assert.deepEqual([...s], [2 ** 40]);
  assert.equal(s.has(2 ** 40 - 1), false);
});
