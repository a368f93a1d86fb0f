// Tests of tagged-value components, with the TCK's accessor tables (Temporal5).
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  date,
  dateTime,
  duration,
  Float,
  localDateTime,
  localTime,
  point,
  time,
  float,
  type TaggedValue,
} from "../../store/tagged-values.js";
import { componentOf } from "./components.js";
import { offsetText } from "./temporal/index.js";
import type { Value } from "./types.js";

function components(v: TaggedValue, names: string[]): Value[] {
  return names.map((n) => {
    const c = componentOf(v, n);
    assert.notEqual(c, undefined, n);
    return c as Value;
  });
}

const DATE_NAMES = [
  "year",
  "quarter",
  "month",
  "week",
  "weekYear",
  "day",
  "ordinalDay",
  "weekDay",
  "dayOfQuarter",
];
const TIME_NAMES = ["hour", "minute", "second", "millisecond", "microsecond", "nanosecond"];

void test("date components", () => {
  assert.deepEqual(
    components(date({ year: 1984, month: 10, day: 11 }), DATE_NAMES),
    [1984, 4, 10, 41, 1984, 11, 285, 4, 11],
  );
  assert.deepEqual(
    components(date({ year: 1984, month: 1, day: 1 }), ["year", "weekYear", "week", "weekDay"]),
    [1984, 1983, 52, 7],
  );
  // 2008-12-29 is a Monday in week 1 of 2009; 2020 has 53 ISO weeks
  assert.deepEqual(
    components(date({ year: 2008, month: 12, day: 29 }), ["week", "weekYear"]),
    [1, 2009],
  );
  assert.deepEqual(
    components(date({ year: 2020, month: 12, day: 31 }), ["week", "weekYear"]),
    [53, 2020],
  );
  assert.equal(componentOf(date({ year: 1, month: 1, day: 1 }), "hour"), undefined);
});

void test("time components", () => {
  const t = localTime({ hour: 12, minute: 31, second: 14, nanosecond: 645876123 });
  assert.deepEqual(components(t, TIME_NAMES), [12, 31, 14, 645, 645876, 645876123]);
  const zoned = time({
    hour: 12,
    minute: 31,
    second: 14,
    nanosecond: 645876123,
    offsetSeconds: 3600,
  });
  assert.deepEqual(
    components(zoned, [...TIME_NAMES, "timezone", "offset", "offsetMinutes", "offsetSeconds"]),
    [12, 31, 14, 645, 645876, 645876123, "+01:00", "+01:00", 60, 3600],
  );
  assert.equal(componentOf(t, "offset"), undefined);
});

void test("date-time components", () => {
  const ldt = localDateTime({
    year: 1984,
    month: 11,
    day: 11,
    hour: 12,
    minute: 31,
    second: 14,
    nanosecond: 645876123,
  });
  assert.deepEqual(
    components(ldt, [...DATE_NAMES, ...TIME_NAMES]),
    [1984, 4, 11, 45, 1984, 11, 316, 7, 42, 12, 31, 14, 645, 645876, 645876123],
  );
  const dt = dateTime({
    year: 1984,
    month: 11,
    day: 11,
    hour: 12,
    minute: 31,
    second: 14,
    nanosecond: 645876123,
    offsetSeconds: 3600,
  });
  assert.deepEqual(
    components(dt, ["offset", "offsetMinutes", "offsetSeconds", "epochSeconds", "epochMillis"]),
    ["+01:00", 60, 3600, 469020674, 469020674645],
  );
  const far = dateTime({ year: 300000, month: 1, day: 1, hour: 0, offsetSeconds: 0 });
  assert.equal(typeof componentOf(far, "epochMillis"), "bigint");
});

void test("duration components", () => {
  const d = duration({ months: 16, days: 10, seconds: 3661, nanoseconds: 111111111 });
  const names = [
    "years",
    "quarters",
    "months",
    "weeks",
    "days",
    "hours",
    "minutes",
    "seconds",
    "milliseconds",
    "microseconds",
    "nanoseconds",
    "quartersOfYear",
    "monthsOfQuarter",
    "monthsOfYear",
    "daysOfWeek",
    "minutesOfHour",
    "secondsOfMinute",
    "millisecondsOfSecond",
    "microsecondsOfSecond",
    "nanosecondsOfSecond",
  ];
  assert.deepEqual(
    components(d, names),
    [
      1, 5, 16, 1, 10, 1, 61, 3661, 3661111, 3661111111, 3661111111111, 1, 1, 4, 3, 1, 1, 111,
      111111, 111111111,
    ],
  );
  assert.equal(componentOf(d, "constructor"), undefined);
});

void test("point components", () => {
  const geo = point({ x: 12.5, y: 56, srid: 4326 });
  assert.equal(componentOf(geo, "longitude"), 12.5);
  const lat = componentOf(geo, "latitude");
  assert.ok(lat instanceof Float && lat.value === 56);
  assert.equal(componentOf(geo, "crs"), "wgs-84");
  assert.equal(componentOf(geo, "srid"), 4326);
  assert.equal(componentOf(geo, "z"), undefined);
  const flat = point({ x: 1.5, y: 2.5, z: 3.5, srid: 9157 });
  assert.equal(componentOf(flat, "z"), 3.5);
  assert.equal(componentOf(flat, "crs"), "cartesian-3d");
  assert.equal(componentOf(flat, "latitude"), undefined);
  assert.equal(componentOf(float(1), "x"), undefined);
});

void test("offsets print as Cypher prints them", () => {
  assert.equal(offsetText(0), "Z");
  assert.equal(offsetText(3600), "+01:00");
  assert.equal(offsetText(-(5 * 3600 + 30 * 60)), "-05:30");
  assert.equal(offsetText(3723), "+01:02:03");
});
