// Canonical, frozen copies of property values, made once when a value enters the graph.
// One value has one representation (a safe-integer bigint is a number, -0 as an Int is 0,
// an integral number too large to be an Int is a Float, a bare Uint8Array is a one-segment
// binary), and lists and maps are frozen, so the graph can hand the same object to every
// reader without copying and no reader can change the graph behind its back.
// Validation is the value model's (values.ts); this file only builds.
import { isUint8Array } from "node:util/types";
import {
  BinaryValue,
  DateTimeValue,
  Float,
  MAX_VALUE_DEPTH,
  intFromBigInt,
  isPlainMap,
  isTaggedValue,
  setMapEntry,
  sortedKeys,
  isWellFormedString,
  valueKind,
  describeValue,
  type Properties,
  type PropertyValue,
} from "./values.js";

const EMPTY: Properties = Object.freeze({});

export function canonicalValue(v: unknown, depth = 0): PropertyValue {
  switch (typeof v) {
    case "number":
      if (Number.isSafeInteger(v)) return v === 0 ? 0 : v;
      return Number.isInteger(v) ? new Float(v) : v;
    case "bigint":
      valueKind(v); // range check
      return intFromBigInt(v);
    case "string":
    case "boolean":
      valueKind(v);
      return v;
  }
  if (v === null) return null;
  if (typeof v !== "object") throw new TypeError(`${describeValue(v)} is not a property value`);
  // A non-integral Float is a plain number, as it would read back from disk.
  if (isTaggedValue(v)) {
    if (v instanceof Float) return Number.isInteger(v.value) ? v : v.value;
    // A zone id lives in memory only: stored as the log and snapshots store it (the
    // offset), so a read before and after reopening gives the same value.
    if (v instanceof DateTimeValue && v.timeZoneId !== undefined) return withoutZone(v);
    return v;
  }
  if (depth >= MAX_VALUE_DEPTH) throw new RangeError(`value nests deeper than ${MAX_VALUE_DEPTH}`);
  if (Array.isArray(v)) {
    const out: PropertyValue[] = new Array<PropertyValue>(v.length);
    for (let i = 0; i < v.length; i++) out[i] = canonicalValue(v[i], depth + 1);
    return Object.freeze(out) as PropertyValue[];
  }
  if (isUint8Array(v)) return new BinaryValue({ segments: [v.slice()] });
  if (isPlainMap(v)) return canonicalMap(v, depth + 1);
  throw new TypeError(`${describeValue(v)} is not a property value`);
}

/**
 * A frozen canonical copy of a map; the shared frozen empty map when it has no keys left.
 * With `dropNulls`, an entry whose value is null is left out.
 */
function canonicalMap(m: object, depth: number, dropNulls = false): Properties {
  const keys = sortedKeys(m);
  if (keys.length === 0) return EMPTY;
  const out: Properties = {};
  let kept = 0;
  // Inserted in encoding order, so the encoder finds the keys sorted already.
  for (const key of keys) {
    const value = canonicalValue((m as Record<string, unknown>)[key], depth);
    if (value === null && dropNulls) continue;
    if (plainKeys.has(key)) out[key] = value;
    else addCheckedEntry(out, key, value);
    kept++;
  }
  return kept === 0 ? EMPTY : Object.freeze(out);
}

/**
 * Keys seen before that are well formed and not Object.prototype's: the few keys a graph
 * uses recur millions of times, so each is checked once. Bounded, since keys can be data.
 */
const plainKeys = new Set<string>();
const PLAIN_KEYS_MAX = 4096;

function addCheckedEntry(out: Properties, key: string, value: PropertyValue): void {
  if (!isWellFormedString(key)) {
    throw new TypeError(`property key ${describeValue(key)} has a lone surrogate`);
  }
  setMapEntry(out, key, value);
  if (!(key in Object.prototype) && plainKeys.size < PLAIN_KEYS_MAX) plainKeys.add(key);
}

function withoutZone(v: DateTimeValue): DateTimeValue {
  const { year, month, day, hour, minute, second, nanosecond, offsetSeconds } = v;
  return new DateTimeValue({ year, month, day, hour, minute, second, nanosecond, offsetSeconds });
}

/** A frozen canonical copy of a property map; the shared empty map when there is nothing. */
export function canonicalProperties(p: unknown): Properties {
  return canonicalPropertyMap(p, false);
}

/**
 * As `canonicalProperties`, for the properties an entity is created with: a top-level null
 * is an absent property, so creating with {x: null} stores no x.
 */
export function canonicalCreateProperties(p: unknown): Properties {
  return canonicalPropertyMap(p, true);
}

function canonicalPropertyMap(p: unknown, dropNulls: boolean): Properties {
  if (p === undefined) return EMPTY;
  if (typeof p !== "object" || p === null || Array.isArray(p) || !isPlainMap(p)) {
    throw new TypeError(`properties must be a plain object, got ${describeValue(p)}`);
  }
  return canonicalMap(p, 0, dropNulls);
}

/**
 * Freeze a property map, and the lists and maps inside it, in place. For values that are
 * canonical already and owned by nobody else (decoded from the log or a snapshot).
 */
export function frozenProperties(p: Properties): Properties {
  if (Object.isFrozen(p)) return p;
  let any = false;
  for (const key in p) {
    any = true;
    deepFreeze(p[key]);
  }
  return any ? Object.freeze(p) : EMPTY;
}

function deepFreeze(v: unknown): void {
  if (typeof v !== "object" || v === null || Object.isFrozen(v)) return;
  if (Array.isArray(v)) for (const x of v) deepFreeze(x);
  else if (isPlainMap(v)) for (const k in v) deepFreeze((v as Record<string, unknown>)[k]);
  else return;
  Object.freeze(v);
}

/** A copy of frozen `props` with `key` set (or removed when `value` is undefined), frozen. */
export function withProperty(
  props: Properties,
  key: string,
  value: PropertyValue | undefined,
): Properties {
  const out: Properties = {};
  for (const k of Object.keys(props)) {
    if (k !== key) setMapEntry(out, k, props[k] as PropertyValue);
  }
  if (value !== undefined) setMapEntry(out, key, value);
  return Object.keys(out).length === 0 ? EMPTY : Object.freeze(out);
}

export function hasOwn(props: Properties, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(props, key);
}
