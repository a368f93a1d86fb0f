// Tests of duration.between and its single-unit forms.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { FunctionContext } from "../function-def.js";
import type { BetweenUnit } from "./between.js";
import { durationBetween } from "./between.js";
import type { TemporalKind } from "./construct.js";
import { constructTemporal } from "./construct.js";
import { durationText } from "./text-format.js";
import type { TemporalInstant } from "./values.js";

const ctx = { random: Math.random } as unknown as FunctionContext;
const t = (kind: TemporalKind, arg: string | Record<string, number | string>): TemporalInstant =>
  constructTemporal(kind, kind.toLowerCase(), arg, ctx, null) as TemporalInstant;
const between = (a: TemporalInstant, b: TemporalInstant, unit: BetweenUnit = "all"): string =>
  durationText(durationBetween(a, b, unit));

void test("months first, then days, then the rest of the time", () => {
  assert.equal(between(t("date", "1984-10-11"), t("date", "2015-06-24")), "P30Y8M13D");
  assert.equal(
    between(t("dateTime", "2014-07-21T21:40:36.143+0200"), t("date", "2015-06-24")),
    "P11M2DT2H19M23.857S",
  );
  assert.equal(
    between(
      t("dateTime", "2014-07-21T21:40:36.143+0200"),
      t("dateTime", "2015-07-21T21:40:32.142+0100"),
    ),
    "P1YT59M55.999S",
  );
  assert.equal(
    between(t("date", "-999999999-01-01"), t("date", "+999999999-12-31")),
    "P1999999998Y11M30D",
  );
});

void test("negative spans count toward zero", () => {
  assert.equal(between(t("date", "2018-03-11"), t("date", "2016-06-24"), "months"), "P-1Y-8M");
  assert.equal(
    between(t("date", "2018-07-21"), t("dateTime", "2016-07-21T21:40:32.142+0100"), "months"),
    "P-1Y-11M",
  );
  assert.equal(
    between(
      t("localDateTime", "2018-01-02T10:00:00.1"),
      t("localDateTime", "2018-01-01T10:00:00.2"),
    ),
    "PT-23H-59M-59.9S",
  );
});

void test("without a date on one side only the time of day counts", () => {
  assert.equal(between(t("date", "1984-10-11"), t("localTime", "16:30")), "PT16H30M");
  assert.equal(between(t("time", "14:30"), t("time", "16:30+0100")), "PT1H");
  assert.equal(
    between(t("time", "14:30"), t("dateTime", "2015-07-21T21:40:32.142+0100")),
    "PT6H10M32.142S",
  );
  assert.equal(between(t("localTime", "14:30"), t("date", "2015-06-24"), "months"), "PT0S");
  assert.equal(
    between(t("localTime", "12:44:54.7"), t("localTime", "12:34:55.3"), "seconds"),
    "PT-9M-59.4S",
  );
});

void test("a value without a zone takes the other's, so daylight saving shows", () => {
  const midnight = t("dateTime", {
    year: 2017,
    month: 10,
    day: 29,
    hour: 0,
    timezone: "Europe/Stockholm",
  });
  assert.equal(between(midnight, t("localDateTime", "2017-10-29T04:00"), "seconds"), "PT5H");
  assert.equal(between(midnight, t("localTime", "04:00"), "seconds"), "PT5H");
  assert.equal(between(midnight, t("date", "2017-10-30"), "seconds"), "PT25H");
  assert.equal(
    between(
      t("dateTime", "2017-10-28T23:00+02:00[Europe/Stockholm]"),
      t("dateTime", "2017-10-29T04:00+01:00[Europe/Stockholm]"),
    ),
    "PT6H",
  );
  assert.equal(
    between(t("date", "1984-10-11"), t("dateTime", "2015-07-21T21:40:32.142+0100"), "days"),
    "P11240D",
  );
});
