// The runtime value model of the query engine: what an expression evaluates to, the
// predicates that tell the kinds apart, and the one way to make an Int or a Float.
//
// A runtime value is a property value (see src/store/values.ts) or a graph value (Node,
// Relationship, Path). Results of a query are these values directly, so nothing converts
// between a "query value" and a "result value". This file does not compute with values
// (arithmetic.ts, compare.ts and the function files do) and knows nothing of the syntax.
//
// Binaries: a BinaryValue, or a bare Uint8Array (one segment) as parameters may carry it;
// so every property value is a runtime value as it is, and property maps are value maps.
//
// Ints: a safe-integer number, or a bigint only outside the safe range (within int64).
// Floats: a number that is not a safe integer (1.5, NaN, ±Infinity, 2^60 as a number), or
// a `Float` instance for an integral float (3.0, -0.0). `makeFloat` and `makeInt` are the
// only producers, so no computation can hand out an integral float as a bare number.
import { Node, Path, Relationship } from "../../store/entities.js";
import { isUint8Array } from "node:util/types";
import type { BinaryValue, TaggedValue } from "../../store/tagged-values.js";
import { Float, intFromBigInt, isTaggedValue } from "../../store/tagged-values.js";
import { overflow } from "./errors.js";

export type Value =
  | null
  | boolean
  | number
  | bigint
  | string
  | readonly Value[]
  | ValueMap
  | TaggedValue
  | Uint8Array
  | Node
  | Relationship
  | Path;

/** A map value: a plain object whose own enumerable string keys are its entries. */
export interface ValueMap {
  readonly [key: string]: Value;
}

/** What `kindOf` answers: one word per runtime type, tagged kinds by their `kind`. */
export type RuntimeKind =
  | "null"
  | "boolean"
  | "int"
  | "float"
  | "string"
  | "list"
  | "map"
  | "node"
  | "relationship"
  | "path"
  | Exclude<TaggedValue["kind"], "float">;

const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;

/** The kind of a value, without looking inside lists and maps. */
export function kindOf(v: Value): RuntimeKind {
  switch (typeof v) {
    case "number":
      return Number.isSafeInteger(v) ? "int" : "float";
    case "string":
      return "string";
    case "boolean":
      return "boolean";
    case "bigint":
      return "int";
  }
  if (v === null) return "null";
  if (Array.isArray(v)) return "list";
  if (v instanceof Node) return "node";
  if (v instanceof Relationship) return "relationship";
  if (v instanceof Path) return "path";
  if (isTaggedValue(v)) return v.kind;
  return isUint8Array(v) ? "binary" : "map";
}

export function isInt(v: Value): v is number | bigint {
  return typeof v === "number" ? Number.isSafeInteger(v) : typeof v === "bigint";
}

export function isFloat(v: Value): v is number | Float {
  return typeof v === "number" ? !Number.isSafeInteger(v) : v instanceof Float;
}

/** Whether `v` is an Int or a Float. */
export function isNumber(v: Value): v is number | bigint | Float {
  return typeof v === "number" || typeof v === "bigint" || v instanceof Float;
}

export function isList(v: Value): v is readonly Value[] {
  return Array.isArray(v);
}

/** Whether `v` is a map (not a node, relationship, path or tagged value). */
export function isMap(v: Value): v is ValueMap {
  return (
    typeof v === "object" &&
    v !== null &&
    !Array.isArray(v) &&
    !(v instanceof Node) &&
    !(v instanceof Relationship) &&
    !(v instanceof Path) &&
    !isTaggedValue(v) &&
    !isUint8Array(v)
  );
}

/** The bytes of a binary value, whichever of its two forms it has. */
export function binarySegments(v: BinaryValue | Uint8Array): readonly Uint8Array[] {
  return isUint8Array(v) ? [v] : v.segments;
}

export function isNode(v: Value): v is Node {
  return v instanceof Node;
}

export function isRelationship(v: Value): v is Relationship {
  return v instanceof Relationship;
}

export function isPath(v: Value): v is Path {
  return v instanceof Path;
}

/** The JS number of an Int or Float (a bigint rounds to the nearest double). */
export function numberValue(v: number | bigint | Float): number {
  return typeof v === "number" ? v : typeof v === "bigint" ? Number(v) : v.value;
}

/** A Float holding `x`: the bare number when it cannot be mistaken for an Int. */
export function makeFloat(x: number): number | Float {
  return Number.isInteger(x) && Math.abs(x) <= Number.MAX_SAFE_INTEGER ? new Float(x) : x;
}

/**
 * An Int from an integral number or a bigint, in its one form (a number when safe, -0 as
 * 0). Raises IntegerOverflow outside int64; a non-integral number is a programming error.
 */
export function makeInt(x: number | bigint): number | bigint {
  if (typeof x === "number") {
    if (Number.isSafeInteger(x)) return x + 0; // + 0 turns -0 into 0
    if (!Number.isInteger(x)) throw new RangeError(`${x} is not an integer`);
    x = BigInt(x);
  }
  if (x < I64_MIN || x > I64_MAX) throw overflow(`integer ${x} does not fit in 64 bits`);
  return intFromBigInt(x);
}

/** An Int's bigint, for the slow paths of exact arithmetic and comparison. */
export function bigIntOf(v: number | bigint): bigint {
  return typeof v === "bigint" ? v : BigInt(v);
}

const TAGGED_TYPE_NAMES: Readonly<Record<Exclude<TaggedValue["kind"], "float">, string>> = {
  date: "DATE",
  localTime: "LOCAL TIME",
  time: "ZONED TIME",
  localDateTime: "LOCAL DATETIME",
  dateTime: "ZONED DATETIME",
  duration: "DURATION",
  point: "POINT",
  vector: "VECTOR",
  binary: "BINARY",
};

/** The Cypher name of a value's type, as error messages show it ("INTEGER", "LIST", ...). */
export function cypherTypeName(v: Value): string {
  const kind = kindOf(v);
  switch (kind) {
    case "int":
      return "INTEGER";
    case "float":
    case "null":
    case "boolean":
    case "string":
    case "list":
    case "map":
    case "node":
    case "relationship":
    case "path":
      return kind.toUpperCase();
    default:
      return TAGGED_TYPE_NAMES[kind];
  }
}
