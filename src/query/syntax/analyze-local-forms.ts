// The expression forms that open a local scope or stand for a pattern: list and pattern
// comprehensions, quantifiers, reduce, EXISTS {…}, COUNT {…} and pattern predicates.
// Their local variables never leak out; aggregates are refused inside their bodies
// (InvalidAggregation) but allowed in the list they range over; and a bare pattern
// predicate is accepted only as a WHERE condition, where openCypher allows it.

import type { Expression, PatternElement, Variable } from "./ast.js";
import { requireType } from "./require-type.js";
import type { Analyzer, ExpressionContext, Scope } from "./scope.js";
import { elementOf, type StaticType } from "./static-types.js";

export function checkLocalForm(an: Analyzer, e: Expression, ctx: ExpressionContext): StaticType {
  const outer: ExpressionContext = { ...ctx, predicate: false };
  switch (e.kind) {
    case "listComprehension": {
      const local = bind(ctx.scope, e.variable, elementOf(an.expression(e.list, outer)));
      const body = bodyContext(ctx, local, "a list comprehension");
      if (e.where !== null) condition(an, e.where, body);
      const mapped = e.map === null ? null : an.expression(e.map, { ...body, predicate: false });
      return { list: mapped ?? local.get(e.variable.name)?.type ?? "any" };
    }
    case "quantifier": {
      const local = bind(ctx.scope, e.variable, elementOf(an.expression(e.list, outer)));
      if (e.where !== null) condition(an, e.where, bodyContext(ctx, local, `${e.quantifier}()`));
      return "boolean";
    }
    case "reduce": {
      an.expression(e.init, outer);
      const listType = an.expression(e.list, outer);
      const local = bind(bind(ctx.scope, e.accumulator, "any"), e.variable, elementOf(listType));
      an.expression(e.expression, { ...bodyContext(ctx, local, "reduce()"), predicate: false });
      return "any";
    }
    case "patternComprehension": {
      const local = ctx.scope.child();
      an.localPattern(e.element, local, e.variable);
      const body = bodyContext(ctx, local, "a pattern comprehension");
      if (e.where !== null) condition(an, e.where, body);
      return { list: an.expression(e.map, { ...body, predicate: false }) };
    }
    case "exists":
    case "countSubquery":
      subquery(an, e, ctx);
      return e.kind === "exists" ? "boolean" : "integer";
    case "patternPredicate":
      patternPredicate(an, e.element, ctx);
      return "boolean";
    default:
      return "any";
  }
}

function bind(scope: Scope, variable: Variable, type: StaticType): Scope {
  const local = scope.child();
  local.set(variable.name, { type, pos: variable.pos });
  return local;
}

function bodyContext(ctx: ExpressionContext, scope: Scope, place: string): ExpressionContext {
  return { scope, aggregates: false, inAggregate: ctx.inAggregate, predicate: true, place };
}

/** A WHERE-like condition: pattern predicates allowed, and it must be able to be boolean. */
function condition(an: Analyzer, e: Expression, ctx: ExpressionContext): void {
  requireType(an, e, an.expression(e, { ...ctx, predicate: true }), "WHERE", "boolean");
}

function subquery(
  an: Analyzer,
  e: Extract<Expression, { kind: "exists" | "countSubquery" }>,
  ctx: ExpressionContext,
): void {
  if (e.query !== null) {
    an.statement(e.query, ctx.scope, "exists");
    return;
  }
  const local = ctx.scope.child();
  for (const part of e.pattern?.parts ?? []) an.localPattern(part.element, local, part.variable);
  const place = e.kind === "exists" ? "EXISTS { … }" : "COUNT { … }";
  if (e.where !== null) condition(an, e.where, bodyContext(ctx, local, place));
}

/** `WHERE (a)-[:T]->(b)`: only bound variables; a new one would be silently existential. */
function patternPredicate(an: Analyzer, element: PatternElement, ctx: ExpressionContext): void {
  if (!ctx.predicate) {
    const message =
      "a pattern can only be used as a WHERE condition here; use EXISTS { … }, COUNT { … } or a pattern comprehension";
    an.fail("SYNTAX", "UnexpectedSyntax", message, element.pos);
  }
  for (const p of [...element.nodes, ...element.relationships]) {
    if (p.variable !== null && !ctx.scope.has(p.variable.name)) {
      const message = `variable \`${p.variable.name}\` is not defined (a pattern predicate cannot introduce new variables)`;
      an.fail("SEMANTIC", "UndefinedVariable", message, p.variable.pos);
    }
    if (p.properties !== null) an.expression(p.properties, { ...ctx, predicate: false });
  }
}
