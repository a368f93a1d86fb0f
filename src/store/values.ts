// The value model: what a property may hold (PropertyValue, maps, Properties) and the
// helpers every layer shares: classification and validation, equality, key order, and the
// safe installation of a map entry.
//
// It does not define the tagged kinds (tagged-values.ts holds their classes and
// factories; this file re-exports them so one import serves the whole model), does not encode bytes (lw1-values.ts does) and does not compare values the
// way Cypher does (null semantics, 1 = 1.0 belong to the query layer): `valuesEqual`
// answers "do these store the same value?".
//
// Maps: a map is an object whose prototype is Object.prototype or null; its entries are
// its own enumerable string keys. Maps the package builds (decoded or copied) are ordinary
// objects with Object.prototype, so they print and deep-compare like the literals users
// write. `setMapEntry` installs a key that names an Object.prototype member (`__proto__`,
// `constructor`, ...) with Object.defineProperty: it becomes an own data property, never a
// prototype change, and a frozen Object.prototype cannot make the write fail.
//
// Key order: ascending UTF-8 byte order (= Unicode code point order), the order of a Rust
// BTreeMap<String>, so LW1 encoding is deterministic and matches LoraDB byte for byte.
import { isUint8Array } from "node:util/types";
import { fitsI64 } from "../internal/bytes.js";
import type { BinaryValue, TaggedValue, VectorValue } from "./tagged-values.js";
import { describeValue, isTaggedValue } from "./tagged-values.js";

// The tagged kinds are part of the value model: importing values.ts gives all of it.
export * from "./tagged-values.js";

/**
 * Lists and maps nest at most this deep (a value inside 512 containers is the deepest).
 * Bounds the recursion of validation, encoding and decoding far from the stack's end.
 */
export const MAX_VALUE_DEPTH = 512;

export type PropertyValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | PropertyValue[]
  | PropertyMap
  | TaggedValue
  | Uint8Array; // written as a one-segment binary; reads give a BinaryValue
export interface PropertyMap {
  [key: string]: PropertyValue;
}
/** The properties of a node or relationship: a plain record, validated like a map. */
export type Properties = PropertyMap;

export type ValueKind =
  "null" | "boolean" | "int" | "string" | "list" | "map" | TaggedValue["kind"];

/** An object with prototype Object.prototype or null: the only objects that are maps. */
export function isPlainMap(v: object): boolean {
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Whether `s` has no lone surrogate; one would not survive UTF-8 (it becomes U+FFFD). */
export function isWellFormedString(s: string): boolean {
  return (s as string & { isWellFormed(): boolean }).isWellFormed();
}

/** The kind of one value, without looking inside lists and maps. */
export function valueKind(v: unknown): ValueKind {
  switch (typeof v) {
    case "boolean":
      return "boolean";
    case "number":
      return Number.isSafeInteger(v) ? "int" : "float";
    case "bigint":
      if (!fitsI64(v)) throw new RangeError(`integer ${v} does not fit int64`);
      return "int";
    case "string":
      if (!isWellFormedString(v)) throw new TypeError("string has a lone surrogate");
      return "string";
    case "object":
      if (v === null) return "null";
      if (isTaggedValue(v)) return v.kind;
      if (Array.isArray(v)) return "list";
      if (isUint8Array(v)) return "binary";
      if (isPlainMap(v)) return "map";
  }
  throw new TypeError(`${describeValue(v)} is not a property value`);
}

/** Throws TypeError/RangeError unless `v`, and everything inside it, is a property value. */
export function assertPropertyValue(v: unknown): asserts v is PropertyValue {
  checkValue(v, 0);
}

/** Throws unless `p` is a map of property values. */
export function assertProperties(p: unknown): asserts p is Properties {
  if (typeof p !== "object" || p === null || Array.isArray(p) || !isPlainMap(p)) {
    throw new TypeError(`properties must be a plain object, got ${describeValue(p)}`);
  }
  checkValue(p, 0);
}

function checkValue(v: unknown, depth: number): void {
  const kind = valueKind(v);
  if (kind !== "list" && kind !== "map") return;
  if (depth >= MAX_VALUE_DEPTH) throw new RangeError(`value nests deeper than ${MAX_VALUE_DEPTH}`);
  const items = kind === "list" ? (v as unknown[]) : Object.values(v as object);
  // Index loop, not for-of: a hole in a sparse list reads as undefined and is refused.
  for (let i = 0; i < items.length; i++) checkValue(items[i], depth + 1);
}

/**
 * Whether two valid values store the same: kinds must match (Int 1 ≠ Float 1.0), an
 * Int compares by value whatever its JS type (5n = 5), Floats compare with Object.is
 * (NaN = NaN, 0 ≠ -0), binaries compare segment by segment, maps ignore key order.
 */
export function valuesEqual(a: PropertyValue, b: PropertyValue): boolean {
  const kind = valueKind(a);
  if (kind !== valueKind(b)) return false;
  switch (kind) {
    case "int":
      return BigInt(a as number | bigint) === BigInt(b as number | bigint);
    case "float":
      return Object.is(Number(a), Number(b));
    case "list":
      return listsEqual(a as PropertyValue[], b as PropertyValue[]);
    case "map":
      return mapsEqual(a as PropertyMap, b as PropertyMap);
    case "binary":
      return segmentsEqual(segmentsOf(a), segmentsOf(b));
    case "vector": {
      const [x, y] = [a as VectorValue, b as VectorValue];
      return x.elementType === y.elementType && sameItems(x.values, y.values);
    }
    case "null":
    case "boolean":
    case "string":
      return a === b;
    default:
      return fieldsEqual(a as object, b as object);
  }
}

function listsEqual(a: PropertyValue[], b: PropertyValue[]): boolean {
  return a.length === b.length && a.every((x, i) => valuesEqual(x, b[i] as PropertyValue));
}

function mapsEqual(a: PropertyMap, b: PropertyMap): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every(
    (k) => Object.hasOwn(b, k) && valuesEqual(a[k] as PropertyValue, b[k] as PropertyValue),
  );
}

