// Strict comparison of what a query returned with what a TCK scenario expects: a value
// against a TckValue, and a whole result (columns and rows) against an expected table.
//
// Strict means: an Int never matches a Float (expected `1` needs an Int, `1.0` a Float),
// column names match exactly and in order, rows match as a multiset ("in any order") or as
// a sequence ("in order"), and lists keep their order unless the scenario says it ignores
// element order for lists. NaN matches NaN here (a table cannot otherwise expect it), and
// 0.0 matches -0.0 as in the reference implementation's float equality. Nodes match by
// label set and properties, relationships by type and properties, paths element by
// element with each relationship's direction checked against the notation. A temporal
// value matches the string the TCK writes for it (tck-temporal.ts).
//
// It does not parse (tck-values.ts) and does not print values (format-value.ts).
import { Node, Path, Relationship } from "../../src/store/entities.js";
import { Float, isPlainMap, isTaggedValue } from "../../src/store/values.js";
import { isTemporal, temporalMatches } from "./tck-temporal.js";
import type { TckNode, TckPath, TckRelationship, TckValue } from "./tck-values.js";

export interface CompareOptions {
  /** Compare every list, at any depth, as a multiset ("ignoring element order for lists"). */
  readonly ignoreListOrder: boolean;
  /**
   * Let an Int match a Float of equal value. Never for scoring: only for checking the runner
   * against an engine whose JS values cannot tell the two apart (lora-reference.ts).
   */
  readonly numbersByValue?: boolean;
}

const STRICT: CompareOptions = { ignoreListOrder: false };

/** Whether the actual value (a ResultValue, or anything else an engine returned) matches. */
export function valueMatches(
  actual: unknown,
  expected: TckValue,
  options: CompareOptions = STRICT,
): boolean {
  switch (expected.kind) {
    case "null":
      return actual === null;
    case "boolean":
      return actual === expected.value;
    case "int":
      if (options.numbersByValue === true && floatOf(actual) === Number(expected.value))
        return true;
      return isInt(actual) && BigInt(actual) === expected.value;
    case "float": {
      const f = options.numbersByValue === true && isInt(actual) ? Number(actual) : floatOf(actual);
      return (
        f !== null && (f === expected.value || (Number.isNaN(f) && Number.isNaN(expected.value)))
      );
    }
    case "string":
      if (isTemporal(actual)) return temporalMatches(actual, expected.value);
      return actual === expected.value;
    case "list":
      return Array.isArray(actual) && listMatches(actual, expected.items, options);
    case "map":
      return isMap(actual) && entriesMatch(actual, expected.entries, options);
    case "node":
      return nodeMatches(actual, expected, options);
    case "relationship":
      return relationshipMatches(actual, expected, options);
    case "path":
      return pathMatches(actual, expected, options);
  }
}

/** An Int in the value model: a safe-integer number or a bigint. */
export function isInt(v: unknown): v is number | bigint {
  return (typeof v === "number" && Number.isSafeInteger(v)) || typeof v === "bigint";
}

/** The number of a Float in the value model, or null when `v` is no Float. */
export function floatOf(v: unknown): number | null {
  if (v instanceof Float) return v.value;
  if (typeof v === "number" && !Number.isSafeInteger(v)) return v;
  return null;
}

/** A map in the value model: a plain object that is neither list nor tagged nor graph value. */
export function isMap(v: unknown): v is Record<string, unknown> {
  return (
    typeof v === "object" &&
    v !== null &&
    !Array.isArray(v) &&
    !isTaggedValue(v) &&
    !(v instanceof Node || v instanceof Relationship || v instanceof Path) &&
    isPlainMap(v)
  );
}

function listMatches(
  actual: readonly unknown[],
  expected: readonly TckValue[],
  options: CompareOptions,
): boolean {
  if (actual.length !== expected.length) return false;
  if (!options.ignoreListOrder)
    return expected.every((e, i) => valueMatches(actual[i], e, options));
  return (
    matchMultiset(actual, expected, (a, e) => valueMatches(a, e, options)).missing.length === 0
  );
}

function entriesMatch(
  actual: Readonly<Record<string, unknown>>,
  expected: ReadonlyMap<string, TckValue>,
  options: CompareOptions,
): boolean {
  const keys = Object.keys(actual);
  if (keys.length !== expected.size) return false;
  for (const key of keys) {
    const e = expected.get(key);
    if (e === undefined || !valueMatches(actual[key], e, options)) return false;
  }
  return true;
}

function nodeMatches(actual: unknown, expected: TckNode, options: CompareOptions): boolean {
  if (!(actual instanceof Node)) return false;
  const labels = new Set(actual.labels);
  if (labels.size !== expected.labels.length) return false;
  if (!expected.labels.every((l) => labels.has(l))) return false;
  return entriesMatch(actual.properties, expected.properties, options);
}

