// The predicates a MATCH applies, as "conjuncts": row tests with the slots they need.
// Labels and property maps of node and relationship patterns, and each AND-ed part of
// WHERE, become one conjunct each, so the match planner (match.ts) can apply every one
// as early as the slots it needs are bound, not after the whole pattern is enumerated.
import { Node, Relationship } from "../../store/entities.js";
import type { Expression, NodePattern } from "../syntax/ast.js";
import type { ExecContext, Row } from "../exec/context.js";
import { currentLabels, currentProperties, entityProperty } from "../exec/entity.js";
import type { Expr, RowTest } from "../exec/pipe.js";
import type { RelationshipTest } from "../exec/var-expand.js";
import { asLogical } from "../exec/logic.js";
import { equals } from "../runtime/index.js";
import { isMap, type Value } from "../runtime/types.js";
import { conjuncts, mentionedNames } from "./ast-walk.js";
import { compileIn, type CompileEnv } from "./context.js";

export interface Conjunct {
  readonly test: RowTest;
  /** Slots bound by this MATCH that the test reads; outer slots are bound from the start. */
  readonly needs: readonly number[];
}

/** The slots of this clause's own variables that `node` mentions. */
export function neededSlots(node: unknown, local: ReadonlyMap<string, number>): number[] {
  const out: number[] = [];
  for (const name of mentionedNames(node)) {
    const slot = local.get(name);
    if (slot !== undefined) out.push(slot);
  }
  return out;
}

export function whereConjuncts(
  where: Expression | null,
  env: CompileEnv,
  local: ReadonlyMap<string, number>,
): Conjunct[] {
  if (where === null) return [];
  return conjuncts(where).map((c) => {
    const f = compileIn(c, env);
    return {
      test: (row: Row, ctx: ExecContext) => asLogical("WHERE", f(row, ctx)) === true,
      needs: neededSlots(c, local),
    };
  });
}

/** Has every label (the scan's own label, already known to hold, is left out). */
export function labelConjunct(slot: number, labels: readonly string[]): Conjunct | null {
  if (labels.length === 0) return null;
  return {
    needs: [slot],
    test: (row, ctx) => {
      const n = row[slot];
      if (!(n instanceof Node)) return false;
      const has = currentLabels(n, ctx);
      for (const l of labels) if (!has.includes(l)) return false;
      return true;
    },
  };
}

/** One entry of a property map: `{key: value}` must equal the entity's property. */
function entryTest(
  key: string,
  value: Expr,
): (e: Node | Relationship, row: Row, ctx: ExecContext) => boolean {
  return (e, row, ctx) => {
    // A read-only query reads the snapshot directly: this runs once per scanned entity.
    const props = ctx.tx === null ? e.properties : currentProperties(e, ctx);
    const has = Object.hasOwn(props, key);
    return has && equals(props[key] as Value, value(row, ctx)) === true;
  };
}

/** A property map as a test of one entity; null when there is none. */
export function propertyTest(
  properties: Expression | null,
  env: CompileEnv,
): ((e: Node | Relationship, row: Row, ctx: ExecContext) => boolean) | null {
  if (properties === null) return null;
  if (properties.kind === "map") {
    const tests = properties.entries.map((x) => entryTest(x.key, compileIn(x.value, env)));
    if (tests.length === 0) return null;
    return (e, row, ctx) => {
      for (const t of tests) if (!t(e, row, ctx)) return false;
      return true;
    };
  }
  const map = compileIn(properties, env);
  return (e, row, ctx) => {
    const m = map(row, ctx);
    if (!isMap(m)) return false;
    for (const key of Object.keys(m)) {
      if (equals(entityProperty(e, key, ctx), m[key] as Value) !== true) return false;
    }
    return true;
  };
}

export function propertyConjunct(
  slot: number,
  properties: Expression | null,
  env: CompileEnv,
  local: ReadonlyMap<string, number>,
): Conjunct | null {
  const t = propertyTest(properties, env);
  if (t === null) return null;
  return {
    needs: [slot, ...neededSlots(properties, local)],
    test: (row, ctx) => {
      const e = row[slot];
      return (e instanceof Node || e instanceof Relationship) && t(e, row, ctx);
    },
  };
}

/** The per-relationship test of a variable-length pattern's property map. */
export function relationshipTest(
  properties: Expression | null,
  env: CompileEnv,
): RelationshipTest | null {
  const t = propertyTest(properties, env);
  return t === null ? null : (r, row, ctx) => t(r, row, ctx);
}

export function nodeConjuncts(
  np: NodePattern,
  slot: number,
  skipLabel: string | null,
  env: CompileEnv,
  local: ReadonlyMap<string, number>,
): Conjunct[] {
  const out: Conjunct[] = [];
  const labels = labelConjunct(
    slot,
    np.labels.filter((l) => l !== skipLabel),
  );
  if (labels !== null) out.push(labels);
  const props = propertyConjunct(slot, np.properties, env, local);
  if (props !== null) out.push(props);
  return out;
}
