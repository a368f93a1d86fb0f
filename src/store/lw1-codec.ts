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
import {
  LocalDateTimeValue,
  LocalTimeValue,
  PointValue,
  TimeValue,
  VectorValue,
} from "./values.js";
import { MAX_VALUE_DEPTH, describeValue, intFromBigInt, isPlainMap } from "./values.js";
import { isTaggedValue, isWellFormedString, setMapEntry, sortedKeys } from "./values.js";

const MAGIC = 0x0031_574c; // "LW1\0" read as a little-endian u32
const TWO_32 = 0x1_0000_0000;

/** Value tags. */
const V = {
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
  for (const ev of events as readonly MutationEvent[]) writeEvent(w, ev);
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
      writeHead(w, 3, ev.nodeId, "node id");
      writeText(w, ev.key, "property key");
      return writeValue(w, ev.value, 0);
    case "removeNodeProperty":
      writeHead(w, 4, ev.nodeId, "node id");
      return writeText(w, ev.key, "property key");
    case "addNodeLabel":
      writeHead(w, 5, ev.nodeId, "node id");
      return writeText(w, ev.label, "label");
    case "removeNodeLabel":
      writeHead(w, 6, ev.nodeId, "node id");
      return writeText(w, ev.label, "label");
    case "setRelationshipProperty":
      writeHead(w, 7, ev.relId, "relationship id");
      writeText(w, ev.key, "property key");
      return writeValue(w, ev.value, 0);
    case "removeRelationshipProperty":
      writeHead(w, 8, ev.relId, "relationship id");
      return writeText(w, ev.key, "property key");
    case "deleteRelationship":
      return writeHead(w, 9, ev.relId, "relationship id");
    case "deleteNode":
      return writeHead(w, 10, ev.nodeId, "node id");
    case "detachDeleteNode":
      return writeHead(w, 11, ev.nodeId, "node id");
    case "clear":
      return w.u8(12);
  }
  const kind: unknown = (ev as { kind?: unknown }).kind;
  throw new TypeError(`unknown mutation event kind ${describeValue(kind)}`);
}

/** An event's tag and the id it acts on. */
function writeHead(w: ByteWriter, tag: number, id: number, what: string): void {
  w.u8(tag);
  writeId(w, id, what);
}

function writeId(w: ByteWriter, id: number, what: string): void {
  if (!Number.isSafeInteger(id) || id < 0) {
    throw new RangeError(`${what} ${describeValue(id)} is not a non-negative safe integer`);
  }
  w.u64(id);
}

function writeText(w: ByteWriter, s: unknown, what: string): void {
  if (typeof s !== "string") {
    throw new TypeError(`${what} must be a string, got ${describeValue(s)}`);
  }
  if (!isWellFormedString(s))
    throw new TypeError(`${what} ${describeValue(s)} has a lone surrogate`);
  w.string(s);
}

