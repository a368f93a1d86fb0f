// Tests of equivalence keys: what DISTINCT and grouping merge and keep apart.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Node, Path, Relationship } from "../../store/entities.js";
import { binary, date, duration, float, point, vector } from "../../store/tagged-values.js";
import { groupKey, groupKeyOfRow } from "./group-key.js";
import type { Value } from "./types.js";

function distinct(values: Value[]): number {
  return new Set(values.map(groupKey)).size;
}

void test("equivalent values share a key", () => {
  const same: [Value, Value][] = [
    [null, null],
    [NaN, 0 / 0],
    [1, float(1)],
    [0, float(-0)],
    [2n ** 60n, 2 ** 60],
    [2n ** 62n, float(2 ** 62)],
    [[null], [null]],
    [
      { a: 1, b: [2] },
      { b: [float(2)], a: 1 },
    ],
    [new Node(4, [], {}), new Node(4, ["X"], { p: 1 })],
    [date({ year: 2020, month: 2, day: 3 }), date({ year: 2020, month: 2, day: 3 })],
    [duration({ months: 1 }), duration({ months: 1 })],
    [point({ x: 1, y: 2, srid: 7203 }), point({ x: 1, y: 2, srid: 7203 })],
    [new Uint8Array([1, 2]), binary({ segments: [new Uint8Array([1]), new Uint8Array([2])] })],
  ];
  for (const [a, b] of same) assert.equal(groupKey(a), groupKey(b));
});

void test("different values get different keys", () => {
  const values: Value[] = [
    null,
    "null",
    true,
    "true",
    1,
    "1",
    1.5,
    "1.5",
    2n ** 62n + 1n,
    float(2 ** 62), // the nearest double, not the same value
    [],
    "[]",
    [1, 2],
    [[1], 2],
    [1, [2]],
    ["a,b"],
    ["a", "b"],
    {},
    { a: 1 },
    { a: "1" },
    { "a:1": 1 },
    new Node(1, [], {}),
    new Relationship(1, 1, 1, "T", {}),
    "N1",
    NaN,
    "NaN",
    Infinity,
    -Infinity,
    float(1e300),
    new Path([new Node(1, [], {})], []),
    date({ year: 2020, month: 1, day: 1 }),
    duration({ days: 1 }),
    duration({ seconds: 86400 }),
    point({ x: 1, y: 2, srid: 7203 }),
    point({ x: 1, y: 2, srid: 4326 }),
    vector({ elementType: "int8", values: [1, 2] }),
    vector({ elementType: "int16", values: [1, 2] }),
    binary({ segments: [new Uint8Array([1, 2])] }),
  ];
  assert.equal(distinct(values), values.length);
});

void test("strings with the syntax of other keys stay apart", () => {
  assert.equal(distinct(['"a"', "a", ["a"], ['"a"'], { a: "b" }, ['{"a":"b"}']]), 6);
});

void test("row keys combine columns without ambiguity", () => {
  assert.equal(groupKeyOfRow(["a"]), groupKey("a"));
  assert.equal(groupKeyOfRow([1, null]), groupKeyOfRow([float(1), null]));
  assert.notEqual(groupKeyOfRow(["a,b", "c"]), groupKeyOfRow(["a", "b,c"]));
  assert.notEqual(groupKeyOfRow([[1], 2]), groupKeyOfRow([1, [2]]));
});
