// Time zones: a fixed offset in seconds, or a region of the tz database ("Europe/Stockholm")
// whose offset depends on the instant. Region rules come from the ICU data built into Node
// (Intl.DateTimeFormat with a `longOffset` zone name), so history and daylight saving follow
// the tz database, local mean time before standard time included (Stockholm in 1818 was
// +00:53:28).
//
// Local date-times resolve to an offset the way java.time does, which Cypher follows: in an
// overlap (clocks set back) the earlier offset wins unless the caller prefers the later one;
// in a gap (clocks set forward) the local time moves forward by the gap's length.
//
// It does not parse zone text (text-parse.ts) nor build values (values.ts).
import { invalidArgument } from "../errors.js";

/** A zone: a fixed offset in seconds east of UTC, or a region id. */
export type Zone = number | string;

const MS_PER_DAY = 86_400_000;
const DAYS_PER_ERA = 146_097;
// Intl handles instants within about ±275,000 years; rules beyond a few millennia repeat
// with the 400-year Gregorian cycle (future) or stay at local mean time (past).
const FAR_DAYS = 2_000_000;

const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(id: string): Intl.DateTimeFormat | undefined {
  let f = formats.get(id);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat("en-US", { timeZone: id, timeZoneName: "longOffset" });
    } catch {
      return undefined;
    }
    formats.set(id, f);
  }
  return f;
}

/** Whether `id` names a region zone this runtime knows. */
export function isKnownRegion(id: string): boolean {
  return formatFor(id) !== undefined;
}

/** Checks a region id, raising the error Cypher gives for an unknown zone. */
export function checkRegion(id: string): string {
  if (!isKnownRegion(id)) throw invalidArgument(`unknown time zone ${JSON.stringify(id)}`);
  return id;
}

/** "GMT", "GMT+01:00", "GMT-09:30", "GMT+00:53:28" as seconds. */
function gmtOffsetSeconds(text: string): number {
  const m = /^GMT(?:([+-])(\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (m === null) throw new Error(`unexpected zone offset text ${text}`);
  if (m[1] === undefined) return 0;
  const abs = Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4] ?? 0);
  return m[1] === "-" ? -abs : abs;
}

/** The offset of `zone` at the instant `utcDay` (epoch day) + `utcSecond` (of that day). */
export function offsetAt(zone: Zone, utcDay: number, utcSecond: number): number {
  if (typeof zone === "number") return zone;
  let day = utcDay;
  if (day > FAR_DAYS) day -= Math.ceil((day - FAR_DAYS) / DAYS_PER_ERA) * DAYS_PER_ERA;
  if (day < -FAR_DAYS) day += Math.ceil((-FAR_DAYS - day) / DAYS_PER_ERA) * DAYS_PER_ERA;
  const format = formatFor(zone);
  if (format === undefined) throw invalidArgument(`unknown time zone ${JSON.stringify(zone)}`);
  const parts = format.formatToParts(new Date(day * MS_PER_DAY + Math.floor(utcSecond) * 1000));
  const name = parts.find((p) => p.type === "timeZoneName");
  return name === undefined ? 0 : gmtOffsetSeconds(name.value);
}

/** How a local date-time maps to an instant in a zone. */
export interface Resolved {
  /** The offset in force. */
  readonly offsetSeconds: number;
  /** Seconds the local time moved forward because it fell in a gap (0 otherwise). */
  readonly shiftSeconds: number;
}

/**
 * The offset for the local time `localSecond` (second of the day) on `localDay` in `zone`;
 * `preferred` is kept when it is one of the valid offsets (an overlap).
 */
export function resolveLocal(
  zone: Zone,
  localDay: number,
  localSecond: number,
  preferred?: number,
): Resolved {
  if (typeof zone === "number") return { offsetSeconds: zone, shiftSeconds: 0 };
  const at = (offset: number): number => {
    const s = localSecond - offset;
    const carry = Math.floor(s / 86_400);
    return offsetAt(zone, localDay + carry, s - carry * 86_400);
  };
  // The offsets in force a day either side are the candidates: transitions are rarer.
  const before = offsetAt(zone, localDay - 1, localSecond);
  const after = offsetAt(zone, localDay + 1, localSecond);
  const beforeValid = at(before) === before;
  const afterValid = at(after) === after;
  if (beforeValid && afterValid) {
    // An overlap (or no transition): the earlier offset unless the other is preferred.
    return { offsetSeconds: preferred === after ? after : before, shiftSeconds: 0 };
  }
  if (beforeValid || afterValid)
    return { offsetSeconds: beforeValid ? before : after, shiftSeconds: 0 };
  const direct = at(before);
  if (at(direct) === direct) return { offsetSeconds: direct, shiftSeconds: 0 };
  // A gap: the local time read with the earlier offset, shown in the later one.
  return { offsetSeconds: after, shiftSeconds: after - before };
}
