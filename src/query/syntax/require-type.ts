// The analyser's one type rule: a value whose static type can never be one of the
// allowed kinds is an InvalidArgumentType at compile time. Unknown types always pass, so
// the executor still sees every value it alone can judge. WHERE conditions, which apply
// the rule with "boolean", are checked here too.

import type { Expression } from "./ast.js";
import { plainContext, type Analyzer, type Scope } from "./scope.js";
import { mayBe, typeName, type StaticType } from "./static-types.js";

/** Fails with InvalidArgumentType unless a value of type `t` may be one of `allowed`. */
export function requireType(
  an: Analyzer,
  at: Expression,
  t: StaticType,
  where: string,
  ...allowed: readonly (StaticType | "list")[]
): void {
  if (mayBe(t, ...allowed)) return;
  const wanted = allowed.map((a) => (a === "list" ? "List" : typeName(a))).join(" or ");
  const message = `type mismatch: ${where} expects ${wanted} but got ${typeName(t)}`;
  an.fail("SEMANTIC", "InvalidArgumentType", message, at.pos);
}

/** A WHERE condition: no aggregates, pattern predicates allowed, must be able to be boolean. */
export function checkCondition(an: Analyzer, e: Expression, scope: Scope): void {
  const ctx = { ...plainContext(scope, "WHERE"), predicate: true };
  requireType(an, e, an.expression(e, ctx), "WHERE", "boolean");
}
