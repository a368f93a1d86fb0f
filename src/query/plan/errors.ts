// The compile-time errors the planner raises itself (most are the analyser's, which runs
// first; these are the ones only planning can see, such as a procedure's signature). They
// read like the analyser's: the message ends with the place, `(line L, column C)`.
import { QueryError } from "../../internal/errors.js";
import type { Position } from "../syntax/ast.js";

export function planError(detail: string, message: string, pos: Position | null): QueryError {
  const where = pos === null ? message : `${message} (line ${pos.line}, column ${pos.column})`;
  return new QueryError("SEMANTIC", where, {
    phase: "compile",
    line: pos?.line ?? null,
    column: pos?.column ?? null,
    detail,
  });
}
