// LW1 values: the bytes of property values and property maps, exactly as LoraDB 0.15 writes
// them inside LW1 mutation events (lw1-codec.ts frames the events around them). The
// snapshot format reuses them, so a value has one encoding everywhere on disk.
//
// It does not know events, records or files. Encoding writes straight into the caller's
// ByteWriter; a value that is not a property value (TypeError/RangeError) leaves a partial
// encoding the caller must discard. Decoding is bounded and total: it returns a value or
// throws SkeinError("DECODE"), and every count read is checked against the bytes that
// remain before anything is allocated for it. Byte offsets in messages are the reader's.
//
// Integers are little-endian. str = u64 byte length + UTF-8; bytes = u64 length + raw
// bytes; bool = u8 0 or 1 (any other byte is refused).
//
//   properties, map  u64 count · count × (str key · value), keys ascending by UTF-8 bytes,
//                    no key twice
//   value          [0..1) u8 tag · [1..) fields by tag:
//      0 null · 1 bool · 2 Int i64 · 3 Float f64 · 4 String str
//      5 list      u64 n · n values
//      6 map       as properties
//      7 date      i32 year · u32 month · u32 day
//      8 time      u32 hour, minute, second, nanosecond · i32 offsetSeconds
//      9 localTime u32 hour, minute, second, nanosecond
//     10 dateTime  i32 year · u32 month, day, hour, minute, second, nanosecond · i32 offset
//     11 localDateTime  as dateTime without the offset
//     12 duration  i64 months, days, seconds, nanoseconds
//     13 point     f64 x · f64 y · u8 hasZ (0 or 1) · f64 z (only if hasZ) · u32 srid
//     14 vector    u64 dimension · u8 element type · u64 count (= dimension) · elements,
//                  types 1 f64 · 2 f32 · 3 i64 · 4 i32 · 5 i16 · 6 i8 (LE, at that width)
//     15 binary    u64 segment count · each segment as bytes
//   Lists and maps nest at most MAX_VALUE_DEPTH deep.
import { isUint8Array } from "node:util/types";
import { ByteReader, ByteWriter, fitsI64 } from "../internal/bytes.js";
import { SkeinError } from "../internal/errors.js";
import type { TaggedValue, VectorElementType } from "./tagged-values.js";
import { BinaryValue, DateTimeValue, DateValue, DurationValue, Float } from "./tagged-values.js";
import {
  LocalDateTimeValue,
  LocalTimeValue,
  PointValue,
  TimeValue,
  VectorValue,
} from "./tagged-values.js";
import { describeValue, intFromBigInt, isTaggedValue } from "./tagged-values.js";
import type { Properties, PropertyMap, PropertyValue } from "./values.js";
import {
  MAX_VALUE_DEPTH,
  isPlainMap,
  isWellFormedString,
  setMapEntry,
  sortedKeys,
} from "./values.js";

const TWO_32 = 0x1_0000_0000;

/** Value tags. */
export const LW1_TAGS = {
  Null: 0,
  Bool: 1,
  Int: 2,
  Float: 3,
  String: 4,
  List: 5,
  Map: 6,
  Date: 7,
  Time: 8,
  LocalTime: 9,
  DateTime: 10,
  LocalDateTime: 11,
  Duration: 12,
  Point: 13,
  Vector: 14,
  Binary: 15,
} as const;
const V = LW1_TAGS;

// ---- encoding ----------------------------------------------------------------------------

/** One value, with its tag. */
export function writeValue(w: ByteWriter, v: PropertyValue): void {
  writeValueAt(w, v, 0);
}

/** A property map: count, then the entries in key order. */
export function writeProperties(w: ByteWriter, props: Properties): void {
  const p: unknown = props; // callers may be untyped: check what arrives
  if (typeof p !== "object" || p === null || Array.isArray(p) || !isPlainMap(p)) {
    throw new TypeError(`properties must be a plain object, got ${describeValue(p)}`);
  }
  writeEntries(w, p, 0);
}

/** A string field (key, label, type): refused unless it survives UTF-8. */
export function writeText(w: ByteWriter, s: unknown, what: string): void {
  if (typeof s !== "string") {
    throw new TypeError(`${what} must be a string, got ${describeValue(s)}`);
  }
  if (!isWellFormedString(s))
    throw new TypeError(`${what} ${describeValue(s)} has a lone surrogate`);
  w.string(s);
}

