// Planning one single query (no UNION): its clauses in order, each planned against the
// scope the clauses before it leave, their pipes chained. RETURN gives the columns; a
// query that ends in a procedure call without RETURN returns what the call yields.
import type { Clause, SingleQuery } from "../syntax/ast.js";
import { optional, unwind } from "../exec/project.js";
import { chain, type Pipe } from "../exec/pipe.js";
import { planCallSubquery, planProcedureCall } from "./call.js";
import { compileIn, type CompileEnv } from "./context.js";
import { planMatch } from "./match.js";
import { planProjection, type Column } from "./projection.js";
import type { Scope } from "./scope.js";
import { planCreate, planDelete, planForeach, planMerge, planRemove, planSet } from "./writes.js";

export interface ClausesPlan {
  readonly pipe: Pipe;
  readonly scope: Scope;
  /** The returned columns; null when the query returns nothing. */
  readonly columns: readonly Column[] | null;
}

interface Step {
  readonly pipe: Pipe;
  readonly scope: Scope;
  readonly columns?: readonly Column[];
}

function planClause(c: Clause, env: CompileEnv, standalone: boolean): Step {
  const scope = env.scope;
  switch (c.kind) {
    case "match": {
      const m = planMatch(c.pattern, c.where, env);
      return { pipe: c.optional ? optional(m.pipe, m.slots) : m.pipe, scope: m.scope };
    }
    case "unwind": {
      const list = compileIn(c.expression, env);
      const slot = env.pc.layout.next();
      return {
        pipe: unwind(slot, list),
        scope: scope.with(c.variable.name, { slot, kind: "value" }),
      };
    }
    case "with": {
      const p = planProjection(c.projection, c.where, env);
      return { pipe: p.pipe, scope: p.scope };
    }
    case "return": {
      const p = planProjection(c.projection, null, env);
      return { pipe: p.pipe, scope: p.scope, columns: p.columns };
    }
    case "create":
      return planCreate(c, env);
    case "merge":
      return planMerge(c, env);
    case "set":
      return { pipe: planSet(c.items, env), scope };
    case "remove":
      return { pipe: planRemove(c.items, env), scope };
    case "delete":
      return { pipe: planDelete(c, env), scope };
    case "foreach":
      return {
        pipe: planForeach(c, env, (clauses, inner) => planClauses(clauses, inner).pipe),
        scope,
      };
    case "callSubquery":
      return planCallSubquery(c, env);
    case "callProcedure": {
      const p = planProcedureCall(c, env, standalone);
      return { pipe: p.pipe, scope: p.scope, columns: p.columns };
    }
  }
}

export function planClauses(clauses: readonly Clause[], env: CompileEnv): ClausesPlan {
  let scope = env.scope;
  const pipes: Pipe[] = [];
  let columns: readonly Column[] | null = null;
  const standalone = clauses.length === 1;
  clauses.forEach((c, i) => {
    const step = planClause(c, { ...env, scope, subst: null }, standalone);
    pipes.push(step.pipe);
    scope = step.scope;
    const last = i === clauses.length - 1;
    columns = step.columns !== undefined && (c.kind === "return" || last) ? step.columns : null;
  });
  return { pipe: chain(pipes), scope, columns };
}

export function planSingleQuery(q: SingleQuery, env: CompileEnv): ClausesPlan {
  return planClauses(q.clauses, env);
}
