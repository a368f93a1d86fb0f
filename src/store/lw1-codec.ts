// The LW1 payload codec: the bytes of mutation events inside Mutation (kind 1) and
// MutationBatch (kind 6) records, exactly as LoraDB 0.15 writes them, so a log written by
// either engine replays in the other.
//
// It does not frame records, check CRCs or know LSNs (src/wal does) and does not apply
// events. Decoding is bounded and total: it returns events or throws a SkeinError, "DECODE"
// for malformed bytes and "WAL_UNSUPPORTED_EVENT" for a well-formed index or constraint
// change, and every count read is checked against the bytes that remain before anything is
// allocated for it. Encoding sits on the commit path, so it writes straight into the
// caller's ByteWriter without intermediate buffers; if it throws (an invalid event:
// TypeError/RangeError), the writer holds a partial payload that the caller must discard.
//
// Integers are little-endian. str = u64 byte length + UTF-8; bytes = u64 length + raw
// bytes; bool = u8 0 or 1 (any other byte is refused).
//
//   event payload  [0..4) magic "LW1\0" · [4..) one event
//   batch payload  [0..4) magic "LW1\0" · [4..12) u64 event count · [12..) the events
//   event          [0..1) u8 tag · [1..) fields by tag:
//      1 createNode                  u64 id · u64 label count, str each · properties
//      2 createRelationship          u64 id · u64 src · u64 dst · str type · properties
//      3 setNodeProperty             u64 node · str key · value
//      4 removeNodeProperty          u64 node · str key
//      5 addNodeLabel / 6 removeNodeLabel           u64 node · str label
//      7 setRelationshipProperty     u64 rel · str key · value
//      8 removeRelationshipProperty  u64 rel · str key
//      9 deleteRelationship u64 rel · 10 deleteNode u64 node · 11 detachDeleteNode u64 node
//     12 clear                       (no fields)
//     13 CreateIndex bytes request · bool ifNotExists  | read, then refused with
//     14 DropIndex str name · bool ifExists            | WAL_UNSUPPORTED_EVENT: Skein has
//     15 CreateConstraint bytes request · bool         | no indexes or constraints yet
//     16 DropConstraint str name · bool                |
//   properties, map  u64 count · count × (str key · value), keys ascending by UTF-8 bytes
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
import { isUint8Array } from "node:util/types";
import { ByteReader, ByteWriter, fitsI64 } from "../internal/bytes.js";
import { SkeinError } from "../internal/errors.js";
import type { MutationEvent, SchemaEvent, SchemaEventName } from "./events.js";
import type { PropertyMap, PropertyValue, TaggedValue, VectorElementType } from "./values.js";
import { BinaryValue, DateTimeValue, DateValue, DurationValue, Float } from "./values.js";
import { LocalDateTimeValue, LocalTimeValue, PointValue, TimeValue, VectorValue } from "./values.js";
import { MAX_VALUE_DEPTH, describeValue, intFromBigInt, isPlainMap } from "./values.js";
import { isTaggedValue, isWellFormedString, setMapEntry, sortedKeys } from "./values.js";

const MAGIC = 0x0031_574c; // "LW1\0" read as a little-endian u32
const TWO_32 = 0x1_0000_0000;

const enum V {
  Null = 0,
  Bool = 1,
  Int = 2,
  Float = 3,
  String = 4,
  List = 5,
  Map = 6,
  Date = 7,
  Time = 8,
  LocalTime = 9,
  DateTime = 10,
  LocalDateTime = 11,
  Duration = 12,
  Point = 13,
  Vector = 14,
  Binary = 15,
}

// ---- encoding ----------------------------------------------------------------------------

/** Magic, then one event. */
export function writeEventPayload(w: ByteWriter, ev: MutationEvent): void {
  w.u32(MAGIC);
  writeEvent(w, ev);
}

/** Magic, the event count, then the events. */
export function writeBatchPayload(w: ByteWriter, events: readonly MutationEvent[]): void {
  if (!Array.isArray(events)) throw new TypeError("a batch needs an array of events");
  w.u32(MAGIC);
  w.u64(events.length);
  for (const ev of events) writeEvent(w, ev);
}

export function encodeEventPayload(ev: MutationEvent): Uint8Array {
  const w = new ByteWriter();
  writeEventPayload(w, ev);
  return w.toBytes();
}

export function encodeBatchPayload(events: readonly MutationEvent[]): Uint8Array {
  const w = new ByteWriter();
  writeBatchPayload(w, events);
  return w.toBytes();
}

