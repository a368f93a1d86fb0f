// The fields of a temporal map (`{year: 1984, week: 10, dayOfWeek: 3, hour: 12}`) and how
// they combine with a base value, for construction (`date({date: d, day: 28})`) and for
// truncation (`date.truncate('month', d, {day: 2})`).
//
// Which date fields go together follows ISO 8601's four ways to name a day: calendar
// (year, month, day), week (year, week, dayOfWeek, `year` then meaning the week-numbering
// year), ordinal (year, ordinalDay) and quarter (year, quarter, dayOfQuarter). The fields
// given pick the way, and fields of two ways together are an error; what the way needs and
// the map leaves out comes from the base, else the first of its unit (month 1, day 1,
// Monday). Time fields override the base's hour, minute and
// second; millisecond, microsecond and nanosecond together make the fraction of a second
// (123 ms + 456 µs + 789 ns is .123456789), which replaces the base's fraction, or, when
// truncating, is added to what the truncation kept.
//
// It reads field values only; the map's `date`, `time`, `timezone`, ... keys are
// construct.ts's. Keys match in any letter case, as in Cypher.
import { invalidArgument } from "../errors.js";
import type { Value } from "../types.js";
import { cypherTypeName, isInt } from "../types.js";
import type { YearMonthDay } from "./calendar.js";
import {
  MAX_YEAR,
  MIN_YEAR,
  dayOfQuarterOf,
  daysInMonth,
  daysInQuarter,
  daysInYear,
  epochDayOf,
  epochDayOfWeekDate,
  firstMonthOfQuarter,
  isoDayOfWeek,
  isoWeekOf,
  weeksInWeekYear,
} from "./calendar.js";
import { NANOS_PER_SECOND } from "./values.js";

export const DATE_FIELDS = [
  "year",
  "month",
  "day",
  "week",
  "dayOfWeek",
  "quarter",
  "dayOfQuarter",
  "ordinalDay",
] as const;
export const TIME_FIELDS = [
  "hour",
  "minute",
  "second",
  "millisecond",
  "microsecond",
  "nanosecond",
] as const;

export type DateField = (typeof DATE_FIELDS)[number];
export type TimeField = (typeof TIME_FIELDS)[number];
export type Field = DateField | TimeField;

/** The integer fields a map gives, by canonical name. */
export type Fields = ReadonlyMap<Field, number>;

const CANONICAL: ReadonlyMap<string, Field> = new Map(
  [...DATE_FIELDS, ...TIME_FIELDS].map((f) => [f.toLowerCase(), f]),
);

/** The canonical field a map key names (any letter case), or undefined. */
export function fieldOfKey(key: string): Field | undefined {
  return CANONICAL.get(key.toLowerCase());
}

/** A field's value, which must be an Int. */
export function fieldValue(fn: string, field: Field, v: Value): number {
  if (!isInt(v)) {
    throw invalidArgument(`${fn}(): ${field} must be an INTEGER, got ${cypherTypeName(v)}`);
  }
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw invalidArgument(`${fn}(): ${field} ${v} is out of range`);
  return n;
}

function checkRange(fn: string, field: string, v: number, min: number, max: number): number {
  if (v < min || v > max) {
    throw invalidArgument(`${fn}(): ${field} ${v} is not in ${min}..${max}`);
  }
  return v;
}

export function hasAny(fields: Fields, names: readonly Field[]): boolean {
  return names.some((n) => fields.has(n));
}

/** The epoch day the date fields name, taking what they leave out from `base`. */
const WAYS: readonly (readonly DateField[])[] = [
  ["month", "day"],
  ["week", "dayOfWeek"],
  ["ordinalDay"],
  ["quarter", "dayOfQuarter"],
];

