// Per-node adjacency: one array while a node has one type, a map once it has several.
import assert from "node:assert/strict";
import { test } from "node:test";
import { Adjacency } from "./adjacency.js";

test("lists by type, growing from one type to several and back", () => {
  const a = new Adjacency();
  a.add(1, 0, 10);
  a.add(1, 0, 11);
  assert.deepEqual(a.ids(1), [10, 11]);
  assert.deepEqual(a.ids(1, 0), [10, 11]);
  assert.deepEqual(a.ids(1, 1), []);
  a.add(1, 1, 12);
  assert.deepEqual(a.ids(1, 1), [12]);
  assert.deepEqual(a.ids(1).sort(), [10, 11, 12]);
  a.remove(1, 0, 10);
  a.remove(1, 0, 11);
  assert.deepEqual(a.ids(1), [12]);
  a.remove(1, 1, 12);
  assert.equal(a.any(1), false);
  assert.deepEqual(a.ids(2), []);
});

test("ids() returns a copy the caller may hold while the lists change", () => {
  const a = new Adjacency();
  a.add(0, 0, 1);
  a.add(0, 0, 2);
  const snapshot = a.ids(0);
  a.remove(0, 0, 1);
  assert.deepEqual(snapshot, [1, 2]);
  assert.deepEqual(a.ids(0), [2]);
});
