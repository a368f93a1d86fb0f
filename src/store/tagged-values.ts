// The tagged value kinds: Float and the temporal, spatial, vector and binary classes, each
// frozen and validated on construction, with the factory named like its kind (`float`,
// `date`, ...). It also holds the two primitives their validation shares with every layer:
// `describeValue` (a value, named for a message) and `intFromBigInt` (an Int's one form).
//
// It does not classify or compare whole property values, and knows nothing of lists and
// maps (values.ts does, on top of this file) nor of bytes (lw1-values.ts). It is the leaf
// of the value model so that values.ts can depend on it without a cycle.
//
// Why classes: a plain object is always a map, so a tagged value must be told apart by
// identity (`instanceof`); freezing lets the store share one instance without copies.
// Constructors validate as the factories do, so no instance holds an invalid field.
//
// Ints: a safe-integer number or an int64 bigint. Fields and elements that are Ints are
// normalised on the way in (a bigint that is a safe integer becomes a number, -0 becomes
// 0), so one value has one representation and reads match writes.
import { isUint8Array } from "node:util/types";
import { fitsI64 } from "../internal/bytes.js";

export type TaggedValue =
  | Float
  | DateValue
  | LocalTimeValue
  | TimeValue
  | LocalDateTimeValue
  | DateTimeValue
  | DurationValue
  | PointValue
  | VectorValue
  | BinaryValue;
export type VectorElementType = "float64" | "float32" | "int64" | "int32" | "int16" | "int8";

const I32_MIN = -0x8000_0000;
const I32_MAX = 0x7fff_ffff;
const MAX_OFFSET_SECONDS = 18 * 3600;
const SAFE_MIN = BigInt(Number.MIN_SAFE_INTEGER);
const SAFE_MAX = BigInt(Number.MAX_SAFE_INTEGER);

/** Shared by every tagged class so `instanceof` tells ours from look-alike objects. */
abstract class TaggedBase {}

/** A Float, kept distinct from an Int even when integral (3.0, -0). */
export class Float extends TaggedBase {
  readonly kind = "float";
  readonly value: number;
  constructor(value: number) {
    super();
    if (typeof value !== "number") {
      throw new TypeError(`float needs a number, got ${describeValue(value)}`);
    }
    this.value = value;
    Object.freeze(this);
  }
  override valueOf(): number {
    return this.value;
  }
  toJSON(): number {
    return this.value;
  }
}

export interface DateFields {
  year: number;
  month: number;
  day: number;
}
/** Minute, second and nanosecond default to 0. */
export interface LocalTimeFields {
  hour: number;
  minute?: number;
  second?: number;
  nanosecond?: number;
}
export interface TimeFields extends LocalTimeFields {
  offsetSeconds: number;
}
export interface LocalDateTimeFields extends DateFields, LocalTimeFields {}
/**
 * `timeZoneId` names a region zone ("Europe/Stockholm") the offset was taken from; it is
 * carried in memory only: the on-disk encodings keep the offset, so a date-time read back
 * from the log or a snapshot has no zone id.
 */
export interface DateTimeFields extends DateFields, TimeFields {
  timeZoneId?: string | undefined;
}
/** Int64 fields (safe-integer numbers or bigints); each defaults to 0. */
export interface DurationFields {
  months?: number | bigint;
  days?: number | bigint;
  seconds?: number | bigint;
  nanoseconds?: number | bigint;
}
export interface PointFields {
  x: number;
  y: number;
  z?: number | undefined;
  srid: number;
}
export interface VectorFields {
  elementType: VectorElementType;
  values: ArrayLike<number | bigint>;
}
export interface BinaryFields {
  segments: readonly Uint8Array[];
}

export class DateValue extends TaggedBase {
  readonly kind = "date";
  readonly year: number;
  readonly month: number;
  readonly day: number;
  constructor(fields: DateFields) {
    super();
    [this.year, this.month, this.day] = calendar(fieldsOf(fields, "date"), "date");
    Object.freeze(this);
  }
}

export class LocalTimeValue extends TaggedBase {
  readonly kind = "localTime";
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly nanosecond: number;
  constructor(fields: LocalTimeFields) {
    super();
    [this.hour, this.minute, this.second, this.nanosecond] = clock(
      fieldsOf(fields, "localTime"),
      "localTime",
    );
    Object.freeze(this);
  }
}

export class TimeValue extends TaggedBase {
  readonly kind = "time";
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly nanosecond: number;
  readonly offsetSeconds: number;
  constructor(fields: TimeFields) {
    super();
    const f = fieldsOf(fields, "time");
    [this.hour, this.minute, this.second, this.nanosecond] = clock(f, "time");
    this.offsetSeconds = offset(f, "time");
    Object.freeze(this);
  }
}

export class LocalDateTimeValue extends TaggedBase {
  readonly kind = "localDateTime";
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly nanosecond: number;
  constructor(fields: LocalDateTimeFields) {
    super();
    const f = fieldsOf(fields, "localDateTime");
    [this.year, this.month, this.day] = calendar(f, "localDateTime");
    [this.hour, this.minute, this.second, this.nanosecond] = clock(f, "localDateTime");
    Object.freeze(this);
  }
}

