// Tests of temporal arithmetic: adding durations to each kind (months, then days, then
// time; zones across daylight saving) and the operator entry points.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { FunctionContext } from "../function-def.js";
import type { Value } from "../types.js";
import type { TemporalKind } from "./construct.js";
import { constructTemporal } from "./construct.js";
import { constructDuration } from "./duration-construct.js";
import {
  temporalAdd,
  temporalDivide,
  temporalMultiply,
  temporalNegate,
  temporalSubtract,
} from "./operators.js";
import { temporalTextOf } from "./text-format.js";

const ctx = { random: Math.random } as unknown as FunctionContext;
const t = (kind: TemporalKind, text: string): Value =>
  constructTemporal(kind, kind.toLowerCase(), text, ctx, null);
const d = (text: string): Value => constructDuration(text);
const show = (v: Value | undefined): string | null => temporalTextOf(v ?? null);

const whole = d("P12Y5M14DT16H12M70.000000002S");
const fractional = constructDuration({
  years: 12.5,
  months: 5.5,
  days: 14.5,
  hours: 16.5,
  minutes: 12.5,
  seconds: 70.5,
  nanoseconds: 3,
});

void test("a date takes months, days, and whole days of the time part", () => {
  const x = t("date", "1984-10-11");
  assert.equal(show(temporalAdd(x, whole)), "1997-03-25");
  assert.equal(show(temporalSubtract(x, whole)), "1972-04-27");
  assert.equal(show(temporalAdd(x, fractional)), "1997-10-11");
  assert.equal(show(temporalSubtract(x, fractional)), "1971-10-12");
  assert.equal(show(temporalAdd(whole, x)), "1997-03-25");
});

void test("times of day wrap around midnight and keep their offset", () => {
  assert.equal(
    show(temporalAdd(t("localTime", "12:31:14.000000001"), whole)),
    "04:44:24.000000003",
  );
  assert.equal(
    show(temporalSubtract(t("time", "12:31:14.000000001+01:00"), whole)),
    "20:18:03.999999999+01:00",
  );
});

void test("date-times add months, then days, then time", () => {
  const x = t("localDateTime", "1984-10-11T12:31:14.000000001");
  assert.equal(show(temporalAdd(x, fractional)), "1997-10-11T22:29:27.500000004");
  assert.equal(show(temporalSubtract(x, fractional)), "1971-10-12T02:33:00.499999998");
  const z = t("dateTime", "1984-10-11T12:31:14.000000001+01:00");
  assert.equal(show(temporalAdd(z, whole)), "1997-03-26T04:44:24.000000003+01:00");
});

void test("in a region, days move the clock and hours move the instant", () => {
  const x = t("dateTime", "2017-10-28T02:30[Europe/Stockholm]");
  assert.equal(show(temporalAdd(x, d("P1D"))), "2017-10-29T02:30+02:00[Europe/Stockholm]");
  assert.equal(show(temporalAdd(x, d("PT24H"))), "2017-10-29T02:30+02:00[Europe/Stockholm]");
  assert.equal(show(temporalAdd(x, d("PT25H"))), "2017-10-29T02:30+01:00[Europe/Stockholm]");
  assert.equal(show(temporalAdd(x, d("PT26H"))), "2017-10-29T03:30+01:00[Europe/Stockholm]");
  const spring = t("dateTime", "2017-03-25T02:30[Europe/Stockholm]");
  assert.equal(show(temporalAdd(spring, d("P1D"))), "2017-03-26T03:30+02:00[Europe/Stockholm]");
});

void test("operators answer undefined for pairs they do not handle", () => {
  assert.equal(temporalAdd(t("date", "2015-01-01"), t("date", "2015-01-01")), undefined);
  assert.equal(temporalSubtract(whole, t("date", "2015-01-01")), undefined);
  assert.equal(temporalMultiply(whole, whole), undefined);
  assert.equal(temporalDivide(2, whole), undefined);
  assert.equal(temporalNegate(t("date", "2015-01-01")), undefined);
  assert.equal(show(temporalMultiply(2, d("PT1S"))), "PT2S");
  assert.equal(show(temporalNegate(d("P1M"))), "P-1M");
});
