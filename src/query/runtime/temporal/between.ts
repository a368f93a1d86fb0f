// duration.between(a, b) and its single-unit forms duration.inMonths, duration.inDays and
// duration.inSeconds: the duration that takes a to b.
//
// When both values have a date, the result is whole months first (as many as fit without
// passing b), then whole days, then the remaining time, as java.time's until() counts
// them: 2014-07-21T21:40 to 2015-06-24T00:00 is P11M2DT2H20M. When either has no date,
// only the time of day counts (the one without a date is placed on the other's date, a
// date on its own counts as midnight) and months and days are 0.
//
// Zones: a value without one takes the other's (so a local date-time is read in the zone
// of the date-time it is compared with); with zones, months and days are counted on local
// date-times in a's zone and the remaining time on instants, so an hour lost or gained to
// daylight saving shows in the result (23:00 to 04:00 across the autumn change is PT6H).
import type { DurationValue } from "../../../store/tagged-values.js";
import { dateOfEpochDay, plusMonths, prolepticMonth } from "./calendar.js";
import { durationOf } from "./durations.js";
import type { TemporalInstant } from "./values.js";
import {
  dateTimeAtInstant,
  epochDayOfDate,
  epochNanos,
  instantOf,
  makeDateTime,
  nanoOfDayOf,
  splitEpochNanos,
  zoneOf,
} from "./values.js";
import type { Zone } from "./zones.js";

export type BetweenUnit = "all" | "months" | "days" | "seconds";

/** A value as a local date (if it has one), a local time, and a zone (if known). */
interface Side {
  day: number | undefined;
  readonly nano: number;
  zone: Zone | undefined;
  /** The value's own offset, preferred when its local time is ambiguous. */
  readonly offset: number | undefined;
}

function sideOf(v: TemporalInstant): Side {
  switch (v.kind) {
    case "date":
      return { day: epochDayOfDate(v), nano: 0, zone: undefined, offset: undefined };
    case "localTime":
      return { day: undefined, nano: nanoOfDayOf(v), zone: undefined, offset: undefined };
    case "time":
      return {
        day: undefined,
        nano: nanoOfDayOf(v),
        zone: v.offsetSeconds,
        offset: v.offsetSeconds,
      };
    case "localDateTime":
      return { day: epochDayOfDate(v), nano: nanoOfDayOf(v), zone: undefined, offset: undefined };
    case "dateTime":
      return {
        day: epochDayOfDate(v),
        nano: nanoOfDayOf(v),
        zone: zoneOf(v),
        offset: v.offsetSeconds,
      };
  }
}

/** Nanoseconds since the epoch: of the instant with a zone, of the local reading without. */
function nanosOf(day: number, nano: number, zone: Zone | undefined, offset?: number): bigint {
  if (zone === undefined) return epochNanos(day, nano);
  const [utcDay, utcNano] = instantOf(makeDateTime(day, nano, zone, offset));
  return epochNanos(utcDay, utcNano);
}

/** The duration from `a` to `b` in `unit` ("all" splits into months, days and time). */
export function durationBetween(
  a: TemporalInstant,
  b: TemporalInstant,
  unit: BetweenUnit,
): DurationValue {
  const from = sideOf(a);
  const to = sideOf(b);
  from.zone ??= to.zone;
  to.zone ??= from.zone;
  const timeOnly = from.day === undefined || to.day === undefined;
  if (from.day === undefined || to.day === undefined) {
    if (unit === "months" || unit === "days") return durationOf(0n, 0n, 0n);
    const day = from.day ?? to.day ?? 0;
    from.day ??= day;
    to.day ??= day;
  }
  const start = nanosOf(from.day, from.nano, from.zone, from.offset);
  const end = nanosOf(to.day, to.nano, to.zone, to.offset);
  if (unit === "seconds" || timeOnly) return durationOf(0n, 0n, end - start);
  // b read as a local date-time in a's zone, for counting months and days.
  let [toDay, toNano] = [to.day, to.nano];
  if (from.zone !== undefined) {
    const [d, n] = splitEpochNanos(end);
    const local = dateTimeAtInstant(d, n, from.zone);
    [toDay, toNano] = [epochDayOfDate(local), nanoOfDayOf(local)];
  }
  if (unit === "days")
    return durationOf(0n, BigInt(daysUntil(from.day, from.nano, toDay, toNano)), 0n);
  const months = monthsUntil(from.day, from.nano, toDay, toNano);
  if (unit === "months") return durationOf(BigInt(months), 0n, 0n);
  const monthDay = epochDayOfDate(plusMonths(dateOfEpochDay(from.day), months));
  const days = daysUntil(monthDay, from.nano, toDay, toNano);
  const rest = end - nanosOf(monthDay + days, from.nano, from.zone, from.offset);
  return durationOf(BigInt(months), BigInt(days), rest);
}

/** Whole days from one local date-time to another, rounded toward zero. */
function daysUntil(day: number, nano: number, endDay: number, endNano: number): number {
  let days = endDay - day;
  if (days > 0 && endNano < nano) days -= 1;
  else if (days < 0 && endNano > nano) days += 1;
  return days;
}

/** Whole months from one local date-time to another, rounded toward zero. */
function monthsUntil(day: number, nano: number, endDay: number, endNano: number): number {
  let last = endDay;
  if (endDay > day && endNano < nano) last -= 1;
  else if (endDay < day && endNano > nano) last += 1;
  const startDate = dateOfEpochDay(day);
  const endDate = dateOfEpochDay(last);
  const packed = (d: { year: number; month: number; day: number }): number =>
    prolepticMonth(d) * 32 + d.day;
  return Math.trunc((packed(endDate) - packed(startDate)) / 32);
}
