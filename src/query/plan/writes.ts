// Planning the write clauses: CREATE, MERGE, SET, REMOVE, DELETE and FOREACH. Patterns to
// create are resolved to slots here (bound variables are connected, new ones created);
// MERGE plans its pattern twice over the same slots, once as a match (match.ts) and once
// as a creation, so either way the row comes out with the same variables bound.
import { planError } from "./errors.js";
import type {
  Clause,
  CreateClause,
  DeleteClause,
  ForeachClause,
  MergeClause,
  PatternPart,
  RemoveItem,
  SetItem,
} from "../syntax/ast.js";
import {
  create,
  type CreateSpec,
  type NodeToCreate,
  type RelationshipToCreate,
} from "../exec/create.js";
import { deleteClause } from "../exec/delete.js";
import { foreach, merge } from "../exec/merge.js";
import type { PathShape } from "../exec/path.js";
import type { Pipe } from "../exec/pipe.js";
import {
  applyActions,
  removeProperty,
  setLabels,
  setProperties,
  setProperty,
  type RowAction,
} from "../exec/set.js";
import { compileIn, type CompileEnv } from "./context.js";
import { planMatch } from "./match.js";
import type { Scope } from "./scope.js";

export interface WritePlan {
  readonly pipe: Pipe;
  readonly scope: Scope;
}

/**
 * The creation of `parts`: variables of `outer` are bound already; others are created
 * once, into the slot `inner` gives them (MERGE) or a new one (CREATE).
 */
function createSpec(
  parts: readonly PatternPart[],
  env: CompileEnv,
  inner: Scope | null,
  refuseNulls: boolean,
): { spec: CreateSpec; scope: Scope } {
  const outer = env.scope;
  let scope = env.scope;
  const bound = new Set<number>();
  const nodes: NodeToCreate[] = [];
  const relationships: RelationshipToCreate[] = [];
  const paths: { slot: number; shape: PathShape }[] = [];
  const slotFor = (name: string | null, kind: "node" | "relationship" | "path"): number => {
    const slot = (name === null ? undefined : inner?.get(name)?.slot) ?? env.pc.layout.next();
    if (name !== null) scope = scope.with(name, { slot, kind });
    return slot;
  };
  for (const part of parts) {
    const el = part.element;
    const nodeSlots = el.nodes.map((np) => {
      const name = np.variable?.name ?? null;
      const known = name === null ? undefined : (scope.get(name) ?? undefined);
      if (known !== undefined) {
        if (outer.has(name!)) bound.add(known.slot);
        return known.slot;
      }
      const slot = slotFor(name, "node");
      const properties =
        np.properties === null ? null : compileIn(np.properties, { ...env, scope });
      nodes.push({ slot, labels: np.labels, properties });
      return slot;
    });
    const relSlots = el.relationships.map((rp, i) => {
      const slot = slotFor(rp.variable?.name ?? null, "relationship");
      const [a, b] = [nodeSlots[i]!, nodeSlots[i + 1]!];
      const properties =
        rp.properties === null ? null : compileIn(rp.properties, { ...env, scope });
      const type = rp.types[0];
      if (type === undefined || rp.types.length !== 1) {
        throw planError(
          "NoSingleRelationshipType",
          "a relationship to create needs exactly one type",
          rp.pos,
        );
      }
      const [start, end] = rp.direction === "in" ? [b, a] : [a, b];
      relationships.push({ slot, start, end, type, properties });
      return slot;
    });
    if (part.variable !== null) {
      const slot = slotFor(part.variable.name, "path");
      paths.push({
        slot,
        shape: { nodes: nodeSlots, rels: relSlots.map((s) => ({ slot: s, list: false })) },
      });
    }
  }
  return { spec: { bound: [...bound], nodes, relationships, paths, refuseNulls }, scope };
}

export function planCreate(c: CreateClause, env: CompileEnv): WritePlan {
  const { spec, scope } = createSpec(c.pattern.parts, env, null, false);
  return { pipe: create(spec), scope };
}

export function planMerge(c: MergeClause, env: CompileEnv): WritePlan {
  const matched = planMatch([c.part], null, env);
  const { spec } = createSpec([c.part], env, matched.scope, true);
  const after: CompileEnv = { ...env, scope: matched.scope };
  return {
    pipe: merge({
      match: matched.pipe,
      create: spec,
      onMatch: c.onMatch.map((i) => setAction(i, after)),
      onCreate: c.onCreate.map((i) => setAction(i, after)),
    }),
    scope: matched.scope,
  };
}

export function setAction(item: SetItem, env: CompileEnv): RowAction {
  switch (item.kind) {
    case "setProperty":
      return setProperty(
        compileIn(item.target.object, env),
        item.target.key,
        compileIn(item.value, env),
      );
    case "setAllProperties":
      return setProperties(compileIn(item.variable, env), compileIn(item.value, env), true);
    case "mergeProperties":
      return setProperties(compileIn(item.variable, env), compileIn(item.value, env), false);
    case "setLabels":
      return setLabels(compileIn(item.variable, env), item.labels, true);
  }
}

function removeAction(item: RemoveItem, env: CompileEnv): RowAction {
  switch (item.kind) {
    case "removeProperty":
      return removeProperty(compileIn(item.target.object, env), item.target.key);
    case "removeLabels":
      return setLabels(compileIn(item.variable, env), item.labels, false);
  }
}

export function planSet(items: readonly SetItem[], env: CompileEnv): Pipe {
  return applyActions(items.map((i) => setAction(i, env)));
}

export function planRemove(items: readonly RemoveItem[], env: CompileEnv): Pipe {
  return applyActions(items.map((i) => removeAction(i, env)));
}

export function planDelete(c: DeleteClause, env: CompileEnv): Pipe {
  return deleteClause(
    c.expressions.map((e) => compileIn(e, env)),
    c.detach,
  );
}

/** FOREACH: the body's clauses are planned by `planBody` with the loop variable bound. */
export function planForeach(
  c: ForeachClause,
  env: CompileEnv,
  planBody: (clauses: readonly Clause[], env: CompileEnv) => Pipe,
): Pipe {
  const list = compileIn(c.list, env);
  const slot = env.pc.layout.next();
  const body = planBody(c.clauses, {
    ...env,
    scope: env.scope.with(c.variable.name, { slot, kind: "value" }),
  });
  return foreach(slot, list, body);
}
