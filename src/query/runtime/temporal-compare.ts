// Comparison of temporal values of one kind, shared by `<`, `=`, ORDER BY and grouping.
// Zoned values (time, dateTime) compare by the instant they denote: 12:00+01:00 and 11:00Z
// are equal and order together, as the TCK's sorts of zoned times and date-times expect.
// Durations are not comparable with `<` in Cypher; ORDER BY still needs a total order, so
// `compareDurations` orders them field by field (months, days, seconds, nanoseconds).
//
// It does not construct, parse or print temporal values (that is the temporal functions'
// job) and knows nothing of the other kinds.
import type {
  DateTimeValue,
  DateValue,
  DurationValue,
  LocalDateTimeValue,
  LocalTimeValue,
  TimeValue,
} from "../../store/tagged-values.js";
import { epochDayOf } from "./temporal/index.js";

/** The temporal kinds that `<` can compare (all but duration). */
export type ComparableTemporal =
  DateValue | LocalTimeValue | TimeValue | LocalDateTimeValue | DateTimeValue;

const SECONDS_PER_DAY = 86_400;

/** Days since 1970-01-01 of a proleptic Gregorian date (exact for every int32 year). */
export const epochDay = epochDayOf;

function secondOfDay(v: LocalTimeValue | TimeValue | LocalDateTimeValue | DateTimeValue): number {
  return v.hour * 3600 + v.minute * 60 + v.second;
}

/** A zoned time's instant within the UTC day, in nanoseconds (may leave [0, 1 day)). */
export function utcNanosOfDay(v: TimeValue): number {
  return (secondOfDay(v) - v.offsetSeconds) * 1e9 + v.nanosecond;
}

/** A local time's nanosecond of the day. */
export function nanosOfDay(v: LocalTimeValue | LocalDateTimeValue): number {
  return secondOfDay(v) * 1e9 + v.nanosecond;
}

/**
 * A date-time's instant as [UTC epoch day, second of that day]; two numbers because
 * seconds since the epoch leave the safe-integer range for far years.
 */
export function utcInstant(v: DateTimeValue): [number, number] {
  const seconds = secondOfDay(v) - v.offsetSeconds;
  const carry = Math.floor(seconds / SECONDS_PER_DAY);
  return [epochDay(v.year, v.month, v.day) + carry, seconds - carry * SECONDS_PER_DAY];
}

function sign(x: number): number {
  return x < 0 ? -1 : x > 0 ? 1 : 0;
}

/** Compares two temporal values of the same comparable kind: negative, 0 or positive. */
export function compareTemporal(a: ComparableTemporal, b: ComparableTemporal): number {
  switch (a.kind) {
    case "date": {
      const y = b as DateValue;
      return sign(a.year - y.year || a.month - y.month || a.day - y.day);
    }
    case "localTime":
      return sign(nanosOfDay(a) - nanosOfDay(b as LocalTimeValue));
    case "time":
      return sign(utcNanosOfDay(a) - utcNanosOfDay(b as TimeValue));
    case "localDateTime": {
      const y = b as LocalDateTimeValue;
      const days = a.year - y.year || a.month - y.month || a.day - y.day;
      return sign(days || nanosOfDay(a) - nanosOfDay(y));
    }
    case "dateTime": {
      const [dayA, secondA] = utcInstant(a);
      const [dayB, secondB] = utcInstant(b as DateTimeValue);
      const y = b as DateTimeValue;
      return sign(dayA - dayB || secondA - secondB || a.nanosecond - y.nanosecond);
    }
  }
}

/** A total order of durations, field by field (for ORDER BY, not for `<`). */
export function compareDurations(a: DurationValue, b: DurationValue): number {
  return (
    compareInts(a.months, b.months) ||
    compareInts(a.days, b.days) ||
    compareInts(a.seconds, b.seconds) ||
    compareInts(a.nanoseconds, b.nanoseconds)
  );
}

function compareInts(x: number | bigint, y: number | bigint): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

/** A string naming a temporal value's equivalence class, for grouping keys. */
export function temporalKey(v: ComparableTemporal | DurationValue): string {
  switch (v.kind) {
    case "date":
      return `date(${v.year},${v.month},${v.day})`;
    case "localTime":
      return `localTime(${nanosOfDay(v)})`;
    case "time":
      return `time(${utcNanosOfDay(v)})`;
    case "localDateTime":
      return `localDateTime(${v.year},${v.month},${v.day},${nanosOfDay(v)})`;
    case "dateTime": {
      const [day, second] = utcInstant(v);
      return `dateTime(${day},${second},${v.nanosecond})`;
    }
    case "duration":
      return `duration(${v.months},${v.days},${v.seconds},${v.nanoseconds})`;
  }
}