/** Count, then the entries in key order; their values sit at `depth`. */
function writeEntries(w: ByteWriter, map: object, depth: number): void {
  const keys = sortedKeys(map);
  w.u64(keys.length);
  for (const key of keys) {
    writeText(w, key, "map key");
    writeValueAt(w, (map as Record<string, unknown>)[key], depth);
  }
}

function writeValueAt(w: ByteWriter, v: unknown, depth: number): void {
  switch (typeof v) {
    case "boolean":
      w.u8(V.Bool);
      return w.u8(v ? 1 : 0);
    case "number":
      if (!Number.isSafeInteger(v)) return writeFloat(w, v);
      w.u8(V.Int);
      return writeSafeInt(w, v);
    case "bigint":
      if (!fitsI64(v)) throw new RangeError(`integer ${v}n does not fit int64`);
      w.u8(V.Int);
      return w.i64(v);
    case "string":
      w.u8(V.String);
      return writeText(w, v, "string value");
    case "object":
      if (v === null) return w.u8(V.Null);
      return writeObject(w, v, depth);
  }
  throw new TypeError(`${describeValue(v)} is not a property value`);
}

function writeObject(w: ByteWriter, v: object, depth: number): void {
  if (isTaggedValue(v)) return writeTagged(w, v);
  if (Array.isArray(v)) {
    const inner = nestedDepth(depth);
    w.u8(V.List);
    w.u64(v.length);
    // Index loop, not for-of: a hole in a sparse list reads as undefined and is refused.
    for (let i = 0; i < v.length; i++) writeValueAt(w, v[i], inner);
    return;
  }
  if (isUint8Array(v)) {
    w.u8(V.Binary);
    w.u64(1);
    return w.lengthPrefixed(v);
  }
  if (!isPlainMap(v)) throw new TypeError(`${describeValue(v)} is not a property value`);
  const inner = nestedDepth(depth);
  w.u8(V.Map);
  writeEntries(w, v, inner);
}

function nestedDepth(depth: number): number {
  if (depth >= MAX_VALUE_DEPTH) throw new RangeError(`value nests deeper than ${MAX_VALUE_DEPTH}`);
  return depth + 1;
}

function writeFloat(w: ByteWriter, v: number): void {
  w.u8(V.Float);
  w.f64(v);
}

/** An Int that is a safe integer, as i64 without a BigInt: low word, then signed high word. */
function writeSafeInt(w: ByteWriter, v: number): void {
  const hi = Math.floor(v / TWO_32);
  w.u32(v - hi * TWO_32);
  w.i32(hi);
}

function writeInt64(w: ByteWriter, v: number | bigint): void {
  if (typeof v === "number") writeSafeInt(w, v);
  else w.i64(v);
}

function writeTagged(w: ByteWriter, t: TaggedValue): void {
  switch (t.kind) {
    case "float":
      return writeFloat(w, t.value);
    case "date":
      w.u8(V.Date);
      return writeCalendar(w, t);
    case "time":
      w.u8(V.Time);
      writeClock(w, t);
      return w.i32(t.offsetSeconds);
    case "localTime":
      w.u8(V.LocalTime);
      return writeClock(w, t);
    case "dateTime":
      w.u8(V.DateTime);
      writeCalendar(w, t);
      writeClock(w, t);
      return w.i32(t.offsetSeconds);
    case "localDateTime":
      w.u8(V.LocalDateTime);
      writeCalendar(w, t);
      return writeClock(w, t);
    case "duration":
      w.u8(V.Duration);
      for (const f of [t.months, t.days, t.seconds, t.nanoseconds]) writeInt64(w, f);
      return;
    case "point":
      return writePoint(w, t);
    case "vector":
      return writeVector(w, t);
    case "binary":
      w.u8(V.Binary);
      w.u64(t.segments.length);
      for (const s of t.segments) w.lengthPrefixed(s);
  }
}

function writeCalendar(w: ByteWriter, t: DateValue | LocalDateTimeValue | DateTimeValue): void {
  w.i32(t.year);
  w.u32(t.month);
  w.u32(t.day);
}

