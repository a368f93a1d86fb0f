// The components of tagged values that `x.name` reads: d.year, t.millisecond,
// dt.epochSeconds, dur.minutesOfHour, p.latitude, ... (openCypher's temporal accessors, as
// the TCK's Temporal5 lists them, and the point accessors). Unknown names, and the
// geographic names on cartesian points, answer undefined so the caller can report them.
//
// Date components use the ISO calendar: weekDay 1 (Monday) to 7, week and weekYear by ISO
// 8601 week numbering (1984-01-01 is day 7 of week 52 of 1983). Duration components follow
// Cypher's split of a duration into months, days, seconds and nanoseconds: `years`,
// `quarters` and `months` read the months part, `weeks` and `days` the days part, `hours`
// to `nanoseconds` the seconds and nanoseconds, each truncated; the `...Of...` forms are
// the remainder within the next larger unit. `timezone` is a date-time's region zone
// ("Europe/Stockholm") when it has one, else the offset as text ("+01:00", "Z"), as for
// times. It does not build values.
import type {
  DateTimeValue,
  DateValue,
  DurationValue,
  LocalDateTimeValue,
  LocalTimeValue,
  PointValue,
  TaggedValue,
  TimeValue,
} from "../../store/tagged-values.js";
import {
  dayOfQuarterOf,
  epochDayOf,
  isoDayOfWeek,
  isoWeekOf,
  offsetText,
  ordinalDayOf,
} from "./temporal/index.js";
import type { Value } from "./types.js";
import { makeFloat, makeInt } from "./types.js";

/** The component `name` of `v`, or undefined when `v` has no such component. */
export function componentOf(v: TaggedValue, name: string): Value | undefined {
  switch (v.kind) {
    case "date":
      return dateComponent(v, name);
    case "localTime":
      return timeComponent(v, name);
    case "time":
      return timeComponent(v, name) ?? zoneComponent(v, name);
    case "localDateTime":
      return dateComponent(v, name) ?? timeComponent(v, name);
    case "dateTime":
      return (
        dateComponent(v, name) ??
        timeComponent(v, name) ??
        zoneComponent(v, name) ??
        epochComponent(v, name)
      );
    case "duration":
      return durationComponent(v, name);
    case "point":
      return pointComponent(v, name);
    default:
      return undefined;
  }
}

function dateComponent(
  d: DateValue | LocalDateTimeValue | DateTimeValue,
  name: string,
): Value | undefined {
  switch (name) {
    case "year":
      return d.year;
    case "month":
      return d.month;
    case "day":
      return d.day;
    case "quarter":
      return Math.ceil(d.month / 3);
  }
  const day = epochDayOf(d.year, d.month, d.day);
  switch (name) {
    case "ordinalDay":
      return ordinalDayOf(d);
    case "dayOfQuarter":
      return dayOfQuarterOf(d);
    case "weekDay":
    case "dayOfWeek":
      return isoDayOfWeek(day);
    case "week":
      return isoWeekOf(day).week;
    case "weekYear":
      return isoWeekOf(day).weekYear;
  }
  return undefined;
}

function timeComponent(
  t: LocalTimeValue | TimeValue | LocalDateTimeValue | DateTimeValue,
  name: string,
): Value | undefined {
  switch (name) {
    case "hour":
      return t.hour;
    case "minute":
      return t.minute;
    case "second":
      return t.second;
    case "millisecond":
      return Math.floor(t.nanosecond / 1e6);
    case "microsecond":
      return Math.floor(t.nanosecond / 1e3);
    case "nanosecond":
      return t.nanosecond;
  }
  return undefined;
}

function zoneComponent(t: TimeValue | DateTimeValue, name: string): Value | undefined {
  switch (name) {
    case "timezone":
      return t.kind === "dateTime" && t.timeZoneId !== undefined
        ? t.timeZoneId
        : offsetText(t.offsetSeconds);
    case "offset":
      return offsetText(t.offsetSeconds);
    case "offsetMinutes":
      return Math.trunc(t.offsetSeconds / 60);
    case "offsetSeconds":
      return t.offsetSeconds;
  }
  return undefined;
}

function epochComponent(t: DateTimeValue, name: string): Value | undefined {
  if (name !== "epochSeconds" && name !== "epochMillis") return undefined;
  const seconds =
    BigInt(epochDayOf(t.year, t.month, t.day)) * 86_400n +
    BigInt(t.hour * 3600 + t.minute * 60 + t.second - t.offsetSeconds);
  if (name === "epochSeconds") return makeInt(seconds);
  return makeInt(seconds * 1000n + BigInt(Math.floor(t.nanosecond / 1e6)));
}

function durationComponent(d: DurationValue, name: string): Value | undefined {
  const part = durationPart(
    BigInt(d.months),
    BigInt(d.days),
    BigInt(d.seconds),
    BigInt(d.nanoseconds),
    name,
  );
  return part === undefined ? undefined : makeInt(part);
}

// bigint division truncates toward zero, as the JVM's long division that Cypher follows.
function durationPart(
  months: bigint,
  days: bigint,
  seconds: bigint,
  nanos: bigint,
  name: string,
): bigint | undefined {
  switch (name) {
    case "years":
      return months / 12n;
    case "quarters":
      return months / 3n;
    case "months":
      return months;
    case "weeks":
      return days / 7n;
    case "days":
      return days;
    case "hours":
      return seconds / 3600n;
    case "minutes":
      return seconds / 60n;
    case "seconds":
      return seconds;
    case "milliseconds":
      return seconds * 1000n + nanos / 1_000_000n;
    case "microseconds":
      return seconds * 1_000_000n + nanos / 1000n;
    case "nanoseconds":
      return seconds * 1_000_000_000n + nanos;
    case "quartersOfYear":
      return (months % 12n) / 3n;
    case "monthsOfQuarter":
      return months % 3n;
    case "monthsOfYear":
      return months % 12n;
    case "daysOfWeek":
      return days % 7n;
    case "minutesOfHour":
      return (seconds / 60n) % 60n;
    case "secondsOfMinute":
      return seconds % 60n;
    case "millisecondsOfSecond":
      return nanos / 1_000_000n;
    case "microsecondsOfSecond":
      return nanos / 1000n;
    case "nanosecondsOfSecond":
      return nanos;
  }
  return undefined;
}

const CRS_NAMES: ReadonlyMap<number, string> = new Map([
  [7203, "cartesian"],
  [9157, "cartesian-3d"],
  [4326, "wgs-84"],
  [4979, "wgs-84-3d"],
]);

function pointComponent(p: PointValue, name: string): Value | undefined {
  const geographic = p.srid === 4326 || p.srid === 4979;
  switch (name) {
    case "x":
      return makeFloat(p.x);
    case "y":
      return makeFloat(p.y);
    case "z":
      return p.z === undefined ? undefined : makeFloat(p.z);
    case "srid":
      return p.srid;
    case "crs":
      return CRS_NAMES.get(p.srid) ?? null;
    case "longitude":
      return geographic ? makeFloat(p.x) : undefined;
    case "latitude":
      return geographic ? makeFloat(p.y) : undefined;
    case "height":
      return geographic && p.z !== undefined ? makeFloat(p.z) : undefined;
  }
  return undefined;
}
