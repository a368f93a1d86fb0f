// Ambiguous aggregation: an expression that mixes an aggregate with other values, such as
// `me.age + count(*)`, is only meaningful when those other values are fixed per group,
// that is when they are grouping keys themselves. openCypher accepts a variable that is a
// grouping key, or a property lookup projected as one; anything else, even a compound
// expression that happens to equal a grouping key, is AmbiguousAggregationExpression.

import type { Expression, ProjectionItem } from "./ast.js";
import {
  canonicalText,
  childExpressions,
  containsAggregate,
  isAggregate,
} from "./expression-walk.js";
import type { Analyzer } from "./scope.js";

export interface GroupingKeys {
  /** Canonical texts of the non-aggregating items. */
  readonly expressions: ReadonlySet<string>;
  /** Names that are fixed per group: variables projected as keys, or visible aliases. */
  readonly variables: ReadonlySet<string>;
}

/** The grouping keys of a projection; `visible` adds names ORDER BY can see. */
export function groupingKeys(
  items: readonly ProjectionItem[],
  visible: readonly string[] = [],
): GroupingKeys {
  const keys = items.filter((item) => !containsAggregate(item.expression));
  const variables = new Set(visible);
  for (const item of keys) {
    if (item.expression.kind === "variable") variables.add(item.expression.name);
  }
  return { expressions: new Set(keys.map((item) => canonicalText(item.expression))), variables };
}

/** Fails when `e` reads, outside its aggregates, a variable that is not a grouping key. */
export function checkAmbiguity(an: Analyzer, e: Expression, keys: GroupingKeys): void {
  walk(an, e, keys, new Set());
}

function walk(an: Analyzer, e: Expression, keys: GroupingKeys, locals: ReadonlySet<string>): void {
  if (isAggregate(e)) return;
  if (e.kind === "variable") {
    if (locals.has(e.name) || keys.variables.has(e.name)) return;
    const message = `expression mixes an aggregate with \`${e.name}\`, which is not a grouping key; project it on its own first`;
    an.fail("SEMANTIC", "AmbiguousAggregationExpression", message, e.pos);
  }
  if (e.kind === "property" && keys.expressions.has(canonicalText(e))) return;
  let inner = locals;
  if (e.kind === "listComprehension" || e.kind === "quantifier") {
    inner = new Set([...locals, e.variable.name]);
  } else if (e.kind === "reduce") {
    inner = new Set([...locals, e.variable.name, e.accumulator.name]);
  }
  for (const child of childExpressions(e)) walk(an, child, keys, inner);
}