function writeClock(
  w: ByteWriter,
  t: LocalTimeValue | TimeValue | LocalDateTimeValue | DateTimeValue,
): void {
  w.u32(t.hour);
  w.u32(t.minute);
  w.u32(t.second);
  w.u32(t.nanosecond);
}

function writePoint(w: ByteWriter, p: PointValue): void {
  w.u8(V.Point);
  w.f64(p.x);
  w.f64(p.y);
  w.u8(p.z === undefined ? 0 : 1);
  if (p.z !== undefined) w.f64(p.z);
  w.u32(p.srid);
}

function writeVector(w: ByteWriter, v: VectorValue): void {
  const element = ELEMENTS[v.elementType];
  w.u8(V.Vector);
  w.u64(v.values.length);
  w.u8(element.tag);
  w.u64(v.values.length);
  for (const x of v.values) element.write(w, x);
}

interface ElementCodec {
  tag: number;
  bytes: number;
  write(w: ByteWriter, v: number | bigint): void;
  read(r: ByteReader): number | bigint;
}

// Values were checked by VectorValue, so the writers only narrow the type.
const ELEMENTS: Record<VectorElementType, ElementCodec> = {
  float64: { tag: 1, bytes: 8, write: (w, v) => w.f64(v as number), read: (r) => r.f64() },
  float32: { tag: 2, bytes: 4, write: (w, v) => w.f32(v as number), read: (r) => r.f32() },
  int64: { tag: 3, bytes: 8, write: writeInt64, read: (r) => intFromBigInt(r.i64()) },
  int32: { tag: 4, bytes: 4, write: (w, v) => w.i32(v as number), read: (r) => r.i32() },
  int16: { tag: 5, bytes: 2, write: writeI16, read: readI16 },
  int8: {
    tag: 6,
    bytes: 1,
    write: (w, v) => w.u8((v as number) & 0xff),
    read: (r) => (r.u8() << 24) >> 24,
  },
};
const ELEMENT_TYPE_OF_TAG = new Map(
  Object.entries(ELEMENTS).map(([type, e]) => [e.tag, type as VectorElementType]),
);

function writeI16(w: ByteWriter, v: number | bigint): void {
  w.u8((v as number) & 0xff);
  w.u8(((v as number) >> 8) & 0xff);
}

function readI16(r: ByteReader): number {
  const lo = r.u8();
  return (((r.u8() << 8) | lo) << 16) >> 16;
}

// ---- decoding ----------------------------------------------------------------------------

/** One value, with its tag. */
export function readValue(r: ByteReader): PropertyValue {
  return readValueAt(r, 0);
}

/** A property map, as writeProperties writes it. */
export function readProperties(r: ByteReader): Properties {
  return readEntries(r, 0);
}

/** A bool byte: 0 or 1, anything else refused. */
export function readBool(r: ByteReader, what: string): boolean {
  const at = r.position;
  const b = r.u8(what);
  if (b > 1) throw new SkeinError("DECODE", `${what} byte ${b} at byte ${at} is not 0 or 1`);
  return b === 1;
}

/** A map or property record: entries whose values sit at `depth`. */
function readEntries(r: ByteReader, depth: number): PropertyMap {
  const count = r.count("map entry count", 9); // each entry: u64 key length + value tag
  const map: PropertyMap = {};
  for (let i = 0; i < count; i++) {
    const at = r.position;
    const key = r.string("map key");
    if (Object.hasOwn(map, key)) {
      throw new SkeinError("DECODE", `duplicate map key ${describeValue(key)} at byte ${at}`);
    }
    setMapEntry(map, key, readValueAt(r, depth));
  }
  return map;
}

function readValueAt(r: ByteReader, depth: number): PropertyValue {
  const at = r.position;
  const tag = r.u8("value tag");
  switch (tag) {
    case V.Null:
      return null;
    case V.Bool:
      return readBool(r, "bool value");
    case V.Int:
      return intFromBigInt(r.i64("int value"));
    case V.Float: {
      const x = r.f64("float value");
      return Number.isInteger(x) ? new Float(x) : x; // integral (3.0, -0) stays a Float
    }
    case V.String:
      return r.string("string value");
    case V.List:
      return readList(r, innerDepth(depth, at));
    case V.Map:
      return readEntries(r, innerDepth(depth, at));
  }
  return readTagged(r, tag, at);
}

