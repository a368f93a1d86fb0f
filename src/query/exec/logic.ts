// openCypher's three-valued logic: true, false and null (unknown). AND is false if either
// side is false, OR is true if either side is true, and otherwise null wins; NOT null is
// null. Operands that are not booleans are a type error, as in openCypher. WHERE keeps a
// row only when its predicate is exactly true (`isTrue`).
import { QueryError } from "../../internal/errors.js";
import { cypherTypeName, type Value } from "../runtime/types.js";

function notBoolean(op: string, v: Value): QueryError {
  return new QueryError("TYPE", `${op} expects a boolean operand, got ${cypherTypeName(v)}`, {
    phase: "runtime",
    detail: "InvalidArgumentType",
  });
}

/** The operand as a boolean or null; anything else is a type error. */
export function asLogical(op: string, v: Value): boolean | null {
  if (v === null || typeof v === "boolean") return v;
  throw notBoolean(op, v);
}

export function not3(v: Value): boolean | null {
  const b = asLogical("NOT", v);
  return b === null ? null : !b;
}

export function xor3(a: Value, b: Value): boolean | null {
  const x = asLogical("XOR", a);
  const y = asLogical("XOR", b);
  return x === null || y === null ? null : x !== y;
}

export function isTrue(v: Value): boolean {
  return v === true;
}
