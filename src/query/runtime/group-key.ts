// Equivalence, the sameness DISTINCT, grouping keys, UNION and distinct aggregates use: a
// string key per value such that two values get the same key exactly when they are
// equivalent. Equivalence is equality (equality.ts) made total: null is equivalent to null
// and NaN to NaN, so [null] groups with [null] where `=` would answer null. Ints and Floats
// of the same numeric value are equivalent (1 groups with 1.0, 0 with -0.0), matching
// `1 = 1.0`; entities by id; zoned times and date-times by instant; maps ignore key order.
//
// Why strings: a JS Map keyed by string hashes in native code, and a scalar's key is the
// scalar's own text plus at most one character, which costs almost nothing for the common
// cases (ids, strings, Ints). Nested values compose keys that delimit themselves (strings
// quoted, containers bracketed), so composition stays injective.
import type { Node, Path, Relationship } from "../../store/entities.js";
import type {
  BinaryValue,
  DurationValue,
  PointValue,
  VectorValue,
} from "../../store/tagged-values.js";
import { Float } from "../../store/tagged-values.js";
import { sortedKeys } from "../../store/values.js";
import type { ComparableTemporal } from "./temporal-compare.js";
import { temporalKey } from "./temporal-compare.js";
import type { Value, ValueMap } from "./types.js";
import { binarySegments, kindOf } from "./types.js";

const TWO_TO_63 = 2 ** 63;

/** The key of `v`'s equivalence class (see the header). */
export function groupKey(v: Value): string {
  if (typeof v === "string") return `s${v}`; // only string keys start with "s"
  if (typeof v === "number") return Number.isSafeInteger(v) ? String(v) : floatKey(v);
  return nestedKey(v);
}

/** The key of a row of values (several grouping columns, or DISTINCT over a projection). */
export function groupKeyOfRow(values: readonly Value[]): string {
  if (values.length === 1) return groupKey(values[0] as Value);
  return listKey(values);
}

// The key of a number: an integral value within int64 reads like the Int of that value.
function floatKey(x: number): string {
  if (!Number.isInteger(x)) return String(x); // has ".", "e-", or is NaN / ±Infinity
  if (Math.abs(x) < TWO_TO_63) return String(BigInt(x));
  return `~${x}`; // integral beyond int64: no Int has this value
}

function nestedKey(v: Value): string {
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "number") return Number.isSafeInteger(v) ? String(v) : floatKey(v);
  if (typeof v === "bigint") return String(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  if (v === null) return "null";
  const kind = kindOf(v);
  switch (kind) {
    case "float":
      return floatKey((v as Float).value);
    case "list":
      return listKey(v as readonly Value[]);
    case "map":
      return mapKey(v as ValueMap);
    case "node":
      return `N${(v as Node).id}`;
    case "relationship":
      return `R${(v as Relationship).id}`;
    case "path":
      return pathKey(v as Path);
    case "point": {
      const p = v as PointValue;
      return `point(${p.srid},${p.x},${p.y}${p.z === undefined ? "" : `,${p.z}`})`;
    }
    case "vector": {
      const vec = v as VectorValue;
      return `vector(${vec.elementType},${vec.values.join(",")})`;
    }
    case "binary":
      return `binary(${Buffer.concat(binarySegments(v as BinaryValue)).toString("hex")})`;
    default:
      return temporalKey(v as ComparableTemporal | DurationValue);
  }
}

function listKey(items: readonly Value[]): string {
  let key = "[";
  for (let i = 0; i < items.length; i++) {
    if (i > 0) key += ",";
    key += nestedKey(items[i] as Value);
  }
  return `${key}]`;
}

function mapKey(map: ValueMap): string {
  let key = "{";
  let first = true;
  for (const k of sortedKeys(map)) {
    key += `${first ? "" : ","}${JSON.stringify(k)}:${nestedKey(map[k] as Value)}`;
    first = false;
  }
  return `${key}}`;
}

function pathKey(path: Path): string {
  let key = `P(${path.nodes[0]?.id ?? ""}`;
  for (let i = 0; i < path.relationships.length; i++) {
    key += `,${path.relationships[i]?.id},${path.nodes[i + 1]?.id}`;
  }
  return `${key})`;
}
