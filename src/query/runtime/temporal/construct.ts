// date(), localtime(), time(), localdatetime() and datetime() with one argument or none:
// from text (`date('2015-W30-2')`), from a map of fields (`time({hour: 12, timezone:
// '+01:00'})`), from another temporal value (`date(dt)` takes its date), or the current
// instant (no argument, or a map holding only a timezone).
//
// A map may select parts of other values: `date` (a value's date), `time` (a value's time
// of day, and its zone), `datetime` (both); fields then override what was selected (see
// map-fields.ts). A zoned target keeps the zone of the value its time came from; a
// `timezone` key then converts to that zone, keeping the instant, or, when the time came
// from a value with no zone, simply places the local time in it. With no zone anywhere,
// the default zone is UTC.
//
// It does not truncate (truncate.ts) or compute durations.
import type { DateTimeValue, DateValue, TimeValue } from "../../../store/tagged-values.js";
import { argumentTypeError, invalidArgument } from "../errors.js";
import type { FunctionContext } from "../function-def.js";
import type { Value, ValueMap } from "../types.js";
import { cypherTypeName, isInt, isMap } from "../types.js";
import type { ClockName } from "./clock.js";
import { currentInstant } from "./clock.js";
import type { Field } from "./map-fields.js";
import {
  DATE_FIELDS,
  dateFromFields,
  fieldOfKey,
  fieldValue,
  timeFromFields,
} from "./map-fields.js";
import { parseDateText, parseDateTimeText, parseOffsetText, parseTimeText } from "./text-parse.js";
import type { DateLike, TemporalInstant, TimeLike, ZonedLike } from "./values.js";
import {
  NANOS_PER_SECOND,
  dateTimeAtInstant,
  epochDayOfDate,
  instantOf,
  isDateLike,
  isTemporalInstant,
  isTimeLike,
  isZoned,
  makeDate,
  makeDateTime,
  makeLocalDateTime,
  makeLocalTime,
  makeTime,
  nanoOfDayOf,
  splitEpochNanos,
  wrapNanoOfDay,
  zoneOf,
} from "./values.js";
import type { Zone } from "./zones.js";
import { checkRegion, offsetAt } from "./zones.js";

export type TemporalKind = TemporalInstant["kind"];

const DEFAULT_ZONE: Zone = 0;

/** What a map (or a value to select from) asks for, read but not yet combined. */
interface Spec {
  readonly fields: Map<Field, number>;
  timezone?: Zone;
  date?: DateLike;
  time?: TimeLike | DateValue;
  epochNanos?: bigint;
}

const HAS_DATE: ReadonlySet<TemporalKind> = new Set(["date", "localDateTime", "dateTime"]);
const HAS_TIME: ReadonlySet<TemporalKind> = new Set([
  "localTime",
  "time",
  "localDateTime",
  "dateTime",
]);
const DATE_FIELD_SET: ReadonlySet<Field> = new Set(DATE_FIELDS);

/** Parses a timezone argument: an offset ("+01:00", "Z") or a region ("Europe/Paris"). */
export function zoneOfText(fn: string, v: Value): Zone {
  if (typeof v !== "string") {
    throw invalidArgument(`${fn}(): timezone must be a STRING, got ${cypherTypeName(v)}`);
  }
  return parseOffsetText(v) ?? checkRegion(v);
}

/**
 * The value `fn` (a constructor of `kind`) makes of its argument; `arg` undefined means no
 * argument. `variant` is the clock of `date.statement()` and its siblings, whose string
 * argument is a timezone; null for the plain `date()`, whose string is a date and whose
 * current instant is the statement's.
 */
