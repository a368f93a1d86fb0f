// The text forms of the temporal kinds, shared by both data formats (JSON Lines tags and
// CSV cells): ISO 8601 strings that carry every field of the value exactly, and the
// parsers that read them back. docs/import-export.md, "Temporal text", is the spec.
//
//   date           2024-02-29 · -0044-03-15 · +12345-01-01   (years outside 0..9999 signed)
//   localTime      09:30:00 · 09:30:00.000000001              (fraction: 1..9 digits)
//   time           09:30:00+01:00 · 09:30:00Z · 09:30:00-00:00:30   (offset seconds too)
//   localDateTime  2024-02-29T09:30:00.5
//   dateTime       2024-02-29T09:30:00.5-05:00
//   duration       P14M3DT3600.5S  (signed components: -P1M is months -1, PT-0.5S nanos -5e8)
//
// It does not know the value model beyond the factories: ranges (month 1..12, offsets up to
// 18 hours, int64 duration fields) are the factories' to check, so an out-of-range field in
// well-formed text throws their RangeError. A duration whose nanoseconds cannot ride on the
// seconds' fraction (opposite signs, or a second or more) has no text form here:
// `durationText` returns null and callers use the four-field form instead.
//
// The data formats go through `temporalText` and `parseTemporal`, which pick the kind's
// function, so the list of kinds and their functions is written once, here.
import {
  date,
  dateTime,
  duration,
  localDateTime,
  localTime,
  time,
  type DateValue,
  type DateTimeValue,
  type DurationValue,
  type LocalDateTimeValue,
  type LocalTimeValue,
  type TimeValue,
} from "../index.js";

const DATE = String.raw`([+-]?\d{4,})-(\d{2})-(\d{2})`;
const CLOCK = String.raw`(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?`;
const OFFSET = String.raw`(Z|z|[+-]\d{2}:\d{2}(?::\d{2})?)`;
const DATE_RE = new RegExp(`^${DATE}$`);
const LOCAL_TIME_RE = new RegExp(`^${CLOCK}$`);
const TIME_RE = new RegExp(`^${CLOCK}${OFFSET}$`);
const LOCAL_DATE_TIME_RE = new RegExp(`^${DATE}[Tt]${CLOCK}$`);
const DATE_TIME_RE = new RegExp(`^${DATE}[Tt]${CLOCK}${OFFSET}$`);
const DURATION_RE =
  /^([+-])?P(?:([+-]?\d+)Y)?(?:([+-]?\d+)M)?(?:([+-]?\d+)W)?(?:([+-]?\d+)D)?(?:T(?:([+-]?\d+)H)?(?:([+-]?\d+)M)?(?:([+-]?\d+)(?:\.(\d{1,9}))?S)?)?$/;

const pad = (n: number, width: number): string => String(n).padStart(width, "0");

function yearText(year: number): string {
  if (year >= 0 && year <= 9999) return pad(year, 4);
  return (year < 0 ? "-" : "+") + pad(Math.abs(year), 4);
}

type Clock = Pick<LocalTimeValue, "hour" | "minute" | "second" | "nanosecond">;
type Calendar = Pick<DateValue, "year" | "month" | "day">;

function calendarText(v: Calendar): string {
  return `${yearText(v.year)}-${pad(v.month, 2)}-${pad(v.day, 2)}`;
}

function clockText(v: Clock): string {
  const base = `${pad(v.hour, 2)}:${pad(v.minute, 2)}:${pad(v.second, 2)}`;
  return v.nanosecond === 0 ? base : `${base}.${pad(v.nanosecond, 9).replace(/0+$/, "")}`;
}

function offsetText(seconds: number): string {
  if (seconds === 0) return "Z";
  const abs = Math.abs(seconds);
  const hm = `${seconds < 0 ? "-" : "+"}${pad(Math.floor(abs / 3600), 2)}:${pad(Math.floor(abs / 60) % 60, 2)}`;
  return abs % 60 === 0 ? hm : `${hm}:${pad(abs % 60, 2)}`;
}

export function dateText(v: DateValue): string {
  return calendarText(v);
}
export function localTimeText(v: LocalTimeValue): string {
  return clockText(v);
}
export function timeText(v: TimeValue): string {
  return clockText(v) + offsetText(v.offsetSeconds);
}
export function localDateTimeText(v: LocalDateTimeValue): string {
  return `${calendarText(v)}T${clockText(v)}`;
}
export function dateTimeText(v: DateTimeValue): string {
  return `${calendarText(v)}T${clockText(v)}${offsetText(v.offsetSeconds)}`;
}

/** The duration's text, or null when its nanoseconds cannot be written as a fraction. */
export function durationText(v: DurationValue): string | null {
  const seconds = BigInt(v.seconds);
  const nanos = BigInt(v.nanoseconds);
  const sign = (x: bigint): number => (x < 0n ? -1 : x > 0n ? 1 : 0);
  if (nanos !== 0n && (nanos <= -1_000_000_000n || nanos >= 1_000_000_000n)) return null;
  if (nanos !== 0n && seconds !== 0n && sign(nanos) !== sign(seconds)) return null;
  let text = "P";
  if (BigInt(v.months) !== 0n) text += `${v.months}M`;
  if (BigInt(v.days) !== 0n) text += `${v.days}D`;
  if (seconds !== 0n || nanos !== 0n || text === "P") {
    const abs = nanos < 0n ? -nanos : nanos;
    const fraction = nanos === 0n ? "" : "." + abs.toString().padStart(9, "0").replace(/0+$/, "");
    const whole = seconds === 0n && nanos < 0n ? "-0" : seconds.toString();
    text += `T${whole}${fraction}S`;
  }
  return text;
}