function writeLabels(w: ByteWriter, labels: unknown): void {
  if (!Array.isArray(labels)) {
    throw new TypeError(`labels must be an array, got ${describeValue(labels)}`);
  }
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

export function decodeEventPayload(bytes: Uint8Array): MutationEvent {
  const r = new ByteReader(bytes);
  readMagic(r);
  const ev = readEvent(r);
  r.expectEnd("mutation event");
  if (ev.kind === "schema") throw unsupported(ev);
  return ev;
}

/** The batch's events; a schema change in it is refused only once the whole batch parsed. */
export function decodeBatchPayload(bytes: Uint8Array): MutationEvent[] {
  const r = new ByteReader(bytes);
  readMagic(r);
  const count = r.count("event count", 1);
  const events: MutationEvent[] = [];
  let refused: SchemaEvent | undefined;
  for (let i = 0; i < count; i++) {
    const ev = readEvent(r);
    if (ev.kind !== "schema") events.push(ev);
    else refused ??= ev;
  }
  r.expectEnd("mutation batch");
  if (refused !== undefined) throw unsupported(refused);
  return events;
}

function unsupported(ev: SchemaEvent): SkeinError {
  return new SkeinError(
    "WAL_UNSUPPORTED_EVENT",
    `unsupported mutation event ${ev.name} (tag ${ev.tag}): ${ev.subject} are not supported yet`,
  );
}

function readMagic(r: ByteReader): void {
  const magic = r.take(4, "payload magic");
  if (magic[0] !== 0x4c || magic[1] !== 0x57 || magic[2] !== 0x31 || magic[3] !== 0) {
    const hex = Buffer.from(magic).toString("hex");
    throw new SkeinError("DECODE", `bad payload magic 0x${hex} (expected "LW1\\0")`);
  }
}

function readEvent(r: ByteReader): MutationEvent | SchemaEvent {
  const at = r.position;
  const tag = r.u8("event tag");
  switch (tag) {
    case 1:
      return {
        kind: "createNode",
        id: r.safeU64("node id"),
        labels: readLabels(r),
        properties: readEntries(r, 0),
      };
    case 2:
      return {
        kind: "createRelationship",
        id: r.safeU64("relationship id"),
        src: r.safeU64("source node id"),
        dst: r.safeU64("target node id"),
        type: r.string("relationship type"),
        properties: readEntries(r, 0),
      };
    case 3:
      return { kind: "setNodeProperty", ...readNodeKey(r), value: readValue(r, 0) };
    case 4:
      return { kind: "removeNodeProperty", ...readNodeKey(r) };
    case 5:
      return { kind: "addNodeLabel", ...readNodeLabel(r) };
    case 6:
      return { kind: "removeNodeLabel", ...readNodeLabel(r) };
    case 7:
      return { kind: "setRelationshipProperty", ...readRelKey(r), value: readValue(r, 0) };
    case 8:
      return { kind: "removeRelationshipProperty", ...readRelKey(r) };
    case 9:
      return { kind: "deleteRelationship", relId: r.safeU64("relationship id") };
    case 10:
      return { kind: "deleteNode", nodeId: r.safeU64("node id") };
    case 11:
      return { kind: "detachDeleteNode", nodeId: r.safeU64("node id") };
    case 12:
      return { kind: "clear" };
  }
  const schema = SCHEMA_EVENTS[tag - 13];
  if (schema === undefined) {
    throw new SkeinError("DECODE", `unknown event tag ${tag} at byte ${at}`);
  }
  return readSchemaEvent(r, tag, ...schema);
}

function readNodeKey(r: ByteReader): { nodeId: number; key: string } {
  return { nodeId: r.safeU64("node id"), key: r.string("property key") };
}

function readNodeLabel(r: ByteReader): { nodeId: number; label: string } {
  return { nodeId: r.safeU64("node id"), label: r.string("label") };
}

function readRelKey(r: ByteReader): { relId: number; key: string } {
  return { relId: r.safeU64("relationship id"), key: r.string("property key") };
}

const SCHEMA_EVENTS: readonly [SchemaEventName, SchemaEvent["subject"]][] = [
  ["CreateIndex", "indexes"],
  ["DropIndex", "indexes"],
  ["CreateConstraint", "constraints"],
  ["DropConstraint", "constraints"],
];

/** Reads a schema change through to its end, so a malformed one is a decode error. */
function readSchemaEvent(
  r: ByteReader,
  tag: number,
  name: SchemaEventName,
  subject: SchemaEvent["subject"],
): SchemaEvent {
  if (name.startsWith("Create")) r.take(r.count(`${name} request length`, 1), `${name} request`);
  else r.string(`${name} name`);
  readBool(r, `${name} flag`);
  return { kind: "schema", name, tag, subject };
}

function readBool(r: ByteReader, what: string): boolean {
  const at = r.position;
  const b = r.u8(what);
  if (b > 1) throw new SkeinError("DECODE", `${what} byte ${b} at byte ${at} is not 0 or 1`);
  return b === 1;
}

function readLabels(r: ByteReader): string[] {
  const count = r.count("label count", 8);
  const labels: string[] = [];
  for (let i = 0; i < count; i++) labels.push(r.string("label"));
  return labels;
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
    setMapEntry(map, key, readValue(r, depth));
  }
  return map;
}

function readValue(r: ByteReader, depth: number): PropertyValue {
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
  for (let i = 0; i < count; i++) list.push(readValue(r, depth));
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
