// Builds the QueryError of a query that fails before it runs: code, TCK detail, and a
// message that names the place (line, column) and shows it with a caret. The lexer, the
// parser and the analyser all raise through here; they decide what is wrong, this file
// only decides how it reads.

import { QueryError, type SkeinErrorCode } from "../../internal/errors.js";
import type { Position } from "./ast.js";
import { caretExcerpt } from "./caret-excerpt.js";

/** Upper bounds that keep compiling a hostile query cheap and off the stack's edge. */
export const MAX_QUERY_CHARS = 1_000_000;
export const MAX_NESTING_DEPTH = 500;

/**
 * `message (line L, column C)` followed by the caret excerpt when the query text is known.
 * `detail` is the openCypher TCK's name for the problem (UnexpectedSyntax, …).
 */
export function compileError(
  code: SkeinErrorCode,
  detail: string,
  message: string,
  pos: Position,
  query: string | undefined,
): QueryError {
  const where = `${message} (line ${pos.line}, column ${pos.column})`;
  const text = query === undefined ? where : `${where}\n${caretExcerpt(query, pos)}`;
  return new QueryError(code, text, {
    phase: "compile",
    line: pos.line,
    column: pos.column,
    detail,
  });
}

export function syntaxError(
  message: string,
  pos: Position,
  query: string | undefined,
  detail = "UnexpectedSyntax",
): QueryError {
  return compileError("SYNTAX", detail, message, pos, query);
}

export function tooComplex(message: string, pos: Position): QueryError {
  return new QueryError("QUERY_TOO_COMPLEX", message, {
    phase: "compile",
    line: pos.line,
    column: pos.column,
  });
}
