// The TCK's side effects of a query: +/- nodes, relationships, labels and properties,
// computed by comparing a summary of the graph taken before the query with one taken after.
// The definitions are the TCK's (README.adoc, "Observability of side effects"): each metric
// is the difference between the records of one defining query run before and after, so
//   nodes          the set of node ids (MATCH (n) RETURN n)
//   relationships  the set of relationship ids (MATCH ()-[r]->() RETURN r)
//   labels         the set of distinct label names present on some node, not the number
//                  of nodes carrying them (adding :A to a second node changes nothing)
//   properties     the multiset of (entity, key, value) triples, so changing a value
//                  counts one removal and one addition, setting the same value counts
//                  nothing, and deleting an entity removes all its properties.
// Values are told apart as the value model tells them (Int 1 is not Float 1.0).
//
// It does not run queries (runner.ts does) and reads the graph only through the part of
// GraphView it needs (GraphContents).
import type { Node, Relationship } from "../../src/store/entities.js";
import { Float, isTaggedValue } from "../../src/store/values.js";

export const SIDE_EFFECT_NAMES = [
  "+nodes",
  "-nodes",
  "+relationships",
  "-relationships",
  "+labels",
  "-labels",
  "+properties",
  "-properties",
] as const;
export type SideEffectName = (typeof SIDE_EFFECT_NAMES)[number];
export type SideEffects = Record<SideEffectName, number>;

export interface GraphSummary {
  readonly nodes: ReadonlySet<number>;
  readonly relationships: ReadonlySet<number>;
  readonly labels: ReadonlySet<string>;
  /** Property triple key → how many times it occurs (once each, as ids are unique). */
  readonly properties: ReadonlyMap<string, number>;
}

/** What a summary reads: a GraphView has these, and so can any other engine's adapter. */
export interface GraphContents {
  nodes(): Iterable<Node>;
  relationships(): Iterable<Relationship>;
}

export function summarizeGraph(view: GraphContents): GraphSummary {
  const nodes = new Set<number>();
  const relationships = new Set<number>();
  const labels = new Set<string>();
  const properties = new Map<string, number>();
  const addProperties = (entity: string, props: Readonly<Record<string, unknown>>): void => {
    for (const [key, value] of Object.entries(props)) {
      const triple = `${entity}\u0000${key}\u0000${valueKey(value)}`;
      properties.set(triple, (properties.get(triple) ?? 0) + 1);
    }
  };
  for (const n of view.nodes()) {
    nodes.add(n.id);
    for (const l of n.labels) labels.add(l);
    addProperties(`n${n.id}`, n.properties);
  }
  for (const r of view.relationships()) {
    relationships.add(r.id);
    addProperties(`r${r.id}`, r.properties);
  }
  return { nodes, relationships, labels, properties };
}

export function noSideEffects(): SideEffects {
  return Object.fromEntries(SIDE_EFFECT_NAMES.map((n) => [n, 0])) as SideEffects;
}

export function diffSummaries(before: GraphSummary, after: GraphSummary): SideEffects {
  const setDiff = <T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number => {
    let n = 0;
    for (const x of a) if (!b.has(x)) n++;
    return n;
  };
  const bagDiff = (a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number => {
    let n = 0;
    for (const [k, count] of a) n += Math.max(0, count - (b.get(k) ?? 0));
    return n;
  };
  return {
    "+nodes": setDiff(after.nodes, before.nodes),
    "-nodes": setDiff(before.nodes, after.nodes),
    "+relationships": setDiff(after.relationships, before.relationships),
    "-relationships": setDiff(before.relationships, after.relationships),
    "+labels": setDiff(after.labels, before.labels),
    "-labels": setDiff(before.labels, after.labels),
    "+properties": bagDiff(after.properties, before.properties),
    "-properties": bagDiff(before.properties, after.properties),
  };
}

/** Reads a side-effects table (`| +nodes | 1 |`); unnamed metrics are zero. */
export function parseSideEffects(table: readonly (readonly string[])[]): SideEffects {
  const out = noSideEffects();
  for (const row of table) {
    const [name, count] = row;
    if (
      !(SIDE_EFFECT_NAMES as readonly string[]).includes(name ?? "") ||
      !/^\d+$/.test(count ?? "")
    ) {
      throw new Error(`bad side effects row: ${JSON.stringify(row)}`);
    }
    out[name as SideEffectName] = Number(count);
  }
  return out;
}

/** The metrics that differ, as `+nodes: expected 1, got 0`; empty when they agree. */
export function sideEffectDifferences(expected: SideEffects, actual: SideEffects): string[] {
  return SIDE_EFFECT_NAMES.filter((n) => expected[n] !== actual[n]).map(
    (n) => `${n}: expected ${expected[n]}, got ${actual[n]}`,
  );
}

/** A key equal for two values exactly when the value model calls them the same value. */
export function valueKey(v: unknown): string {
  switch (typeof v) {
    case "number":
      return Number.isSafeInteger(v) ? `i${v}` : `f${Object.is(v, -0) ? "-0" : String(v)}`;
    case "bigint":
      return `i${v}`;
    case "string":
      return `s${JSON.stringify(v)}`;
    case "boolean":
      return `b${v}`;
  }
  if (v === null) return "null";
  if (Array.isArray(v)) return `[${v.map(valueKey).join(",")}]`;
  if (v instanceof Float) return `f${Object.is(v.value, -0) ? "-0" : String(v.value)}`;
  if (isTaggedValue(v)) {
    return `${v.kind}${JSON.stringify(v, (_k, x: unknown) => (typeof x === "bigint" ? `${x}n` : x))}`;
  }
  if (typeof v === "object") {
    const keys = Object.keys(v).sort();
    const rec = v as Record<string, unknown>;
    return `{${keys.map((k) => `${JSON.stringify(k)}:${valueKey(rec[k])}`).join(",")}}`;
  }
  return `?${typeof v}`; // functions and symbols are no values; they only need a key
}
