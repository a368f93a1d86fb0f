// Tests of the arithmetic operators: Int/Float typing, int64 overflow, division and modulo
// semantics, null propagation, list and string concatenation, and type errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import { isSkeinError, type QueryError } from "../../internal/errors.js";
import { date, duration, float, Float } from "../../store/tagged-values.js";
import { add, divide, modulo, multiply, negate, power, subtract, unaryPlus } from "./arithmetic.js";
import type { Value } from "./types.js";

const MAX = 2n ** 63n - 1n;
const MIN = -(2n ** 63n);

function fails(f: () => unknown, code: string, detail: string): void {
  assert.throws(f, (e) => {
    assert.ok(isSkeinError(e, code as never), String(e));
    assert.equal((e as QueryError).detail, detail);
    assert.equal((e as QueryError).phase, "runtime");
    return true;
  });
}

function isFloatOf(v: Value, x: number): boolean {
  return v instanceof Float ? Object.is(v.value, x) : Object.is(v, x);
}

void test("Int op Int stays an Int", () => {
  assert.equal(add(2, 3), 5);
  assert.equal(subtract(2, 3), -1);
  assert.equal(multiply(4, 3), 12);
  assert.equal(divide(12, 4), 3);
  assert.equal(modulo(7, 3), 1);
  // the TCK's precedence examples
  assert.equal(subtract(multiply(divide(12, 4), 3), multiply(2, 4)), 1);
  assert.equal(multiply(divide(12, 4), subtract(3, multiply(2, 4))), -15);
});

void test("mixing Int and Float gives a Float, integral results as Float instances", () => {
  assert.ok(isFloatOf(add(1, 0.5), 1.5));
  assert.ok(isFloatOf(add(1.5, 1.5), 3));
  assert.ok(add(float(1), 2) instanceof Float);
  assert.ok(isFloatOf(multiply(float(2), 3), 6));
  assert.ok(isFloatOf(divide(1, float(2)), 0.5));
  assert.ok(isFloatOf(subtract(float(1), float(1)), 0));
  assert.ok(isFloatOf(modulo(7.5, 2), 1.5));
});

void test("Int division truncates toward zero and never gives -0", () => {
  assert.equal(divide(7, 2), 3);
  assert.equal(divide(-7, 2), -3);
  assert.equal(divide(7, -2), -3);
  assert.equal(divide(-7, -2), 3);
  assert.ok(Object.is(divide(1, -2), 0));
  assert.equal(modulo(-7, 3), -1); // the sign of the dividend
  assert.equal(modulo(7, -3), 1);
  assert.ok(Object.is(modulo(-4, 2), 0));
  assert.ok(Object.is(multiply(-1, 0), 0));
  assert.equal(divide(MAX, 2), 2n ** 62n - 1n);
  assert.equal(divide(9007199254740993n, 3), 3002399751580331);
});

void test("Int division or modulo by zero fails; Float division follows IEEE 754", () => {
  fails(() => divide(1, 0), "ARGUMENT", "DivisionByZero");
  fails(() => modulo(1, 0), "ARGUMENT", "DivisionByZero");
  fails(() => divide(2n ** 60n, 0), "ARGUMENT", "DivisionByZero");
  assert.equal(divide(1.5, 0), Infinity);
  assert.equal(divide(-1, float(0)), -Infinity);
  assert.ok(Number.isNaN(divide(float(0), float(0))));
  assert.ok(Number.isNaN(modulo(1.5, 0)));
});

void test("Int results beyond 2^53 are exact bigints and overflow past int64", () => {
  assert.equal(add(Number.MAX_SAFE_INTEGER, 1), 2n ** 53n);
  assert.equal(add(Number.MAX_SAFE_INTEGER, 2), 2n ** 53n + 1n);
  assert.equal(subtract(2n ** 53n, 1), Number.MAX_SAFE_INTEGER); // back to a number
  assert.equal(multiply(4294967296, 2097152), 2n ** 53n);
  assert.equal(multiply(2n ** 53n, -1), -(2n ** 53n));
  assert.equal(add(2n ** 60n, -(2n ** 60n)), 0);
});