function relationshipMatches(
  actual: unknown,
  expected: TckRelationship,
  options: CompareOptions,
): boolean {
  if (!(actual instanceof Relationship) || actual.type !== expected.type) return false;
  return entriesMatch(actual.properties, expected.properties, options);
}

function pathMatches(actual: unknown, expected: TckPath, options: CompareOptions): boolean {
  if (!(actual instanceof Path)) return false;
  const { nodes, relationships } = actual;
  if (relationships.length !== expected.steps.length) return false;
  if (nodes.length !== relationships.length + 1) return false;
  if (!nodeMatches(nodes[0], expected.start, options)) return false;
  for (let i = 0; i < expected.steps.length; i++) {
    const step = expected.steps[i];
    const rel = relationships[i];
    const from = nodes[i];
    const to = nodes[i + 1];
    if (step === undefined || rel === undefined || from === undefined || to === undefined) {
      return false;
    }
    const [src, dst] = step.direction === "out" ? [from, to] : [to, from];
    if (rel.src !== src.id || rel.dst !== dst.id) return false;
    if (!relationshipMatches(rel, step.relationship, options)) return false;
    if (!nodeMatches(to, step.node, options)) return false;
  }
  return true;
}

/**
 * Pairs each expected item with a distinct actual item it matches. Greedy pairing is
 * enough: items that match the same expected value are alike for every other expected
 * value too, so which of them is taken does not change what remains matchable.
 */
export function matchMultiset<A, E>(
  actual: readonly A[],
  expected: readonly E[],
  matches: (a: A, e: E) => boolean,
): { missing: E[]; unexpected: A[] } {
  const used = new Array<boolean>(actual.length).fill(false);
  const missing: E[] = [];
  for (const e of expected) {
    let found = -1;
    for (let i = 0; i < actual.length; i++) {
      if (!used[i] && matches(actual[i] as A, e)) {
        found = i;
        break;
      }
    }
    if (found === -1) missing.push(e);
    else used[found] = true;
  }
  return { missing, unexpected: actual.filter((_, i) => !used[i]) };
}

/** An expected result table: column names, then rows of values in column order. */
export interface ExpectedResult {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly TckValue[])[];
  /** "in order" compares rows as a sequence, otherwise as a multiset. */
  readonly ordered: boolean;
  readonly ignoreListOrder: boolean;
  readonly numbersByValue?: boolean;
}

export interface ActualResult {
  readonly columns: readonly string[];
  readonly rows: readonly Readonly<Record<string, unknown>>[];
}

/** Why a result does not match: indices of expected rows not found, actual rows not expected. */
export interface ResultMismatch {
  readonly reason: string;
  readonly missing: readonly number[];
  readonly unexpected: readonly number[];
}

/** Null when the result matches the expected table, else what differs. */
export function compareResult(
  actual: ActualResult,
  expected: ExpectedResult,
): ResultMismatch | null {
  const options: CompareOptions = {
    ignoreListOrder: expected.ignoreListOrder,
    numbersByValue: expected.numbersByValue === true,
  };
  const sameColumns =
    actual.columns.length === expected.columns.length &&
    actual.columns.every((c, i) => c === expected.columns[i]);
  if (!sameColumns) {
    const reason = `columns differ: expected ${JSON.stringify(expected.columns)}, got ${JSON.stringify(actual.columns)}`;
    return { reason, missing: [], unexpected: [] };
  }
  const rowMatches = (a: Readonly<Record<string, unknown>>, e: readonly TckValue[]): boolean =>
    expected.columns.every((c, i) => {
      const cell = e[i];
      return cell !== undefined && Object.hasOwn(a, c) && valueMatches(a[c], cell, options);
    });
  const actualIdx = actual.rows.map((_, i) => i);
  const expectedIdx = expected.rows.map((_, i) => i);
  const { missing, unexpected } = matchMultiset(actualIdx, expectedIdx, (a, e) =>
    rowMatches(actual.rows[a] ?? {}, expected.rows[e] ?? []),
  );
  if (missing.length > 0 || unexpected.length > 0) {
    const counts = `expected ${expected.rows.length} rows, got ${actual.rows.length}`;
    const reason = `${counts}; ${missing.length} expected not found, ${unexpected.length} unexpected`;
    return { reason, missing, unexpected };
  }
  if (expected.ordered) {
    const first = expectedIdx.findIndex(
      (i) => !rowMatches(actual.rows[i] ?? {}, expected.rows[i] ?? []),
    );
    if (first !== -1) {
      return {
        reason: `the right rows in the wrong order, first at row ${first + 1}`,
        missing: [first],
        unexpected: [first],
      };
    }
  }
  return null;
}
