// The JSON description of a graph that the LoraDB interop scripts print and the interop
// test compares: lora-writer.ts prints the graph it meant to write, lora-reader.ts prints
// the graph LoraDB sees, lora-interop.test.ts builds the same description from Skein's
// events and values. One encoding for all three, so a difference is a real difference.
//
// It does not talk to either engine: converting to and from LoraDB values lives in the
// scripts, converting Skein values lives in the test.
//
// Why tags: plain JSON cannot tell an Int 3 from a Float 3.0, holds no int64 beyond 2^53,
// and has no dates, points, vectors or bytes. Every value that JSON would blur is an
// object with exactly one "$" key:
//
//   null, true, false, "text"         themselves
//   [v, ...]                          a list
//   {"$int": "-42"}                   an Int (int64), in decimal
//   {"$float": 3}                     a Float; NaN, ±Infinity and -0 are the strings
//                                     "NaN", "Infinity", "-Infinity", "-0"
//   {"$map": [["k", v], ...]}         a map; entries in ascending UTF-8 key order
//   {"$date": {year, month, day}}
//   {"$localTime": {hour, minute, second, nanosecond}}
//   {"$time": {hour, minute, second, nanosecond, offsetSeconds}}
//   {"$localDateTime": {year, month, day, hour, minute, second, nanosecond}}
//   {"$dateTime": {year, month, day, hour, minute, second, nanosecond, offsetSeconds}}
//   {"$duration": {months, days, seconds, nanoseconds}}    int64 fields, in decimal
//   {"$point": {x, y, z?, srid}}      coordinates as "$float" payloads; z only in 3D
//   {"$vector": {elementType, values}} elementType float64|float32|int64|int32|int16|int8;
//                                     float elements as "$float" payloads, integer
//                                     elements in decimal
//   {"$binary": ["01ff", ...]}        one lower-case hex string per segment
//
// Maps and properties are lists of [key, value] pairs, not JSON objects, so that a key
// such as "__proto__" or "$int" is data and the order is fixed.
//
// A graph: {"nodes": [{id, labels, properties}], "relationships": [{id, src, dst, type,
// properties}]}, nodes and relationships by ascending id, labels and keys in ascending
// UTF-8 order. `canonicalGraph` puts any description in that form.

export type JsonFloat = number | "NaN" | "Infinity" | "-Infinity" | "-0";
export type VectorElementType = "float64" | "float32" | "int64" | "int32" | "int16" | "int8";
export const VECTOR_ELEMENT_TYPES: readonly VectorElementType[] = [
  "float64",
  "float32",
  "int64",
  "int32",
  "int16",
  "int8",
];

export interface DateJson {
  year: number;
  month: number;
  day: number;
}
export interface LocalTimeJson {
  hour: number;
  minute: number;
  second: number;
  nanosecond: number;
}
export interface TimeJson extends LocalTimeJson {
  offsetSeconds: number;
}
export interface LocalDateTimeJson extends DateJson, LocalTimeJson {}
export interface DateTimeJson extends LocalDateTimeJson {
  offsetSeconds: number;
}
export interface DurationJson {
  months: string;
  days: string;
  seconds: string;
  nanoseconds: string;
}
export interface PointJson {
  x: JsonFloat;
  y: JsonFloat;
  z?: JsonFloat;
  srid: number;
}
export interface VectorJson {
  elementType: VectorElementType;
  /** JsonFloat payloads for float64/float32, decimal strings for the integer types. */
  values: Array<number | string>;
}

export type JsonEntries = Array<[string, JsonValue]>;
export type JsonValue =
  | null
  | boolean
  | string
  | JsonValue[]
  | { $int: string }
  | { $float: JsonFloat }
  | { $map: JsonEntries }
  | { $date: DateJson }
  | { $localTime: LocalTimeJson }
  | { $time: TimeJson }
  | { $localDateTime: LocalDateTimeJson }
  | { $dateTime: DateTimeJson }
  | { $duration: DurationJson }
  | { $point: PointJson }
  | { $vector: VectorJson }
  | { $binary: string[] };