export class DateTimeValue extends TaggedBase {
  readonly kind = "dateTime";
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly nanosecond: number;
  readonly offsetSeconds: number;
  /** An own property only for a date-time in a named zone (see DateTimeFields). */
  declare readonly timeZoneId?: string;
  constructor(fields: DateTimeFields) {
    super();
    const f = fieldsOf(fields, "dateTime");
    [this.year, this.month, this.day] = calendar(f, "dateTime");
    [this.hour, this.minute, this.second, this.nanosecond] = clock(f, "dateTime");
    this.offsetSeconds = offset(f, "dateTime");
    const zone = f["timeZoneId"];
    if (zone !== undefined) (this as { timeZoneId?: string }).timeZoneId = zoneId(zone);
    Object.freeze(this);
  }
}

export class DurationValue extends TaggedBase {
  readonly kind = "duration";
  readonly months: number | bigint;
  readonly days: number | bigint;
  readonly seconds: number | bigint;
  readonly nanoseconds: number | bigint;
  constructor(fields: DurationFields) {
    super();
    const f = fieldsOf(fields, "duration");
    this.months = int64(f["months"] ?? 0, "duration months");
    this.days = int64(f["days"] ?? 0, "duration days");
    this.seconds = int64(f["seconds"] ?? 0, "duration seconds");
    this.nanoseconds = int64(f["nanoseconds"] ?? 0, "duration nanoseconds");
    Object.freeze(this);
  }
}

/** A point; `z` is an own property only for 3D points. */
export class PointValue extends TaggedBase {
  readonly kind = "point";
  readonly x: number;
  readonly y: number;
  declare readonly z?: number;
  readonly srid: number;
  constructor(fields: PointFields) {
    super();
    const f = fieldsOf(fields, "point");
    this.x = coordinate(f["x"], "point x");
    this.y = coordinate(f["y"], "point y");
    if (f["z"] !== undefined) (this as { z?: number }).z = coordinate(f["z"], "point z");
    this.srid = intIn(f["srid"], "point srid", 0, 0xffff_ffff);
    Object.freeze(this);
  }
}

/** A vector; `values` is a frozen copy (float32 elements rounded to float32). */
export class VectorValue extends TaggedBase {
  readonly kind = "vector";
  readonly elementType: VectorElementType;
  readonly values: readonly (number | bigint)[];
  constructor(fields: VectorFields) {
    super();
    const f = fieldsOf(fields, "vector");
    const type = f["elementType"];
    const check = typeof type === "string" ? ELEMENT_CHECKS.get(type) : undefined;
    if (check === undefined) {
      throw new TypeError(
        `vector elementType ${describeValue(type)} is not one of ${ELEMENT_TYPES}`,
      );
    }
    const values = f["values"];
    if (!Array.isArray(values) && !(ArrayBuffer.isView(values) && "length" in values)) {
      throw new TypeError(`vector values must be an array, got ${describeValue(values)}`);
    }
    this.elementType = type as VectorElementType;
    this.values = Object.freeze(Array.from(values as ArrayLike<unknown>, check));
    Object.freeze(this);
  }
}

/** Binary data as segments; each segment is copied, so later writes to the input do not leak in. */
export class BinaryValue extends TaggedBase {
  readonly kind = "binary";
  readonly segments: readonly Uint8Array[];
  constructor(fields: BinaryFields) {
    super();
    const segments = fieldsOf(fields, "binary")["segments"];
    if (!Array.isArray(segments)) {
      throw new TypeError(`binary segments must be an array, got ${describeValue(segments)}`);
    }
    this.segments = Object.freeze(
      segments.map((s: unknown, i) => {
        if (!isUint8Array(s)) throw new TypeError(`binary segment ${i} is not a Uint8Array`);
        return new Uint8Array(s);
      }),
    );
    Object.freeze(this);
  }
}

export const float = (value: number): Float => new Float(value);
export const date = (fields: DateFields): DateValue => new DateValue(fields);
export const localTime = (fields: LocalTimeFields): LocalTimeValue => new LocalTimeValue(fields);
export const time = (fields: TimeFields): TimeValue => new TimeValue(fields);
export const localDateTime = (fields: LocalDateTimeFields): LocalDateTimeValue =>
  new LocalDateTimeValue(fields);
export const dateTime = (fields: DateTimeFields): DateTimeValue => new DateTimeValue(fields);
export const duration = (fields: DurationFields): DurationValue => new DurationValue(fields);
export const point = (fields: PointFields): PointValue => new PointValue(fields);
export const vector = (fields: VectorFields): VectorValue => new VectorValue(fields);
export const binary = (fields: BinaryFields): BinaryValue => new BinaryValue(fields);

/** Whether `v` is an instance of one of the tagged classes (not a look-alike object). */
export function isTaggedValue(v: unknown): v is TaggedValue {
  return v instanceof TaggedBase;
}

