// Tests of the text of temporal values, in the TCK's exact forms.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  date,
  dateTime,
  duration,
  localDateTime,
  localTime,
  time,
} from "../../../store/tagged-values.js";
import { temporalText, temporalTextOf } from "./text-format.js";

void test("dates pad and sign years outside 0000..9999", () => {
  assert.equal(temporalText(date({ year: 1984, month: 10, day: 11 })), "1984-10-11");
  assert.equal(temporalText(date({ year: 28, month: 11, day: 11 })), "0028-11-11");
  assert.equal(temporalText(date({ year: -44, month: 3, day: 15 })), "-0044-03-15");
  assert.equal(temporalText(date({ year: 10000, month: 1, day: 1 })), "+10000-01-01");
});

void test("times drop zero seconds and print fractions in groups of three digits", () => {
  assert.equal(temporalText(localTime({ hour: 12 })), "12:00");
  assert.equal(temporalText(localTime({ hour: 12, minute: 31, second: 14 })), "12:31:14");
  const t = (nanosecond: number): string =>
    temporalText(localTime({ hour: 12, minute: 31, second: 14, nanosecond }));
  assert.equal(t(645_000_000), "12:31:14.645");
  assert.equal(t(645_876_000), "12:31:14.645876");
  assert.equal(t(3), "12:31:14.000000003");
  assert.equal(t(500_000_000), "12:31:14.500");
});

void test("zoned values print their offset and, for a region, its name", () => {
  assert.equal(temporalText(time({ hour: 12, offsetSeconds: 0 })), "12:00Z");
  assert.equal(
    temporalText(
      time({ hour: 12, minute: 34, second: 56, offsetSeconds: -(2 * 3600 + 5 * 60 + 7) }),
    ),
    "12:34:56-02:05:07",
  );
  const fields = { year: 2017, month: 8, day: 8, hour: 12, minute: 31, offsetSeconds: 7200 };
  assert.equal(temporalText(dateTime(fields)), "2017-08-08T12:31+02:00");
  assert.equal(
    temporalText(dateTime({ ...fields, timeZoneId: "Europe/Stockholm" })),
    "2017-08-08T12:31+02:00[Europe/Stockholm]",
  );
  assert.equal(
    temporalText(localDateTime({ year: 1912, month: 1, day: 1, hour: 0 })),
    "1912-01-01T00:00",
  );
});

void test("durations print each part with its own sign", () => {
  const d = (months: number, days: number, seconds: number, nanoseconds: number): string =>
    temporalText(duration({ months, days, seconds, nanoseconds }));
  assert.equal(d(0, 0, 0, 0), "PT0S");
  assert.equal(d(149, 14, 58_390, 1), "P12Y5M14DT16H13M10.000000001S");
  assert.equal(d(149, -14, 57_600, 0), "P12Y5M-14DT16H");
  assert.equal(d(0, 0, -2, 1_000_000), "PT-1.999S");
  assert.equal(d(0, 0, -61, 999_000_000), "PT-1M-0.001S");
  assert.equal(d(0, 1, -1, 999_000_000), "P1DT-0.001S");
  assert.equal(d(0, 22, 71_509, 500_000_000), "P22DT19H51M49.5S");
  assert.equal(d(-20, 0, 0, 0), "P-1Y-8M");
  assert.equal(
    temporalText(duration({ seconds: 63_113_904_043_776_799n })),
    "PT17531640012160H13M19S",
  );
});

void test("temporalTextOf answers null for values that are not temporal", () => {
  assert.equal(temporalTextOf("x"), null);
  assert.equal(temporalTextOf(null), null);
  assert.equal(temporalTextOf(duration({ days: 1 })), "P1D");
});