export function constructTemporal(
  kind: TemporalKind,
  fn: string,
  arg: Value | undefined,
  ctx: FunctionContext,
  variant: ClockName | null,
): Value {
  const clock = variant ?? "statement";
  if (arg === undefined) return now(kind, ctx, clock, DEFAULT_ZONE);
  if (arg === null) return null;
  if (typeof arg === "string") {
    return variant === null ? fromText(kind, arg, ctx) : now(kind, ctx, clock, zoneOfText(fn, arg));
  }
  if (isMap(arg)) {
    const keys = Object.keys(arg);
    if (keys.every((k) => k.toLowerCase() === "timezone")) {
      const tz = keys.length === 0 ? null : arg[keys[0]!]!;
      return now(kind, ctx, clock, tz === null ? DEFAULT_ZONE : zoneOfText(fn, tz));
    }
    return build(kind, fn, readMap(kind, fn, arg), ctx);
  }
  if (isTemporalInstant(arg)) {
    return build(kind, fn, selectAll(kind, fn, arg), ctx);
  }
  throw argumentTypeError(
    `${fn}() expects a STRING, MAP or temporal value, got ${cypherTypeName(arg)}`,
  );
}

function fromText(kind: TemporalKind, text: string, ctx: FunctionContext): Value {
  switch (kind) {
    case "date":
      return makeDate(parseDateText(text));
    case "localTime":
      return makeLocalTime(parseTimeText(text).nanoOfDay);
    case "time": {
      const t = parseTimeText(text);
      const zone = t.zoneId ?? t.offsetSeconds ?? DEFAULT_ZONE;
      return makeTime(t.nanoOfDay, t.offsetSeconds ?? timeOffset(zone, ctx));
    }
    case "localDateTime": {
      const t = parseDateTimeText(text);
      return makeLocalDateTime(t.epochDay, t.nanoOfDay);
    }
    case "dateTime": {
      const t = parseDateTimeText(text);
      const zone = t.zoneId ?? t.offsetSeconds ?? DEFAULT_ZONE;
      return makeDateTime(t.epochDay, t.nanoOfDay, zone, t.offsetSeconds);
    }
  }
}

function now(kind: TemporalKind, ctx: FunctionContext, clock: ClockName, zone: Zone): Value {
  const [day, nano] = currentInstant(ctx, clock);
  return convert(kind, dateTimeAtInstant(day, nano, zone));
}

/** A date-time turned into `kind`: its date, its time, or both, zone kept where it fits. */
function convert(kind: TemporalKind, dt: DateTimeValue): TemporalInstant {
  switch (kind) {
    case "date":
      return makeDate(epochDayOfDate(dt));
    case "localTime":
      return makeLocalTime(nanoOfDayOf(dt));
    case "time":
      return makeTime(nanoOfDayOf(dt), dt.offsetSeconds);
    case "localDateTime":
      return makeLocalDateTime(epochDayOfDate(dt), nanoOfDayOf(dt));
    case "dateTime":
      return dt;
  }
}

/** `date(x)`, `time(x)`, ...: everything of x that the target kind can hold. */
function selectAll(kind: TemporalKind, fn: string, v: TemporalInstant): Spec {
  const spec: Spec = { fields: new Map() };
  if (HAS_DATE.has(kind)) {
    if (!isDateLike(v)) throw selectError(fn, "date", v);
    spec.date = v;
  }
  if (HAS_TIME.has(kind) && isTimeLike(v)) spec.time = v;
  else if (kind === "localTime" || kind === "time") throw selectError(fn, "time", v);
  return spec;
}

function selectError(fn: string, part: string, v: Value): Error {
  return argumentTypeError(`${fn}() cannot take a ${part} from a ${cypherTypeName(v)}`);
}

function readMap(kind: TemporalKind, fn: string, map: ValueMap): Spec {
  const spec: Spec = { fields: new Map() };
  for (const [key, v] of Object.entries(map)) {
    if (v === null) continue;
    const field = fieldOfKey(key);
    if (field !== undefined) {
      const allowed = DATE_FIELD_SET.has(field) ? HAS_DATE.has(kind) : HAS_TIME.has(kind);
      if (!allowed) throw invalidArgument(`${fn}() does not take the field ${key}`);
      spec.fields.set(field, fieldValue(fn, field, v));
      continue;
    }
    readSelector(kind, fn, spec, key, v);
  }
  return spec;
}

