// Helpers for the syntax tests: the shape of a tree without positions (so a test can
// compare it with a literal), the first RETURN item of a query, and the QueryError a
// function throws.

import assert from "node:assert/strict";
import { QueryError } from "../../../internal/errors.js";
import type { Clause, Expression, Statement } from "../ast.js";
import { parse } from "../parser.js";

/** A deep copy of `node` without `pos` fields; bigints kept. */
export function shape(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(shape);
  if (node === null || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) if (key !== "pos") out[key] = shape(value);
  return out;
}

/** The clauses of a single-part statement. */
export function clausesOf(query: string): readonly Clause[] {
  const statement: Statement = parse(query);
  assert.equal(statement.parts.length, 1);
  return statement.parts[0]!.clauses;
}

/** The expression of `RETURN <text>`. */
export function expr(text: string): Expression {
  const clause = clausesOf(`RETURN ${text}`)[0];
  assert.ok(clause?.kind === "return");
  return clause.projection.items[0]!.expression;
}

/** The shape of `RETURN <text>`'s expression. */
export function exprShape(text: string): unknown {
  return shape(expr(text));
}

/** The QueryError `fn` throws (fails the test if it throws anything else or nothing). */
export function errorOf(fn: () => unknown): QueryError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof QueryError, `expected a QueryError, got ${String(err)}`);
    return err;
  }
  assert.fail("expected an error");
}

// Compact builders for expected shapes.
export const v = (name: string) => ({ kind: "variable", name });
export const int = (value: number | bigint) => ({ kind: "integer", value: BigInt(value) });
export const bin = (op: string, left: unknown, right: unknown) => ({
  kind: "binary",
  op,
  left,
  right,
});
export const prop = (object: unknown, key: string) => ({ kind: "property", object, key });
export const bool = (value: boolean) => ({ kind: "boolean", value });
