// The planner's entry: a checked statement in, a compiled query out. It plans UNIONs and
// subqueries (statement.ts-level concerns), fills in the planning hooks that let
// expressions contain patterns and subqueries, and records what the engine needs to run
// the result: the columns, the row width, the parameters used and whether it writes.
import { planError } from "./errors.js";
import type { Statement } from "../syntax/ast.js";
import { compileExpression } from "./compile-expr.js";
import { distinct } from "../exec/order.js";
import { chain, type Pipe } from "../exec/pipe.js";
import type { ProcedureDefinition } from "../exec/procedures.js";
import { union } from "../exec/union.js";
import { containsKind } from "./ast-walk.js";
import { planSingleQuery } from "./clauses.js";
import type {
  CompileEnv,
  PlanContext,
  PlanHooks,
  ResolvedEngineOptions,
  SubqueryPlan,
} from "./context.js";
import { planMatch } from "./match.js";
import type { Column } from "./projection.js";
import { Scope, SlotLayout } from "./scope.js";

export interface CompiledQuery {
  /** Runs on one empty row of `width` slots; yields rows holding the columns' slots. */
  readonly pipe: Pipe;
  readonly columns: readonly Column[];
  /** False when the query has no RETURN (and is no standalone procedure call). */
  readonly returns: boolean;
  readonly layout: SlotLayout;
  readonly params: ReadonlySet<string>;
  readonly writes: boolean;
}

const WRITE_CLAUSES: ReadonlySet<string> = new Set([
  "create",
  "merge",
  "set",
  "remove",
  "delete",
  "foreach",
]);

/** Plans a statement: its parts, joined by UNION when there are several. */
function planStatement(s: Statement, env: CompileEnv): SubqueryPlan {
  if (s.parts.length === 1) {
    const p = planSingleQuery(s.parts[0]!, env);
    return { pipe: p.pipe, columns: p.columns ?? [], returns: p.columns !== null };
  }
  const plans = s.parts.map((part) => planSingleQuery(part, env));
  const names = (plans[0]!.columns ?? []).map((c) => c.name);
  for (const p of plans) {
    const these = (p.columns ?? []).map((c) => c.name);
    if (these.length !== names.length || these.some((n, i) => n !== names[i])) {
      throw planError(
        "DifferentColumnsInUnion",
        "all parts of a UNION must return the same columns",
        s.pos,
      );
    }
  }
  const shared = names.map(() => env.pc.layout.next());
  const parts = plans.map((p) => ({ pipe: p.pipe, slots: (p.columns ?? []).map((c) => c.slot) }));
  const all = s.unionAll.every((x) => x);
  const pipe = chain([union(parts, shared), all ? (x) => x : distinct(shared)]);
  return { pipe, columns: names.map((name, i) => ({ name, slot: shared[i]! })), returns: true };
}

const hooks: PlanHooks = {
  compile: compileExpression,
  matchPipe(pattern, where, env) {
    const m = planMatch(pattern, where, env);
    return { pipe: m.pipe, scope: m.scope };
  },
  subquery: planStatement,
};

export function compileStatement(
  s: Statement,
  options: ResolvedEngineOptions,
  procedures: ReadonlyMap<string, ProcedureDefinition>,
): CompiledQuery {
  const layout = new SlotLayout();
  const writes = containsKind(s, WRITE_CLAUSES);
  const pc: PlanContext = { layout, writes, params: new Set(), options, procedures, hooks };
  const plan = planStatement(s, { scope: new Scope(), pc, subst: null });
  return {
    pipe: plan.pipe,
    columns: plan.columns,
    returns: plan.returns,
    layout,
    params: pc.params,
    writes,
  };
}
