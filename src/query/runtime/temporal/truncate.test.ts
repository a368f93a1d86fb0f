// Tests of truncation: every unit, the fields applied afterwards, and zones.
import { test } from "node:test";
import assert from "node:assert/strict";
import { QueryError } from "../../../internal/errors.js";
import type { FunctionContext } from "../function-def.js";
import type { Value } from "../types.js";
import type { TemporalKind } from "./construct.js";
import { constructTemporal } from "./construct.js";
import { temporalTextOf } from "./text-format.js";
import { truncateTemporal } from "./truncate.js";
import type { TemporalInstant } from "./values.js";

const ctx = { random: Math.random } as unknown as FunctionContext;
const t = (kind: TemporalKind, text: string): TemporalInstant =>
  constructTemporal(kind, kind.toLowerCase(), text, ctx, null) as TemporalInstant;
const trunc = (
  kind: TemporalKind,
  unit: string,
  v: TemporalInstant,
  fields: Value = null,
): string | null => temporalTextOf(truncateTemporal(kind, `${kind}.truncate`, unit, v, fields));

const dt = t("dateTime", "2017-10-11T12:31:14.645876123-01:00");

void test("date units from millennium to day", () => {
  const d = t("date", "1984-10-11");
  const expected: Record<string, string> = {
    millennium: "1000-01-01",
    century: "1900-01-01",
    decade: "1980-01-01",
    year: "1984-01-01",
    quarter: "1984-10-01",
    month: "1984-10-01",
    week: "1984-10-08",
    day: "1984-10-11",
  };
  for (const [unit, text] of Object.entries(expected))
    assert.equal(trunc("date", unit, d), text, unit);
  assert.equal(trunc("date", "weekYear", t("date", "1984-01-01")), "1983-01-03");
  assert.equal(trunc("date", "weekYear", t("date", "1984-02-01"), { day: 5 }), "1984-01-05");
  assert.equal(trunc("date", "week", d, { dayOfWeek: 2 }), "1984-10-09");
  assert.throws(() => trunc("date", "hour", d), QueryError);
  assert.throws(() => trunc("date", "fortnight", d), QueryError);
});

void test("time units keep what is above the unit; a fraction given is added", () => {
  assert.equal(trunc("localTime", "millisecond", dt, { nanosecond: 2 }), "12:31:14.645000002");
  assert.equal(trunc("localTime", "microsecond", dt), "12:31:14.645876");
  assert.equal(trunc("time", "hour", dt), "12:00-01:00");
  assert.equal(
    trunc("time", "day", t("localDateTime", "1984-10-11T12:31"), { nanosecond: 2 }),
    "00:00:00.000000002Z",
  );
  assert.equal(trunc("time", "hour", dt, { timezone: "+01:00" }), "12:00+01:00");
});

void test("date-times keep their zone, or take the timezone field keeping local fields", () => {
  assert.equal(trunc("dateTime", "millennium", dt), "2000-01-01T00:00-01:00");
  assert.equal(
    trunc("dateTime", "millennium", dt, { timezone: "Europe/Stockholm" }),
    "2000-01-01T00:00+01:00[Europe/Stockholm]",
  );
  assert.equal(trunc("dateTime", "day", t("date", "1984-10-11")), "1984-10-11T00:00Z");
  assert.equal(
    trunc("localDateTime", "second", dt, { nanosecond: 2 }),
    "2017-10-11T12:31:14.000000002",
  );
});
