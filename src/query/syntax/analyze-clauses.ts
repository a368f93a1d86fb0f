// Walks the clauses of one single query, threading the scope from clause to clause, and
// checks how the clauses are composed: RETURN last, a WITH between updating and reading,
// a query not ending in a reading clause, no updates inside EXISTS, only updates inside
// FOREACH, and the CALL forms that only a standalone procedure call may use.

import type { Clause, SingleQuery } from "./ast.js";
import { analyzeProjection } from "./analyze-projection.js";
import { declareCreatePattern, declareMatchPattern, declareMergePart } from "./analyze-patterns.js";
import { checkCallProcedure, checkCallSubquery } from "./analyze-call-clauses.js";
import { checkDelete, checkRemoveItem, checkSetItem } from "./analyze-updates.js";
import { checkCondition, requireType } from "./require-type.js";
import { plainContext, type Analyzer, type Scope, type StatementMode } from "./scope.js";
import { elementOf } from "./static-types.js";

const UPDATING: ReadonlySet<Clause["kind"]> = new Set([
  "create",
  "merge",
  "set",
  "remove",
  "delete",
  "foreach",
]);
const READING: ReadonlySet<Clause["kind"]> = new Set(["match", "unwind", "callProcedure"]);
/** Clauses a query cannot end with: their rows would go nowhere. */
const ENDS_OPEN: ReadonlySet<Clause["kind"]> = new Set(["match", "unwind", "with"]);

export interface QueryShape {
  readonly mode: StatementMode;
  /** The whole statement is this one clause: `CALL proc` alone. */
  readonly standalone: boolean;
}

/** Returns the result columns, or null when the query does not end in RETURN. */
export function analyzeSingleQuery(
  an: Analyzer,
  q: SingleQuery,
  scope: Scope,
  shape: QueryShape,
): readonly string[] | null {
  let columns: readonly string[] | null = null;
  let previous: Clause | null = null;
  for (const clause of q.clauses) {
    checkPlacement(an, clause, previous, shape.mode);
    const result = analyzeClause(an, clause, scope, shape);
    if (result !== null) {
      scope = result.scope;
      if (clause.kind === "return") columns = result.columns;
    }
    previous = clause;
  }
  const last = q.clauses[q.clauses.length - 1];
  if (last !== undefined && shape.mode !== "exists" && ENDS_OPEN.has(last.kind)) {
    const message = `a query cannot end with ${clauseName(last)}; finish it with RETURN or an updating clause`;
    an.fail("SEMANTIC", "InvalidClauseComposition", message, last.pos);
  }
  return columns;
}

function checkPlacement(
  an: Analyzer,
  clause: Clause,
  previous: Clause | null,
  mode: StatementMode,
): void {
  if (previous?.kind === "return") {
    an.fail(
      "SEMANTIC",
      "InvalidClauseComposition",
      "RETURN can only be the last clause",
      previous.pos,
    );
  }
  if (mode === "exists" && UPDATING.has(clause.kind)) {
    const message = `${clauseName(clause)} is not allowed in an EXISTS or COUNT subquery, which only reads`;
    an.fail("SEMANTIC", "InvalidClauseComposition", message, clause.pos);
  }
  if (previous !== null && UPDATING.has(previous.kind) && READING.has(clause.kind)) {
    const message = `${clauseName(clause)} cannot follow ${clauseName(previous)} directly; put a WITH between them`;
    an.fail("SEMANTIC", "InvalidClauseComposition", message, clause.pos);
  }
}

interface ClauseResult {
  readonly scope: Scope;
  readonly columns: readonly string[];
}

function analyzeClause(
  an: Analyzer,
  clause: Clause,
  scope: Scope,
  shape: QueryShape,
): ClauseResult | null {
  switch (clause.kind) {
    case "match": {
      const next = scope.child();
      declareMatchPattern(an, clause.pattern, next);
      if (clause.where !== null) checkCondition(an, clause.where, next);
      return { scope: next, columns: [] };
    }
    case "unwind": {
      const t = an.expression(clause.expression, plainContext(scope, "UNWIND"));
      const next = scope.child();
      if (next.has(clause.variable.name)) {
        const message = `variable \`${clause.variable.name}\` is already bound`;
        an.fail("SEMANTIC", "VariableAlreadyBound", message, clause.variable.pos);
      }
      next.set(clause.variable.name, { type: elementOf(t), pos: clause.variable.pos });
      return { scope: next, columns: [] };
    }
    case "with": {
      return analyzeProjection(an, clause.projection, scope, "WITH", clause.where);
    }
    case "return":
      return analyzeProjection(an, clause.projection, scope, "RETURN");
    case "create": {
      const next = scope.child();
      declareCreatePattern(an, clause.pattern, next);
      return { scope: next, columns: [] };
    }
    case "merge": {
      const next = scope.child();
      declareMergePart(an, clause.part, next);
      for (const item of [...clause.onCreate, ...clause.onMatch]) checkSetItem(an, item, next);
      return { scope: next, columns: [] };
    }
    case "set":
      for (const item of clause.items) checkSetItem(an, item, scope);
      return null;
    case "remove":
      for (const item of clause.items) checkRemoveItem(an, item, scope);
      return null;
    case "delete":
      for (const e of clause.expressions) checkDelete(an, e, scope);
      return null;
    case "foreach":
      foreach(an, clause, scope, shape);
      return null;
    case "callSubquery":
      return { scope: checkCallSubquery(an, clause, scope), columns: [] };
    case "callProcedure":
      return { scope: checkCallProcedure(an, clause, scope, shape.standalone), columns: [] };
  }
}

function foreach(
  an: Analyzer,
  clause: Extract<Clause, { kind: "foreach" }>,
  scope: Scope,
  shape: QueryShape,
): void {
  const t = an.expression(clause.list, plainContext(scope, "FOREACH"));
  requireType(an, clause.list, t, "FOREACH", "list");
  let inner = scope.child();
  inner.set(clause.variable.name, { type: elementOf(t), pos: clause.variable.pos });
  for (const c of clause.clauses) {
    if (!UPDATING.has(c.kind)) {
      const message = `${clauseName(c)} is not allowed in FOREACH, which only takes updating clauses`;
      an.fail("SEMANTIC", "InvalidClauseComposition", message, c.pos);
    }
    inner = analyzeClause(an, c, inner, shape)?.scope ?? inner;
  }
}

function clauseName(c: Clause): string {
  switch (c.kind) {
    case "match":
      return c.optional ? "OPTIONAL MATCH" : "MATCH";
    case "delete":
      return c.detach ? "DETACH DELETE" : "DELETE";
    case "callSubquery":
    case "callProcedure":
      return "CALL";
    default:
      return c.kind.toUpperCase();
  }
}
