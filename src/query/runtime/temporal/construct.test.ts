// Tests of the constructors: text, maps of fields, selection from other values, zones and
// the current instant.
import { test } from "node:test";
import assert from "node:assert/strict";
import { QueryError } from "../../../internal/errors.js";
import type { FunctionContext } from "../function-def.js";
import type { Value } from "../types.js";
import type { TemporalKind } from "./construct.js";
import { constructTemporal } from "./construct.js";
import { temporalTextOf } from "./text-format.js";

const ctx = { random: Math.random } as unknown as FunctionContext;

function make(kind: TemporalKind, arg: Value): Value {
  return constructTemporal(kind, kind.toLowerCase(), arg, ctx, null);
}

function text(kind: TemporalKind, arg: Value): string | null {
  return temporalTextOf(make(kind, arg));
}

void test("dates from calendar, week, ordinal and quarter fields", () => {
  assert.equal(text("date", { year: 1984, month: 10, day: 11 }), "1984-10-11");
  assert.equal(text("date", { year: 1984, week: 10, dayOfWeek: 3 }), "1984-03-07");
  assert.equal(text("date", { year: 1817, week: 1 }), "1816-12-30");
  assert.equal(text("date", { year: 1984, ordinalDay: 202 }), "1984-07-20");
  assert.equal(text("date", { year: 1984, quarter: 3, dayOfQuarter: 45 }), "1984-08-14");
  assert.equal(text("date", { Year: 1984, DAYOFWEEK: 1, week: 2 }), "1984-01-09");
  assert.throws(() => make("date", { month: 2 }), QueryError);
  assert.throws(() => make("date", { year: 1984, hour: 2 }), QueryError);
  assert.throws(() => make("date", { year: 1984, month: 1.5 }), QueryError);
  assert.throws(
    () => make("date", { year: 1984, month: 2, week: 3 }),
    /cannot combine month with week/,
  );
});

void test("fields override a selected date the way they name it", () => {
  const other = make("date", { year: 1984, month: 11, day: 11 });
  assert.equal(text("date", { date: other, year: 28 }), "0028-11-11");
  assert.equal(text("date", { date: other, week: 1 }), "1984-01-08");
  assert.equal(text("date", { date: other, ordinalDay: 28 }), "1984-01-28");
  assert.equal(text("date", { date: other, quarter: 3 }), "1984-08-11");
  assert.equal(text("localDateTime", { date: other, hour: 10 }), "1984-11-11T10:00");
});

void test("the fraction of a second adds up its parts", () => {
  assert.equal(
    text("localTime", {
      hour: 12,
      minute: 31,
      second: 14,
      nanosecond: 789,
      millisecond: 123,
      microsecond: 456,
    }),
    "12:31:14.123456789",
  );
  assert.throws(
    () => make("localTime", { hour: 12, millisecond: 1, microsecond: 1000 }),
    QueryError,
  );
});

void test("a timezone converts a zoned time and places a local one", () => {
  const zoned = make("time", { hour: 12, minute: 31, timezone: "+01:00" });
  assert.equal(text("time", { time: zoned, timezone: "+05:00" }), "16:31+05:00");
  const local = make("localTime", { hour: 12 });
  assert.equal(text("time", { time: local, timezone: "+05:00" }), "12:00+05:00");
  assert.equal(text("time", local), "12:00Z");
});

void test("date-times keep the zone of the value their time came from", () => {
  const stockholm = make("dateTime", {
    year: 1984,
    month: 10,
    day: 11,
    hour: 12,
    timezone: "Europe/Stockholm",
  });
  assert.equal(temporalTextOf(stockholm), "1984-10-11T12:00+01:00[Europe/Stockholm]");
  const march = make("localDateTime", { year: 1984, month: 3, day: 7 });
  assert.equal(
    text("dateTime", { date: march, time: stockholm, day: 28, second: 42 }),
    "1984-03-28T12:00:42+02:00[Europe/Stockholm]",
  );
  assert.equal(
    text("dateTime", { datetime: stockholm, day: 28, second: 42, timezone: "Pacific/Honolulu" }),
    "1984-10-28T01:00:42-10:00[Pacific/Honolulu]",
  );
  assert.equal(text("dateTime", { date: stockholm, hour: 10 }), "1984-10-11T10:00Z");
  assert.equal(text("localDateTime", stockholm), "1984-10-11T12:00");
  assert.equal(text("date", stockholm), "1984-10-11");
  assert.throws(() => make("date", make("localTime", { hour: 1 })), QueryError);
});

void test("text, epoch fields and null", () => {
  assert.equal(
    text("dateTime", "2015-07-21T21:40:32.142[Europe/London]"),
    "2015-07-21T21:40:32.142+01:00[Europe/London]",
  );
  assert.equal(
    text("dateTime", "1818-07-21T21:40:32.142[Europe/Stockholm]"),
    "1818-07-21T21:40:32.142+00:53:28[Europe/Stockholm]",
  );
  assert.equal(text("time", "2140-02"), "21:40-02:00");
  assert.equal(text("localDateTime", "-999999999-01-01"), "-999999999-01-01T00:00");
  assert.equal(
    text("dateTime", { epochSeconds: 416_779, nanosecond: 999_999_999 }),
    "1970-01-05T19:46:19.999999999Z",
  );
  assert.equal(make("date", null), null);
  assert.throws(() => make("date", 1), QueryError);
});

void test("no argument, or only a timezone, reads one instant per statement", () => {
  const a = make("dateTime", undefined as unknown as Value);
  const b = constructTemporal("dateTime", "datetime", undefined, ctx, null);
  assert.deepEqual(a, b);
  const paris = constructTemporal(
    "dateTime",
    "datetime.transaction",
    "Europe/Paris",
    ctx,
    "transaction",
  );
  assert.match(temporalTextOf(paris) ?? "", /\[Europe\/Paris\]$/);
  const la = make("dateTime", { timezone: "America/Los_Angeles" });
  assert.match(temporalTextOf(la) ?? "", /\[America\/Los_Angeles\]$/);
});
