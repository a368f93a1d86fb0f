// Property values as JSON text, exactly: the value encoding of the JSON Lines format, also
// used by CSV `json` columns. docs/import-export.md, "Values", is the spec; in short:
//
//   null, true, "text", [..], {..}   themselves (a map whose only key starts with "$" is
//                                    wrapped: {"$map": {...}}, so it is never read as a tag)
//   Int                              an integer literal, any size within int64: 3, -9223372036854775808
//   Float                            a literal with a fraction or exponent: 3.0, -0.0, 0.5, 1e+21;
//                                    NaN and ±Infinity as {"$float": "NaN" | "Infinity" | "-Infinity"}
//   date, localTime, time,           {"$date": "2024-02-29"} ... (temporal-text.ts)
//   localDateTime, dateTime
//   duration                         {"$duration": "P14M3DT3600.5S"}, or the four Int fields
//                                    {"$duration": {"months":..,"days":..,"seconds":..,"nanoseconds":..}}
//                                    when the nanoseconds cannot be the seconds' fraction
//   point                            {"$point": {"x": 1.0, "y": 2.0, "srid": 7203}} (+ "z" for 3D)
//   vector                           {"$vector": {"elementType": "float32", "values": [1.5, 2.0]}}
//   binary                           {"$binary": ["<base64 segment>", ...]}
//
// Reading also accepts {"$int": "<digits>"} and {"$float": <number>} for writers that cannot
// control their number literals, and temporal tags holding an object of the value's fields
// ({"$date": {"year": 2024, "month": 2, "day": 29}}, the form `skein wal dump` writes). Decoding builds values with the package's factories, so
// their validation (ranges, element types) applies; the store validates the rest when the
// value is written (int64 range, lone surrogates).
import {
  Float,
  binary,
  date,
  dateTime,
  duration,
  localDateTime,
  localTime,
  time,
  float,
  isTaggedValue,
  point,
  vector,
  type DateFields,
  type DateTimeFields,
  type DurationValue,
  type PropertyMap,
  type PropertyValue,
  type TaggedValue,
  type TimeFields,
  type VectorElementType,
} from "../index.js";
import { parseJson, type JsonObject, type JsonValue } from "./json-parse.js";
import { parseTemporal, temporalText, type TemporalKind } from "./temporal-text.js";

// ---- encoding ---------------------------------------------------------------------------

/** A Float as a JSON literal that reads back as a Float, or null for NaN and ±Infinity. */
export function floatLiteral(x: number): string | null {
  if (!Number.isFinite(x)) return null;
  if (Object.is(x, -0)) return "-0.0";
  const s = String(x);
  return /[.e]/.test(s) ? s : `${s}.0`;
}

function floatJson(x: number): string {
  return floatLiteral(x) ?? `{"$float":"${String(x)}"}`;
}

/** The exact JSON text of one property value. */
export function encodeValue(v: PropertyValue): string {
  switch (typeof v) {
    case "number":
      return Number.isSafeInteger(v) ? String(v === 0 ? 0 : v) : floatJson(v);
    case "bigint":
      return v.toString();
    case "string":
      return JSON.stringify(v);
    case "boolean":
      return v ? "true" : "false";
  }
  if (v === null) return "null";
  if (Array.isArray(v)) return `[${v.map(encodeValue).join(",")}]`;
  if (v instanceof Uint8Array) return `{"$binary":[${base64(v)}]}`;
  if (isTaggedValue(v)) return encodeTagged(v);
  const keys = Object.keys(v);
  const body = encodeMap(v);
  return keys.length === 1 && keys[0]!.startsWith("$") ? `{"$map":${body}}` : body;
}

/** A map's entries as a JSON object, values encoded; the map itself is never wrapped. */
export function encodeMap(map: PropertyMap): string {
  const parts: string[] = [];
  for (const key of Object.keys(map)) {
    parts.push(`${JSON.stringify(key)}:${encodeValue(map[key] as PropertyValue)}`);
  }
  return `{${parts.join(",")}}`;
}

function base64(segment: Uint8Array): string {
  return `"${Buffer.from(segment.buffer, segment.byteOffset, segment.byteLength).toString("base64")}"`;
}

