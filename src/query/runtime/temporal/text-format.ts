// The text of temporal values, as toString() returns it and as the TCK writes results:
// dates `1984-10-11` (years outside 0000..9999 signed, `+10000-01-01`, `-0044-03-15`),
// times `12:31`, `12:31:14`, `12:31:14.645` (seconds only when not zero, the fraction in
// groups of three digits), offsets `Z`, `+01:00`, `+00:53:28`, a region zone in brackets
// after the offset, and durations `P1Y2M3DT4H5M6.7S`.
//
// Durations print months as years and months, then days, then the seconds as hours, minutes
// and seconds, each part with its own sign and only when not zero (`P12Y5M-14DT16H`,
// `PT-1M-0.001S`); the seconds' fraction drops trailing zeros; nothing at all is `PT0S`.
//
// It does not parse (text-parse.ts, duration-parse.ts).
import type {
  DateTimeValue,
  DurationValue,
  LocalTimeValue,
  TimeValue,
} from "../../../store/tagged-values.js";
import { isTaggedValue } from "../../../store/tagged-values.js";
import type { Value } from "../types.js";
import type { YearMonthDay } from "./calendar.js";
import type { TemporalInstant } from "./values.js";

const pad = (n: number, width: number): string => String(n).padStart(width, "0");

export function dateText(d: YearMonthDay): string {
  const abs = Math.abs(d.year);
  const year = d.year < 0 ? `-${pad(abs, 4)}` : d.year > 9999 ? `+${d.year}` : pad(d.year, 4);
  return `${year}-${pad(d.month, 2)}-${pad(d.day, 2)}`;
}

export function clockText(
  t: Pick<LocalTimeValue, "hour" | "minute" | "second" | "nanosecond">,
): string {
  const hm = `${pad(t.hour, 2)}:${pad(t.minute, 2)}`;
  if (t.second === 0 && t.nanosecond === 0) return hm;
  if (t.nanosecond === 0) return `${hm}:${pad(t.second, 2)}`;
  const digits =
    t.nanosecond % 1_000_000 === 0
      ? pad(t.nanosecond / 1_000_000, 3)
      : t.nanosecond % 1000 === 0
        ? pad(t.nanosecond / 1000, 6)
        : pad(t.nanosecond, 9);
  return `${hm}:${pad(t.second, 2)}.${digits}`;
}

/** An offset as Cypher prints it: "Z", "+01:00", "-05:30", "+01:02:03". */
export function offsetText(offsetSeconds: number): string {
  if (offsetSeconds === 0) return "Z";
  const abs = Math.abs(offsetSeconds);
  const seconds = abs % 60;
  const hhmm = `${pad(Math.floor(abs / 3600), 2)}:${pad(Math.floor(abs / 60) % 60, 2)}`;
  return `${offsetSeconds < 0 ? "-" : "+"}${hhmm}${seconds === 0 ? "" : `:${pad(seconds, 2)}`}`;
}

function zonedText(v: TimeValue | DateTimeValue): string {
  const zone = v.kind === "dateTime" && v.timeZoneId !== undefined ? `[${v.timeZoneId}]` : "";
  return offsetText(v.offsetSeconds) + zone;
}

/** The text of a date, time, date-time or duration. */
export function temporalText(v: TemporalInstant | DurationValue): string {
  switch (v.kind) {
    case "date":
      return dateText(v);
    case "localTime":
      return clockText(v);
    case "time":
      return clockText(v) + zonedText(v);
    case "localDateTime":
      return `${dateText(v)}T${clockText(v)}`;
    case "dateTime":
      return `${dateText(v)}T${clockText(v)}${zonedText(v)}`;
    case "duration":
      return durationText(v);
  }
}

/** The text of a temporal value or duration, null for any other value. */
export function temporalTextOf(v: Value): string | null {
  if (!isTaggedValue(v)) return null;
  switch (v.kind) {
    case "date":
    case "localTime":
    case "time":
    case "localDateTime":
    case "dateTime":
    case "duration":
      return temporalText(v);
    default:
      return null;
  }
}

export function durationText(d: DurationValue): string {
  const months = BigInt(d.months);
  const days = BigInt(d.days);
  let seconds = BigInt(d.seconds);
  let nanos = BigInt(d.nanoseconds);
  // Fold the nanoseconds so that they share the sign of the seconds.
  seconds += nanos / 1_000_000_000n;
  nanos %= 1_000_000_000n;
  if (seconds < 0n && nanos > 0n) {
    seconds += 1n;
    nanos -= 1_000_000_000n;
  } else if (seconds > 0n && nanos < 0n) {
    seconds -= 1n;
    nanos += 1_000_000_000n;
  }
  let text = "P";
  const years = months / 12n;
  if (years !== 0n) text += `${years}Y`;
  if (months % 12n !== 0n) text += `${months % 12n}M`;
  if (days !== 0n) text += `${days}D`;
  if (seconds === 0n && nanos === 0n) return text === "P" ? "PT0S" : text;
  text += "T";
  const hours = seconds / 3600n;
  const minutes = (seconds / 60n) % 60n;
  const rest = seconds % 60n;
  if (hours !== 0n) text += `${hours}H`;
  if (minutes !== 0n) text += `${minutes}M`;
  if (rest !== 0n || nanos !== 0n) text += `${secondsText(rest, nanos)}S`;
  return text;
}

// Seconds and nanoseconds of the same sign as a decimal: (-0, -1000000) is "-0.001".
function secondsText(seconds: bigint, nanos: bigint): string {
  const negative = seconds < 0n || nanos < 0n;
  const whole = seconds < 0n ? -seconds : seconds;
  const fraction = nanos < 0n ? -nanos : nanos;
  const digits = fraction === 0n ? "" : `.${String(fraction).padStart(9, "0").replace(/0+$/, "")}`;
  return `${negative ? "-" : ""}${whole}${digits}`;
}
