// Tests of the numeric functions through the function table: result types, null, NaN,
// overflow, rounding forms and argument errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import { inspect } from "node:util";
import { isSkeinError, type QueryError } from "../../internal/errors.js";
import { Graph } from "../../store/graph.js";
import { Float, float } from "../../store/tagged-values.js";
import { FUNCTIONS } from "./functions.js";
import type { Value } from "./types.js";

const ctx = { view: new Graph(), random: () => 0.25 };

function call(name: string, ...args: Value[]): Value {
  const def = FUNCTIONS.get(name.toLowerCase());
  assert.ok(def, `no function ${name}`);
  return def.call(args, ctx);
}

function floatIs(v: Value, x: number): void {
  assert.ok(
    v instanceof Float || (typeof v === "number" && !Number.isSafeInteger(v)),
    `${inspect(v)} is not a Float`,
  );
  assert.ok(Object.is(v instanceof Float ? v.value : v, x), `${inspect(v)} is not ${x}`);
}

function fails(f: () => unknown, code: string, detail: string): void {
  assert.throws(f, (e) => isSkeinError(e, code as never) && (e as QueryError).detail === detail);
}

void test("abs keeps the type and overflows on the smallest Int", () => {
  assert.equal(call("abs", -1), 1);
  floatIs(call("abs", float(-2)), 2);
  assert.equal(call("abs", -1.5), 1.5);
  assert.equal(call("abs", -(2n ** 62n)), 2n ** 62n);
  fails(() => call("abs", -(2n ** 63n)), "ARGUMENT", "IntegerOverflow");
  assert.equal(call("abs", null), null);
  fails(() => call("abs", "1"), "TYPE", "InvalidArgumentValue");
});

void test("ceil, floor and round give Floats", () => {
  floatIs(call("ceil", 1), 1);
  floatIs(call("ceil", 1.2), 2);
  floatIs(call("floor", -1.2), -2);
  floatIs(call("ceil", -0.5), -0);
  floatIs(call("round", 3.141592), 3);
  floatIs(call("round", 2), 2);
  assert.equal(call("floor", null), null);
});

void test("round: ties toward +Infinity without precision, HALF_UP with one", () => {
  floatIs(call("round", -1.5), -1);
  floatIs(call("round", 2.5), 3);
  floatIs(call("round", -1.5, 0), -1); // precision 0 agrees with the one-argument form
  floatIs(call("round", -1.55, 1), -1.6);
  floatIs(call("round", 3.141592, 3), 3.142);
  floatIs(call("round", -1.5, 0, "HALF_UP"), -2);
  floatIs(call("round", 2.5, 0, "half_even"), 2);
  floatIs(call("round", 1.234, 1, "CEILING"), 1.3);
  assert.equal(call("round", 1.5, null), null);
  assert.equal(call("round", 1.5, 1, null), null);
  fails(() => call("round", 1.5, 1, "NEAREST"), "ARGUMENT", "InvalidArgumentValue");
  fails(() => call("round", 1.5, 1.5), "TYPE", "InvalidArgumentValue");
});

void test("sign gives an Int", () => {
  assert.equal(call("sign", -3), -1);
  assert.equal(call("sign", 0), 0);
  assert.equal(call("sign", 2.5), 1);
  assert.equal(call("sign", float(-0)), 0);
  assert.equal(call("sign", 2n ** 60n), 1);
  assert.equal(call("sign", NaN), 0);
});

void test("transcendental functions follow IEEE 754", () => {
  floatIs(call("sqrt", 12.96), 3.6);
  floatIs(call("sqrt", 16), 4);
  assert.ok(Number.isNaN(call("sqrt", -1)));
  assert.equal(call("log", 0), -Infinity);
  floatIs(call("log10", 1000), 3);
  floatIs(call("exp", 0), 1);
  floatIs(call("sin", 0), 0);
  floatIs(call("cos", 0), 1);
  assert.equal(call("cot", 0), Infinity);
  floatIs(call("degrees", Math.PI), 180);
  assert.equal(call("radians", 180), Math.PI);
  floatIs(call("haversin", 0), 0);
  assert.equal(call("atan2", 1, 1), Math.PI / 4);
  assert.equal(call("atan2", null, 1), null);
  assert.equal(call("e"), Math.E);
  assert.equal(call("pi"), Math.PI);
  fails(() => call("sqrt", true), "TYPE", "InvalidArgumentValue");
});

void test("rand uses the context's generator and isNaN tests numbers", () => {
  assert.equal(call("rand"), 0.25);
  assert.equal(call("isNaN", 0 / 0), true);
  assert.equal(call("isNaN", 1), false);
  assert.equal(call("isNaN", float(1)), false);
  assert.equal(call("isNaN", null), null);
  fails(() => call("isNaN", "NaN"), "TYPE", "InvalidArgumentValue");
});