function encodeTagged(v: TaggedValue): string {
  switch (v.kind) {
    case "float":
      return floatJson(v.value);
    case "date":
    case "localTime":
    case "time":
    case "localDateTime":
    case "dateTime":
      return `{"$${v.kind}":"${temporalText(v)}"}`;
    case "duration":
      return `{"$duration":${durationJson(v)}}`;
    case "point": {
      const z = v.z === undefined ? "" : `,"z":${floatJson(v.z)}`;
      return `{"$point":{"x":${floatJson(v.x)},"y":${floatJson(v.y)}${z},"srid":${v.srid}}}`;
    }
    case "vector": {
      const isFloat = v.elementType.startsWith("float");
      const values = v.values.map((x) => (isFloat ? floatJson(Number(x)) : String(x)));
      return `{"$vector":{"elementType":"${v.elementType}","values":[${values.join(",")}]}}`;
    }
    case "binary":
      return `{"$binary":[${v.segments.map(base64).join(",")}]}`;
  }
}

function durationJson(v: DurationValue): string {
  const text = temporalText(v);
  if (text !== null) return `"${text}"`;
  return `{"months":${v.months},"days":${v.days},"seconds":${v.seconds},"nanoseconds":${v.nanoseconds}}`;
}

// ---- decoding ---------------------------------------------------------------------------

/** A value from JSON text (a CSV `json` cell). Throws on bad JSON or a bad tag. */
export function parseValue(text: string): PropertyValue {
  return decodeValue(parseJson(text));
}

/** A property value from a parsed JSON tree, reading `$` tags. */
export function decodeValue(j: JsonValue): PropertyValue {
  if (typeof j !== "object" || j === null || j instanceof Float) return j;
  if (Array.isArray(j)) return j.map(decodeValue);
  const keys = Object.keys(j);
  if (keys.length === 1 && keys[0]!.startsWith("$")) return decodeTagged(keys[0]!, j[keys[0]!]!);
  return decodeMap(j);
}

/** A map's entries decoded; the object itself is not read as a tag. */
export function decodeMap(j: JsonObject): PropertyMap {
  const out = Object.create(null) as PropertyMap;
  for (const key of Object.keys(j)) out[key] = decodeValue(j[key]!);
  return out;
}

function tagError(tag: string, expected: string): TypeError {
  return new TypeError(`${tag} needs ${expected}`);
}

function object(tag: string, j: JsonValue): JsonObject {
  if (!isObject(j)) throw tagError(tag, "an object");
  return j;
}

function fieldsOnly(tag: string, o: JsonObject, allowed: readonly string[]): void {
  for (const k of Object.keys(o)) {
    if (!allowed.includes(k))
      throw new TypeError(`${tag} has an unknown field ${JSON.stringify(k)}`);
  }
}

const DATE_FIELDS = ["year", "month", "day"];
const CLOCK_FIELDS = ["hour", "minute", "second", "nanosecond"];

/**
 * A temporal tag: its ISO text, or an object of the value's own fields (the form
 * `skein wal dump` writes), each an integer; the factory checks the ranges.
 */
function temporal(
  kind: Exclude<TemporalKind, "duration">,
  make: (fields: Record<string, number>) => PropertyValue,
  allowed: readonly string[],
): (j: JsonValue) => PropertyValue {
  const tag = `$${kind}`;
  return (j) => {
    if (typeof j === "string") return parseTemporal(kind, j);
    if (!isObject(j)) throw tagError(tag, "a string (or an object of its fields)");
    fieldsOnly(tag, j, allowed);
    const fields: Record<string, number> = {};
    for (const k of Object.keys(j)) fields[k] = Number(intOf(`${tag} ${k}`, j[k]!));
    return make(fields);
  };
}

const DECODERS: ReadonlyMap<string, (j: JsonValue) => PropertyValue> = new Map<
  string,
  (j: JsonValue) => PropertyValue
>([
  ["$map", (j) => decodeMap(object("$map", j))],
  ["$float", decodeFloat],
  ["$int", decodeInt],
  ["$date", temporal("date", (f) => date(f as unknown as DateFields), DATE_FIELDS)],
  ["$localTime", temporal("localTime", (f) => localTime(f as unknown as TimeFields), CLOCK_FIELDS)],
  [
    "$time",
    temporal("time", (f) => time(f as unknown as TimeFields), [...CLOCK_FIELDS, "offsetSeconds"]),
  ],
  [
    "$localDateTime",
    temporal("localDateTime", (f) => localDateTime(f as unknown as DateTimeFields), [
      ...DATE_FIELDS,
      ...CLOCK_FIELDS,
    ]),
  ],
  [
    "$dateTime",
    temporal("dateTime", (f) => dateTime(f as unknown as DateTimeFields), [
      ...DATE_FIELDS,
      ...CLOCK_FIELDS,
      "offsetSeconds",
    ]),
  ],
  ["$duration", decodeDuration],
  ["$point", decodePoint],
  ["$vector", decodeVector],
  ["$binary", decodeBinary],
]);

