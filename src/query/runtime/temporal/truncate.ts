// date.truncate(unit, x, fields?) and its localtime, time, localdatetime and datetime
// siblings: x cut down to the start of its millennium, century, decade, year, week-year,
// quarter, month, week, day, hour, minute, second, millisecond or microsecond, then the
// optional map's fields applied over the result (`{day: 2}` moves to the second day of
// the truncated month; a fraction of a second is added to what the truncation kept, so
// truncating to milliseconds then giving `{nanosecond: 2}` gives .645000002).
//
// Truncation works on local fields: a zoned value keeps its zone (a `timezone` field
// replaces it, the local fields staying as they are) and a local one takes the map's zone
// or UTC when the result needs one. Decades, centuries and millennia count from year 0, so
// 1984 truncates to 1980, 1900 and 1000.
import { invalidArgument } from "../errors.js";
import type { Value } from "../types.js";
import { cypherTypeName, isMap } from "../types.js";
import {
  dateOfEpochDay,
  epochDayOf,
  epochDayOfWeekDate,
  isoDayOfWeek,
  isoWeekOf,
} from "./calendar.js";
import type { TemporalKind } from "./construct.js";
import { zoneOfText } from "./construct.js";
import type { Field } from "./map-fields.js";
import { dateFromFields, fieldOfKey, fieldValue, timeFromFields } from "./map-fields.js";
import type { TemporalInstant, ZonedLike } from "./values.js";
import {
  NANOS_PER_SECOND,
  epochDayOfDate,
  isDateLike,
  isTimeLike,
  makeDate,
  makeDateTime,
  makeLocalDateTime,
  makeLocalTime,
  makeTime,
  nanoOfDayOf,
  zoneOf,
} from "./values.js";
import type { Zone } from "./zones.js";
import { offsetAt } from "./zones.js";

const DATE_UNITS = [
  "millennium",
  "century",
  "decade",
  "year",
  "weekYear",
  "quarter",
  "month",
  "week",
  "day",
] as const;
const TIME_UNIT_NANOS: ReadonlyMap<string, number> = new Map([
  ["hour", 3600 * NANOS_PER_SECOND],
  ["minute", 60 * NANOS_PER_SECOND],
  ["second", NANOS_PER_SECOND],
  ["millisecond", 1_000_000],
  ["microsecond", 1000],
  ["nanosecond", 1],
]);

type DateUnit = (typeof DATE_UNITS)[number];

function dateUnit(unit: string): DateUnit | undefined {
  return DATE_UNITS.find((u) => u.toLowerCase() === unit.toLowerCase());
}

/** The first day of `unit` holding the date `epochDay`. */
function truncateDate(epochDay: number, unit: DateUnit): number {
  const d = dateOfEpochDay(epochDay);
  const startOfYears = (n: number): number => epochDayOf(Math.floor(d.year / n) * n, 1, 1);
  switch (unit) {
    case "millennium":
      return startOfYears(1000);
    case "century":
      return startOfYears(100);
    case "decade":
      return startOfYears(10);
    case "year":
      return startOfYears(1);
    case "weekYear":
      return epochDayOfWeekDate(isoWeekOf(epochDay).weekYear, 1, 1);
    case "quarter":
      return epochDayOf(d.year, Math.floor((d.month - 1) / 3) * 3 + 1, 1);
    case "month":
      return epochDayOf(d.year, d.month, 1);
    case "week":
      return epochDay - isoDayOfWeek(epochDay) + 1;
    case "day":
      return epochDay;
  }
}

interface Overrides {
  readonly fields: Map<Field, number>;
  timezone?: Zone;
}

function readOverrides(fn: string, v: Value): Overrides {
  const out: Overrides = { fields: new Map() };
  if (v === null) return out;
  if (!isMap(v)) throw invalidArgument(`${fn}() takes a MAP of fields, got ${cypherTypeName(v)}`);
  for (const [key, value] of Object.entries(v)) {
    if (value === null) continue;
    const field = fieldOfKey(key);
    if (field !== undefined) out.fields.set(field, fieldValue(fn, field, value));
    else if (key.toLowerCase() === "timezone") out.timezone = zoneOfText(fn, value);
    else throw invalidArgument(`${fn}() does not take the key ${key}`);
  }
  return out;
}

/** The unit as a date unit or a length in nanoseconds, checked against the kind and value. */
function checkUnit(
  kind: TemporalKind,
  fn: string,
  unitText: string,
  v: TemporalInstant,
): { unit: DateUnit | undefined; unitNanos: number | undefined } {
  const unit = dateUnit(unitText);
  const unitNanos = TIME_UNIT_NANOS.get(unitText.toLowerCase());
  if (unit === undefined && unitNanos === undefined) {
    throw invalidArgument(`${fn}(): unknown unit ${JSON.stringify(unitText)}`);
  }
  const hasDate = kind === "date" || kind === "localDateTime" || kind === "dateTime";
  if (hasDate ? !isDateLike(v) : !isTimeLike(v)) {
    throw invalidArgument(`${fn}() cannot truncate a ${cypherTypeName(v)}`);
  }
  if (kind === "date" && unit === undefined) {
    throw invalidArgument(`${fn}(): a date cannot be truncated to ${unitText}`);
  }
  if (!hasDate && unit !== undefined && unit !== "day") {
    throw invalidArgument(`${fn}(): a time cannot be truncated to ${unitText}`);
  }
  return { unit, unitNanos };
}

/** `<kind>.truncate(unit, v, fields)`; `v` is a temporal value, `fields` a map or null. */
export function truncateTemporal(
  kind: TemporalKind,
  fn: string,
  unitText: string,
  v: TemporalInstant,
  fieldsArg: Value,
): TemporalInstant {
  const over = readOverrides(fn, fieldsArg);
  const { unit, unitNanos } = checkUnit(kind, fn, unitText, v);
  const kept = isTimeLike(v) && unitNanos !== undefined ? nanoOfDayOf(v) : 0;
  const time = timeFromFields(fn, over.fields, kept - (kept % (unitNanos ?? 1)), "add");
  const day = (): number => {
    const start = isDateLike(v) ? epochDayOfDate(v) : 0;
    const truncated = unit === undefined ? start : truncateDate(start, unit);
    return dateFromFields(fn, over.fields, dateOfEpochDay(truncated));
  };
  const own = v.kind === "time" || v.kind === "dateTime" ? v : undefined;
  switch (kind) {
    case "date":
      return makeDate(day());
    case "localDateTime":
      return makeLocalDateTime(day(), time);
    case "dateTime":
      if (over.timezone !== undefined) return makeDateTime(day(), time, over.timezone);
      return own === undefined
        ? makeDateTime(day(), time, 0)
        : makeDateTime(day(), time, zoneOf(own), own.offsetSeconds);
    case "localTime":
      return makeLocalTime(time);
    case "time":
      return makeTime(time, timeOffset(over.timezone, own, v));
  }
}

// A time's offset: the timezone field's (a region's at the value's date, else today's), or
// the value's own, or UTC.
function timeOffset(
  zone: Zone | undefined,
  own: ZonedLike | undefined,
  v: TemporalInstant,
): number {
  if (zone === undefined) return own?.offsetSeconds ?? 0;
  if (typeof zone === "number") return zone;
  const day = isDateLike(v) ? epochDayOfDate(v) : Math.floor(Date.now() / 86_400_000);
  return offsetAt(zone, day, 43_200);
}