/** An Int read from 64 bits: a number when safe, else the bigint. */
export function intFromBigInt(v: bigint): number | bigint {
  return v >= SAFE_MIN && v <= SAFE_MAX ? Number(v) : v;
}

/** A short description of any JS value for error messages. */
export function describeValue(v: unknown): string {
  switch (typeof v) {
    case "string":
      return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}...` : v);
    case "number":
      return Object.is(v, -0) ? "-0" : String(v);
    case "bigint":
      return `${v}n`;
    case "boolean":
    case "undefined":
    case "symbol":
      return String(v);
    case "function":
      return "a function";
  }
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  const name: unknown = (Object.getPrototypeOf(v) as { constructor?: { name?: unknown } } | null)
    ?.constructor?.name;
  return typeof name === "string" && name !== "" ? `a ${name} object` : "an object";
}

function fieldsOf(fields: unknown, kind: string): Record<string, unknown> {
  if (typeof fields !== "object" || fields === null) {
    throw new TypeError(`${kind} needs an object of fields, got ${describeValue(fields)}`);
  }
  return fields as Record<string, unknown>;
}

function intIn(v: unknown, what: string, min: number, max: number): number {
  if (typeof v !== "number") {
    throw new TypeError(`${what} must be a number, got ${describeValue(v)}`);
  }
  if (!Number.isInteger(v) || v < min || v > max) {
    throw new RangeError(`${what} ${describeValue(v)} is not an integer in ${min}..${max}`);
  }
  return v === 0 ? 0 : v; // -0 is 0: an Int has one representation
}

function int64(v: unknown, what: string): number | bigint {
  if (typeof v === "bigint") {
    if (!fitsI64(v)) throw new RangeError(`${what} ${v}n does not fit int64`);
    return intFromBigInt(v);
  }
  if (typeof v !== "number") {
    throw new TypeError(`${what} must be an integer, got ${describeValue(v)}`);
  }
  if (!Number.isSafeInteger(v)) {
    throw new RangeError(`${what} ${describeValue(v)} is not a safe integer (pass a bigint)`);
  }
  return v === 0 ? 0 : v;
}

function coordinate(v: unknown, what: string): number {
  if (typeof v !== "number") {
    throw new TypeError(`${what} must be a number, got ${describeValue(v)}`);
  }
  return v;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function calendar(f: Record<string, unknown>, kind: string): [number, number, number] {
  const year = intIn(f["year"], `${kind} year`, I32_MIN, I32_MAX);
  const month = intIn(f["month"], `${kind} month`, 1, 12);
  return [year, month, intIn(f["day"], `${kind} day`, 1, daysInMonth(year, month))];
}

function clock(f: Record<string, unknown>, kind: string): [number, number, number, number] {
  return [
    intIn(f["hour"], `${kind} hour`, 0, 23),
    intIn(f["minute"] ?? 0, `${kind} minute`, 0, 59),
    intIn(f["second"] ?? 0, `${kind} second`, 0, 59),
    intIn(f["nanosecond"] ?? 0, `${kind} nanosecond`, 0, 999_999_999),
  ];
}

function offset(f: Record<string, unknown>, kind: string): number {
  return intIn(
    f["offsetSeconds"],
    `${kind} offsetSeconds`,
    -MAX_OFFSET_SECONDS,
    MAX_OFFSET_SECONDS,
  );
}

// A region zone id as the tz database spells them: "Europe/Stockholm", "America/New_York",
// "Etc/GMT+5", "UTC". Whether the zone exists is for whoever resolves offsets to decide.
const ZONE_ID = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;

function zoneId(v: unknown): string {
  if (typeof v !== "string") {
    throw new TypeError(`dateTime timeZoneId must be a string, got ${describeValue(v)}`);
  }
  if (!ZONE_ID.test(v))
    throw new RangeError(`dateTime timeZoneId ${describeValue(v)} is not a zone id`);
  return v;
}

const ELEMENT_TYPES = "float64, float32, int64, int32, int16, int8";

function intElement(bits: number): (v: unknown, i: number) => number {
  const max = 2 ** (bits - 1) - 1;
  return (v, i) => intIn(v, `int${bits} vector element ${i}`, -max - 1, max);
}

function float32Element(v: unknown, i: number): number {
  const x = Math.fround(coordinate(v, `float32 vector element ${i}`));
  if (!Number.isFinite(x) && Number.isFinite(v)) {
    throw new RangeError(`float32 vector element ${i} ${describeValue(v)} overflows float32`);
  }
  return x;
}

// A Map, not an object literal: an elementType such as "constructor" must find nothing.
const ELEMENT_CHECKS = new Map<string, (v: unknown, i: number) => number | bigint>([
  ["float64", (v, i) => coordinate(v, `float64 vector element ${i}`)],
  ["float32", float32Element],
  ["int64", (v, i) => int64(v, `int64 vector element ${i}`)],
  ["int32", intElement(32)],
  ["int16", intElement(16)],
  ["int8", intElement(8)],
]);
