// src/query/runtime/temporal: dates, times, date-times and durations as Cypher computes
// them, on top of the store's temporal classes (which stay plain data).
//   calendar.ts            the ISO calendar on epoch days: weeks, ordinals, quarters, months
//   zones.ts               offsets and region zones (ICU rules through Intl), gaps, overlaps
//   values.ts              reading values as epoch day + nanosecond of day + zone, building back
//   clock.ts               the statement, transaction and real-time clocks
//   text-parse.ts          ISO 8601 text of dates, times, offsets, zones and date-times
//   text-format.ts         the text of every temporal kind (toString, results)
//   ratio.ts               exact fractions for fractional duration amounts
//   durations.ts           building durations, + - * / on them
//   duration-parse.ts      ISO 8601 duration text
//   duration-construct.ts  duration(text | map | duration)
//   map-fields.ts          the fields of temporal maps and how they override a base value
//   construct.ts           date(), localtime(), time(), localdatetime(), datetime()
//   truncate.ts            <kind>.truncate(unit, value, fields)
//   shift.ts               temporal ± duration
//   between.ts             duration.between, duration.inMonths, inDays, inSeconds
//   operators.ts           the arithmetic operators' temporal cases
//   functions.ts           TEMPORAL_FUNCTIONS: the function table entries
export { TEMPORAL_FUNCTIONS } from "./functions.js";
export {
  temporalAdd,
  temporalDivide,
  temporalMultiply,
  temporalNegate,
  temporalSubtract,
} from "./operators.js";
export { offsetText, temporalText, temporalTextOf } from "./text-format.js";
export { dayOfQuarterOf, epochDayOf, isoDayOfWeek, isoWeekOf, ordinalDayOf } from "./calendar.js";
