// WITH and RETURN: what their items may say, what ORDER BY and WITH's WHERE may see
// afterwards, and the scope they leave behind. The checks run in the order the TCK
// observes them: items, then ORDER BY (scope, aggregation, ambiguity), then naming
// (NoExpressionAlias, ColumnNameConflict, NoVariablesInScope), SKIP and LIMIT, WHERE.

import type { Expression, Projection, ProjectionItem } from "./ast.js";
import { checkAmbiguity, groupingKeys } from "./aggregation.js";
import { canonicalText, childExpressions, containsAggregate } from "./expression-walk.js";
import { requireType } from "./require-type.js";
import { Scope, type Analyzer, type ExpressionContext } from "./scope.js";
import type { StaticType } from "./static-types.js";

export interface ProjectionResult {
  readonly scope: Scope;
  readonly columns: readonly string[];
}

export function analyzeProjection(
  an: Analyzer,
  p: Projection,
  incoming: Scope,
  clause: "WITH" | "RETURN",
  where: Expression | null = null,
): ProjectionResult {
  const ctx: ExpressionContext = {
    scope: incoming,
    aggregates: true,
    inAggregate: false,
    predicate: false,
    place: clause,
  };
  const types = p.items.map((item) => an.expression(item.expression, ctx));
  const aggregating = p.items.some((item) => containsAggregate(item.expression));
  const keys = groupingKeys(p.items);
  for (const item of p.items) {
    if (containsAggregate(item.expression)) checkAmbiguity(an, item.expression, keys);
  }
  const outgoing = projectedScope(p, incoming, types);
  const after = afterContext(p, { incoming, outgoing, types, aggregating });
  const sortKeys = groupingKeys(p.items, outgoing.names());
  for (const sort of p.orderBy) {
    an.expression(sort.expression, after);
    if (aggregating && containsAggregate(sort.expression)) {
      checkAmbiguity(an, sort.expression, sortKeys);
    }
  }
  checkNames(an, p, incoming, clause);
  for (const [word, e] of [["SKIP", p.skip] as const, ["LIMIT", p.limit] as const]) {
    if (e !== null) checkRowCount(an, e, word);
  }
  if (where !== null) {
    const ctx = { ...after, aggregates: false, predicate: true, place: "WHERE" };
    requireType(an, where, an.expression(where, ctx), "WHERE", "boolean");
  }
  const columns = [...(p.star ? incoming.names() : []), ...p.items.map(columnName)];
  return { scope: outgoing, columns };
}

export function columnName(item: ProjectionItem): string {
  return item.alias?.name ?? item.text;
}

function projectedScope(p: Projection, incoming: Scope, types: readonly StaticType[]): Scope {
  const scope = p.star ? incoming.child() : new Scope();
  p.items.forEach((item, i) => {
    const name =
      item.alias?.name ?? (item.expression.kind === "variable" ? item.expression.name : null);
    if (name !== null)
      scope.set(name, { type: types[i] ?? "any", pos: item.alias?.pos ?? item.pos });
  });
  return scope;
}

interface OrderByScopes {
  readonly incoming: Scope;
  readonly outgoing: Scope;
  readonly types: readonly StaticType[];
  readonly aggregating: boolean;
}

/**
 * What ORDER BY and WITH … WHERE see. Without DISTINCT or aggregation: the incoming
 * variables and the new names. With either: only the new names, plus any projected
 * expression as a whole (`RETURN DISTINCT a.x ORDER BY a.x`).
 */
function afterContext(p: Projection, s: OrderByScopes): ExpressionContext {
  const ctx: ExpressionContext = {
    scope: s.outgoing,
    aggregates: s.aggregating,
    inAggregate: false,
    predicate: false,
    place: "ORDER BY",
  };
  if (p.distinct || s.aggregating) {
    const items = new Map<string, StaticType>();
    p.items.forEach((item, i) => items.set(canonicalText(item.expression), s.types[i] ?? "any"));
    return { ...ctx, projectedItems: items };
  }
  const visible = s.incoming.child();
  for (const [name, info] of s.outgoing.entries()) visible.set(name, info);
  return { ...ctx, scope: visible };
}

function checkNames(an: Analyzer, p: Projection, incoming: Scope, clause: string): void {
  // WITH * may carry nothing on (`MATCH () CREATE () WITH * …`); a RETURN * must show something.
  if (p.star && incoming.size === 0 && clause === "RETURN") {
    an.fail(
      "SEMANTIC",
      "NoVariablesInScope",
      `${clause} * has no variables in scope to project`,
      p.pos,
    );
  }
  const seen = new Set<string>();
  for (const item of p.items) {
    if (clause === "WITH" && item.alias === null && item.expression.kind !== "variable") {
      const message = `expression \`${item.text}\` in WITH must be aliased (use AS)`;
      an.fail("SEMANTIC", "NoExpressionAlias", message, item.pos);
    }
    const name = columnName(item);
    if (seen.has(name)) {
      const message = `column name \`${name}\` is used more than once in ${clause}`;
      an.fail("SEMANTIC", "ColumnNameConflict", message, item.alias?.pos ?? item.pos);
    }
    seen.add(name);
  }
}

/** SKIP and LIMIT: constant, and when a literal, a non-negative integer. */
function checkRowCount(an: Analyzer, e: Expression, word: "SKIP" | "LIMIT"): void {
  const variable = firstVariable(e);
  if (variable !== null) {
    const message = `${word} must be a constant expression; it cannot read variable \`${variable.name}\``;
    an.fail("SEMANTIC", "NonConstantExpression", message, variable.pos);
  }
  const t = an.expression(e, {
    scope: new Scope(),
    aggregates: false,
    inAggregate: false,
    predicate: false,
    place: word,
  });
  if (e.kind === "integer" && e.value < 0n) {
    an.fail(
      "SEMANTIC",
      "NegativeIntegerArgument",
      `${word} must not be negative, got ${e.value}`,
      e.pos,
    );
  }
  if (t !== "integer" && t !== "any" && t !== "null") {
    an.fail("SEMANTIC", "InvalidArgumentType", `${word} must be an integer`, e.pos);
  }
}

function firstVariable(e: Expression): Extract<Expression, { kind: "variable" }> | null {
  if (e.kind === "variable") return e;
  // Local forms bind their own names; a row count using them is rare enough to leave to
  // the scope check, which reports them as undefined.
  for (const child of childExpressions(e)) {
    const found = firstVariable(child);
    if (found !== null) return found;
  }
  return null;
}
