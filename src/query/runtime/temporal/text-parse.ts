// Reading dates, times and date-times from ISO 8601 text, in the forms Cypher accepts:
//   dates       2015-07-21, 20150721, 2015-07, 201507, 2015-W30-2, 2015W302, 2015-W30,
//               2015W30, 2015-202, 2015202, 2015, and signed years of up to nine digits
//               in the extended forms (+999999999-12-31)
//   times       21:40:32.142, 214032.142, 21:40, 2140, 21 (a comma may start the fraction;
//               at most nine fraction digits)
//   offsets     Z, +01:00, +0100, +01, -00:00 (= Z), +02:05:59
//   zones       a region in brackets after the time or offset: [Europe/Stockholm]
//   date-times  a date, then T and a time, offset and zone; the time part may be absent
//
// It validates fields (month 13, week 53 of a 52-week year, 24:00 are errors) but resolves
// no zone: the caller gets the offset and region id as written.
import { invalidArgument } from "../errors.js";
import {
  daysInMonth,
  daysInYear,
  epochDayOf,
  epochDayOfWeekDate,
  weeksInWeekYear,
} from "./calendar.js";
import { NANOS_PER_SECOND } from "./values.js";
import { checkRegion } from "./zones.js";

/** A time of day read from text, with the offset and region written after it, if any. */
export interface ParsedTime {
  readonly nanoOfDay: number;
  readonly offsetSeconds?: number;
  readonly zoneId?: string;
}

/** A date-time read from text. */
export interface ParsedDateTime extends ParsedTime {
  readonly epochDay: number;
}

const EXTENDED_DATE =
  /^([+-]\d{1,9}|\d{4})(?:-(?:W(\d{2})(?:-(\d))?|(\d{3})|(\d{2})(?:-(\d{2}))?))?$/;
const BASIC_DATE = /^(\d{4})(?:W(\d{2})(\d)?|(\d{3})|(\d{2})(\d{2})?)$/;
const EXTENDED_TIME = /^(\d{2})(?::(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?$/;
const BASIC_TIME = /^(\d{2})(?:(\d{2})(?:(\d{2})(?:[.,](\d{1,9}))?)?)?$/;
const OFFSET = /^([+-])(\d{2})(?::?(\d{2})(?::?(\d{2}))?)?$/;
const MAX_OFFSET_SECONDS = 18 * 3600;

function unparsable(text: string, what: string): Error {
  return invalidArgument(`cannot parse ${JSON.stringify(text)} as a ${what}`);
}

function inRange(v: number, min: number, max: number, text: string, what: string): number {
  if (v < min || v > max) throw unparsable(text, what);
  return v;
}

/** The epoch day of a date written in text. */
export function parseDateText(text: string): number {
  const m = EXTENDED_DATE.exec(text) ?? BASIC_DATE.exec(text);
  if (m === null) throw unparsable(text, "date");
  const year = Number(m[1]);
  const [week, dayOfWeek, ordinal, month, day] = m
    .slice(2)
    .map((s) => (s === undefined ? undefined : Number(s)));
  if (week !== undefined) {
    inRange(week, 1, weeksInWeekYear(year), text, "date");
    return epochDayOfWeekDate(year, week, inRange(dayOfWeek ?? 1, 1, 7, text, "date"));
  }
  if (ordinal !== undefined) {
    return epochDayOf(year, 1, 1) + inRange(ordinal, 1, daysInYear(year), text, "date") - 1;
  }
  const mm = inRange(month ?? 1, 1, 12, text, "date");
  return epochDayOf(year, mm, inRange(day ?? 1, 1, daysInMonth(year, mm), text, "date"));
}

/** An offset such as "+01:00", "-0130", "+05" or "Z" in seconds; undefined if not one. */
export function parseOffsetText(text: string): number | undefined {
  if (text === "Z" || text === "z") return 0;
  const m = OFFSET.exec(text);
  if (m === null) return undefined;
  const abs = Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0);
  if (Number(m[3] ?? 0) > 59 || Number(m[4] ?? 0) > 59 || abs > MAX_OFFSET_SECONDS) {
    return undefined;
  }
  return m[1] === "-" ? 0 - abs : abs; // 0 - 0 is 0, not -0
}

/** A time of day with its optional offset and zone. */
export function parseTimeText(text: string, what = "time"): ParsedTime {
  const split = text.search(/[Zz+\-[]/);
  const clock = split < 0 ? text : text.slice(0, split);
  const m = EXTENDED_TIME.exec(clock) ?? BASIC_TIME.exec(clock);
  if (m === null) throw unparsable(text, what);
  const hour = inRange(Number(m[1]), 0, 23, text, what);
  const minute = inRange(Number(m[2] ?? 0), 0, 59, text, what);
  const second = inRange(Number(m[3] ?? 0), 0, 59, text, what);
  const nanos = Number((m[4] ?? "").padEnd(9, "0"));
  const nanoOfDay = (hour * 3600 + minute * 60 + second) * NANOS_PER_SECOND + nanos;
  if (split < 0) return { nanoOfDay };
  return { nanoOfDay, ...zoneSuffix(text.slice(split), text, what) };
}

function zoneSuffix(
  suffix: string,
  text: string,
  what: string,
): { offsetSeconds?: number; zoneId?: string } {
  const bracket = suffix.indexOf("[");
  const offsetPart = bracket < 0 ? suffix : suffix.slice(0, bracket);
  const result: { offsetSeconds?: number; zoneId?: string } = {};
  if (offsetPart !== "") {
    const offset = parseOffsetText(offsetPart);
    if (offset === undefined) throw unparsable(text, what);
    result.offsetSeconds = offset;
  }
  if (bracket >= 0) {
    if (!suffix.endsWith("]")) throw unparsable(text, what);
    result.zoneId = checkRegion(suffix.slice(bracket + 1, -1));
  }
  return result;
}

/** A date-time: a date, and optionally T with a time, offset and zone. */
export function parseDateTimeText(text: string): ParsedDateTime {
  const t = text.search(/[Tt]/);
  if (t < 0) return { epochDay: parseDateText(text), nanoOfDay: 0 };
  const epochDay = parseDateText(text.slice(0, t));
  return { epochDay, ...parseTimeText(text.slice(t + 1), "date-time") };
}
