// What planning one query needs everywhere: the slot layout, whether the query writes
// (entity reads then re-read the transaction, since Node and Relationship objects are
// snapshots), the parameters it uses, the engine's options and procedures, and the hooks
// through which expressions plan the patterns and subqueries they contain. The hooks keep
// the expression compiler and the clause planner apart without an import cycle: the
// planner (planner.ts) fills them in.
import type { Expression, Pattern, Statement } from "../syntax/ast.js";
import type { Expr, Pipe } from "../exec/pipe.js";
import type { ProcedureDefinition } from "../exec/procedures.js";
import type { Scope, SlotLayout } from "./scope.js";

/** The engine's options once resolved. */
export interface ResolvedEngineOptions {
  readonly maxVarLength: number;
}

/** An expression replaced by a slot read, e.g. an aggregate after aggregation; or undefined. */
export type Subst = (e: Expression) => number | undefined;

export interface CompileEnv {
  readonly scope: Scope;
  readonly pc: PlanContext;
  readonly subst: Subst | null;
}

/** A planned subquery: its pipe (fed one outer row), and its returned columns' slots. */
export interface SubqueryPlan {
  readonly pipe: Pipe;
  readonly columns: readonly { readonly name: string; readonly slot: number }[];
  readonly returns: boolean;
}

export interface PlanHooks {
  compile(e: Expression, env: CompileEnv): Expr;
  /** The pipe matching a pattern from one outer row, and the scope inside it. */
  matchPipe(
    pattern: Pattern,
    where: Expression | null,
    env: CompileEnv,
  ): { pipe: Pipe; scope: Scope };
  /** A full subquery (EXISTS { MATCH … RETURN … }, COUNT { … }) seeing the outer scope. */
  subquery(statement: Statement, env: CompileEnv): SubqueryPlan;
}

export interface PlanContext {
  readonly layout: SlotLayout;
  /** The query has a write clause somewhere: entity data is re-read at each access. */
  readonly writes: boolean;
  /** Names of the parameters the query uses. */
  readonly params: Set<string>;
  readonly options: ResolvedEngineOptions;
  readonly procedures: ReadonlyMap<string, ProcedureDefinition>;
  readonly hooks: PlanHooks;
}

export function compileIn(e: Expression, env: CompileEnv): Expr {
  return env.pc.hooks.compile(e, env);
}
