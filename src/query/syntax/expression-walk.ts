// Generic traversal of expressions for the analyser's structural questions: which
// sub-expressions an expression has, whether it aggregates, and a canonical text that is
// equal for two expressions exactly when they are written alike (positions ignored).
// Nested statements (EXISTS { MATCH … }) are opaque here: they are analysed separately.

import type { Expression, PatternElement } from "./ast.js";
import { isAggregateName } from "./function-table.js";

/** The direct sub-expressions of `e`, including property maps of patterns inside it. */
export function childExpressions(e: Expression): Expression[] {
  switch (e.kind) {
    case "property":
      return [e.object];
    case "index":
      return [e.object, e.index];
    case "slice":
      return nonNull([e.object, e.from, e.to]);
    case "list":
      return [...e.items];
    case "map":
      return e.entries.map((entry) => entry.value);
    case "mapProjection":
      return [
        e.object,
        ...e.items.flatMap((i) =>
          i.kind === "literal" ? [i.value] : i.kind === "variable" ? [i.variable] : [],
        ),
      ];
    case "unary":
      return [e.operand];
    case "binary":
      return [e.left, e.right];
    case "isNull":
    case "labelCheck":
      return [e.operand];
    case "function":
      return [...e.args];
    case "case":
      return nonNull([e.test, ...e.alternatives.flatMap((a) => [a.when, a.then]), e.otherwise]);
    case "listComprehension":
      return nonNull([e.list, e.where, e.map]);
    case "quantifier":
      return nonNull([e.list, e.where]);
    case "reduce":
      return [e.init, e.list, e.expression];
    case "patternComprehension":
      return nonNull([...patternProperties(e.element), e.where, e.map]);
    case "patternPredicate":
      return patternProperties(e.element);
    case "exists":
    case "countSubquery":
      return nonNull([
        ...(e.pattern?.parts.flatMap((p) => patternProperties(p.element)) ?? []),
        e.where,
      ]);
    default:
      return [];
  }
}

export function patternProperties(element: PatternElement): Expression[] {
  return nonNull([...element.nodes, ...element.relationships].map((p) => p.properties));
}

export function isAggregate(e: Expression): boolean {
  return e.kind === "countStar" || (e.kind === "function" && isAggregateName(e.name));
}

/** Whether an aggregate occurs in `e` (not counting nested statements). */
export function containsAggregate(e: Expression): boolean {
  return isAggregate(e) || childExpressions(e).some(containsAggregate);
}

/** A text equal for expressions written alike: positions dropped, names as written. */
export function canonicalText(e: Expression): string {
  return JSON.stringify(e, (key, value: unknown) =>
    key === "pos" ? undefined : typeof value === "bigint" ? `${value}n` : value,
  );
}

function nonNull<T>(items: readonly (T | null)[]): T[] {
  return items.filter((x): x is T => x !== null);
}
