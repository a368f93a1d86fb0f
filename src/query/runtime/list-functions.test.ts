// Tests of the list functions, with the TCK's range() tables (List11).
import { test } from "node:test";
import assert from "node:assert/strict";
import { isSkeinError, type QueryError } from "../../internal/errors.js";
import { Graph } from "../../store/graph.js";
import { Node, Path } from "../../store/entities.js";
import { float } from "../../store/tagged-values.js";
import { FUNCTIONS } from "./functions.js";
import type { Value } from "./types.js";

const ctx = { view: new Graph(), random: Math.random };

function call(name: string, ...args: Value[]): Value {
  const def = FUNCTIONS.get(name.toLowerCase());
  assert.ok(def, `no function ${name}`);
  return def.call(args, ctx);
}

function fails(f: () => unknown, code: string, detail: string | null): void {
  assert.throws(f, (e) => isSkeinError(e, code as never) && (e as QueryError).detail === detail);
}

void test("head, last and tail", () => {
  assert.equal(call("head", [1, 2]), 1);
  assert.equal(call("head", []), null);
  assert.equal(call("last", [1, 2]), 2);
  assert.equal(call("last", []), null);
  assert.deepEqual(call("tail", [1, 2, 3]), [2, 3]);
  assert.deepEqual(call("tail", []), []);
  assert.equal(call("head", null), null);
  fails(() => call("head", "abc"), "TYPE", "InvalidArgumentValue");
});

void test("size, reverse and isEmpty take lists and strings", () => {
  assert.equal(call("size", [1, 2, 3]), 3);
  assert.equal(call("size", "a😀"), 2);
  assert.equal(call("size", null), null);
  fails(() => call("size", new Path([new Node(1, [], {})], [])), "TYPE", "InvalidArgumentValue");
  fails(() => call("size", {}), "TYPE", "InvalidArgumentValue");
  const list = [1, 2, 3];
  assert.deepEqual(call("reverse", list), [3, 2, 1]);
  assert.deepEqual(list, [1, 2, 3]); // not reversed in place
  assert.equal(call("reverse", "raksO"), "Oskar");
  assert.equal(call("isEmpty", []), true);
  assert.equal(call("isEmpty", ""), true);
  assert.equal(call("isEmpty", {}), true);
  assert.equal(call("isEmpty", { a: null }), false);
  assert.equal(call("isEmpty", [null]), false);
  assert.equal(call("isEmpty", null), null);
  fails(() => call("isEmpty", 1), "TYPE", "InvalidArgumentValue");
});

void test("range with the default step", () => {
  const cases: [number, number, number[]][] = [
    [-1236, -1234, [-1236, -1235, -1234]],
    [-1234, -1234, [-1234]],
    [0, -123, []],
    [-1, 1, [-1, 0, 1]],
    [0, 0, [0]],
    [6, 10, [6, 7, 8, 9, 10]],
  ];
  for (const [start, end, list] of cases) assert.deepEqual(call("range", start, end), list);
});

void test("range with an explicit step", () => {
  const cases: [number, number, number, number[]][] = [
    [1381, -3412, -1298, [1381, 83, -1215, -2513]],
    [0, -2000, -1298, [0, -1298]],
    [10, -10, -3, [10, 7, 4, 1, -2, -5, -8]],
    [0, -1, -1, [0, -1]],
    [0, 1, -123, []],
    [0, -1, 1, []],
    [0, 0, -1, [0]],
    [0, 1, 2, [0]],
    [-10, 10, 3, [-10, -7, -4, -1, 2, 5, 8]],
    [-3412, 1381, 1298, [-3412, -2114, -816, 482]],
  ];
  for (const [start, end, step, list] of cases) {
    assert.deepEqual(call("range", start, end, step), list);
  }
  for (const stop of [1, 2, 500, 1000, 1500]) {
    for (const step of [-1000, -3, -2, -1, 1, 2, 3, 1000]) {
      const list = call("range", 0, stop, step) as Value[];
      assert.equal(list.length === 0, Math.sign(stop) !== Math.sign(step));
    }
  }
});

void test("range is exact near the int64 limits", () => {
  const max = 2n ** 63n - 1n;
  assert.deepEqual(call("range", max - 2n, max), [max - 2n, max - 1n, max]);
  assert.deepEqual(call("range", -(2n ** 63n), -(2n ** 63n) + 1n), [
    -(2n ** 63n),
    -(2n ** 63n) + 1n,
  ]);
  assert.deepEqual(call("range", Number.MAX_SAFE_INTEGER, 2n ** 53n + 1n), [
    Number.MAX_SAFE_INTEGER,
    2n ** 53n,
    2n ** 53n + 1n,
  ]);
  assert.deepEqual(call("range", 0, max, max), [0, max]);
});

void test("range refuses a zero step, non-Int bounds and huge lists", () => {
  for (const [s, e] of [
    [0, 0],
    [2, 8],
    [-2, 8],
    [2, -8],
  ]) {
    fails(() => call("range", s as number, e as number, 0), "ARGUMENT", "NumberOutOfRange");
  }
  const bad: Value[][] = [
    [true, 1, 1],
    [0, true, 1],
    [-1.1, 1, 1],
    [float(-0), 1, 1],
    [float(0), 1, 1],
    [0, 1, 1.1],
    ["xyz", 1, 1],
    [[0], 1, 1],
    [0, { end: 1 }, 1],
    [null, 1, 1],
  ];
  for (const args of bad) fails(() => call("range", ...args), "ARGUMENT", "InvalidArgumentType");
  fails(() => call("range", 0, 1e15), "QUERY_TOO_COMPLEX", null);
  assert.equal((call("range", 1000000, 2000000) as Value[]).length, 1000001);
});
