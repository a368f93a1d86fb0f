// Tests of comparability: the TCK's tables (Comparison2), exact numeric comparison, NaN,
// strings by code point, lists, temporal values and the incomparable kinds.
import { test } from "node:test";
import assert from "node:assert/strict";
import { inspect } from "node:util";
import { Node } from "../../store/entities.js";
import { date, dateTime, duration, float, localTime, time } from "../../store/tagged-values.js";
import {
  compare,
  compareNumbers,
  compareStrings,
  greaterThan,
  greaterThanOrEqual,
  lessThan,
  lessThanOrEqual,
} from "./compare.js";
import type { Value } from "./types.js";

const NAN = 0 / 0;

void test("numbers compare exactly across Int, bigint and Float", () => {
  assert.equal(lessThan(1, 3.14), true);
  assert.equal(lessThanOrEqual(1, float(1)), true);
  assert.equal(lessThan(1, float(1)), false);
  assert.equal(greaterThan(2n ** 62n + 1n, 2 ** 62), true); // not rounded to the double
  assert.equal(compareNumbers(2n ** 62n, 2 ** 62), 0);
  assert.equal(compareNumbers(-(2n ** 63n), -Infinity), 1);
  assert.equal(greaterThan(float(3), 2n ** 60n), false);
});

void test("NaN is comparable but unordered: every operator is false", () => {
  for (const other of [1, float(1), NAN] as Value[]) {
    assert.equal(greaterThan(NAN, other), false);
    assert.equal(greaterThanOrEqual(NAN, other), false);
    assert.equal(lessThan(NAN, other), false);
    assert.equal(lessThanOrEqual(NAN, other), false);
  }
  assert.equal(greaterThan(NAN, "a"), null);
});

void test("different types are incomparable, numbers aside", () => {
  const n = new Node(1, [], {});
  const values: Value[] = [n, "", 1, 3.14, true, [], {}];
  for (const a of values) {
    for (const b of values) {
      if (a === b) continue;
      const numeric = typeof a === "number" && typeof b === "number";
      assert.equal(compare(a, b) === null, !numeric, `${inspect(a)} vs ${inspect(b)}`);
    }
  }
  assert.equal(lessThan("1.0", float(1)), null);
  assert.equal(lessThan("1", 1), null);
  assert.equal(lessThan(null, 1), null);
  assert.equal(lessThan(null, null), null);
});

void test("strings compare by code point, booleans false < true", () => {
  assert.equal(lessThan("a", "b"), true);
  assert.equal(lessThan("B", "a"), true);
  assert.equal(lessThan("x", "xy"), true);
  assert.equal(lessThan("", " "), true);
  // U+FF5E sorts before U+1F600 by code point, though its UTF-16 unit is larger
  assert.equal(lessThan("\uff5e", "\u{1f600}"), true);
  assert.equal(lessThan("a\uff5e", "a\u{1f600}"), true);
  assert.equal(lessThan("\u{1f600}", "\uff5e"), false);
  assert.equal(compareStrings("z", "\uff5e"), -1); // one side all below U+D800
  assert.equal(compareStrings("é", "é"), 0);
  assert.equal(lessThan(false, true), true);
  assert.equal(greaterThan(false, true), false);
});

void test("lists compare lexicographically, null when an element pair is incomparable", () => {
  const cases: [Value, Value, boolean | null][] = [
    [[1, 0], [1], true],
    [[1, null], [1], true],
    [[1, 2], [1, null], null],
    [[1, "a"], [1, null], null],
    [[1, 2], [3, null], false],
    [[], [], true],
    [[2], [1, 5], true],
  ];
  for (const [a, b, expected] of cases) {
    assert.equal(
      greaterThanOrEqual(a, b),
      expected,
      `${JSON.stringify(a)} >= ${JSON.stringify(b)}`,
    );
  }
});

void test("temporal values of one kind compare; zoned ones by instant", () => {
  const early = date({ year: 1980, month: 12, day: 24 });
  const late = date({ year: 1984, month: 10, day: 11 });
  assert.equal(lessThan(early, late), true);
  assert.equal(greaterThanOrEqual(late, date({ year: 1984, month: 10, day: 11 })), true);
  assert.equal(lessThan(early, localTime({ hour: 1 })), null);
  const t1 = time({ hour: 10, offsetSeconds: 3600 }); // 09:00Z
  const t2 = time({ hour: 9, minute: 35, offsetSeconds: 0 });
  assert.equal(lessThan(t1, t2), true);
  const d1 = dateTime({ year: 1984, month: 10, day: 11, hour: 12, offsetSeconds: 5 * 3600 });
  const d2 = dateTime({ year: 1984, month: 10, day: 11, hour: 8, offsetSeconds: 0 });
  assert.equal(lessThan(d1, d2), true); // 07:00Z before 08:00Z
  assert.equal(lessThan(duration({ days: 1 }), duration({ days: 2 })), null);
});

void test("maps, nodes and paths are not comparable with <", () => {
  assert.equal(lessThan({ a: 1 }, { a: 2 }), null);
  assert.equal(lessThan(new Node(1, [], {}), new Node(2, [], {})), null);
});
