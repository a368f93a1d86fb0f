// Tests of STARTS WITH, ENDS WITH, CONTAINS and IN, with the TCK's tables (String8-10,
// List5, Null3).
import { test } from "node:test";
import assert from "node:assert/strict";
import { isSkeinError } from "../../internal/errors.js";
import { float } from "../../store/tagged-values.js";
import { contains, endsWith, listContains, startsWith } from "./string-match.js";
import type { Value } from "./types.js";

void test("string predicates match exactly, the empty string everywhere", () => {
  assert.equal(startsWith("ABCDEF", "ABC"), true);
  assert.equal(startsWith("ABCDEF", "abc"), false);
  assert.equal(startsWith("", ""), true);
  assert.equal(endsWith("ABCDEF", "DEF"), true);
  assert.equal(endsWith("AB", "ABCDEF"), false);
  assert.equal(contains("ABCDEF", "CD"), true);
  assert.equal(contains("Foo\nFoo", "\n"), true);
  assert.equal(contains("ab", ""), true);
});

void test("string predicates are null unless both operands are strings", () => {
  const operands: Value[] = [1, 3.14, true, [], {}, null];
  for (const f of [startsWith, endsWith, contains]) {
    for (const a of operands) for (const b of operands) assert.equal(f(a, b), null);
    assert.equal(f("abc", null), null);
    assert.equal(f(null, "a"), null);
  }
});

void test("IN is three-valued", () => {
  const cases: [Value, Value, boolean | null][] = [
    [null, null, null],
    [null, [1, 2, 3], null],
    [null, [1, 2, 3, null], null],
    [null, [], false],
    [1, [1, 2, 3, null], true],
    [1, [null, 1], true],
    [5, [1, 2, 3, null], null],
    [1, ["1", 2], false],
    [1, [float(1)], true],
    ["a", ["b", null], null],
    ["a", ["b", "a"], true],
    [[1, 2], [1, [1, "2"]], false],
    [[1], [1, 2], false],
    [[1], [1, 2, [1]], true],
    [[1, 2], [1, [2, 1]], false],
    [
      [
        [1, 2],
        [3, 4],
      ],
      [
        5,
        [
          [1, 2],
          [3, 4],
        ],
      ],
      true,
    ],
    [[null], [[null]], null],
    [[null], [null], null],
    [[1], [[1, null]], false],
    [
      [1, 2],
      [
        [null, "foo"],
        [1, 2],
      ],
      true,
    ],
    [[1, 2], [[null, 2]], null],
    [[1, 2], [1, [1, 2, null]], false],
    [[1, 2, null], [1, [1, 2, null]], null],
    [
      [1, 2],
      [
        [null, 2],
        [1, 3],
      ],
      null,
    ],
    [[], [[]], true],
    [[], [], false],
    [[], [1, 2, null], null],
  ];
  for (const [v, list, expected] of cases) {
    assert.equal(
      listContains(list, v),
      expected,
      `${JSON.stringify(v)} IN ${JSON.stringify(list)}`,
    );
  }
});

void test("IN on a non-list is a type error", () => {
  assert.throws(
    () => listContains("abc", "a"),
    (e) => isSkeinError(e, "TYPE"),
  );
  assert.throws(
    () => listContains({ x: [] }, 1),
    (e) => isSkeinError(e, "TYPE"),
  );
});
