// Tests of the aggregate functions, with the TCK's tables (Aggregation1-8).
import { test } from "node:test";
import assert from "node:assert/strict";
import { inspect } from "node:util";
import { isSkeinError, type QueryError } from "../../internal/errors.js";
import { Node } from "../../store/entities.js";
import { Float, float } from "../../store/tagged-values.js";
import { AGGREGATES, lookupAggregate } from "./aggregates.js";
import type { Value } from "./types.js";

function aggregate(
  name: string,
  inputs: Value[],
  options: { distinct?: boolean; extra?: Value } = {},
): Value {
  const def = lookupAggregate(name);
  assert.ok(def, `no aggregate ${name}`);
  const acc = def.create(options.distinct ?? false);
  for (const v of inputs) acc.add(options.extra === undefined ? [v] : [v, options.extra]);
  return acc.result();
}

function floatIs(v: Value, x: number): void {
  assert.ok(
    v instanceof Float || (typeof v === "number" && !Number.isSafeInteger(v)),
    `${inspect(v)} is not a Float`,
  );
  assert.ok(
    Math.abs((v instanceof Float ? v.value : Number(v)) - x) < 1e-12,
    `${inspect(v)} is not ${x}`,
  );
}

void test("the table holds every aggregate under its lower-cased name", () => {
  for (const name of [
    "count",
    "sum",
    "avg",
    "min",
    "max",
    "collect",
    "stdev",
    "stdevp",
    "percentilecont",
    "percentiledisc",
  ]) {
    assert.ok(AGGREGATES.has(name), name);
  }
  assert.equal(lookupAggregate("COLLECT")?.name, "collect");
});

void test("count counts non-null values", () => {
  assert.equal(aggregate("count", [33, null, 42]), 2);
  assert.equal(aggregate("count", []), 0);
  assert.equal(aggregate("count", [null, null], { distinct: true }), 0);
  assert.equal(aggregate("count", [1, float(1), 2, "1"], { distinct: true }), 3);
});

void test("sum: Ints stay exact Ints, a Float makes a Float, overflow fails", () => {
  assert.equal(aggregate("sum", [33, null, 42]), 75);
  assert.equal(aggregate("sum", []), 0);
  let total = 0;
  const inputs: Value[] = [];
  for (let i = 1000000; i < 1003000; i++) {
    inputs.push(i);
    total += i;
  }
  assert.equal(aggregate("sum", inputs), total);
  assert.equal(total, 3004498500);
  assert.equal(aggregate("sum", [Number.MAX_SAFE_INTEGER, 2]), 2n ** 53n + 1n);
  assert.equal(aggregate("sum", [2n ** 62n, 2n ** 62n - 1n]), 2n ** 63n - 1n);
  floatIs(aggregate("sum", [1, 2.5]), 3.5);
  assert.ok(aggregate("sum", [1, float(2)]) instanceof Float);
  assert.throws(
    () => aggregate("sum", [2n ** 62n, 2n ** 62n]),
    (e) => isSkeinError(e, "ARGUMENT") && (e as QueryError).detail === "IntegerOverflow",
  );
  assert.throws(
    () => aggregate("sum", [1, "a"]),
    (e) => isSkeinError(e, "TYPE"),
  );
});

void test("avg is a Float, null when empty", () => {
  floatIs(aggregate("avg", [1, 1]), 1);
  floatIs(aggregate("avg", [1, 2, null]), 1.5);
  assert.equal(aggregate("avg", []), null);
  assert.equal(aggregate("avg", [null]), null);
  floatIs(aggregate("avg", [1, 1, 3], { distinct: true }), 2);
});

