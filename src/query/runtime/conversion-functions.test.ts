// Tests of the conversion functions, with the TCK's tables (TypeConversion1-4).
import { test } from "node:test";
import assert from "node:assert/strict";
import { inspect } from "node:util";
import { isSkeinError, type QueryError } from "../../internal/errors.js";
import { Node, Path, Relationship } from "../../store/entities.js";
import { Graph } from "../../store/graph.js";
import { date, Float, float } from "../../store/tagged-values.js";
import { FUNCTIONS } from "./functions.js";
import type { Value } from "./types.js";

const ctx = { view: new Graph(), random: Math.random };
const n = new Node(0, [], {});
const r = new Relationship(0, 0, 0, "T", {});
const p = new Path([n, n], [r]);

function call(name: string, ...args: Value[]): Value {
  const def = FUNCTIONS.get(name.toLowerCase());
  assert.ok(def, `no function ${name}`);
  return def.call(args, ctx);
}

function refused(name: string, v: Value): void {
  assert.throws(
    () => call(name, v),
    (e) => isSkeinError(e, "TYPE") && (e as QueryError).detail === "InvalidArgumentValue",
    `${name}(${inspect(v)})`,
  );
  assert.equal(call(`${name}OrNull`, v), null);
}

function floatIs(v: Value, x: number): void {
  assert.ok(v instanceof Float || (typeof v === "number" && !Number.isSafeInteger(v)));
  assert.ok(Object.is(v instanceof Float ? v.value : v, x));
}

void test("toBoolean", () => {
  assert.equal(call("toBoolean", true), true);
  assert.equal(call("toBoolean", "true"), true);
  assert.equal(call("toBoolean", "FALSE"), false);
  for (const s of [null, "", " tru ", "f alse"]) assert.equal(call("toBoolean", s), null);
  assert.equal(call("toBoolean", 0), false);
  assert.equal(call("toBoolean", 7), true);
  for (const v of [[], {}, float(1), n, r, p]) refused("toBoolean", v);
});

void test("toInteger", () => {
  assert.equal(call("toInteger", 82.9), 82);
  assert.equal(call("toInteger", -2.9), -2);
  assert.equal(call("toInteger", float(3)), 3);
  assert.equal(call("toInteger", 2), 2);
  assert.equal(call("toInteger", "foo"), null);
  assert.equal(call("toInteger", ""), null);
  assert.equal(call("toInteger", "1.7"), 1);
  assert.equal(call("toInteger", "2.9"), 2);
  assert.equal(call("toInteger", " 42 "), 42);
  assert.equal(call("toInteger", "-9223372036854775808"), -(2n ** 63n));
  assert.equal(call("toInteger", "9223372036854775808"), null);
  assert.equal(call("toInteger", "1e3"), 1000);
  assert.equal(call("toInteger", 1e18), 10n ** 18n);
  assert.equal(call("toInteger", 1e30), null);
  assert.equal(call("toInteger", NaN), null);
  assert.equal(call("toInteger", true), 1);
  assert.equal(call("toInteger", null), null);
  for (const v of [[], {}, n, r, p]) refused("toInteger", v);
});

void test("toFloat", () => {
  floatIs(call("toFloat", 3.4), 3.4);
  floatIs(call("toFloat", 3), 3);
  floatIs(call("toFloat", "5"), 5);
  floatIs(call("toFloat", "-1.5e2"), -150);
  floatIs(call("toFloat", " .5 "), 0.5);
  floatIs(call("toFloat", "2.0f"), 2);
  assert.ok(Number.isNaN(call("toFloat", "NaN")));
  assert.equal(call("toFloat", "-Infinity"), -Infinity);
  assert.equal(call("toFloat", "foo"), null);
  assert.equal(call("toFloat", ""), null);
  assert.equal(call("toFloat", "1,5"), null);
  floatIs(call("toFloat", 2n ** 62n), 2 ** 62);
  for (const v of [true, [], {}, n, r, p]) refused("toFloat", v);
});

void test("toString", () => {
  assert.equal(call("toString", 42), "42");
  assert.equal(call("toString", true), "true");
  assert.equal(call("toString", 2.3), "2.3");
  assert.equal(call("toString", float(3)), "3.0");
  assert.equal(call("toString", "apa"), "apa");
  assert.equal(call("toString", null), null);
  for (const v of [[], {}, n, r, p]) refused("toString", v);
  assert.equal(call("toString", date({ year: 2020, month: 1, day: 1 })), "2020-01-01");
});

void test("list conversions map each element, null where it does not convert", () => {
  assert.deepEqual(call("toStringList", [1, "a", [1], null]), ["1", "a", null, null]);
  assert.deepEqual(call("toIntegerList", ["2", "2.9", "foo", 3.5, n]), [2, 2, null, 3, null]);
  const floats = call("toFloatList", [1, "2", true]) as Value[];
  floatIs(floats[0] as Value, 1);
  floatIs(floats[1] as Value, 2);
  assert.equal(floats[2], null);
  assert.deepEqual(call("toBooleanList", ["true", 1.5, false]), [true, null, false]);
  assert.equal(call("toIntegerList", null), null);
  assert.throws(
    () => call("toIntegerList", "1"),
    (e) => isSkeinError(e, "TYPE"),
  );
});
