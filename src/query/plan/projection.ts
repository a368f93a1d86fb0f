// Planning WITH and RETURN: the items, then DISTINCT, ORDER BY, SKIP, LIMIT and (for WITH)
// WHERE. A plain projection writes its computed items into new slots of the row and
// passes variables through in the slots they already have, so ORDER BY can still read
// the variables in scope before it. A projection with aggregates groups the rows by its
// other items (aggregate.ts) and evaluates the items that contain aggregates afterwards,
// with each aggregate call and each grouping expression read from its slot.
import { QueryError } from "../../internal/errors.js";
import { planError } from "./errors.js";
import type { CountStar, Expression, FunctionCall, Projection } from "../syntax/ast.js";
import { aggregate, type AggregateItem } from "../exec/aggregate.js";
import { asLogical } from "../exec/logic.js";
import { distinct, limit, skip, sort, countArgument } from "../exec/order.js";
import { project, type ProjectItem } from "../exec/project.js";
import { chain, type Expr, type Pipe } from "../exec/pipe.js";
import { filterRows } from "../exec/scan.js";
import { AGGREGATES } from "../runtime/index.js";
import { sameTree, walkTree } from "./ast-walk.js";
import { constantValue } from "./compile-expr.js";
import { compileIn, type CompileEnv, type Subst } from "./context.js";
import { Scope, type Binding } from "./scope.js";

export interface Column {
  readonly name: string;
  readonly slot: number;
}

export interface ProjectionPlan {
  readonly pipe: Pipe;
  readonly scope: Scope;
  readonly columns: readonly Column[];
}

interface Item {
  readonly name: string;
  readonly expr: Expression;
}

type AggregateCall = FunctionCall | CountStar;

function itemsOf(p: Projection, scope: Scope): Item[] {
  const items: Item[] = [];
  if (p.star) {
    const names = scope.names().sort();
    for (const name of names) {
      items.push({ name, expr: { kind: "variable", name, pos: p.pos } });
    }
  }
  for (const it of p.items) {
    const name =
      it.alias?.name ?? (it.expression.kind === "variable" ? it.expression.name : it.text);
    items.push({ name, expr: it.expression });
  }
  return items;
}

/** The aggregate calls inside `e`, outermost only, not looking into subqueries. */
export function aggregatesIn(e: unknown, out: AggregateCall[] = []): AggregateCall[] {
  walkTree(e, (x) => {
    const kind = (x as { kind?: unknown }).kind;
    if (kind === "countStar") {
      out.push(x as CountStar);
      return "skip";
    }
    if (kind === "function" && AGGREGATES.has((x as FunctionCall).name.toLowerCase())) {
      out.push(x as FunctionCall);
      return "skip";
    }
    return kind === "statement" ? "skip" : undefined;
  });
  return out;
}

export function planProjection(
  p: Projection,
  where: Expression | null,
  env: CompileEnv,
): ProjectionPlan {
  const items = itemsOf(p, env.scope);
  const aggregating = items.some((it) => aggregatesIn(it.expr).length > 0);
  return aggregating ? planAggregating(p, items, where, env) : planPlain(p, items, where, env);
}

function planPlain(
  p: Projection,
  items: Item[],
  where: Expression | null,
  env: CompileEnv,
): ProjectionPlan {
  const computed: ProjectItem[] = [];
  const bindings: [string, Binding][] = [];
  for (const it of items) {
    if (it.expr.kind === "variable") {
      bindings.push([it.name, env.scope.require(it.expr.name, it.expr.pos)]);
      continue;
    }
    const slot = env.pc.layout.next();
    computed.push({ slot, expr: compileIn(it.expr, env) });
    bindings.push([it.name, { slot, kind: "value" }]);
  }
  const scope = Scope.of(bindings);
  // ORDER BY and WHERE see the projected names first, then (without DISTINCT) the rest.
  let after = p.distinct ? scope : env.scope;
  if (!p.distinct) for (const [name, b] of bindings) after = after.with(name, b);
  const subst = itemSubst(items, bindings, null);
  const pipes: Pipe[] = [];
  if (computed.length > 0) pipes.push(project(computed));
  return finish(p, where, env, pipes, scope, after, subst, bindings);
}

