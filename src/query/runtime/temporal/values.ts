// The bridge between the store's temporal classes and the arithmetic the temporal functions
// do: every value is read as an epoch day, a nanosecond of the day and a zone, and built
// back from them. Building checks the year range Cypher allows and resolves zones, so no
// other file constructs a temporal class directly.
//
// It does not parse, print or compute durations. A region zone is kept on a date-time as
// its `timeZoneId`; a time keeps only its offset (a time of day has no date to resolve a
// region's rules on).
import {
  DateTimeValue,
  DateValue,
  LocalDateTimeValue,
  LocalTimeValue,
  TimeValue,
} from "../../../store/tagged-values.js";
import { isTaggedValue } from "../../../store/tagged-values.js";
import { invalidArgument } from "../errors.js";
import type { Value } from "../types.js";
import type { YearMonthDay } from "./calendar.js";
import { MAX_YEAR, MIN_YEAR, dateOfEpochDay, epochDayOf } from "./calendar.js";
import type { Zone } from "./zones.js";
import { offsetAt, resolveLocal } from "./zones.js";

export const NANOS_PER_SECOND = 1_000_000_000;
export const SECONDS_PER_DAY = 86_400;
export const NANOS_PER_DAY = SECONDS_PER_DAY * NANOS_PER_SECOND;

export type DateLike = DateValue | LocalDateTimeValue | DateTimeValue;
export type TimeLike = LocalTimeValue | TimeValue | LocalDateTimeValue | DateTimeValue;
export type ZonedLike = TimeValue | DateTimeValue;
export type TemporalInstant =
  DateValue | LocalTimeValue | TimeValue | LocalDateTimeValue | DateTimeValue;

const INSTANT_KINDS: ReadonlySet<string> = new Set([
  "date",
  "localTime",
  "time",
  "localDateTime",
  "dateTime",
]);

/** Whether a runtime value is a date, time or date-time (not a duration). */
export function isTemporalInstant(v: Value): v is TemporalInstant {
  return isTaggedValue(v) && INSTANT_KINDS.has(v.kind);
}

export function isDateLike(v: TemporalInstant): v is DateLike {
  return v.kind === "date" || v.kind === "localDateTime" || v.kind === "dateTime";
}

export function isTimeLike(v: TemporalInstant): v is TimeLike {
  return v.kind !== "date";
}

export function isZoned(v: TemporalInstant): v is ZonedLike {
  return v.kind === "time" || v.kind === "dateTime";
}

export function epochDayOfDate(d: YearMonthDay): number {
  return epochDayOf(d.year, d.month, d.day);
}

export function nanoOfDayOf(t: TimeLike): number {
  return (t.hour * 3600 + t.minute * 60 + t.second) * NANOS_PER_SECOND + t.nanosecond;
}

/** A zoned value's zone: its region when it has one, else its offset. */
export function zoneOf(v: ZonedLike): Zone {
  return v.kind === "dateTime" && v.timeZoneId !== undefined ? v.timeZoneId : v.offsetSeconds;
}

function checkedDate(epochDay: number): YearMonthDay {
  const d = dateOfEpochDay(epochDay);
  if (d.year < MIN_YEAR || d.year > MAX_YEAR) {
    throw invalidArgument(`year ${d.year} is outside ${MIN_YEAR}..${MAX_YEAR}`);
  }
  return d;
}

function clockFields(nanoOfDay: number): {
  hour: number;
  minute: number;
  second: number;
  nanosecond: number;
} {
  const seconds = Math.floor(nanoOfDay / NANOS_PER_SECOND);
  return {
    hour: Math.floor(seconds / 3600),
    minute: Math.floor(seconds / 60) % 60,
    second: seconds % 60,
    nanosecond: nanoOfDay - seconds * NANOS_PER_SECOND,
  };
}

/** Wraps a nanosecond count into one day: [0, NANOS_PER_DAY). */
export function wrapNanoOfDay(nanos: number): number {
  const r = nanos % NANOS_PER_DAY;
  return r < 0 ? r + NANOS_PER_DAY : r;
}

export function makeDate(epochDay: number): DateValue {
  return new DateValue(checkedDate(epochDay));
}

export function makeLocalTime(nanoOfDay: number): LocalTimeValue {
  return new LocalTimeValue(clockFields(nanoOfDay));
}

export function makeTime(nanoOfDay: number, offsetSeconds: number): TimeValue {
  return new TimeValue({ ...clockFields(nanoOfDay), offsetSeconds });
}

export function makeLocalDateTime(epochDay: number, nanoOfDay: number): LocalDateTimeValue {
  return new LocalDateTimeValue({ ...checkedDate(epochDay), ...clockFields(nanoOfDay) });
}

/**
 * The date-time at a local date and time in `zone` (a gap moves the local time forward);
 * `preferred` picks the offset in an overlap.
 */
export function makeDateTime(
  epochDay: number,
  nanoOfDay: number,
  zone: Zone,
  preferred?: number,
): DateTimeValue {
  const second = Math.floor(nanoOfDay / NANOS_PER_SECOND);
  const { offsetSeconds, shiftSeconds } = resolveLocal(zone, epochDay, second, preferred);
  let day = epochDay;
  let nanos = nanoOfDay + shiftSeconds * NANOS_PER_SECOND;
  if (nanos >= NANOS_PER_DAY) {
    day += 1;
    nanos -= NANOS_PER_DAY;
  }
  return withZone(day, nanos, offsetSeconds, zone);
}

/** The date-time in `zone` at the instant `utcNanoOfDay` into the UTC day `utcDay`. */
export function dateTimeAtInstant(utcDay: number, utcNanoOfDay: number, zone: Zone): DateTimeValue {
  const offset = offsetAt(zone, utcDay, Math.floor(utcNanoOfDay / NANOS_PER_SECOND));
  const local = utcNanoOfDay + offset * NANOS_PER_SECOND;
  const carry = Math.floor(local / NANOS_PER_DAY);
  return withZone(utcDay + carry, local - carry * NANOS_PER_DAY, offset, zone);
}

function withZone(
  epochDay: number,
  nanoOfDay: number,
  offsetSeconds: number,
  zone: Zone,
): DateTimeValue {
  return new DateTimeValue({
    ...checkedDate(epochDay),
    ...clockFields(nanoOfDay),
    offsetSeconds,
    ...(typeof zone === "string" ? { timeZoneId: zone } : {}),
  });
}

/** A date-time's instant as [UTC epoch day, nanosecond of that day]. */
export function instantOf(v: DateTimeValue): [number, number] {
  const nanos = nanoOfDayOf(v) - v.offsetSeconds * NANOS_PER_SECOND;
  const carry = Math.floor(nanos / NANOS_PER_DAY);
  return [epochDayOfDate(v) + carry, nanos - carry * NANOS_PER_DAY];
}

/** An instant as nanoseconds since the epoch (exact, for differences). */
export function epochNanos(utcDay: number, utcNanoOfDay: number): bigint {
  return BigInt(utcDay) * BigInt(NANOS_PER_DAY) + BigInt(utcNanoOfDay);
}

/** Splits nanoseconds since the epoch into [epoch day, nanosecond of the day]. */
export function splitEpochNanos(nanos: bigint): [number, number] {
  const perDay = BigInt(NANOS_PER_DAY);
  let day = nanos / perDay;
  let rest = nanos - day * perDay;
  if (rest < 0n) {
    day -= 1n;
    rest += perDay;
  }
  return [Number(day), Number(rest)];
}
