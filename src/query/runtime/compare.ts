// Cypher's `<`, `<=`, `>`, `>=`: comparability, which is partial and three-valued.
//
// `compare(a, b)` answers a negative number, 0 or a positive number when the two are
// comparable and ordered; NaN when they are comparable but unordered (a NaN operand: every
// operator is then false, as the TCK expects for `NaN > 1`); null when they are not
// comparable (different types other than Int/Float, null involved, or types without an
// order for `<`: maps, nodes, relationships, paths, durations, points). Numbers compare by
// exact value (an int64 beyond 2^53 against a double is not rounded); strings by Unicode
// code point; booleans false < true; lists lexicographically, null as soon as a compared
// element pair is incomparable ([1, 2] >= [1, null] is null, [1, null] >= [1] is true).
//
// ORDER BY's total order is order.ts; equality is equality.ts.
import { Float } from "../../store/tagged-values.js";
import { compareKeys } from "../../store/values.js";
import type { ComparableTemporal } from "./temporal-compare.js";
import { compareTemporal } from "./temporal-compare.js";
import type { Value } from "./types.js";
import { kindOf } from "./types.js";

/** Compares Ints and Floats exactly: negative, 0, positive, or NaN if either is NaN. */
export function compareNumbers(a: number | bigint | Float, b: number | bigint | Float): number {
  const x = a instanceof Float ? a.value : a;
  const y = b instanceof Float ? b.value : b;
  // Relational operators between a bigint and a number compare the exact values.
  return x < y ? -1 : x > y ? 1 : x == y ? 0 : NaN;
}

// UTF-16 order differs from code point order only where the first difference pairs a
// surrogate with a unit in U+E000..U+FFFF, so both strings must hold a unit >= U+D800.
const HIGH_UNIT = /[\uD800-\uFFFF]/;

/** Compares strings by Unicode code point (the same order as their UTF-8 bytes). */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  if (!HIGH_UNIT.test(a) || !HIGH_UNIT.test(b)) return a < b ? -1 : 1;
  return compareKeys(a, b);
}

const COMPARABLE_TEMPORAL: ReadonlySet<string> = new Set([
  "date",
  "localTime",
  "time",
  "localDateTime",
  "dateTime",
]);

/** The order of `a` and `b` for `<` and friends (see the header): number, NaN or null. */
export function compare(a: Value, b: Value): number | null {
  if (typeof a === "number" && typeof b === "number") {
    return a < b ? -1 : a > b ? 1 : a === b ? 0 : NaN;
  }
  if (typeof a === "string" && typeof b === "string") return compareStrings(a, b);
  if (a === null || b === null) return null;
  const kind = kindOf(a);
  const other = kindOf(b);
  if ((kind === "int" || kind === "float") && (other === "int" || other === "float")) {
    return compareNumbers(a as number | bigint | Float, b as number | bigint | Float);
  }
  if (kind !== other) return null;
  if (kind === "boolean") return Number(a) - Number(b);
  if (kind === "string") return compareStrings(a as string, b as string);
  if (kind === "list") return compareLists(a as readonly Value[], b as readonly Value[]);
  if (COMPARABLE_TEMPORAL.has(kind)) {
    return compareTemporal(a as ComparableTemporal, b as ComparableTemporal);
  }
  return null;
}

function compareLists(a: readonly Value[], b: readonly Value[]): number | null {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compare(a[i] as Value, b[i] as Value);
    if (c !== 0) return c; // null (incomparable), NaN (unordered) or the answer
  }
  return a.length - b.length;
}

/** `a < b`. */
export function lessThan(a: Value, b: Value): boolean | null {
  const c = compare(a, b);
  return c === null ? null : c < 0;
}

/** `a <= b`. */
export function lessThanOrEqual(a: Value, b: Value): boolean | null {
  const c = compare(a, b);
  return c === null ? null : c <= 0;
}

/** `a > b`. */
export function greaterThan(a: Value, b: Value): boolean | null {
  const c = compare(a, b);
  return c === null ? null : c > 0;
}

/** `a >= b`. */
export function greaterThanOrEqual(a: Value, b: Value): boolean | null {
  const c = compare(a, b);
  return c === null ? null : c >= 0;
}