function decodeTagged(tag: string, j: JsonValue): PropertyValue {
  const decode = DECODERS.get(tag);
  if (decode === undefined) {
    throw new TypeError(
      `unknown tag ${JSON.stringify(tag)} (a map whose only key starts with "$" is written {"$map": {...}})`,
    );
  }
  return decode(j);
}

const FLOAT_TEXT_RE = /^-?(?:NaN|Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)$/;

function isObject(j: JsonValue): j is JsonObject {
  return typeof j === "object" && j !== null && !Array.isArray(j) && !(j instanceof Float);
}

/**
 * A number from a JSON number, a Float, {"$float": ...}, or the text "NaN", "Infinity",
 * "-Infinity" or a decimal number.
 */
export function numberOf(what: string, j: JsonValue): number {
  if (typeof j === "number") return j;
  if (typeof j === "bigint") return Number(j);
  if (j instanceof Float) return j.value;
  if (typeof j === "string" && FLOAT_TEXT_RE.test(j) && j !== "-NaN") return Number(j);
  if (isObject(j) && Object.keys(j).length === 1 && j["$float"] !== undefined) {
    return numberOf(what, j["$float"]);
  }
  throw new TypeError(`${what} needs a number or "NaN", "Infinity", "-Infinity"`);
}

/** A Float value: a Float when integral (or -0), else the plain non-integral number. */
export function floatValue(x: number): PropertyValue {
  return Number.isInteger(x) ? float(x) : x;
}

function decodeFloat(j: JsonValue): PropertyValue {
  return floatValue(numberOf("$float", j));
}

function intOf(what: string, j: JsonValue): number | bigint {
  if (typeof j === "number" && Number.isSafeInteger(j)) return j;
  if (typeof j === "bigint") return j;
  if (typeof j === "string" && /^[+-]?\d+$/.test(j)) {
    const big = BigInt(j);
    return Number.isSafeInteger(Number(big)) ? Number(big) : big;
  }
  throw new TypeError(`${what} needs an integer`);
}

function decodeInt(j: JsonValue): PropertyValue {
  return intOf("$int", j);
}

function decodeDuration(j: JsonValue): PropertyValue {
  if (typeof j === "string") return parseTemporal("duration", j);
  const o = object("$duration", j);
  fieldsOnly("$duration", o, ["months", "days", "seconds", "nanoseconds"]);
  const field = (k: string): number | bigint =>
    o[k] === undefined ? 0 : intOf(`$duration ${k}`, o[k]);
  return duration({
    months: field("months"),
    days: field("days"),
    seconds: field("seconds"),
    nanoseconds: field("nanoseconds"),
  });
}

function decodePoint(j: JsonValue): PropertyValue {
  const o = object("$point", j);
  fieldsOnly("$point", o, ["x", "y", "z", "srid"]);
  const coord = (k: string): number => {
    if (o[k] === undefined) throw new TypeError(`$point needs "${k}"`);
    return numberOf(`$point ${k}`, o[k]);
  };
  const srid = o["srid"];
  if (typeof srid !== "number") throw new TypeError(`$point needs an integer "srid"`);
  const fields = { x: coord("x"), y: coord("y"), srid };
  return o["z"] === undefined ? point(fields) : point({ ...fields, z: coord("z") });
}

function decodeVector(j: JsonValue): PropertyValue {
  const o = object("$vector", j);
  fieldsOnly("$vector", o, ["elementType", "values"]);
  const elementType = o["elementType"];
  const values = o["values"];
  if (typeof elementType !== "string") throw new TypeError(`$vector needs an "elementType"`);
  if (!Array.isArray(values)) throw new TypeError(`$vector needs an array of "values"`);
  const isFloat = elementType.startsWith("float");
  const items = values.map((x, i) =>
    isFloat ? numberOf(`$vector value ${i}`, x) : intOf(`$vector value ${i}`, x),
  );
  return vector({ elementType: elementType as VectorElementType, values: items });
}

const BASE64_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function decodeBinary(j: JsonValue): PropertyValue {
  const segments = typeof j === "string" ? [j] : j;
  if (!Array.isArray(segments)) throw tagError("$binary", "an array of base64 strings");
  return binary({
    segments: segments.map((s, i) => {
      if (typeof s !== "string" || !BASE64_RE.test(s)) {
        throw new TypeError(`$binary segment ${i} is not base64`);
      }
      return new Uint8Array(Buffer.from(s, "base64"));
    }),
  });
}
