// Expressions that loop over a list or choose among branches: list comprehensions,
// quantifiers (all/any/none/single), reduce, CASE and map projections. A loop variable
// gets a slot of its own and is written into the current row while the loop runs; no
// other binding uses that slot, so the write cannot disturb anything the row holds.
import { QueryError } from "../../internal/errors.js";
import { Node, Relationship } from "../../store/entities.js";
import { setMapEntry, type PropertyMap } from "../../store/values.js";
import type {
  CaseExpression,
  ListComprehension,
  MapProjection,
  Quantifier,
  Reduce,
  Variable,
} from "../syntax/ast.js";
import type { Row } from "../exec/context.js";
import type { Expr } from "../exec/pipe.js";
import { currentProperties } from "../exec/entity.js";
import { asLogical } from "../exec/logic.js";
import { propertyOf } from "../exec/access.js";
import { equals } from "../runtime/index.js";
import { cypherTypeName, isMap, type Value } from "../runtime/types.js";
import { compileIn, type CompileEnv } from "./context.js";

/** The list a loop runs over; null for null, a type error for anything else. */
function loopList(v: Value, what: string): readonly Value[] | null {
  if (v === null) return null;
  if (Array.isArray(v)) return v as readonly Value[];
  throw new QueryError("TYPE", `${what} needs a list, got ${cypherTypeName(v)}`, {
    phase: "runtime",
    detail: "InvalidArgumentType",
  });
}

function loopVariable(v: Variable, env: CompileEnv): { slot: number; inner: CompileEnv } {
  const slot = env.pc.layout.next();
  return { slot, inner: { ...env, scope: env.scope.with(v.name, { slot, kind: "value" }) } };
}

export function compileComprehension(e: ListComprehension, env: CompileEnv): Expr {
  const list = compileIn(e.list, env);
  const { slot, inner } = loopVariable(e.variable, env);
  const where = e.where === null ? null : compileIn(e.where, inner);
  const map = e.map === null ? null : compileIn(e.map, inner);
  return (row, ctx) => {
    const items = loopList(list(row, ctx), "a list comprehension");
    if (items === null) return null;
    const out: Value[] = [];
    for (const x of items) {
      row[slot] = x;
      if (where !== null && asLogical("WHERE", where(row, ctx)) !== true) continue;
      out.push(map === null ? x : map(row, ctx));
    }
    return out;
  };
}

export function compileQuantifier(e: Quantifier, env: CompileEnv): Expr {
  const list = compileIn(e.list, env);
  const { slot, inner } = loopVariable(e.variable, env);
  const test: Expr = e.where === null ? (row) => row[slot]! : compileIn(e.where, inner);
  const kind = e.quantifier;
  return (row, ctx) => {
    const items = loopList(list(row, ctx), `${kind}()`);
    if (items === null) return null;
    let trues = 0;
    let nulls = 0;
    for (const x of items) {
      row[slot] = x;
      const r = asLogical(kind, test(row, ctx));
      if (r === true) {
        trues++;
        if (kind === "any") return true;
        if (kind === "none") return false;
        if (kind === "single" && trues > 1) return false;
      } else if (r === null) nulls++;
      else if (kind === "all") return false;
    }
    return quantifierResult(kind, trues, nulls);
  };
}

function quantifierResult(kind: Quantifier["quantifier"], trues: number, nulls: number): Value {
  switch (kind) {
    case "all":
    case "none":
      return nulls > 0 ? null : true;
    case "any":
      return nulls > 0 ? null : false;
    case "single":
      return nulls > 0 ? null : trues === 1;
  }
}

export function compileReduce(e: Reduce, env: CompileEnv): Expr {
  const init = compileIn(e.init, env);
  const list = compileIn(e.list, env);
  const acc = env.pc.layout.next();
  const item = env.pc.layout.next();
  const scope = env.scope
    .with(e.accumulator.name, { slot: acc, kind: "value" })
    .with(e.variable.name, { slot: item, kind: "value" });
  const step = compileIn(e.expression, { ...env, scope });
  return (row, ctx) => {
    const start = init(row, ctx);
    const items = loopList(list(row, ctx), "reduce()");
    if (items === null) return null;
    row[acc] = start;
    for (const x of items) {
      row[item] = x;
      row[acc] = step(row, ctx);
    }
    return row[acc]!;
  };
}

export function compileCase(e: CaseExpression, env: CompileEnv): Expr {
  const test = e.test === null ? null : compileIn(e.test, env);
  const whens = e.alternatives.map((a) => compileIn(a.when, env));
  const thens = e.alternatives.map((a) => compileIn(a.then, env));
  const otherwise = e.otherwise === null ? null : compileIn(e.otherwise, env);
  const n = whens.length;
  const fallback = (row: Row, ctx: Parameters<Expr>[1]): Value =>
    otherwise === null ? null : otherwise(row, ctx);
  if (test === null) {
    return (row, ctx) => {
      for (let i = 0; i < n; i++) if (whens[i]!(row, ctx) === true) return thens[i]!(row, ctx);
      return fallback(row, ctx);
    };
  }
  return (row, ctx) => {
    const v = test(row, ctx);
    for (let i = 0; i < n; i++) {
      if (equals(v, whens[i]!(row, ctx)) === true) return thens[i]!(row, ctx);
    }
    return fallback(row, ctx);
  };
}

export function compileMapProjection(e: MapProjection, env: CompileEnv): Expr {
  const object = compileIn(e.object, env);
  const items = e.items.map((item) => {
    switch (item.kind) {
      case "property":
        return { kind: "property" as const, key: item.key, value: null };
      case "allProperties":
        return { kind: "all" as const, key: "", value: null };
      case "literal":
        return { kind: "value" as const, key: item.key, value: compileIn(item.value, env) };
      case "variable":
        return {
          kind: "value" as const,
          key: item.variable.name,
          value: compileIn(item.variable, env),
        };
    }
  });
  return (row, ctx) => {
    const v = object(row, ctx);
    if (v === null) return null;
    if (!(v instanceof Node || v instanceof Relationship || isMap(v))) {
      throw new QueryError(
        "TYPE",
        `a map projection needs a map, node or relationship, got ${cypherTypeName(v)}`,
        {
          phase: "runtime",
          detail: "InvalidArgumentType",
        },
      );
    }
    const out: PropertyMap = {};
    for (const item of items) {
      if (item.kind === "all") {
        const props =
          v instanceof Node || v instanceof Relationship ? currentProperties(v, ctx) : v;
        for (const k of Object.keys(props)) setMapEntry(out, k, props[k] as never);
      } else {
        const value = item.value === null ? propertyOf(v, item.key, ctx) : item.value(row, ctx);
        setMapEntry(out, item.key, value as never);
      }
    }
    return out;
  };
}
