// Temporal values in the TCK's result tables. The TCK writes them as strings in the text
// form openCypher's reference implementation prints (`'1984-10-11'`, `'12:31:14.645+01:00'`,
// `'P1Y2M3DT4H5M6.7S'`), so an actual date, time or duration matches an expected string
// when the string, read as a value of the actual's kind, has the same fields. Reading the
// expected text (rather than printing the actual value and comparing text) keeps this
// independent of printing details such as how many fraction digits are shown.
//
// It does not handle named time zones: the value model keeps a date-time's offset, not its
// zone, so an expected `…+01:00[Europe/Stockholm]` is compared by its offset and the zone
// name is ignored. It also prints temporal values for failure reports (`temporalText`).
import {
  DateTimeValue,
  DateValue,
  DurationValue,
  LocalDateTimeValue,
  LocalTimeValue,
  TimeValue,
} from "../../src/store/values.js";

export type Temporal =
  DateValue | LocalTimeValue | TimeValue | LocalDateTimeValue | DateTimeValue | DurationValue;

const DATE = String.raw`([+-]?\d{4,})-(\d{2})-(\d{2})`;
const CLOCK = String.raw`(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?`;
const OFFSET = String.raw`(Z|[+-]\d{2}:\d{2}(?::\d{2})?)`;
const ZONE = String.raw`(?:\[[A-Za-z0-9_/+-]+\])?`;
const PATTERNS = {
  date: new RegExp(`^${DATE}$`),
  localTime: new RegExp(`^${CLOCK}$`),
  time: new RegExp(`^${CLOCK}${OFFSET}$`),
  localDateTime: new RegExp(`^${DATE}T${CLOCK}$`),
  dateTime: new RegExp(`^${DATE}T${CLOCK}${OFFSET}${ZONE}$`),
};
const DURATION_PART = /(-?\d+(?:\.\d+)?)([YMWDHS])/g;

export function isTemporal(v: unknown): v is Temporal {
  return (
    v instanceof DateValue ||
    v instanceof LocalTimeValue ||
    v instanceof TimeValue ||
    v instanceof LocalDateTimeValue ||
    v instanceof DateTimeValue ||
    v instanceof DurationValue
  );
}

/** Whether `text`, read as a value of `actual`'s kind, equals `actual`. */
export function temporalMatches(actual: Temporal, text: string): boolean {
  if (actual.kind === "duration") return durationMatches(actual, text);
  const m = PATTERNS[actual.kind].exec(text);
  if (m === null) return false;
  const fields = m.slice(1).map((s) => s ?? "");
  const at = actual.kind === "localTime" || actual.kind === "time" ? 0 : 3;
  if (at === 3) {
    const a = actual as DateValue;
    if (Number(fields[0]) !== a.year || Number(fields[1]) !== a.month) return false;
    if (Number(fields[2]) !== a.day) return false;
  }
  if (actual.kind === "date") return true;
  const clock = actual as LocalTimeValue;
  if (Number(fields[at]) !== clock.hour || Number(fields[at + 1]) !== clock.minute) return false;
  if (Number(fields[at + 2] ?? "") !== clock.second) return false;
  if (Number((fields[at + 3] ?? "").padEnd(9, "0")) !== clock.nanosecond) return false;
  if (actual.kind === "time" || actual.kind === "dateTime") {
    return offsetSeconds(fields[at + 4] ?? "") === actual.offsetSeconds;
  }
  return true;
}

function offsetSeconds(text: string): number {
  if (text === "Z") return 0;
  const [h = 0, m = 0, s = 0] = text.slice(1).split(":").map(Number);
  const abs = h * 3600 + m * 60 + s;
  return text.startsWith("-") ? -abs : abs;
}

/** `P1Y2M3W4DT5H6M7.5S`, each part signed on its own as the reference prints negatives. */
function durationMatches(actual: DurationValue, text: string): boolean {
  const m = /^P((?:-?\d+(?:\.\d+)?[YMWD])*)(?:T((?:-?\d+(?:\.\d+)?[HMS])+))?$/.exec(text);
  if (m === null || text === "P") return false;
  let months = 0n;
  let days = 0n;
  let nanos = 0n;
  for (const [, num = "", unit] of (m[1] ?? "").matchAll(DURATION_PART)) {
    if (num.includes(".")) return false; // the reference never prints a fractional date part
    const n = BigInt(num);
    if (unit === "Y") months += n * 12n;
    else if (unit === "M") months += n;
    else if (unit === "W") days += n * 7n;
    else days += n;
  }
  for (const [, num = "", unit] of (m[2] ?? "").matchAll(DURATION_PART)) {
    const scale = unit === "H" ? 3600n : unit === "M" ? 60n : 1n;
    nanos += decimalNanos(num) * scale;
  }
  const actualNanos = BigInt(actual.seconds) * 1_000_000_000n + BigInt(actual.nanoseconds);
  return BigInt(actual.months) === months && BigInt(actual.days) === days && actualNanos === nanos;
}

/** `-3.5` → -3,500,000,000: a decimal number of seconds as exact nanoseconds. */
function decimalNanos(num: string): bigint {
  const negative = num.startsWith("-");
  const [whole = "0", fraction = ""] = num.replace("-", "").split(".");
  const value = BigInt(whole) * 1_000_000_000n + BigInt(fraction.padEnd(9, "0").slice(0, 9));
  return negative ? -value : value;
}

const pad = (n: number | bigint, width: number): string =>
  (n < 0 ? "-" : "") + String(n < 0 ? -n : n).padStart(width, "0");

/** The value in the reference's text form, for failure reports. */
export function temporalText(v: Temporal): string {
  const date = (d: Pick<DateValue, "year" | "month" | "day">): string =>
    `${d.year > 9999 ? "+" : ""}${pad(d.year, 4)}-${pad(d.month, 2)}-${pad(d.day, 2)}`;
  const clock = (c: Pick<LocalTimeValue, "hour" | "minute" | "second" | "nanosecond">): string => {
    const base = `${pad(c.hour, 2)}:${pad(c.minute, 2)}`;
    if (c.second === 0 && c.nanosecond === 0) return base;
    const fraction = c.nanosecond === 0 ? "" : `.${pad(c.nanosecond, 9).replace(/0+$/, "")}`;
    return `${base}:${pad(c.second, 2)}${fraction}`;
  };
  const offset = (s: number): string =>
    s === 0
      ? "Z"
      : `${s < 0 ? "-" : "+"}${pad(Math.floor(Math.abs(s) / 3600), 2)}:${pad(Math.floor(Math.abs(s) / 60) % 60, 2)}`;
  switch (v.kind) {
    case "date":
      return date(v);
    case "localTime":
      return clock(v);
    case "time":
      return clock(v) + offset(v.offsetSeconds);
    case "localDateTime":
      return `${date(v)}T${clock(v)}`;
    case "dateTime":
      return `${date(v)}T${clock(v)}${offset(v.offsetSeconds)}`;
    case "duration":
      return `duration{months: ${v.months}, days: ${v.days}, seconds: ${v.seconds}, nanoseconds: ${v.nanoseconds}}`;
  }
}