function innerDepth(depth: number, at: number): number {
  if (depth >= MAX_VALUE_DEPTH) {
    throw new SkeinError("DECODE", `value at byte ${at} nests deeper than ${MAX_VALUE_DEPTH}`);
  }
  return depth + 1;
}

function readList(r: ByteReader, depth: number): PropertyValue[] {
  const count = r.count("list length", 1);
  const list: PropertyValue[] = [];
  for (let i = 0; i < count; i++) list.push(readValueAt(r, depth));
  return list;
}

function readTagged(r: ByteReader, tag: number, at: number): PropertyValue {
  switch (tag) {
    case V.Date:
      return build(at, DateValue, readCalendar(r));
    case V.Time:
      return build(at, TimeValue, { ...readClock(r), offsetSeconds: r.i32("offsetSeconds") });
    case V.LocalTime:
      return build(at, LocalTimeValue, readClock(r));
    case V.DateTime: {
      const fields = { ...readCalendar(r), ...readClock(r), offsetSeconds: r.i32("offsetSeconds") };
      return build(at, DateTimeValue, fields);
    }
    case V.LocalDateTime:
      return build(at, LocalDateTimeValue, { ...readCalendar(r), ...readClock(r) });
    case V.Duration:
      return build(at, DurationValue, {
        months: intFromBigInt(r.i64("duration months")),
        days: intFromBigInt(r.i64("duration days")),
        seconds: intFromBigInt(r.i64("duration seconds")),
        nanoseconds: intFromBigInt(r.i64("duration nanoseconds")),
      });
    case V.Point:
      return readPoint(r, at);
    case V.Vector:
      return readVector(r, at);
    case V.Binary:
      return readBinary(r, at);
  }
  throw new SkeinError("DECODE", `unknown value tag ${tag} at byte ${at}`);
}

/** A tagged value from decoded fields; the class validates them, a refusal is a decode error. */
function build<F, T>(at: number, Class: new (fields: F) => T, fields: F): T {
  try {
    return new Class(fields);
  } catch (cause) {
    const why = cause instanceof Error ? cause.message : String(cause);
    throw new SkeinError("DECODE", `invalid value at byte ${at}: ${why}`, { cause });
  }
}

function readCalendar(r: ByteReader): { year: number; month: number; day: number } {
  return { year: r.i32("year"), month: r.u32("month"), day: r.u32("day") };
}

function readClock(r: ByteReader): {
  hour: number;
  minute: number;
  second: number;
  nanosecond: number;
} {
  return {
    hour: r.u32("hour"),
    minute: r.u32("minute"),
    second: r.u32("second"),
    nanosecond: r.u32("nanosecond"),
  };
}

function readPoint(r: ByteReader, at: number): PointValue {
  const x = r.f64("point x");
  const y = r.f64("point y");
  const hasZ = r.u8("point hasZ");
  if (hasZ > 1) {
    throw new SkeinError("DECODE", `point hasZ byte ${hasZ} at byte ${at + 17} is not 0 or 1`);
  }
  const z = hasZ === 1 ? r.f64("point z") : undefined;
  return build(at, PointValue, { x, y, z, srid: r.u32("point srid") });
}

function readVector(r: ByteReader, at: number): VectorValue {
  const dimension = r.u64("vector dimension");
  const typeTag = r.u8("vector element type");
  const type = ELEMENT_TYPE_OF_TAG.get(typeTag);
  if (type === undefined) {
    throw new SkeinError("DECODE", `unknown vector element type ${typeTag} at byte ${at + 9}`);
  }
  const element = ELEMENTS[type];
  const count = r.count("vector element count", element.bytes);
  if (BigInt(count) !== dimension) {
    throw new SkeinError(
      "DECODE",
      `vector at byte ${at} has dimension ${dimension} but ${count} elements`,
    );
  }
  const values: (number | bigint)[] = [];
  for (let i = 0; i < count; i++) values.push(element.read(r));
  return build(at, VectorValue, { elementType: type, values });
}

function readBinary(r: ByteReader, at: number): BinaryValue {
  const count = r.count("binary segment count", 8);
  const segments: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    segments.push(r.take(r.count("binary segment length", 1), "binary segment"));
  }
  return build(at, BinaryValue, { segments }); // BinaryValue copies out of the input
}
