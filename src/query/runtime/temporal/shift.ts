// Adding a duration to (or subtracting it from) a date, time or date-time. The parts apply
// in order, as in java.time and so in Cypher: months first (the day clamped to the end of a
// shorter month), then days, then seconds and nanoseconds. A date takes only whole days
// of the time part (rounded toward zero); a time of day takes only the time part and wraps
// around midnight. In a region zone, months and days move the local date-time (keeping
// the offset when it stays valid) and the time part moves the instant, so adding PT1H
// across a daylight-saving change moves the clock by one real hour.
import type { DurationValue } from "../../../store/tagged-values.js";
import { plusMonths } from "./calendar.js";
import { totalNanos } from "./durations.js";
import type { TemporalInstant } from "./values.js";
import {
  NANOS_PER_DAY,
  dateTimeAtInstant,
  epochDayOfDate,
  epochNanos,
  instantOf,
  makeDate,
  makeDateTime,
  makeLocalDateTime,
  makeLocalTime,
  makeTime,
  nanoOfDayOf,
  splitEpochNanos,
  wrapNanoOfDay,
} from "./values.js";

const DAY = BigInt(NANOS_PER_DAY);

/** `v + d` (sign 1) or `v - d` (sign -1). */
export function shiftTemporal(v: TemporalInstant, d: DurationValue, sign: 1 | -1): TemporalInstant {
  const months = Number(d.months) * sign;
  const days = Number(d.days) * sign;
  const nanos = totalNanos(d) * BigInt(sign);
  switch (v.kind) {
    case "date": {
      const day = epochDayOfDate(plusMonths(v, months)) + days + Number(nanos / DAY);
      return makeDate(day);
    }
    case "localTime":
      return makeLocalTime(wrapNanoOfDay(nanoOfDayOf(v) + Number(nanos % DAY)));
    case "time":
      return makeTime(wrapNanoOfDay(nanoOfDayOf(v) + Number(nanos % DAY)), v.offsetSeconds);
    case "localDateTime": {
      const day = epochDayOfDate(plusMonths(v, months)) + days;
      const [d2, n2] = splitEpochNanos(epochNanos(day, nanoOfDayOf(v)) + nanos);
      return makeLocalDateTime(d2, n2);
    }
    case "dateTime": {
      const day = epochDayOfDate(plusMonths(v, months)) + days;
      const zone = v.timeZoneId ?? v.offsetSeconds;
      const moved =
        months === 0 && days === 0 ? v : makeDateTime(day, nanoOfDayOf(v), zone, v.offsetSeconds);
      if (nanos === 0n) return moved;
      const [utcDay, utcNanos] = instantOf(moved);
      const [d2, n2] = splitEpochNanos(epochNanos(utcDay, utcNanos) + nanos);
      return dateTimeAtInstant(d2, n2, zone);
    }
  }
}