export function dateFromFields(fn: string, fields: Fields, base: YearMonthDay | undefined): number {
  const ways = WAYS.filter((way) => hasAny(fields, way));
  if (ways.length > 1) {
    const names = ways.map((way) => way.filter((f) => fields.has(f)).join(", "));
    throw invalidArgument(`${fn}(): cannot combine ${names.join(" with ")}`);
  }
  const year = fields.get("year");
  if (year !== undefined) checkRange(fn, "year", year, MIN_YEAR, MAX_YEAR);
  const baseDay = base === undefined ? undefined : epochDayOf(base.year, base.month, base.day);
  if (hasAny(fields, ["week", "dayOfWeek"])) {
    const baseWeek = baseDay === undefined ? undefined : isoWeekOf(baseDay);
    const weekYear = year ?? baseWeek?.weekYear ?? missingYear(fn);
    const week = fields.get("week") ?? baseWeek?.week ?? 1;
    const dayOfWeek =
      fields.get("dayOfWeek") ?? (baseDay === undefined ? 1 : isoDayOfWeek(baseDay));
    checkRange(fn, "week", week, 1, weeksInWeekYear(weekYear));
    checkRange(fn, "dayOfWeek", dayOfWeek, 1, 7);
    return epochDayOfWeekDate(weekYear, week, dayOfWeek);
  }
  const y = year ?? base?.year ?? missingYear(fn);
  if (fields.has("ordinalDay")) {
    const ordinal = checkRange(fn, "ordinalDay", fields.get("ordinalDay")!, 1, daysInYear(y));
    return epochDayOf(y, 1, 1) + ordinal - 1;
  }
  if (hasAny(fields, ["quarter", "dayOfQuarter"])) {
    const quarter = fields.get("quarter") ?? (base === undefined ? 1 : Math.ceil(base.month / 3));
    checkRange(fn, "quarter", quarter, 1, 4);
    const inQuarter = fields.get("dayOfQuarter") ?? (base === undefined ? 1 : dayOfQuarterOf(base));
    checkRange(fn, "dayOfQuarter", inQuarter, 1, daysInQuarter(y, quarter));
    return epochDayOf(y, firstMonthOfQuarter(quarter), 1) + inQuarter - 1;
  }
  const month = checkRange(fn, "month", fields.get("month") ?? base?.month ?? 1, 1, 12);
  if (base === undefined && fields.has("day") && !fields.has("month")) {
    throw invalidArgument(`${fn}(): day needs a month`);
  }
  const day = checkRange(fn, "day", fields.get("day") ?? base?.day ?? 1, 1, daysInMonth(y, month));
  return epochDayOf(y, month, day);
}

function missingYear(fn: string): never {
  throw invalidArgument(`${fn}(): a year is required`);
}

/**
 * The nanosecond of the day the time fields name over `baseNano` (0 without a base):
 * hour, minute and second replace the base's; the fraction replaces it ("replace") or is
 * added to it ("add", for truncation).
 */
export function timeFromFields(
  fn: string,
  fields: Fields,
  baseNano: number,
  fraction: "replace" | "add",
): number {
  const baseSeconds = Math.floor(baseNano / NANOS_PER_SECOND);
  const hour = checkRange(fn, "hour", fields.get("hour") ?? Math.floor(baseSeconds / 3600), 0, 23);
  const minute = fields.get("minute") ?? Math.floor(baseSeconds / 60) % 60;
  const second = fields.get("second") ?? baseSeconds % 60;
  checkRange(fn, "minute", minute, 0, 59);
  checkRange(fn, "second", second, 0, 59);
  let nanos = baseNano - baseSeconds * NANOS_PER_SECOND;
  if (hasAny(fields, ["millisecond", "microsecond", "nanosecond"])) {
    const given = fractionFromFields(fn, fields);
    nanos = fraction === "add" ? nanos + given : given;
    checkRange(fn, "nanosecond", nanos, 0, NANOS_PER_SECOND - 1);
  }
  return (hour * 3600 + minute * 60 + second) * NANOS_PER_SECOND + nanos;
}

function fractionFromFields(fn: string, fields: Fields): number {
  const ms = fields.get("millisecond");
  const us = fields.get("microsecond");
  const ns = fields.get("nanosecond");
  if (ms !== undefined) checkRange(fn, "millisecond", ms, 0, 999);
  if (us !== undefined) checkRange(fn, "microsecond", us, 0, ms === undefined ? 999_999 : 999);
  if (ns !== undefined) {
    const max = us !== undefined ? 999 : ms !== undefined ? 999_999 : 999_999_999;
    checkRange(fn, "nanosecond", ns, 0, max);
  }
  return (ms ?? 0) * 1_000_000 + (us ?? 0) * 1000 + (ns ?? 0);
}
