// Cypher's `=` (and so `<>`, IN and CASE's simple form): three-valued equality.
//
// null compared with anything is null; values of different types are unequal (false, not
// null), except that Ints and Floats compare by numeric value (1 = 1.0; NaN equals nothing);
// lists and maps compare entry by entry, and the answer is false as soon as one pair is
// unequal or the shapes differ (lengths, key sets), else null if a pair was null, else true
// ([1, 2] = [null, 'x'] is false, [1, 2] = [null, 2] is null). Nodes and relationships are
// equal when they are the same entity (same id); paths when they visit the same entities in
// the same order. Zoned times and date-times are equal when they denote the same instant.
//
// This is equality, not equivalence: DISTINCT and grouping treat null as equal to null and
// NaN as equal to NaN, which group-key.ts implements.
import type { BinaryValue, DateTimeValue, TimeValue } from "../../store/tagged-values.js";
import { Float } from "../../store/tagged-values.js";
import type { PropertyValue } from "../../store/values.js";
import { valuesEqual } from "../../store/values.js";
import type { Node, Path, Relationship } from "../../store/entities.js";
import { compareNumbers } from "./compare.js";
import { compareTemporal } from "./temporal-compare.js";
import type { Value, ValueMap } from "./types.js";
import { binarySegments, kindOf } from "./types.js";

/** `a = b`: true, false, or null when the answer is unknown. */
export function equals(a: Value, b: Value): boolean | null {
  if (typeof a === "number" && typeof b === "number") return a === b;
  if (typeof a === "string" && typeof b === "string") return a === b;
  if (a === null || b === null) return null;
  const kind = kindOf(a);
  const other = kindOf(b);
  if ((kind === "int" || kind === "float") && (other === "int" || other === "float")) {
    return compareNumbers(a as number | bigint | Float, b as number | bigint | Float) === 0;
  }
  if (kind !== other) return false;
  switch (kind) {
    case "boolean":
    case "string":
      return a === b;
    case "list":
      return listsEqual(a as readonly Value[], b as readonly Value[]);
    case "map":
      return mapsEqual(a as ValueMap, b as ValueMap);
    case "node":
    case "relationship":
      return (a as Node | Relationship).id === (b as Node | Relationship).id;
    case "path":
      return pathsEqual(a as Path, b as Path);
    case "binary":
      return bytesEqual(a as BinaryValue | Uint8Array, b as BinaryValue | Uint8Array);
    case "time":
    case "dateTime":
      return compareTemporal(a as TimeValue | DateTimeValue, b as TimeValue) === 0;
    default:
      // dates, local times, durations, points, vectors: same fields, same value
      return valuesEqual(a as PropertyValue, b as PropertyValue);
  }
}

/** `a <> b`. */
export function notEquals(a: Value, b: Value): boolean | null {
  const eq = equals(a, b);
  return eq === null ? null : !eq;
}

function listsEqual(a: readonly Value[], b: readonly Value[]): boolean | null {
  if (a.length !== b.length) return false;
  let unknown = false;
  for (let i = 0; i < a.length; i++) {
    const eq = equals(a[i] as Value, b[i] as Value);
    if (eq === false) return false;
    if (eq === null) unknown = true;
  }
  return unknown ? null : true;
}

function mapsEqual(a: ValueMap, b: ValueMap): boolean | null {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) if (!Object.hasOwn(b, key)) return false;
  let unknown = false;
  for (const key of keys) {
    const eq = equals(a[key] as Value, b[key] as Value);
    if (eq === false) return false;
    if (eq === null) unknown = true;
  }
  return unknown ? null : true;
}

// The bytes decide, not how they are split into segments (the group key agrees).
function bytesEqual(a: BinaryValue | Uint8Array, b: BinaryValue | Uint8Array): boolean {
  return Buffer.concat(binarySegments(a)).equals(Buffer.concat(binarySegments(b)));
}

function pathsEqual(a: Path, b: Path): boolean {
  if (a.relationships.length !== b.relationships.length) return false;
  for (let i = 0; i < a.nodes.length; i++) {
    if (a.nodes[i]?.id !== b.nodes[i]?.id) return false;
  }
  for (let i = 0; i < a.relationships.length; i++) {
    if (a.relationships[i]?.id !== b.relationships[i]?.id) return false;
  }
  return true;
}
