// Reads one string literal, in single or double quotes, and resolves its escapes:
// \\ \' \" \b \f \n \r \t, \uXXXX and \UXXXXXXXX (letters either case, as openCypher
// allows). A malformed \u escape or a code point past U+10FFFF is InvalidUnicodeLiteral;
// any other unknown escape is a plain syntax error rather than being kept literally,
// so a typo never silently changes a string.

import type { Position } from "./ast.js";
import { syntaxError } from "./compile-error.js";
import type { Cursor } from "./lexer.js";
import type { Token } from "./tokens.js";

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  "\\": "\\",
  "'": "'",
  '"': '"',
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};

export function readString(cur: Cursor, query: string): Token {
  const pos = cur.pos;
  const quote = cur.peek();
  cur.advance();
  const parts: string[] = [];
  let runStart = cur.offset;
  for (;;) {
    if (cur.atEnd()) throw syntaxError("unterminated string literal", pos, query);
    const ch = cur.peek();
    if (ch === quote) break;
    if (ch !== "\\") {
      cur.advance();
      continue;
    }
    parts.push(query.slice(runStart, cur.offset));
    parts.push(readEscape(cur, query));
    runStart = cur.offset;
  }
  parts.push(query.slice(runStart, cur.offset));
  cur.advance();
  const text = parts.join("");
  return { kind: "string", text, upper: text, pos, end: cur.offset };
}

/** Reads the escape at the cursor (which is on the backslash) and returns its text. */
function readEscape(cur: Cursor, query: string): string {
  const pos = cur.pos;
  const letter = cur.peek(1);
  const simple = SIMPLE_ESCAPES[letter] ?? SIMPLE_ESCAPES[letter.toLowerCase()];
  if (simple !== undefined && letter !== "") {
    cur.advance(2);
    return simple;
  }
  if (letter === "u" || letter === "U") return readUnicodeEscape(cur, query, pos);
  const shown = letter === "" ? "\\" : `\\${letter}`;
  throw syntaxError(`invalid escape sequence "${shown}" in string literal`, pos, query);
}

function readUnicodeEscape(cur: Cursor, query: string, pos: Position): string {
  const wanted = cur.peek(1) === "U" && hexRun(cur, 2, 8) === 8 ? 8 : 4;
  const digits = query.slice(cur.offset + 2, cur.offset + 2 + wanted);
  if (hexRun(cur, 2, wanted) < wanted) {
    const shown = query.slice(cur.offset, cur.offset + 2 + hexRun(cur, 2, wanted) + 1);
    throw syntaxError(
      `invalid unicode escape "${shown}": expected ${wanted} hex digits`,
      pos,
      query,
      "InvalidUnicodeLiteral",
    );
  }
  const codePoint = parseInt(digits, 16);
  if (codePoint > 0x10ffff) {
    throw syntaxError(
      `invalid unicode escape "\\${cur.peek(1)}${digits}": past U+10FFFF`,
      pos,
      query,
      "InvalidUnicodeLiteral",
    );
  }
  cur.advance(2 + wanted);
  return String.fromCodePoint(codePoint);
}

/** How many hex digits (up to `max`) follow `from` units past the cursor. */
function hexRun(cur: Cursor, from: number, max: number): number {
  let n = 0;
  while (n < max && /[0-9a-fA-F]/.test(cur.peek(from + n))) n++;
  return n;
}