function segmentsOf(v: PropertyValue): readonly Uint8Array[] {
  return isUint8Array(v) ? [v] : (v as BinaryValue).segments;
}

function segmentsEqual(a: readonly Uint8Array[], b: readonly Uint8Array[]): boolean {
  return a.length === b.length && a.every((s, i) => Buffer.compare(s, b[i] as Uint8Array) === 0);
}

/** The same items in the same order (by Object.is); a loop, as label checks on write paths use it. */
export function sameItems(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

// Temporal kinds and points hold only normalised scalars, so own fields compare with Object.is.
function fieldsEqual(a: object, b: object): boolean {
  const keys = Object.keys(a);
  const other = b as Record<string, unknown>;
  return (
    sameItems(keys, Object.keys(b)) &&
    keys.every((k) => Object.is((a as Record<string, unknown>)[k], other[k]))
  );
}

/** Compares keys by their UTF-8 bytes (the LW1 and LoraDB order). */
export function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return utf8Rank(x) - utf8Rank(y);
  }
  return a.length - b.length;
}

// UTF-16 puts U+E000..U+FFFF above the surrogates, UTF-8 puts them below every code point
// beyond U+FFFF; shifting the two ranges past each other gives the UTF-8 order.
function utf8Rank(unit: number): number {
  if (unit < 0xd800) return unit;
  return unit < 0xe000 ? unit + 0x2000 : unit - 0x800;
}

/**
 * The map's keys in encoding order (not to be modified: it may be shared). Maps in bulk
 * come in a handful of shapes (the same keys in the same order, as the same string
 * instances), so the last few shapes seen and their orders are remembered.
 */
export function sortedKeys(map: object): readonly string[] {
  const keys = Object.keys(map);
  if (keys.length < 2) return keys;
  const known = knownShape(keys);
  if (known !== null) return known;
  let sorted: string[] = keys;
  for (let i = 1; i < keys.length; i++) {
    if (compareKeys(keys[i - 1]!, keys[i]!) > 0) {
      sorted = [...keys].sort(compareKeys);
      break;
    }
  }
  rememberShape(keys, sorted);
  return sorted;
}

const SHAPES = 8;
const shapeKeys: (readonly string[])[] = [];
const shapeOrders: (readonly string[])[] = [];
let nextShape = 0;

function knownShape(keys: readonly string[]): readonly string[] | null {
  next: for (let s = 0; s < shapeKeys.length; s++) {
    const k = shapeKeys[s]!;
    if (k.length !== keys.length) continue;
    for (let i = 0; i < k.length; i++) if (k[i] !== keys[i]) continue next;
    return shapeOrders[s]!;
  }
  return null;
}

function rememberShape(keys: readonly string[], sorted: readonly string[]): void {
  shapeKeys[nextShape] = keys;
  shapeOrders[nextShape] = sorted;
  nextShape = (nextShape + 1) % SHAPES;
}

/** Adds an entry as an own data property, whatever the key (see the header). */
export function setMapEntry(map: PropertyMap, key: string, value: PropertyValue): void {
  if (key in Object.prototype) {
    Object.defineProperty(map, key, {
      value,
      writable: true,
      enumerable: true,
      configurable: true,
    });
  } else {
    map[key] = value;
  }
}
