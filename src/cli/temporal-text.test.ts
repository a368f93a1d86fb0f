// Tests of the temporal text forms: exact round trips at the edges of every field, the
// ISO 8601 variants the parsers accept, and what they refuse.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  date,
  dateTime,
  duration,
  localDateTime,
  localTime,
  time,
  valuesEqual,
  type PropertyValue,
} from "../index.js";
import {
  dateText,
  dateTimeText,
  durationText,
  localDateTimeText,
  localTimeText,
  parseDate,
  parseDateTime,
  parseDuration,
  parseLocalDateTime,
  parseLocalTime,
  parseTemporal,
  parseTime,
  temporalText,
  timeText,
  type TemporalValue,
} from "./temporal-text.js";

function roundTrips<T extends PropertyValue>(
  v: T,
  text: (v: T) => string | null,
  parse: (s: string) => T,
  expected?: string,
): void {
  const s = text(v);
  assert.ok(s !== null);
  if (expected !== undefined) assert.equal(s, expected);
  assert.ok(valuesEqual(parse(s), v), `${s} reads back as written`);
}

void test("dates: four-digit years plain, others signed", () => {
  roundTrips(date({ year: 2024, month: 2, day: 29 }), dateText, parseDate, "2024-02-29");
  roundTrips(date({ year: 0, month: 1, day: 1 }), dateText, parseDate, "0000-01-01");
  roundTrips(date({ year: -44, month: 3, day: 15 }), dateText, parseDate, "-0044-03-15");
  roundTrips(date({ year: 12345, month: 12, day: 31 }), dateText, parseDate, "+12345-12-31");
  roundTrips(date({ year: -2147483648, month: 1, day: 1 }), dateText, parseDate);
  roundTrips(date({ year: 2147483647, month: 12, day: 31 }), dateText, parseDate);
});

void test("times keep nanoseconds and offsets to the second", () => {
  roundTrips(localTime({ hour: 9, minute: 30 }), localTimeText, parseLocalTime, "09:30:00");
  roundTrips(
    localTime({ hour: 23, minute: 59, second: 59, nanosecond: 1 }),
    localTimeText,
    parseLocalTime,
    "23:59:59.000000001",
  );
  roundTrips(
    localTime({ hour: 0, nanosecond: 500_000_000 }),
    localTimeText,
    parseLocalTime,
    "00:00:00.5",
  );
  roundTrips(time({ hour: 9, offsetSeconds: 0 }), timeText, parseTime, "09:00:00Z");
  roundTrips(time({ hour: 9, offsetSeconds: 3600 }), timeText, parseTime, "09:00:00+01:00");
  roundTrips(time({ hour: 9, offsetSeconds: -19_830 }), timeText, parseTime, "09:00:00-05:30:30");
  roundTrips(time({ hour: 9, offsetSeconds: -64_800 }), timeText, parseTime, "09:00:00-18:00");
  assert.equal(parseTime("09:00:00-00:00").offsetSeconds, 0);
});

void test("date-times combine both", () => {
  roundTrips(
    localDateTime({ year: 1815, month: 12, day: 10, hour: 6, nanosecond: 120 }),
    localDateTimeText,
    parseLocalDateTime,
    "1815-12-10T06:00:00.00000012",
  );
  roundTrips(
    dateTime({ year: -1, month: 6, day: 1, hour: 12, minute: 1, second: 2, offsetSeconds: 19_800 }),
    dateTimeText,
    parseDateTime,
    "-0001-06-01T12:01:02+05:30",
  );
});

void test("durations: exact text when the nanoseconds fit the seconds' fraction", () => {
  roundTrips(duration({}), durationText, parseDuration, "PT0S");
  roundTrips(
    duration({ months: 14, days: 3, seconds: 3600 }),
    durationText,
    parseDuration,
    "P14M3DT3600S",
  );
  roundTrips(
    duration({ seconds: 1, nanoseconds: 500_000_000 }),
    durationText,
    parseDuration,
    "PT1.5S",
  );
  roundTrips(
    duration({ seconds: -1, nanoseconds: -5 }),
    durationText,
    parseDuration,
    "PT-1.000000005S",
  );
  roundTrips(duration({ nanoseconds: -5 }), durationText, parseDuration, "PT-0.000000005S");
  roundTrips(duration({ months: -1, days: 2 }), durationText, parseDuration, "P-1M2D");
  roundTrips(
    duration({ months: -(2n ** 63n), days: 2n ** 63n - 1n, seconds: -(2n ** 63n) }),
    durationText,
    parseDuration,
  );
  assert.equal(durationText(duration({ seconds: 1, nanoseconds: -1 })), null);
  assert.equal(durationText(duration({ nanoseconds: 1_000_000_000 })), null);
});

void test("durations: ISO 8601 forms fold into the four fields", () => {
  const d = parseDuration("P1Y2M3W4DT5H6M7.25S");
  assert.deepEqual(
    [d.months, d.days, d.seconds, d.nanoseconds],
    [14, 25, 5 * 3600 + 6 * 60 + 7, 250_000_000],
  );
  const neg = parseDuration("-P1DT1S");
  assert.deepEqual([neg.months, neg.days, neg.seconds, neg.nanoseconds], [0, -1, -1, 0]);
});

void test("temporalText and parseTemporal take each kind to its own text and parser", () => {
  const cases: [TemporalValue, string][] = [
    [date({ year: 2024, month: 2, day: 29 }), "2024-02-29"],
    [localTime({ hour: 9, minute: 30 }), "09:30:00"],
    [time({ hour: 9, offsetSeconds: 3600 }), "09:00:00+01:00"],
    [localDateTime({ year: 2024, month: 2, day: 29, hour: 9 }), "2024-02-29T09:00:00"],
    [
      dateTime({ year: 2024, month: 2, day: 29, hour: 9, offsetSeconds: 0 }),
      "2024-02-29T09:00:00Z",
    ],
    [duration({ months: 14, days: 3, seconds: 1 }), "P14M3DT1S"],
  ];
  for (const [v, text] of cases) {
    assert.equal(temporalText(v), text);
    assert.ok(valuesEqual(parseTemporal(v.kind, text), v), `${text} reads back as ${v.kind}`);
  }
  assert.equal(temporalText(duration({ seconds: 1, nanoseconds: -1 })), null);
  assert.throws(() => parseTemporal("date", "09:30:00"), TypeError);
});

void test("malformed text is refused with the text in the message", () => {
  for (const [parse, text] of [
    [parseDate, "2024-2-29"],
    [parseDate, "24-02-29"],
    [parseLocalTime, "9:30"],
    [parseTime, "09:30:00"],
    [parseLocalDateTime, "2024-02-29 09:30"],
    [parseDateTime, "2024-02-29T09:30:00+1"],
    [parseDuration, "P"],
    [parseDuration, "PT"],
    [parseDuration, "1D"],
    [parseDuration, "P1.5D"],
  ] as const) {
    assert.throws(
      () => parse(text),
      (err: Error) => err instanceof TypeError && err.message.includes(JSON.stringify(text)),
    );
  }
  assert.throws(() => parseDate("2023-02-29"), RangeError);
  assert.throws(() => parseTime("25:00:00Z"), RangeError);
});
