// Tests of zone rules from the ICU data: offsets at instants, and local times resolved
// through gaps and overlaps the way java.time does.
import { test } from "node:test";
import assert from "node:assert/strict";
import { QueryError } from "../../../internal/errors.js";
import { epochDayOf } from "./calendar.js";
import { checkRegion, isKnownRegion, offsetAt, resolveLocal } from "./zones.js";

const HOUR = 3600;

void test("a fixed offset is its own offset at every instant", () => {
  assert.equal(offsetAt(5400, 0, 0), 5400);
  assert.deepEqual(resolveLocal(-3600, 0, 0), { offsetSeconds: -3600, shiftSeconds: 0 });
});

void test("region offsets follow summer time and local mean time", () => {
  assert.equal(offsetAt("Europe/Stockholm", epochDayOf(1984, 10, 11), 12 * HOUR), HOUR);
  assert.equal(offsetAt("Europe/Stockholm", epochDayOf(1984, 7, 20), 12 * HOUR), 2 * HOUR);
  assert.equal(offsetAt("Europe/Stockholm", epochDayOf(1818, 7, 21), 0), 53 * 60 + 28);
  assert.equal(offsetAt("Australia/Eucla", epochDayOf(2015, 7, 21), 0), 8 * HOUR + 45 * 60);
  assert.equal(offsetAt("Pacific/Honolulu", epochDayOf(1984, 10, 28), 0), -10 * HOUR);
});

void test("instants beyond the Date range reuse the 400-year cycle", () => {
  const farSummer = epochDayOf(900_000_000, 7, 1);
  assert.equal(offsetAt("Europe/Stockholm", farSummer, 12 * HOUR), 2 * HOUR);
  assert.equal(offsetAt("Europe/Stockholm", epochDayOf(-900_000_000, 7, 1), 0), 53 * 60 + 28);
});

void test("a local time in a gap moves forward by the gap's length", () => {
  const day = epochDayOf(2017, 3, 26);
  assert.deepEqual(resolveLocal("Europe/Stockholm", day, 2 * HOUR + 1800), {
    offsetSeconds: 2 * HOUR,
    shiftSeconds: HOUR,
  });
});

void test("a local time in an overlap takes the earlier offset unless the later is preferred", () => {
  const day = epochDayOf(2017, 10, 29);
  const second = 2 * HOUR + 1800;
  assert.equal(resolveLocal("Europe/Stockholm", day, second).offsetSeconds, 2 * HOUR);
  assert.equal(resolveLocal("Europe/Stockholm", day, second, HOUR).offsetSeconds, HOUR);
  assert.equal(resolveLocal("Europe/Stockholm", day, 4 * HOUR, 2 * HOUR).offsetSeconds, HOUR);
});

void test("unknown regions are refused as invalid arguments", () => {
  assert.ok(isKnownRegion("America/New_York"));
  assert.ok(!isKnownRegion("Nowhere/Special"));
  assert.throws(
    () => checkRegion("Nowhere/Special"),
    (e: unknown) => e instanceof QueryError && e.code === "ARGUMENT",
  );
});
