// Tests of decimal rounding: every mode at ties and off ties, precision signs, carries.
import { test } from "node:test";
import assert from "node:assert/strict";
import { roundDecimal, type RoundingMode } from "./rounding.js";

void test("each mode at a tie, an off-tie and for both signs", () => {
  const table: [RoundingMode, number, number, number, number][] = [
    // mode, round(2.5), round(-2.5), round(2.6), round(2.4) at precision 0
    ["UP", 3, -3, 3, 3],
    ["DOWN", 2, -2, 2, 2],
    ["CEILING", 3, -2, 3, 3],
    ["FLOOR", 2, -3, 2, 2],
    ["HALF_UP", 3, -3, 3, 2],
    ["HALF_DOWN", 2, -2, 3, 2],
    ["HALF_EVEN", 2, -2, 3, 2],
  ];
  for (const [mode, tie, negTie, above, below] of table) {
    assert.equal(roundDecimal(2.5, 0, mode), tie, `${mode} 2.5`);
    assert.equal(roundDecimal(-2.5, 0, mode), negTie, `${mode} -2.5`);
    assert.equal(roundDecimal(2.6, 0, mode), above, `${mode} 2.6`);
    assert.equal(roundDecimal(2.4, 0, mode), below, `${mode} 2.4`);
  }
  assert.equal(roundDecimal(3.5, 0, "HALF_EVEN"), 4);
});

void test("rounds the printed decimal, not the binary value", () => {
  assert.equal(roundDecimal(2.675, 2, "HALF_UP"), 2.68);
  assert.equal(roundDecimal(1.005, 2, "HALF_UP"), 1.01);
  assert.equal(roundDecimal(3.141592, 3, "HALF_UP"), 3.142);
  assert.equal(roundDecimal(0.1 + 0.2, 1, "HALF_UP"), 0.3);
});

void test("precision: negative rounds left of the point; large leaves the value", () => {
  assert.equal(roundDecimal(1234.5, -2, "HALF_UP"), 1200);
  assert.equal(roundDecimal(1250, -2, "HALF_EVEN"), 1200);
  assert.equal(roundDecimal(1250, -2, "HALF_UP"), 1300);
  assert.equal(roundDecimal(99.9, -3, "UP"), 1000);
  assert.equal(roundDecimal(0.004, 1, "UP"), 0.1);
  assert.equal(roundDecimal(0.004, 1, "HALF_UP"), 0);
  assert.equal(roundDecimal(0.05, 1, "HALF_UP"), 0.1);
  assert.equal(roundDecimal(0.05, 1, "HALF_EVEN"), 0);
  assert.equal(roundDecimal(1e-20, 5, "CEILING"), 0.00001);
  assert.equal(roundDecimal(1.5, 400, "DOWN"), 1.5);
  assert.equal(roundDecimal(1e300, 2, "UP"), 1e300);
});

void test("carries and signs", () => {
  assert.equal(roundDecimal(9.99, 1, "HALF_UP"), 10);
  assert.equal(roundDecimal(-9.99, 1, "HALF_UP"), -10);
  assert.equal(roundDecimal(-0.4, 0, "HALF_UP"), -0);
  assert.ok(Object.is(roundDecimal(-0.4, 0, "HALF_UP"), -0));
  assert.equal(roundDecimal(Infinity, 2, "UP"), Infinity);
  assert.ok(Number.isNaN(roundDecimal(NaN, 2, "UP")));
});
