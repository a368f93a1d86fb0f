// ORDER BY's total order over every value (openCypher's orderability), also used by min()
// and max(). Unlike `<`, it never answers "unknown": values of different types are ordered
// by type, in this order (ascending):
//
//   map < node < relationship < list < path < zoned date-time < local date-time < date
//   < zoned time < local time < duration < point < vector < binary < string < boolean
//   < number < null
//
// Within a type: maps by size, then by their sorted keys, then by the values in key order;
// nodes and relationships by id; lists and paths element by element, a prefix first;
// strings by code point; false < true; numbers by value with NaN after every other number
// (1 and 1.0 tie); temporal values as temporal-compare.ts orders them; points by srid then
// coordinates; vectors and binaries element by element. Ties (answer 0) are exactly the
// equivalent values of group-key.ts, so a stable sort keeps them in input order.
import type { Node, Path, Relationship } from "../../store/entities.js";
import type {
  BinaryValue,
  DurationValue,
  PointValue,
  VectorValue,
} from "../../store/tagged-values.js";
import { Float } from "../../store/tagged-values.js";
import { compareKeys, sortedKeys } from "../../store/values.js";
import { compareNumbers, compareStrings } from "./compare.js";
import type { ComparableTemporal } from "./temporal-compare.js";
import { compareDurations, compareTemporal } from "./temporal-compare.js";
import type { RuntimeKind, Value, ValueMap } from "./types.js";
import { binarySegments, kindOf } from "./types.js";

const RANK: Readonly<Record<RuntimeKind, number>> = {
  map: 0,
  node: 1,
  relationship: 2,
  list: 3,
  path: 4,
  dateTime: 5,
  localDateTime: 6,
  date: 7,
  time: 8,
  localTime: 9,
  duration: 10,
  point: 11,
  vector: 12,
  binary: 13,
  string: 14,
  boolean: 15,
  int: 16,
  float: 16,
  null: 17,
};

/** The ORDER BY order of `a` and `b`: negative, 0 or positive, for every pair of values. */
export function orderCompare(a: Value, b: Value): number {
  if (typeof a === "number" && typeof b === "number") {
    if (a < b) return -1;
    if (a > b) return 1;
    return a === b ? 0 : orderNumbers(a, b); // NaN involved
  }
  if (typeof a === "string" && typeof b === "string") return compareStrings(a, b);
  const kind = kindOf(a);
  const rank = RANK[kind];
  const diff = rank - RANK[kindOf(b)];
  if (diff !== 0) return diff;
  switch (kind) {
    case "int":
    case "float":
      return orderNumbers(a as number | bigint | Float, b as number | bigint | Float);
    case "string":
      return compareStrings(a as string, b as string);
    case "boolean":
      return Number(a) - Number(b);
    case "null":
      return 0;
    case "list":
      return orderLists(a as readonly Value[], b as readonly Value[]);
    case "map":
      return orderMaps(a as ValueMap, b as ValueMap);
    case "node":
    case "relationship":
      return (a as Node | Relationship).id - (b as Node | Relationship).id;
    case "path":
      return orderPaths(a as Path, b as Path);
    case "duration":
      return compareDurations(a as DurationValue, b as DurationValue);
    case "point":
      return orderPoints(a as PointValue, b as PointValue);
    case "vector":
      return orderVectors(a as VectorValue, b as VectorValue);
    case "binary":
      return orderBinaries(a as BinaryValue, b as BinaryValue);
    default:
      return compareTemporal(a as ComparableTemporal, b as ComparableTemporal);
  }
}

function orderNumbers(a: number | bigint | Float, b: number | bigint | Float): number {
  const c = compareNumbers(a, b);
  if (c === c) return c; // not NaN
  const aNaN = Number.isNaN(a instanceof Float ? a.value : a);
  const bNaN = Number.isNaN(b instanceof Float ? b.value : b);
  return aNaN === bNaN ? 0 : aNaN ? 1 : -1;
}

function orderLists(a: readonly Value[], b: readonly Value[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = orderCompare(a[i] as Value, b[i] as Value);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

function orderMaps(a: ValueMap, b: ValueMap): number {
  const keysA = sortedKeys(a);
  const keysB = sortedKeys(b);
  if (keysA.length !== keysB.length) return keysA.length - keysB.length;
  for (let i = 0; i < keysA.length; i++) {
    const c = compareKeys(keysA[i] as string, keysB[i] as string);
    if (c !== 0) return c;
  }
  for (const key of keysA) {
    const c = orderCompare(a[key] as Value, b[key] as Value);
    if (c !== 0) return c;
  }
  return 0;
}

// A path is the sequence node, relationship, node, ...; the positions hold the same kind in
// both paths, so comparing ids position by position is comparing the sequences.
function orderPaths(a: Path, b: Path): number {
  const n = Math.min(a.relationships.length, b.relationships.length);
  for (let i = 0; i <= n; i++) {
    const c = (a.nodes[i]?.id ?? 0) - (b.nodes[i]?.id ?? 0);
    if (c !== 0) return c;
    if (i === n) break;
    const r = (a.relationships[i]?.id ?? 0) - (b.relationships[i]?.id ?? 0);
    if (r !== 0) return r;
  }
  return a.relationships.length - b.relationships.length;
}

function orderPoints(a: PointValue, b: PointValue): number {
  return (
    a.srid - b.srid ||
    orderNumbers(a.x, b.x) ||
    orderNumbers(a.y, b.y) ||
    orderNumbers(a.z ?? -Infinity, b.z ?? -Infinity)
  );
}

function orderVectors(a: VectorValue, b: VectorValue): number {
  const n = Math.min(a.values.length, b.values.length);
  for (let i = 0; i < n; i++) {
    const c = orderNumbers(a.values[i] as number | bigint, b.values[i] as number | bigint);
    if (c !== 0) return c;
  }
  return a.values.length - b.values.length || compareKeys(a.elementType, b.elementType);
}

function orderBinaries(a: BinaryValue, b: BinaryValue): number {
  return Buffer.compare(Buffer.concat(binarySegments(a)), Buffer.concat(binarySegments(b)));
}
