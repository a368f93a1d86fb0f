// Per-node adjacency: one array while a node has one type, a map once it has several.
import assert from "node:assert/strict";
import { test } from "node:test";
import { Adjacency } from "./adjacency.js";

test("lists by type, growing from one type to several and back", () => {
  const typeOf = [];
  typeOf[10] = 0;
  typeOf[11] = 0;
  typeOf[12] = 1;
  const a = new Adjacency(typeOf);
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
  const a = new Adjacency([0, 0, 0]);
  a.add(0, 0, 1);
  a.add(0, 0, 2);
  const snapshot = a.ids(0);
  a.remove(0, 0, 1);
  assert.deepEqual(snapshot, [1, 2]);
  assert.deepEqual(a.ids(0), [2]);
});

test("a single relationship is held as its id, then grows into a list or a map", () => {
  const typeOf = [0, 0, 1, 1];
  const a = new Adjacency(typeOf);
  a.add(5, 0, 0);
  assert.deepEqual(a.ids(5), [0]);
  assert.deepEqual(a.ids(5, 0), [0]);
  assert.deepEqual(a.ids(5, 1), []);
  a.remove(5, 0, 3); // not there: nothing changes
  assert.deepEqual(a.ids(5), [0]);
  a.add(5, 0, 1);
  assert.deepEqual(a.ids(5, 0), [0, 1]);
  a.add(6, 0, 0);
  a.add(6, 1, 2);
  assert.deepEqual(a.ids(6, 0), [0]);
  assert.deepEqual(a.ids(6, 1), [2]);
  assert.deepEqual(a.ids(6).sort(), [0, 2]);
  a.add(7, 1, 3);
  a.remove(7, 1, 3);
  assert.equal(a.any(7), false);
  assert.deepEqual(a.ids(7), []);
});
