// Tests of scalar text: Floats in the JVM's layout, Ints, booleans, and refusal of the rest.
import { test } from "node:test";
import assert from "node:assert/strict";
import { date, float } from "../../store/tagged-values.js";
import { formatFloat, scalarText } from "./format.js";

void test("formatFloat prints as Double.toString does", () => {
  const cases: [number, string][] = [
    [0, "0.0"],
    [-0, "-0.0"],
    [1, "1.0"],
    [2.3, "2.3"],
    [-1.5, "-1.5"],
    [0.001, "0.001"],
    [0.0001, "1.0E-4"],
    [1.5e-7, "1.5E-7"],
    [9999999, "9999999.0"],
    [1e7, "1.0E7"],
    [12345678.9, "1.23456789E7"],
    [1e21, "1.0E21"],
    [-2.5e300, "-2.5E300"],
    [NaN, "NaN"],
    [Infinity, "Infinity"],
    [-Infinity, "-Infinity"],
  ];
  for (const [x, text] of cases) assert.equal(formatFloat(x), text, String(x));
});

void test("scalarText gives the text of scalars and null for the rest", () => {
  assert.equal(scalarText("a"), "a");
  assert.equal(scalarText(42), "42");
  assert.equal(scalarText(-0), "0");
  assert.equal(scalarText(2n ** 62n), "4611686018427387904");
  assert.equal(scalarText(float(3)), "3.0");
  assert.equal(scalarText(2.5), "2.5");
  assert.equal(scalarText(true), "true");
  assert.equal(scalarText(null), null);
  assert.equal(scalarText([1]), null);
  assert.equal(scalarText({}), null);
  assert.equal(scalarText(date({ year: 2020, month: 1, day: 1 })), null);
});
