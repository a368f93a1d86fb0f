// The JSON form of WAL records and their mutation events, for `skein wal dump`. Every value
// survives JSON.parse in any language: no number beyond 2^53 is written as a number, and
// values that plain JSON would blur are objects with exactly one "$" key:
//
//   null, true, "text", [..]          themselves
//   42                                an Int that is a safe integer
//   {"$int": "9223372036854775807"}   any other Int, in decimal
//   0.5, 1e+300                       a Float that is not integral (a fraction or exponent)
//   {"$float": 3}                     an integral Float; NaN, ±Infinity and -0 as the
//                                     strings "NaN", "Infinity", "-Infinity", "-0"
//   {"k": v, ...}                     a map; one whose only key starts with "$" is wrapped
//                                     as {"$map": {...}}, so it is never read as a tag
//   {"$date": {year, month, day}}, {"$localTime": {hour, minute, second, nanosecond}},
//   {"$time": {..., offsetSeconds}}, {"$localDateTime": {...}}, {"$dateTime": {...}},
//   {"$duration": {months, days, seconds, nanoseconds}}, {"$point": {x, y, z?, srid}},
//   {"$vector": {elementType, values}}  fields as the value classes name them; integers
//                                     beyond 2^53, -0, NaN and ±Infinity inside them as strings
//   {"$binary": ["<base64>", ...]}    one string per segment
//
// The tags for Int, Float, maps and binary are the ones the JSON Lines import reads.
import {
  Float,
  isTaggedValue,
  type MutationEvent,
  type PropertyValue,
  type TaggedValue,
  type WalRecordInfo,
} from "../index.js";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A number or bigint inside a tagged value: exact, and JSON.parse-safe. */
function fieldNumber(x: number | bigint): Json {
  if (typeof x === "bigint") return Number.isSafeInteger(Number(x)) ? Number(x) : `${x}`;
  if (Object.is(x, -0)) return "-0";
  return Number.isFinite(x) ? x : String(x);
}

function floatJson(x: number): Json {
  if (Object.is(x, -0)) return { $float: "-0" };
  if (!Number.isFinite(x)) return { $float: String(x) };
  return Number.isInteger(x) ? { $float: x } : x;
}

function base64(segment: Uint8Array): string {
  return Buffer.from(segment.buffer, segment.byteOffset, segment.byteLength).toString("base64");
}

function taggedJson(v: TaggedValue): Json {
  if (v instanceof Float) return floatJson(v.value);
  if (v.kind === "binary") return { $binary: v.segments.map(base64) };
  if (v.kind === "vector") {
    return { $vector: { elementType: v.elementType, values: v.values.map(fieldNumber) } };
  }
  const fields: { [key: string]: Json } = {};
  for (const [key, x] of Object.entries(v)) {
    if (key === "kind" || x === undefined) continue;
    fields[key] = typeof x === "number" || typeof x === "bigint" ? fieldNumber(x) : (x as Json);
  }
  return { [`$${v.kind}`]: fields };
}

/** One property value in the form above. */
export function valueJson(v: PropertyValue): Json {
  if (v === null || typeof v === "boolean" || typeof v === "string") return v;
  if (typeof v === "bigint") return Number.isSafeInteger(Number(v)) ? Number(v) : { $int: `${v}` };
  if (typeof v === "number") {
    if (Number.isSafeInteger(v) && !Object.is(v, -0)) return v;
    return floatJson(v);
  }
  if (Array.isArray(v)) return v.map(valueJson);
  if (v instanceof Uint8Array) return { $binary: [base64(v)] };
  if (isTaggedValue(v)) return taggedJson(v);
  const map: { [key: string]: Json } = {};
  for (const key of Object.keys(v)) {
    // defineProperty, not assignment: "__proto__" is a key like any other.
    Object.defineProperty(map, key, {
      value: valueJson(v[key] as PropertyValue),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  const keys = Object.keys(map);
  return keys.length === 1 && keys[0]!.startsWith("$") ? { $map: map } : map;
}

/** A mutation event with its values in the form above. */
export function eventJson(ev: MutationEvent): Json {
  const out: { [key: string]: Json } = {};
  for (const [key, x] of Object.entries(ev)) {
    out[key] =
      key === "properties" || key === "value" ? valueJson(x as PropertyValue) : (x as Json);
  }
  return out;
}

/** One record as `skein wal dump` prints it. */
export function recordJson(rec: WalRecordInfo): Json {
  const out: { [key: string]: Json } = {
    segmentId: rec.segmentId,
    offsetBytes: rec.offsetBytes,
    lengthBytes: rec.lengthBytes,
    kind: rec.kind,
    lsn: rec.lsn,
    txBeginLsn: rec.txBeginLsn,
  };
  if (rec.events !== undefined) out["events"] = rec.events.map(eventJson);
  if (rec.decodeError !== undefined) out["decodeError"] = { ...rec.decodeError };
  return out;
}
