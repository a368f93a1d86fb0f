// Tests of durations: exact fractions, parsing, normalisation, + - * /.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Float, duration } from "../../../store/tagged-values.js";
import { QueryError } from "../../../internal/errors.js";
import { constructDuration } from "./duration-construct.js";
import { parseDurationText } from "./duration-parse.js";
import {
  divideDuration,
  durationOf,
  multiplyDuration,
  negateDuration,
  plusDurations,
} from "./durations.js";
import { ratioOfDecimal, ratioOfNumber, roundHalfEven } from "./ratio.js";
import { durationText } from "./text-format.js";

const text = (v: unknown): string => durationText(v as ReturnType<typeof duration>);

void test("ratios are exact and round half to even", () => {
  assert.deepEqual(ratioOfNumber(0.75), { n: 3n, d: 4n });
  assert.deepEqual(ratioOfDecimal("-2,5"), { n: -25n, d: 10n });
  assert.equal(roundHalfEven({ n: 1n, d: 2n }), 0n);
  assert.equal(roundHalfEven({ n: 3n, d: 2n }), 2n);
  assert.equal(roundHalfEven({ n: -3n, d: 2n }), -2n);
  assert.equal(roundHalfEven({ n: -7n, d: 4n }), -2n);
});

void test("nanoseconds are kept in [0, 1e9) with the seconds floored", () => {
  const d = durationOf(0n, 0n, -1_500_000_000n);
  assert.equal(d.seconds, -2);
  assert.equal(d.nanoseconds, 500_000_000);
});

void test("maps: units add up, fractions carry down to days, seconds and nanoseconds", () => {
  const map = (m: Record<string, number | Float>): string => text(constructDuration(m));
  assert.equal(map({ days: 14, hours: 16, minutes: 12 }), "P14DT16H12M");
  assert.equal(map({ months: 5, days: 1.5 }), "P5M1DT12H");
  assert.equal(map({ months: 0.75 }), "P22DT19H51M49.5S");
  assert.equal(map({ weeks: 2.5 }), "P17DT12H");
  assert.equal(map({ minutes: 1.5, seconds: 1 }), "PT1M31S");
  assert.equal(map({ seconds: 70.1 }), "PT1M10.1S");
  assert.equal(
    map({
      years: 12.5,
      months: 5.5,
      days: 14.5,
      hours: 16.5,
      minutes: 12.5,
      seconds: 70.5,
      nanoseconds: 3,
    }),
    "P12Y11M29DT33H58M13.500000003S",
  );
  assert.equal(map({ seconds: new Float(2) }), "PT2S");
  assert.throws(() => constructDuration({ fortnights: 1 }), QueryError);
  assert.throws(() => constructDuration({ days: "1" }), QueryError);
});

void test("text in the unit and date-time forms", () => {
  const parse = (s: string): string => durationText(parseDurationText(s));
  assert.equal(parse("P5M1.5D"), "P5M1DT12H");
  assert.equal(parse("PT0.75M"), "PT45S");
  assert.equal(parse("P12Y5M14DT16H12M70S"), "P12Y5M14DT16H13M10S");
  assert.equal(parse("P2012-02-02T14:37:21.545"), "P2012Y2M2DT14H37M21.545S");
  assert.equal(parse("PT-1M-0.001S"), "PT-1M-0.001S");
  assert.equal(parse("-P1D"), "P-1D");
  for (const bad of ["P", "PT", "1D", "P1S", "PT1D"]) {
    assert.throws(() => parseDurationText(bad), QueryError, bad);
  }
});

void test("sums and differences are field by field", () => {
  const a = parseDurationText("P12Y5M14DT16H12M70.000000001S");
  const b = parseDurationText("P1M-14DT16H-12M70S");
  assert.equal(durationText(plusDurations(a, b, 1n)), "P12Y6MT32H2M20.000000001S");
  assert.equal(durationText(plusDurations(a, b, -1n)), "P12Y4M28DT24M0.000000001S");
  assert.equal(durationText(negateDuration(b)), "P-1M14DT-15H-49M-10S");
});

void test("scaling by numbers carries fractions down like construction", () => {
  const d = parseDurationText("P12Y5M14DT16H12M70.000000001S");
  assert.equal(durationText(multiplyDuration(d, 2)), "P24Y10M28DT32H26M20.000000002S");
  assert.equal(durationText(multiplyDuration(d, 0.5)), "P6Y2M22DT13H21M8S");
  assert.equal(durationText(divideDuration(d, 2)), "P6Y2M22DT13H21M8S");
  assert.equal(durationText(divideDuration(d, 0.5)), "P24Y10M28DT32H26M20.000000002S");
  assert.throws(() => divideDuration(d, 0), QueryError);
  assert.throws(() => multiplyDuration(duration({ months: 2 ** 52 }), 4096), QueryError);
});
