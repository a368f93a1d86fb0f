// Tests of ORDER BY's total order, with the TCK's sorts (WithOrderBy1, Aggregation2).
import { test } from "node:test";
import assert from "node:assert/strict";
import { Node, Path, Relationship } from "../../store/entities.js";
import {
  date,
  dateTime,
  duration,
  float,
  localDateTime,
  localTime,
  point,
  time,
} from "../../store/tagged-values.js";
import { groupKey } from "./group-key.js";
import { orderCompare } from "./order.js";
import type { Value } from "./types.js";

const NAN = 0 / 0;

function sorted(values: Value[]): Value[] {
  return [...values].sort(orderCompare);
}

void test("types order map < node < relationship < list < path < string < boolean < number < null", () => {
  const n = new Node(0, ["N"], {});
  const r = new Relationship(0, 0, 1, "REL", {});
  const p = new Path([n, new Node(1, [], {})], [r]);
  const input: Value[] = [n, r, p, 1.5, ["list"], "text", null, false, NAN, { a: "map" }];
  assert.deepEqual(sorted(input), [{ a: "map" }, n, r, ["list"], p, "text", false, 1.5, NAN, null]);
});

void test("temporal kinds sit between paths and strings", () => {
  const values: Value[] = [
    "s",
    duration({ days: 1 }),
    localTime({ hour: 1 }),
    time({ hour: 1, offsetSeconds: 0 }),
    date({ year: 2000, month: 1, day: 1 }),
    localDateTime({ year: 2000, month: 1, day: 1, hour: 0 }),
    dateTime({ year: 2000, month: 1, day: 1, hour: 0, offsetSeconds: 0 }),
    point({ x: 0, y: 0, srid: 7203 }),
  ];
  const kinds = sorted(values).map((v) =>
    typeof v === "string" ? "string" : (v as { kind: string }).kind,
  );
  assert.deepEqual(kinds, [
    "dateTime",
    "localDateTime",
    "date",
    "time",
    "localTime",
    "duration",
    "point",
    "string",
  ]);
});

void test("lists sort element by element, a prefix first", () => {
  const lists: Value[] = [[], ["a"], ["a", 1], [1], [1, "a"], [1, null], [null, 1], [null, 2]];
  assert.deepEqual(sorted([...lists].reverse()), lists);
});

void test("numbers: by value, Int and Float mixed, NaN after every number", () => {
  assert.deepEqual(sorted([3, NAN, -Infinity, 1.5, 2n ** 60n, Infinity, -2]), [
    -Infinity,
    -2,
    1.5,
    3,
    2n ** 60n,
    Infinity,
    NAN,
  ]);
  assert.equal(orderCompare(1, float(1)), 0);
  assert.equal(orderCompare(NAN, NAN), 0);
  assert.equal(orderCompare(float(-0), 0), 0);
});

void test("strings by code point, booleans false first", () => {
  assert.deepEqual(sorted([".*", "", " ", "one"]), ["", " ", ".*", "one"]);
  assert.deepEqual(sorted(["b", "B", "abc1", "a", "abc"]), ["B", "a", "abc", "abc1", "b"]);
  assert.deepEqual(sorted([true, false]), [false, true]);
});

void test("maps by size, then sorted keys, then values", () => {
  const maps: Value[] = [{}, { a: 1 }, { b: 0 }, { a: 0, b: "foo" }, { a: 1, b: "foo" }];
  assert.deepEqual(sorted([...maps].reverse()), maps);
  assert.equal(orderCompare({ a: 1, b: 2 }, { b: 2, a: float(1) }), 0);
});

void test("temporal values sort by instant", () => {
  const times = [
    time({ hour: 10, minute: 35, offsetSeconds: -8 * 3600 }),
    time({ hour: 12, minute: 31, second: 14, nanosecond: 645876123, offsetSeconds: 3600 }),
    time({ hour: 12, minute: 31, second: 14, nanosecond: 645876124, offsetSeconds: 3600 }),
    time({ hour: 12, minute: 35, second: 15, offsetSeconds: 5 * 3600 }),
    time({ hour: 12, minute: 30, second: 14, nanosecond: 645876123, offsetSeconds: 3660 }),
  ];
  const order = sorted(times).map((t) => times.indexOf(t as never));
  assert.deepEqual(order, [3, 4, 1, 2, 0]);
  const far = dateTime({
    year: 9999,
    month: 9,
    day: 9,
    hour: 9,
    offsetSeconds: 11 * 3600 + 59 * 60,
  });
  const first = dateTime({
    year: 1,
    month: 1,
    day: 1,
    hour: 1,
    offsetSeconds: -(11 * 3600 + 59 * 60),
  });
  assert.ok(orderCompare(first, far) < 0);
});

void test("ties are exactly the equivalent values", () => {
  const pairs: [Value, Value][] = [
    [1, float(1)],
    [
      [1, null],
      [float(1), null],
    ],
    [{ k: NAN }, { k: NAN }],
    [time({ hour: 12, offsetSeconds: 3600 }), time({ hour: 11, offsetSeconds: 0 })],
    [new Node(3, ["A"], {}), new Node(3, [], {})],
  ];
  for (const [a, b] of pairs) {
    assert.equal(orderCompare(a, b), 0);
    assert.equal(groupKey(a), groupKey(b));
  }
  assert.notEqual(orderCompare([1], [1, null]), 0);
  assert.notEqual(orderCompare("1", 1), 0);
});