function readSelector(kind: TemporalKind, fn: string, spec: Spec, key: string, v: Value): void {
  switch (key.toLowerCase()) {
    case "timezone":
      if (kind !== "time" && kind !== "dateTime") break;
      spec.timezone = zoneOfText(fn, v);
      return;
    case "date":
      if (!HAS_DATE.has(kind)) break;
      spec.date = temporalArg(fn, key, v, isDateLike);
      return;
    case "time":
      if (!HAS_TIME.has(kind)) break;
      spec.time = temporalArg(fn, key, v, isTimeLike);
      return;
    case "datetime": {
      if (kind !== "localDateTime" && kind !== "dateTime") break;
      const dt = temporalArg(fn, key, v, isDateLike);
      spec.date ??= dt;
      spec.time ??= dt;
      return;
    }
    case "epochseconds":
    case "epochmillis":
      if (kind !== "dateTime") break;
      spec.epochNanos = (spec.epochNanos ?? 0n) + epochAmount(fn, key, v);
      return;
  }
  throw invalidArgument(`${fn}() does not take the key ${key}`);
}

function temporalArg<T extends TemporalInstant>(
  fn: string,
  key: string,
  v: Value,
  accepts: (t: TemporalInstant) => t is T,
): T {
  if (isTemporalInstant(v) && accepts(v)) return v;
  throw argumentTypeError(`${fn}(): ${key} cannot be a ${cypherTypeName(v)}`);
}

function epochAmount(fn: string, key: string, v: Value): bigint {
  if (!isInt(v)) {
    throw invalidArgument(`${fn}(): ${key} must be an INTEGER, got ${cypherTypeName(v)}`);
  }
  const perUnit = key.toLowerCase() === "epochseconds" ? 1_000_000_000n : 1_000_000n;
  return BigInt(v) * perUnit;
}

/** A time's offset for `zone`: a region's offset now (a time has no date to pick another). */
function timeOffset(zone: Zone, ctx: FunctionContext): number {
  if (typeof zone === "number") return zone;
  const [day, nano] = currentInstant(ctx, "statement");
  return offsetAt(zone, day, Math.floor(nano / NANOS_PER_SECOND));
}

function build(kind: TemporalKind, fn: string, spec: Spec, ctx: FunctionContext): TemporalInstant {
  const fields = spec.fields;
  const day = (): number => dateFromFields(fn, fields, spec.date);
  const base = spec.time === undefined || spec.time.kind === "date" ? 0 : nanoOfDayOf(spec.time);
  const nano = (): number => timeFromFields(fn, fields, base, "replace");
  switch (kind) {
    case "date":
      return makeDate(day());
    case "localTime":
      return makeLocalTime(nano());
    case "time":
      return buildTime(spec, nano(), ctx);
    case "localDateTime":
      return makeLocalDateTime(day(), nano());
    case "dateTime":
      if (spec.epochNanos !== undefined) {
        const extra = timeFromFields(fn, fields, 0, "replace");
        const [d, n] = splitEpochNanos(spec.epochNanos + BigInt(extra));
        return dateTimeAtInstant(d, n, spec.timezone ?? DEFAULT_ZONE);
      }
      return buildDateTime(spec, day(), nano());
  }
}

function zoneSource(spec: Spec): ZonedLike | undefined {
  const t = spec.time;
  return t !== undefined && t.kind !== "date" && isZoned(t) ? t : undefined;
}

function buildTime(spec: Spec, nano: number, ctx: FunctionContext): TimeValue {
  const source = zoneSource(spec);
  if (source === undefined) return makeTime(nano, timeOffset(spec.timezone ?? DEFAULT_ZONE, ctx));
  if (spec.timezone === undefined) return makeTime(nano, source.offsetSeconds);
  const target = timeOffset(spec.timezone, ctx);
  const shifted = nano + (target - source.offsetSeconds) * NANOS_PER_SECOND;
  return makeTime(wrapNanoOfDay(shifted), target);
}

function buildDateTime(spec: Spec, day: number, nano: number): DateTimeValue {
  const source = zoneSource(spec);
  if (source === undefined) return makeDateTime(day, nano, spec.timezone ?? DEFAULT_ZONE);
  const local = makeDateTime(day, nano, zoneOf(source), source.offsetSeconds);
  if (spec.timezone === undefined) return local;
  const [utcDay, utcNano] = instantOf(local);
  return dateTimeAtInstant(utcDay, utcNano, spec.timezone);
}