export interface JsonNode {
  id: number;
  labels: string[];
  properties: JsonEntries;
}
export interface JsonRelationship {
  id: number;
  src: number;
  dst: number;
  type: string;
  properties: JsonEntries;
}
export interface JsonGraph {
  nodes: JsonNode[];
  relationships: JsonRelationship[];
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Ascending UTF-8 byte order, which is Unicode code point order (not UTF-16 order). */
export function compareUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

export function floatToJson(n: number): JsonFloat {
  if (Number.isNaN(n)) return "NaN";
  if (n === Infinity) return "Infinity";
  if (n === -Infinity) return "-Infinity";
  if (Object.is(n, -0)) return "-0";
  return n;
}

export function floatFromJson(f: JsonFloat): number {
  return typeof f === "number" ? f : f === "-0" ? -0 : Number(f);
}

export const jsonInt = (v: number | bigint | string): JsonValue => ({ $int: BigInt(v).toString() });
export const jsonFloat = (n: number): JsonValue => ({ $float: floatToJson(n) });
export const jsonMap = (entries: Record<string, JsonValue> | JsonEntries): JsonValue => ({
  $map: sortEntries(Array.isArray(entries) ? entries : Object.entries(entries)),
});
export const jsonBinary = (segments: Array<Uint8Array | number[]>): JsonValue => ({
  $binary: segments.map((s) => Buffer.from(s).toString("hex")),
});

export function sortEntries(entries: JsonEntries): JsonEntries {
  return entries
    .map(([k, v]): [string, JsonValue] => [k, canonicalValue(v)])
    .sort(([a], [b]) => compareUtf8(a, b));
}

/** The value with every map's entries sorted by key. */
export function canonicalValue(v: JsonValue): JsonValue {
  if (Array.isArray(v)) return v.map(canonicalValue);
  if (v !== null && typeof v === "object" && "$map" in v) return { $map: sortEntries(v.$map) };
  return v;
}

export function canonicalGraph(g: JsonGraph): JsonGraph {
  return {
    nodes: g.nodes
      .map((n) => ({
        id: n.id,
        labels: [...n.labels].sort(compareUtf8),
        properties: sortEntries(n.properties),
      }))
      .sort((a, b) => a.id - b.id),
    relationships: g.relationships
      .map((r) => ({
        id: r.id,
        src: r.src,
        dst: r.dst,
        type: r.type,
        properties: sortEntries(r.properties),
      }))
      .sort((a, b) => a.id - b.id),
  };
}

/** Canonical JSON text of a graph, one entity per line so diffs stay readable. */
export function formatGraph(g: JsonGraph): string {
  const c = canonicalGraph(g);
  const lines = (xs: unknown[]): string => xs.map((x) => "    " + JSON.stringify(x)).join(",\n");
  return (
    `{\n  "nodes": [\n${lines(c.nodes)}\n  ],\n` +
    `  "relationships": [\n${lines(c.relationships)}\n  ]\n}\n`
  );
}

/** Parses and validates a description; throws a TypeError naming the first bad spot. */
export function parseGraph(text: string): JsonGraph {
  const g: unknown = JSON.parse(text);
  const where = "graph";
  const obj = record(g, where);
  const nodes = list(obj["nodes"], `${where}.nodes`).map((n, i) => checkNode(n, `node[${i}]`));
  const rels = list(obj["relationships"], `${where}.relationships`).map((r, i) =>
    checkRelationship(r, `relationship[${i}]`),
  );
  return { nodes, relationships: rels };
}

function checkNode(n: unknown, where: string): JsonNode {
  const o = record(n, where);
  return {
    id: id(o["id"], `${where}.id`),
    labels: list(o["labels"], `${where}.labels`).map((l) => text(l, `${where}.labels`)),
    properties: entries(o["properties"], `${where}.properties`),
  };
}

function checkRelationship(r: unknown, where: string): JsonRelationship {
  const o = record(r, where);
  return {
    id: id(o["id"], `${where}.id`),
    src: id(o["src"], `${where}.src`),
    dst: id(o["dst"], `${where}.dst`),
    type: text(o["type"], `${where}.type`),
    properties: entries(o["properties"], `${where}.properties`),
  };
}

/** Throws unless `v` is a JsonValue; returns it typed. */
export function checkValue(v: unknown, where: string): JsonValue {
  if (v === null || typeof v === "boolean" || typeof v === "string") return v;
  if (Array.isArray(v)) return v.map((x, i) => checkValue(x, `${where}[${i}]`));
  const o = record(v, where);
  const keys = Object.keys(o);
  const tag = keys[0];
  if (keys.length !== 1 || tag === undefined) bad(where, "a tagged value has exactly one key");
  const body = o[tag];
  const at = `${where}.${tag}`;
  switch (tag) {
    case "$int":
      return { $int: decimal(body, at, INT64_MIN, INT64_MAX) };
    case "$float":
      return { $float: jsonFloatOf(body, at) };
    case "$map":
      return { $map: entries(body, at) };
    case "$date":
      return { $date: fields(body, at, ["year", "month", "day"]) as unknown as DateJson };
    case "$localTime":
      return { $localTime: fields(body, at, CLOCK) as unknown as LocalTimeJson };
    case "$time":
      return { $time: fields(body, at, [...CLOCK, "offsetSeconds"]) as unknown as TimeJson };
    case "$localDateTime":
      return { $localDateTime: fields(body, at, [...CALENDAR, ...CLOCK]) as never };
    case "$dateTime":
      return { $dateTime: fields(body, at, [...CALENDAR, ...CLOCK, "offsetSeconds"]) as never };
    case "$duration":
      return { $duration: checkDuration(body, at) };
    case "$point":
      return { $point: checkPoint(body, at) };
    case "$vector":
      return { $vector: checkVector(body, at) };
    case "$binary":
      return { $binary: list(body, at).map((s) => hexText(s, at)) };
    default:
      return bad(where, `unknown tag ${tag}`);
  }
}

const CALENDAR = ["year", "month", "day"];
const CLOCK = ["hour", "minute", "second", "nanosecond"];

function checkDuration(body: unknown, where: string): DurationJson {
  const o = exactKeys(body, where, ["months", "days", "seconds", "nanoseconds"]);
  const f = (k: string): string => decimal(o[k], `${where}.${k}`, INT64_MIN, INT64_MAX);
  return {
    months: f("months"),
    days: f("days"),
    seconds: f("seconds"),
    nanoseconds: f("nanoseconds"),
  };
}

function checkPoint(body: unknown, where: string): PointJson {
  const o = record(body, where);
  const hasZ = "z" in o;
  exactKeys(body, where, hasZ ? ["x", "y", "z", "srid"] : ["x", "y", "srid"]);
  const p: PointJson = {
    x: jsonFloatOf(o["x"], `${where}.x`),
    y: jsonFloatOf(o["y"], `${where}.y`),
    srid: id(o["srid"], `${where}.srid`),
  };
  if (hasZ) p.z = jsonFloatOf(o["z"], `${where}.z`);
  return p;
}

function checkVector(body: unknown, where: string): VectorJson {
  const o = exactKeys(body, where, ["elementType", "values"]);
  const type = o["elementType"];
  if (!VECTOR_ELEMENT_TYPES.includes(type as VectorElementType)) {
    bad(`${where}.elementType`, `not one of ${VECTOR_ELEMENT_TYPES.join(", ")}`);
  }
  const isFloat = type === "float64" || type === "float32";
  const values = list(o["values"], `${where}.values`).map((x) =>
    isFloat
      ? jsonFloatOf(x, `${where}.values`)
      : decimal(x, `${where}.values`, INT64_MIN, INT64_MAX),
  );
  return { elementType: type as VectorElementType, values };
}

function fields(body: unknown, where: string, names: string[]): Record<string, number> {
  const o = exactKeys(body, where, names);
  const out: Record<string, number> = {};
  for (const k of names) {
    const v = o[k];
    if (typeof v !== "number" || !Number.isSafeInteger(v)) bad(`${where}.${k}`, "not an integer");
    out[k] = v;
  }
  return out;
}

function entries(v: unknown, where: string): JsonEntries {
  return list(v, where).map((e, i) => {
    const pair = list(e, `${where}[${i}]`);
    if (pair.length !== 2) bad(`${where}[${i}]`, "an entry is a [key, value] pair");
    const key = text(pair[0], `${where}[${i}][0]`);
    return [key, checkValue(pair[1], `${where}[${i}][1]`)];
  });
}

function exactKeys(v: unknown, where: string, names: string[]): Record<string, unknown> {
  const o = record(v, where);
  const keys = Object.keys(o).sort();
  if (keys.join() !== [...names].sort().join()) bad(where, `keys must be ${names.join(", ")}`);
  return o;
}

function jsonFloatOf(v: unknown, where: string): JsonFloat {
  if (typeof v === "number") return v;
  if (v === "NaN" || v === "Infinity" || v === "-Infinity" || v === "-0") return v;
  return bad(where, "not a float");
}

function decimal(v: unknown, where: string, min: bigint, max: bigint): string {
  if (typeof v !== "string" || !/^-?(0|[1-9][0-9]*)$/.test(v) || v === "-0") {
    bad(where, "not a decimal integer string");
  }
  const n = BigInt(v);
  if (n < min || n > max) bad(where, "out of range");
  return v;
}

function hexText(v: unknown, where: string): string {
  if (typeof v !== "string" || !/^([0-9a-f]{2})*$/.test(v)) bad(where, "not lower-case hex");
  return v;
}

function id(v: unknown, where: string): number {
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0) bad(where, "not an id");
  return v;
}

function text(v: unknown, where: string): string {
  if (typeof v !== "string") bad(where, "not a string");
  return v;
}

function list(v: unknown, where: string): unknown[] {
  if (!Array.isArray(v)) bad(where, "not a list");
  return v as unknown[];
}

function record(v: unknown, where: string): Record<string, unknown> {
  if (typeof v !== "object" || v === null || Array.isArray(v)) bad(where, "not an object");
  return v as Record<string, unknown>;
}

function bad(where: string, why: string): never {
  throw new TypeError(`graph json: ${where}: ${why}`);
}