function planAggregating(
  p: Projection,
  items: Item[],
  where: Expression | null,
  env: CompileEnv,
): ProjectionPlan {
  const aggSlots = new Map<Expression, number>();
  const aggregates: AggregateItem[] = [];
  const addAggregate = (call: AggregateCall): void => {
    if (aggSlots.has(call)) return;
    const slot = env.pc.layout.next();
    aggSlots.set(call, slot);
    aggregates.push(aggregateItem(call, slot, env));
  };
  const keys: { slot: number; expr: Expr }[] = [];
  const keyBindings: [string, Binding][] = [];
  const keyItems: { expr: Expression; slot: number }[] = [];
  for (const it of items) {
    const calls = aggregatesIn(it.expr);
    if (calls.length > 0) {
      calls.forEach(addAggregate);
      continue;
    }
    const known = it.expr.kind === "variable" ? env.scope.require(it.expr.name, it.expr.pos) : null;
    const slot = known?.slot ?? env.pc.layout.next();
    keys.push({ slot, expr: compileIn(it.expr, env) });
    keyBindings.push([it.name, { slot, kind: known?.kind ?? "value" }]);
    keyItems.push({ expr: it.expr, slot });
  }
  for (const s of p.orderBy) aggregatesIn(s.expression).forEach(addAggregate);
  const layout = env.pc.layout;
  const pipes: Pipe[] = [aggregate({ keys, aggregates, width: () => layout.width })];
  const subst: Subst = (e) => {
    const a = aggSlots.get(e);
    if (a !== undefined) return a;
    if (e.kind === "variable") return undefined;
    return keyItems.find((k) => sameTree(k.expr, e))?.slot;
  };
  const postEnv: CompileEnv = { ...env, scope: Scope.of(keyBindings), subst };
  const bindings: [string, Binding][] = [];
  const computed: ProjectItem[] = [];
  let k = 0;
  for (const it of items) {
    if (aggregatesIn(it.expr).length === 0) {
      bindings.push(keyBindings[k++]!);
      continue;
    }
    const direct = aggSlots.get(it.expr);
    if (direct !== undefined) {
      bindings.push([it.name, { slot: direct, kind: "value" }]);
      continue;
    }
    const slot = layout.next();
    computed.push({ slot, expr: compileIn(it.expr, postEnv) });
    bindings.push([it.name, { slot, kind: "value" }]);
  }
  if (computed.length > 0) pipes.push(project(computed));
  const scope = Scope.of(bindings);
  return finish(p, where, env, pipes, scope, scope, itemSubst(items, bindings, subst), bindings);
}

function aggregateItem(call: AggregateCall, slot: number, env: CompileEnv): AggregateItem {
  if (call.kind === "countStar")
    return { slot, args: null, create: () => ({ add() {}, result: () => 0 }) };
  const def = AGGREGATES.get(call.name.toLowerCase())!;
  if (call.args.length < def.minArgs || call.args.length > def.maxArgs) {
    throw planError(
      "InvalidNumberOfArguments",
      `${call.name}() takes ${def.minArgs} to ${def.maxArgs} arguments, got ${call.args.length}`,
      call.pos,
    );
  }
  const args = call.args.map((a) => compileIn(a, env));
  const isDistinct = call.distinct;
  return { slot, args, create: () => def.create(isDistinct) };
}

/** Expressions equal to a projected item's are read from its slot (ORDER BY n.x). */
function itemSubst(
  items: readonly Item[],
  bindings: readonly [string, Binding][],
  inner: Subst | null,
): Subst {
  return (e) => {
    const s = inner?.(e);
    if (s !== undefined) return s;
    if (e.kind === "variable") return undefined;
    const i = items.findIndex((it) => sameTree(it.expr, e));
    return i < 0 ? undefined : bindings[i]![1].slot;
  };
}

function finish(
  p: Projection,
  where: Expression | null,
  env: CompileEnv,
  pipes: Pipe[],
  scope: Scope,
  after: Scope,
  subst: Subst,
  bindings: readonly [string, Binding][],
): ProjectionPlan {
  const afterEnv: CompileEnv = { ...env, scope: after, subst };
  if (p.distinct) pipes.push(distinct(bindings.map(([, b]) => b.slot)));
  if (p.orderBy.length > 0) {
    pipes.push(
      sort(
        p.orderBy.map((s) => ({
          expr: compileIn(s.expression, afterEnv),
          descending: s.descending,
        })),
      ),
    );
  }
  if (p.skip !== null) pipes.push(skip(countExpr("SKIP", p.skip, env)));
  if (p.limit !== null) pipes.push(limit(countExpr("LIMIT", p.limit, env), env.pc.writes));
  if (where !== null) {
    const test = compileIn(where, afterEnv);
    pipes.push(filterRows((row, ctx) => asLogical("WHERE", test(row, ctx)) === true));
  }
  return {
    pipe: chain(pipes),
    scope,
    columns: bindings.map(([name, b]) => ({ name, slot: b.slot })),
  };
}

/** SKIP and LIMIT see no variables; a constant is checked now, anything else when run. */
function countExpr(what: "SKIP" | "LIMIT", e: Expression, env: CompileEnv): Expr {
  const f = compileIn(e, { ...env, scope: new Scope(), subst: null });
  const v = constantValue(f);
  if (v !== undefined) {
    try {
      countArgument(what, v, "compile");
    } catch (err) {
      if (err instanceof QueryError) throw planError(err.detail ?? "", err.message, e.pos);
      throw err;
    }
  }
  return f;
}