function fail(kind: string, text: string): never {
  throw new TypeError(`${JSON.stringify(text)} is not a ${kind} (see docs/import-export.md)`);
}

function num(s: string | undefined): number {
  return s === undefined ? 0 : Number(s);
}

/** Nanoseconds from a fraction's digits: "5" is 500,000,000. */
function nanosOf(fraction: string | undefined): number {
  return fraction === undefined ? 0 : Number(fraction.padEnd(9, "0"));
}

function offsetSeconds(s: string): number {
  if (s === "Z" || s === "z") return 0;
  const [h, m, sec] = s.slice(1).split(":").map(Number);
  const abs = (h ?? 0) * 3600 + (m ?? 0) * 60 + (sec ?? 0);
  return s.startsWith("-") ? -abs : abs;
}

function clockFields(m: RegExpExecArray, at: number) {
  return {
    hour: num(m[at]),
    minute: num(m[at + 1]),
    second: num(m[at + 2]),
    nanosecond: nanosOf(m[at + 3]),
  };
}

function dateFields(m: RegExpExecArray) {
  return { year: num(m[1]), month: num(m[2]), day: num(m[3]) };
}

export function parseDate(text: string): DateValue {
  const m = DATE_RE.exec(text) ?? fail("date", text);
  return date(dateFields(m));
}
export function parseLocalTime(text: string): LocalTimeValue {
  const m = LOCAL_TIME_RE.exec(text) ?? fail("localTime", text);
  return localTime(clockFields(m, 1));
}
export function parseTime(text: string): TimeValue {
  const m = TIME_RE.exec(text) ?? fail("time", text);
  return time({ ...clockFields(m, 1), offsetSeconds: offsetSeconds(m[5]!) });
}
export function parseLocalDateTime(text: string): LocalDateTimeValue {
  const m = LOCAL_DATE_TIME_RE.exec(text) ?? fail("localDateTime", text);
  return localDateTime({ ...dateFields(m), ...clockFields(m, 4) });
}
export function parseDateTime(text: string): DateTimeValue {
  const m = DATE_TIME_RE.exec(text) ?? fail("dateTime", text);
  return dateTime({ ...dateFields(m), ...clockFields(m, 4), offsetSeconds: offsetSeconds(m[8]!) });
}

/** An ISO 8601 duration; years and weeks fold into months and days, hours and minutes into seconds. */
export function parseDuration(text: string): DurationValue {
  const m = DURATION_RE.exec(text);
  if (m === null || !/\d/.test(text) || text.endsWith("T")) fail("duration", text);
  const big = (s: string | undefined): bigint => (s === undefined ? 0n : BigInt(s));
  const negate = m[1] === "-" ? -1n : 1n;
  const secondsText = m[8];
  const fractionNanos = BigInt(nanosOf(m[9]));
  const nanos = secondsText?.startsWith("-") ? -fractionNanos : fractionNanos;
  return duration({
    months: negate * (big(m[2]) * 12n + big(m[3])),
    days: negate * (big(m[4]) * 7n + big(m[5])),
    seconds: negate * (big(m[6]) * 3600n + big(m[7]) * 60n + big(secondsText)),
    nanoseconds: negate * nanos,
  });
}

/** The values that have a text form here. */
export type TemporalValue =
  DateValue | LocalTimeValue | TimeValue | LocalDateTimeValue | DateTimeValue | DurationValue;
export type TemporalKind = TemporalValue["kind"];

/** A temporal value's text; null only for a duration that has none (see `durationText`). */
export function temporalText(v: Exclude<TemporalValue, { kind: "duration" }>): string;
export function temporalText(v: TemporalValue): string | null;
export function temporalText(v: TemporalValue): string | null {
  switch (v.kind) {
    case "date":
      return dateText(v);
    case "localTime":
      return localTimeText(v);
    case "time":
      return timeText(v);
    case "localDateTime":
      return localDateTimeText(v);
    case "dateTime":
      return dateTimeText(v);
    case "duration":
      return durationText(v);
  }
}

type ValueOf<K extends TemporalKind> = Extract<TemporalValue, { kind: K }>;

const PARSERS: { readonly [K in TemporalKind]: (text: string) => ValueOf<K> } = {
  date: parseDate,
  localTime: parseLocalTime,
  time: parseTime,
  localDateTime: parseLocalDateTime,
  dateTime: parseDateTime,
  duration: parseDuration,
};

/** The value of kind `kind` that `text` spells, read by that kind's parser above. */
export function parseTemporal<K extends TemporalKind>(kind: K, text: string): ValueOf<K> {
  return PARSERS[kind](text);
}