void test("min and max use ORDER BY's order, across types", () => {
  assert.equal(aggregate("max", [1, 2, 0, null, -1]), 2);
  assert.equal(aggregate("min", [1, 2, 0, null, -1]), -1);
  floatIs(aggregate("max", [float(1), float(2), 0.5, null]), 2);
  assert.equal(aggregate("min", [float(1), float(2), 0.5, null]), 0.5);
  assert.equal(aggregate("max", [1, float(2), 5, null, 3.2, 0.1]), 5);
  assert.equal(aggregate("min", [1, float(2), 5, null, 3.2, 0.1]), 0.1);
  assert.equal(aggregate("max", ["a", "b", "B", null, "abc", "abc1"]), "b");
  assert.equal(aggregate("min", ["a", "b", "B", null, "abc", "abc1"]), "B");
  assert.deepEqual(aggregate("max", [[1], [2], [2, 1]]), [2, 1]);
  assert.deepEqual(aggregate("min", [[1], [2], [2, 1]]), [1]);
  assert.equal(aggregate("max", [1, "a", null, [1, 2], 0.2, "b"]), 1);
  assert.deepEqual(aggregate("min", [1, "a", null, [1, 2], 0.2, "b"]), [1, 2]);
  assert.equal(aggregate("max", []), null);
  assert.equal(aggregate("min", [null]), null);
});

void test("collect skips nulls; DISTINCT keeps the first of equivalent values", () => {
  assert.deepEqual(aggregate("collect", [1, null, 2]), [1, 2]);
  assert.deepEqual(aggregate("collect", []), []);
  assert.deepEqual(aggregate("collect", [null, null], { distinct: true }), []);
  assert.deepEqual(aggregate("collect", [null, 1, null], { distinct: true }), [1]);
  const n = new Node(1, [], {});
  assert.deepEqual(aggregate("collect", [n, new Node(1, ["X"], {})], { distinct: true }), [n]);
  assert.deepEqual(
    aggregate("collect", [[1], [float(1)], { a: [1] }, { a: [1] }], { distinct: true }),
    [[1], { a: [1] }],
  );
});

void test("stDev and stDevP", () => {
  floatIs(aggregate("stDev", [2, 4, 4, 4, 5, 5, 7, 9]), Math.sqrt(32 / 7));
  floatIs(aggregate("stDevP", [2, 4, 4, 4, 5, 5, 7, 9]), 2);
  floatIs(aggregate("stDev", [1]), 0);
  floatIs(aggregate("stDevP", []), 0);
  floatIs(aggregate("stDev", [1e9 + 1, 1e9 + 2, 1e9 + 3]), 1);
});

void test("percentiles", () => {
  const prices = [float(10), float(20), float(30)];
  for (const [p, expected] of [
    [0, 10],
    [0.5, 20],
    [1, 30],
  ] as const) {
    floatIs(aggregate("percentileDisc", prices, { extra: float(p) }), expected);
    floatIs(aggregate("percentileCont", prices, { extra: float(p) }), expected);
  }
  floatIs(aggregate("percentileCont", [10, 20, 30, 40], { extra: 0.5 }), 25);
  assert.equal(aggregate("percentileDisc", [3, 1, 2], { extra: 0.5 }), 2); // keeps the Int
  assert.equal(aggregate("percentileDisc", [], { extra: 0.5 }), null);
  assert.equal(aggregate("percentileCont", [null], { extra: 0.5 }), null);
});

void test("percentiles refuse a percentile outside [0, 1]", () => {
  for (const name of ["percentileCont", "percentileDisc"]) {
    for (const p of [1000, -1, 1.1]) {
      assert.throws(
        () => aggregate(name, [float(10)], { extra: p }),
        (e) => isSkeinError(e, "ARGUMENT") && (e as QueryError).detail === "NumberOutOfRange",
      );
    }
    assert.throws(
      () => aggregate(name, [1], { extra: "0.5" }),
      (e) => isSkeinError(e, "TYPE"),
    );
  }
  // percentileDisc(0.90, deg) with deg > 2: the percentile is the row's degree
  assert.throws(
    () => aggregate("percentileDisc", [0.9], { extra: 3 }),
    (e) => isSkeinError(e, "ARGUMENT"),
  );
});