function writeEvent(w: ByteWriter, ev: MutationEvent): void {
  if (typeof ev !== "object" || ev === null) {
    throw new TypeError(`a mutation event must be an object, got ${describeValue(ev)}`);
  }
  switch (ev.kind) {
    case "createNode":
      w.u8(1);
      writeId(w, ev.id, "node id");
      writeLabels(w, ev.labels);
      writeProperties(w, ev.properties);
      return;
    case "createRelationship":
      w.u8(2);
      writeId(w, ev.id, "relationship id");
      writeId(w, ev.src, "source node id");
      writeId(w, ev.dst, "target node id");
      writeText(w, ev.type, "relationship type");
      writeProperties(w, ev.properties);
      return;
    case "setNodeProperty":
      writeTarget(w, 3, ev.nodeId, ev.key, "property key");
      writeValue(w, ev.value, 0);
      return;
    case "removeNodeProperty":
      return writeTarget(w, 4, ev.nodeId, ev.key, "property key");
    case "addNodeLabel":
      return writeTarget(w, 5, ev.nodeId, ev.label, "label");
    case "removeNodeLabel":
      return writeTarget(w, 6, ev.nodeId, ev.label, "label");
    case "setRelationshipProperty":
      writeTarget(w, 7, ev.relId, ev.key, "property key");
      writeValue(w, ev.value, 0);
      return;
    case "removeRelationshipProperty":
      return writeTarget(w, 8, ev.relId, ev.key, "property key");
    case "deleteRelationship":
      return writeTarget(w, 9, ev.relId);
    case "deleteNode":
      return writeTarget(w, 10, ev.nodeId);
    case "detachDeleteNode":
      return writeTarget(w, 11, ev.nodeId);
    case "clear":
      return w.u8(12);
  }
  const kind: unknown = (ev as { kind?: unknown }).kind;
  throw new TypeError(`unknown mutation event kind ${describeValue(kind)}`);
}

/** Tag, the id the event acts on, and the key or label if it has one. */
function writeTarget(w: ByteWriter, tag: number, id: number, text?: string, what = ""): void {
  w.u8(tag);
  writeId(w, id, tag === 9 || tag === 7 || tag === 8 ? "relationship id" : "node id");
  if (text !== undefined || what !== "") writeText(w, text, what);
}

function writeId(w: ByteWriter, id: number, what: string): void {
  if (!Number.isSafeInteger(id) || id < 0) {
    throw new RangeError(`${what} ${describeValue(id)} is not a non-negative safe integer`);
  }
  w.u64(id);
}

function writeText(w: ByteWriter, s: unknown, what: string): void {
  if (typeof s !== "string") throw new TypeError(`${what} must be a string, got ${describeValue(s)}`);
  if (!isWellFormedString(s)) throw new TypeError(`${what} ${describeValue(s)} has a lone surrogate`);
  w.string(s);
}

function writeLabels(w: ByteWriter, labels: unknown): void {
  if (!Array.isArray(labels)) throw new TypeError(`labels must be an array, got ${describeValue(labels)}`);
  w.u64(labels.length);
  for (let i = 0; i < labels.length; i++) writeText(w, labels[i], "label");
}

function writeProperties(w: ByteWriter, props: unknown): void {
  if (typeof props !== "object" || props === null || Array.isArray(props) || !isPlainMap(props)) {
    throw new TypeError(`properties must be a plain object, got ${describeValue(props)}`);
  }
  writeEntries(w, props, 0);
}

/** Count, then the entries in key order; their values sit at `depth`. */
function writeEntries(w: ByteWriter, map: object, depth: number): void {
  const keys = sortedKeys(map);
  w.u64(keys.length);
  for (const key of keys) {
    writeText(w, key, "map key");
    writeValue(w, (map as Record<string, unknown>)[key], depth);
  }
}

function writeValue(w: ByteWriter, v: unknown, depth: number): void {
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
    for (let i = 0; i < v.length; i++) writeValue(w, v[i], inner);
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

function writeClock(w: ByteWriter, t: LocalTimeValue | TimeValue | LocalDateTimeValue | DateTimeValue): void {
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
  int8: { tag: 6, bytes: 1, write: (w, v) => w.u8((v as number) & 0xff), read: (r) => (r.u8() << 24) >> 24 },
};
const ELEMENT_TYPES_BY_TAG = Object.keys(ELEMENTS) as VectorElementType[];

function writeI16(w: ByteWriter, v: number | bigint): void {
  w.u8((v as number) & 0xff);
  w.u8(((v as number) >> 8) & 0xff);
}

function readI16(r: ByteReader): number {
  const lo = r.u8();
  return (((r.u8() << 8) | lo) << 16) >> 16;
}
