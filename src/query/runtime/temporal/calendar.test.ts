// Tests of the calendar arithmetic: epoch days both ways, ISO weeks, quarters, months.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  dateOfEpochDay,
  dayOfQuarterOf,
  epochDayOf,
  epochDayOfWeekDate,
  isoDayOfWeek,
  isoWeekOf,
  ordinalDayOf,
  plusMonths,
  weeksInWeekYear,
} from "./calendar.js";

void test("epoch days round-trip through dates, across eras and far years", () => {
  for (const day of [0, 1, -1, 59, 60, 365, -719_162, 11_017, 2_932_896, -365_243_219_162]) {
    const d = dateOfEpochDay(day);
    assert.equal(epochDayOf(d.year, d.month, d.day), day, `day ${day}`);
  }
  assert.deepEqual(dateOfEpochDay(0), { year: 1970, month: 1, day: 1 });
  assert.deepEqual(dateOfEpochDay(-1), { year: 1969, month: 12, day: 31 });
  const far = epochDayOf(999_999_999, 12, 31);
  assert.deepEqual(dateOfEpochDay(far), { year: 999_999_999, month: 12, day: 31 });
  assert.deepEqual(dateOfEpochDay(epochDayOf(-999_999_999, 1, 1)), {
    year: -999_999_999,
    month: 1,
    day: 1,
  });
});

void test("ISO weeks: week 1 holds January 4, days before it belong to the previous year", () => {
  assert.equal(isoDayOfWeek(epochDayOf(1970, 1, 1)), 4);
  assert.equal(isoDayOfWeek(epochDayOf(1984, 1, 1)), 7);
  assert.deepEqual(isoWeekOf(epochDayOf(1984, 1, 1)), { weekYear: 1983, week: 52 });
  assert.deepEqual(isoWeekOf(epochDayOf(1984, 10, 11)), { weekYear: 1984, week: 41 });
  assert.deepEqual(isoWeekOf(epochDayOf(1816, 12, 31)), { weekYear: 1817, week: 1 });
  assert.deepEqual(isoWeekOf(epochDayOf(2015, 7, 21)), { weekYear: 2015, week: 30 });
  assert.equal(weeksInWeekYear(1818), 53);
  assert.equal(weeksInWeekYear(1817), 52);
  assert.equal(epochDayOfWeekDate(2015, 30, 2), epochDayOf(2015, 7, 21));
  assert.equal(epochDayOfWeekDate(1817, 1, 1), epochDayOf(1816, 12, 30));
});

void test("ordinal days and days of the quarter count from 1", () => {
  assert.equal(ordinalDayOf({ year: 1984, month: 10, day: 11 }), 285);
  assert.equal(dayOfQuarterOf({ year: 1984, month: 11, day: 11 }), 42);
  assert.equal(dayOfQuarterOf({ year: 1984, month: 10, day: 1 }), 1);
});

void test("adding months clamps the day to the end of a shorter month", () => {
  assert.deepEqual(plusMonths({ year: 2015, month: 1, day: 31 }, 1), {
    year: 2015,
    month: 2,
    day: 28,
  });
  assert.deepEqual(plusMonths({ year: 2016, month: 1, day: 31 }, 1), {
    year: 2016,
    month: 2,
    day: 29,
  });
  assert.deepEqual(plusMonths({ year: 1984, month: 10, day: 11 }, -155), {
    year: 1971,
    month: 11,
    day: 11,
  });
});
