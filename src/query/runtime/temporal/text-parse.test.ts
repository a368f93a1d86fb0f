// Tests of reading dates, times and date-times from ISO 8601 text.
import { test } from "node:test";
import assert from "node:assert/strict";
import { QueryError } from "../../../internal/errors.js";
import { epochDayOf } from "./calendar.js";
import { parseDateText, parseDateTimeText, parseOffsetText, parseTimeText } from "./text-parse.js";

const S = 1_000_000_000;

void test("dates in calendar, week, ordinal and year forms, basic and extended", () => {
  const july21 = epochDayOf(2015, 7, 21);
  for (const text of ["2015-07-21", "20150721", "2015-W30-2", "2015W302", "2015-202", "2015202"]) {
    assert.equal(parseDateText(text), july21, text);
  }
  assert.equal(parseDateText("2015-07"), epochDayOf(2015, 7, 1));
  assert.equal(parseDateText("201507"), epochDayOf(2015, 7, 1));
  assert.equal(parseDateText("2015-W30"), epochDayOf(2015, 7, 20));
  assert.equal(parseDateText("2015W30"), epochDayOf(2015, 7, 20));
  assert.equal(parseDateText("2015"), epochDayOf(2015, 1, 1));
  assert.equal(parseDateText("+999999999-12-31"), epochDayOf(999_999_999, 12, 31));
  assert.equal(parseDateText("-0044-03-15"), epochDayOf(-44, 3, 15));
});

void test("impossible dates are invalid arguments", () => {
  for (const text of ["2015-13-01", "2015-02-29", "2015-W54", "2015-366", "15-07-21", "x"]) {
    assert.throws(
      () => parseDateText(text),
      (e: unknown) => e instanceof QueryError && e.code === "ARGUMENT",
      text,
    );
  }
});

void test("times with fractions, offsets and zones", () => {
  const t = (21 * 3600 + 40 * 60 + 32) * S + 142_000_000;
  assert.deepEqual(parseTimeText("21:40:32.142"), { nanoOfDay: t });
  assert.deepEqual(parseTimeText("214032,142"), { nanoOfDay: t });
  assert.deepEqual(parseTimeText("2140"), { nanoOfDay: (21 * 3600 + 40 * 60) * S });
  assert.deepEqual(parseTimeText("21"), { nanoOfDay: 21 * 3600 * S });
  assert.deepEqual(parseTimeText("21:40:32.142+0100"), { nanoOfDay: t, offsetSeconds: 3600 });
  assert.deepEqual(parseTimeText("2140-02").offsetSeconds, -7200);
  assert.deepEqual(parseTimeText("2140-00:00").offsetSeconds, 0);
  assert.deepEqual(parseTimeText("22+18:00").offsetSeconds, 18 * 3600);
  assert.throws(() => parseTimeText("24:00"), QueryError);
  assert.throws(() => parseTimeText("12:00+19:00"), QueryError);
});

void test("offsets: Z, hours, minutes and seconds", () => {
  assert.equal(parseOffsetText("Z"), 0);
  assert.equal(parseOffsetText("+02:05:59"), 2 * 3600 + 5 * 60 + 59);
  assert.equal(parseOffsetText("-0130"), -5400);
  assert.equal(parseOffsetText("Europe/Paris"), undefined);
});

void test("date-times: the time part is optional, a zone may follow the offset", () => {
  assert.deepEqual(parseDateTimeText("2015-07-21"), {
    epochDay: epochDayOf(2015, 7, 21),
    nanoOfDay: 0,
  });
  const zoned = parseDateTimeText("2015-07-21T21:40:32.142+02:00[Europe/Stockholm]");
  assert.equal(zoned.offsetSeconds, 7200);
  assert.equal(zoned.zoneId, "Europe/Stockholm");
  const zoneOnly = parseDateTimeText("2015-W30T2140[Europe/London]");
  assert.equal(zoneOnly.epochDay, epochDayOf(2015, 7, 20));
  assert.equal(zoneOnly.offsetSeconds, undefined);
  assert.throws(() => parseDateTimeText("2015-07-21T21:40[Nowhere/Zone]"), QueryError);
});
