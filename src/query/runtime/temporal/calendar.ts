// The proleptic ISO calendar as plain number arithmetic: days since 1970-01-01 ("epoch
// days") to and from year-month-day, ISO week dates, ordinal and quarter dates, month
// arithmetic. Everything else in temporal/ reaches dates through these.
//
// It knows nothing of times, zones or values. Epoch days stay exact doubles for every year
// Cypher allows (±999,999,999 gives about ±3.7e11 days), so no bigint is needed here.

/** A calendar date's fields (DateValue and the date-times have these). */
export interface YearMonthDay {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** The years Cypher's temporal values can hold. */
export const MIN_YEAR = -999_999_999;
export const MAX_YEAR = 999_999_999;

const DAYS_PER_ERA = 146_097; // 400 Gregorian years
const DAYS_0000_TO_1970 = 719_468; // from 0000-03-01, the start of the computing year

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export function daysInYear(year: number): number {
  return isLeapYear(year) ? 366 : 365;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (years counted from March). */
export function epochDayOf(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const monthFromMarch = (month + 9) % 12;
  const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * DAYS_PER_ERA + dayOfEra - DAYS_0000_TO_1970;
}

/** The date `epochDay` days after 1970-01-01 (the inverse of epochDayOf). */
export function dateOfEpochDay(epochDay: number): YearMonthDay {
  const z = epochDay + DAYS_0000_TO_1970;
  const era = Math.floor(z / DAYS_PER_ERA);
  const dayOfEra = z - era * DAYS_PER_ERA;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

/** ISO day of the week: 1 = Monday ... 7 = Sunday. */
export function isoDayOfWeek(epochDay: number): number {
  return ((((epochDay + 3) % 7) + 7) % 7) + 1; // 1970-01-01 was a Thursday
}

/** The epoch day of the Monday of ISO week 1 of `weekYear` (the week holding January 4). */
function weekOneMonday(weekYear: number): number {
  const jan4 = epochDayOf(weekYear, 1, 4);
  return jan4 - isoDayOfWeek(jan4) + 1;
}

export function weeksInWeekYear(weekYear: number): number {
  return (weekOneMonday(weekYear + 1) - weekOneMonday(weekYear)) / 7;
}

/** The ISO week-numbering year and week of a day. */
export function isoWeekOf(epochDay: number): { weekYear: number; week: number } {
  const { year } = dateOfEpochDay(epochDay);
  let weekYear = year + 1;
  let monday = weekOneMonday(weekYear);
  if (epochDay < monday) {
    weekYear = year;
    monday = weekOneMonday(weekYear);
    if (epochDay < monday) {
      weekYear = year - 1;
      monday = weekOneMonday(weekYear);
    }
  }
  return { weekYear, week: Math.floor((epochDay - monday) / 7) + 1 };
}

/** The epoch day of a week date; the caller has checked week and dayOfWeek. */
export function epochDayOfWeekDate(weekYear: number, week: number, dayOfWeek: number): number {
  return weekOneMonday(weekYear) + (week - 1) * 7 + dayOfWeek - 1;
}

/** The first month (1, 4, 7, 10) of a quarter (1 to 4). */
export function firstMonthOfQuarter(quarter: number): number {
  return (quarter - 1) * 3 + 1;
}

export function daysInQuarter(year: number, quarter: number): number {
  const first = firstMonthOfQuarter(quarter);
  return daysInMonth(year, first) + daysInMonth(year, first + 1) + daysInMonth(year, first + 2);
}

/** 1-based day of the year. */
export function ordinalDayOf(d: YearMonthDay): number {
  return epochDayOf(d.year, d.month, d.day) - epochDayOf(d.year, 1, 1) + 1;
}

/** 1-based day of the quarter. */
export function dayOfQuarterOf(d: YearMonthDay): number {
  const first = firstMonthOfQuarter(Math.ceil(d.month / 3));
  return epochDayOf(d.year, d.month, d.day) - epochDayOf(d.year, first, 1) + 1;
}

/** Months since year 0, the scale month arithmetic works on. */
export function prolepticMonth(d: YearMonthDay): number {
  return d.year * 12 + d.month - 1;
}

/** `d` plus `months` months, the day clamped to the end of a shorter month (Jan 31 + 1M = Feb 28). */
export function plusMonths(d: YearMonthDay, months: number): YearMonthDay {
  if (months === 0) return d;
  const total = prolepticMonth(d) + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  return { year, month, day: Math.min(d.day, daysInMonth(year, month)) };
}
