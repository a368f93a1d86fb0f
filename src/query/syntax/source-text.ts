// Remembers the query text each parsed statement came from, so that later stages handed
// only the tree (`analyze(statement)`) can still quote the offending line in an error.
// A WeakMap keyed by the statement object: no text is kept alive after the tree is gone.

import type { Statement } from "./ast.js";

const SOURCES = new WeakMap<Statement, string>();

export function rememberSource(statement: Statement, query: string): void {
  SOURCES.set(statement, query);
}

/** The text `statement` was parsed from, if it came from `parse`. */
export function sourceOf(statement: Statement): string | undefined {
  return SOURCES.get(statement);
}