void test("overflow raises IntegerOverflow", () => {
  fails(() => add(MAX, 1), "ARGUMENT", "IntegerOverflow");
  fails(() => subtract(MIN, 1), "ARGUMENT", "IntegerOverflow");
  fails(() => multiply(2n ** 32n, 2n ** 31n), "ARGUMENT", "IntegerOverflow");
  fails(() => multiply(4294967296, 4294967296), "ARGUMENT", "IntegerOverflow");
  fails(() => divide(MIN, -1), "ARGUMENT", "IntegerOverflow");
  fails(() => negate(MIN), "ARGUMENT", "IntegerOverflow");
  assert.equal(multiply(3037000499, 3037000499), 9223372030926249001n);
  assert.equal(add(MIN, MAX), -1);
});

void test("power always gives a Float", () => {
  assert.ok(isFloatOf(power(2, 3), 8));
  assert.ok(isFloatOf(power(4, 0.5), 2));
  assert.ok(isFloatOf(power(-3, 2), 9));
  assert.ok(isFloatOf(power(2, -1), 0.5));
  assert.ok(isFloatOf(multiply(power(4, 3), power(2, 3)), 512));
});

void test("negate and unary plus", () => {
  assert.equal(negate(5), -5);
  assert.ok(Object.is(negate(0), 0));
  assert.ok(isFloatOf(negate(float(0)), -0));
  assert.ok(isFloatOf(negate(float(2)), -2));
  assert.equal(negate(-1.5), 1.5);
  assert.equal(negate(2n ** 53n), -(2n ** 53n));
  assert.equal(negate(MAX), MIN + 1n);
  assert.equal(negate(null), null);
  assert.equal(unaryPlus(3), 3);
  fails(() => negate("a"), "TYPE", "InvalidArgumentType");
  fails(() => unaryPlus([1]), "TYPE", "InvalidArgumentType");
});

void test("null propagates through every operator", () => {
  for (const op of [add, subtract, multiply, divide, modulo, power]) {
    assert.equal(op(null, 1), null);
    assert.equal(op(1, null), null);
    assert.equal(op(null, null), null);
  }
  assert.equal(add([1], null), null);
  assert.equal(add(null, "a"), null);
  // 1 + (2 - (3 * (4 / (5 ^ (6 % null))))) is null
  assert.equal(add(1, subtract(2, multiply(3, divide(4, power(5, modulo(6, null)))))), null);
});

void test("+ concatenates lists", () => {
  assert.deepEqual(add([1, 10, 100], [4, 5]), [1, 10, 100, 4, 5]);
  assert.deepEqual(add([false, true], false), [false, true, false]);
  assert.deepEqual(add(0, [1]), [0, 1]);
  assert.deepEqual(add([[1]], [[2]]), [[1], [2]]);
  assert.deepEqual(add([1], [null]), [1, null]);
  assert.deepEqual(add([], "a"), ["a"]);
});

void test("+ concatenates strings with strings, numbers and booleans", () => {
  assert.equal(add("nam", "e"), "name");
  assert.equal(add("a", 1), "a1");
  assert.equal(add(1, "a"), "1a");
  assert.equal(add("x", 1.5), "x1.5");
  assert.equal(add("x", float(2)), "x2.0");
  assert.equal(add("x", true), "xtrue");
  assert.equal(add("x", 2n ** 62n), "x4611686018427387904");
});

void test("wrong operand types raise TYPE InvalidArgumentType", () => {
  fails(() => add("a", {}), "TYPE", "InvalidArgumentType");
  fails(() => add(true, 1), "TYPE", "InvalidArgumentType");
  fails(() => subtract("a", 1), "TYPE", "InvalidArgumentType");
  fails(() => multiply([1], 2), "TYPE", "InvalidArgumentType");
  fails(() => divide({}, 2), "TYPE", "InvalidArgumentType");
  fails(() => power("2", 2), "TYPE", "InvalidArgumentType");
  fails(() => modulo(true, false), "TYPE", "InvalidArgumentType");
});

void test("temporal operands go to the temporal operators; other pairs are type errors", () => {
  const d = date({ year: 2020, month: 1, day: 1 });
  assert.deepEqual(add(d, duration({ days: 1 })), date({ year: 2020, month: 1, day: 2 }));
  assert.deepEqual(negate(duration({ days: 1 })), duration({ days: -1 }));
  assert.throws(
    () => add(d, d),
    (e) => isSkeinError(e, "TYPE") && /cannot add DATE and DATE/.test(e.message),
  );
});
