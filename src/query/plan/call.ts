// Planning CALL: procedure calls (checked against the procedure's signature at compile
// time: existence, arity, the types of constant arguments, the yielded fields) and CALL
// { … } subqueries, which see only the variables they import: those of an explicit
// import list, or those the subquery's leading WITH passes through.
import type { QueryError } from "../../internal/errors.js";
import { planError } from "./errors.js";
import type {
  CallProcedureClause,
  CallSubqueryClause,
  Expression,
  Position,
} from "../syntax/ast.js";
import { callProcedure, callSubquery, coerceArgument } from "../exec/call.js";
import { asLogical } from "../exec/logic.js";
import { chain, type Expr, type Pipe } from "../exec/pipe.js";
import { filterRows } from "../exec/scan.js";
import { cypherTypeName } from "../runtime/types.js";
import { constantValue } from "./compile-expr.js";
import { compileIn, type CompileEnv } from "./context.js";
import type { Column } from "./projection.js";
import { Scope } from "./scope.js";

export interface CallPlan {
  readonly pipe: Pipe;
  readonly scope: Scope;
  readonly columns: readonly Column[];
}

function compileError(pos: Position, message: string, detail: string): QueryError {
  return planError(detail, message, pos);
}

function procedureArgs(c: CallProcedureClause, env: CompileEnv, standalone: boolean): Expr[] {
  const proc = env.pc.procedures.get(c.name)!;
  if (c.args === null) {
    if (!standalone && proc.inputs.length > 0) {
      throw compileError(
        c.pos,
        `procedure ${c.name} takes arguments: pass them in parentheses`,
        "InvalidArgumentPassingMode",
      );
    }
    return proc.inputs.map((f) => {
      const param: Expression = { kind: "parameter", name: f.name, pos: c.pos };
      return compileIn(param, env);
    });
  }
  if (c.args.length !== proc.inputs.length) {
    throw compileError(
      c.pos,
      `procedure ${c.name} takes ${proc.inputs.length} argument${proc.inputs.length === 1 ? "" : "s"}, got ${c.args.length}`,
      "InvalidNumberOfArguments",
    );
  }
  return c.args.map((a, i) => {
    const f = compileIn(a, env);
    const v = constantValue(f);
    const field = proc.inputs[i]!;
    if (v !== undefined && coerceArgument(field.type, v) === undefined) {
      throw compileError(
        a.pos,
        `procedure ${c.name} expects ${field.type} for \`${field.name}\`, got ${cypherTypeName(v)}`,
        "InvalidArgumentType",
      );
    }
    return f;
  });
}

export function planProcedureCall(
  c: CallProcedureClause,
  env: CompileEnv,
  standalone: boolean,
): CallPlan {
  const proc = env.pc.procedures.get(c.name);
  if (proc === undefined) {
    throw compileError(c.pos, `there is no procedure named ${c.name}`, "ProcedureNotFound");
  }
  const args = procedureArgs(c, env, standalone);
  const outputs = proc.outputs.map((o) => o.name);
  const items =
    c.yield === null || c.yield === "*"
      ? c.yield === "*" || standalone
        ? outputs.map((field) => ({ field, name: field, pos: c.pos }))
        : []
      : c.yield.map((y) => ({ field: y.field, name: y.alias?.name ?? y.field, pos: y.pos }));
  let scope = env.scope;
  const yields: { field: string; slot: number }[] = [];
  const columns: Column[] = [];
  for (const y of items) {
    if (!outputs.includes(y.field)) {
      throw compileError(
        y.pos,
        `procedure ${c.name} has no output \`${y.field}\``,
        "UndefinedVariable",
      );
    }
    if (scope.has(y.name)) {
      throw compileError(y.pos, `variable \`${y.name}\` is already bound`, "VariableAlreadyBound");
    }
    const slot = env.pc.layout.next();
    scope = scope.with(y.name, { slot, kind: "value" });
    yields.push({ field: y.field, slot });
    columns.push({ name: y.name, slot });
  }
  const pipes: Pipe[] = [callProcedure({ procedure: proc, args, yields })];
  if (c.where !== null) {
    const test = compileIn(c.where, { ...env, scope });
    pipes.push(filterRows((row, ctx) => asLogical("WHERE", test(row, ctx)) === true));
  }
  return { pipe: chain(pipes), scope, columns };
}

/** The variables a subquery imports from the outer scope. */
function importsOf(c: CallSubqueryClause, outer: Scope): Scope {
  if (c.importAll) return outer;
  if (c.imports !== null)
    return Scope.of(c.imports.map((v) => [v.name, outer.require(v.name, v.pos)]));
  const first = c.query.parts[0]?.clauses[0];
  if (first?.kind !== "with") return new Scope();
  const names: [string, ReturnType<Scope["require"]>][] = [];
  for (const it of first.projection.items) {
    const e = it.expression;
    if (e.kind === "variable" && outer.has(e.name)) names.push([e.name, outer.require(e.name)]);
  }
  if (first.projection.star) return outer;
  return Scope.of(names);
}

export function planCallSubquery(c: CallSubqueryClause, env: CompileEnv): CallPlan {
  const inner = env.pc.hooks.subquery(c.query, {
    ...env,
    scope: importsOf(c, env.scope),
    subst: null,
  });
  let scope = env.scope;
  for (const col of inner.columns) {
    if (scope.has(col.name)) {
      throw compileError(
        c.pos,
        `variable \`${col.name}\` is already bound`,
        "VariableAlreadyBound",
      );
    }
    scope = scope.with(col.name, { slot: col.slot, kind: "value" });
  }
  return {
    pipe: callSubquery(
      inner.pipe,
      inner.columns.map((col) => col.slot),
      inner.returns,
    ),
    scope,
    columns: inner.columns,
  };
}
