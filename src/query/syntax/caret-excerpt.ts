// Points at a place in the query text: the line it is on with a caret under the column,
// and the Position of an offset. Every stage that reports a compile error (lexer, parser,
// analyser) or a runtime error tied to a node uses this, so all errors look alike.
// It does not build errors; see compile-error.ts.

import type { Position } from "./ast.js";

/** Characters shown either side of the caret on a long line, so a one-line 1 MB query
 * does not produce a 1 MB message. */
const WINDOW_CHARS = 60;

/**
 * Two lines, each indented by two spaces: the source line holding `pos`, and a caret under
 * `pos.column`. Tabs before the column are kept so the caret lines up in a terminal.
 */
export function caretExcerpt(query: string, pos: Position): string {
  const lineStart = lineStartBefore(query, pos.offset);
  let lineEnd = query.indexOf("\n", lineStart);
  if (lineEnd === -1) lineEnd = query.length;
  let line = query.slice(lineStart, lineEnd).replace(/\r$/, "");
  let caretAt = Math.max(0, Math.min(pos.offset - lineStart, line.length));
  if (line.length > 2 * WINDOW_CHARS) {
    const from = Math.max(0, caretAt - WINDOW_CHARS);
    const to = Math.min(line.length, caretAt + WINDOW_CHARS);
    const head = from > 0 ? "…" : "";
    line = head + line.slice(from, to) + (to < line.length ? "…" : "");
    caretAt = caretAt - from + head.length;
  }
  const pad = line.slice(0, caretAt).replace(/[^\t]/g, " ");
  return `  ${line}\n  ${pad}^`;
}

/** The Position (1-based line and column, in UTF-16 units) of a 0-based offset. */
export function positionAt(query: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let i = query.indexOf("\n"); i !== -1 && i < offset; i = query.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { offset, line, column: offset - lineStart + 1 };
}

function lineStartBefore(query: string, offset: number): number {
  const newline = query.lastIndexOf("\n", Math.max(0, offset - 1));
  return newline === -1 || newline >= offset ? 0 : newline + 1;
}
