// The token vocabulary of Cypher: what the lexer emits and the parser consumes.
// Words are not split into keywords and names here: Cypher lets most keywords serve as
// names (`n.count`, `:Match`, `{limit: 1}`), so the parser decides from context, using
// `isWord`/`RESERVED` below. This file holds no lexing logic.

import type { Position } from "./ast.js";

export type TokenKind =
  /** An unquoted word: a keyword or a name, decided by the parser. */
  | "word"
  /** A backtick-quoted name; never a keyword. `text` is the unescaped name. */
  | "quoted"
  | "string"
  | "integer"
  | "float"
  /** Digits run into letters (`12ab`, `0x1G`): only an error where a number may stand. */
  | "badNumber"
  /** `$name` or `$0`; `text` is the name without the dollar. */
  | "parameter"
  | "punct"
  | "eof";

export interface Token {
  readonly kind: TokenKind;
  /** The word (as written), the unescaped string or name, the digits, or the operator. */
  readonly text: string;
  /** Upper-cased `text` for words, so keyword tests are one comparison. */
  readonly upper: string;
  readonly pos: Position;
  /** Offset just past the token's last character. */
  readonly end: number;
  /** Integer value of an integer token (decimal, hex or octal). */
  readonly integer?: bigint;
  /** Value of a float token. */
  readonly float?: number;
}

/** Operators and punctuation, longest first so the lexer can match greedily. */
export const PUNCTUATION: readonly string[] = [
  "=~",
  "<>",
  "<=",
  ">=",
  "+=",
  "..",
  "=",
  "<",
  ">",
  "+",
  "-",
  "*",
  "/",
  "%",
  "^",
  ".",
  ",",
  ":",
  ";",
  "|",
  "(",
  ")",
  "[",
  "]",
  "{",
  "}",
];

/**
 * Words that can never be a variable, because they would make the grammar ambiguous
 * (`WITH a WHERE …`, `RETURN x AS y`, `a IS NULL`, …). They remain valid as property keys,
 * labels, relationship types and map keys.
 */
export const RESERVED: ReadonlySet<string> = new Set([
  "ALL",
  "AND",
  "AS",
  "ASC",
  "ASCENDING",
  "BY",
  "CALL",
  "CASE",
  "CONTAINS",
  "CREATE",
  "DELETE",
  "DESC",
  "DESCENDING",
  "DETACH",
  "DISTINCT",
  "ELSE",
  "END",
  "ENDS",
  "FALSE",
  "FOREACH",
  "IN",
  "IS",
  "LIMIT",
  "MATCH",
  "MERGE",
  "NOT",
  "NULL",
  "ON",
  "OPTIONAL",
  "OR",
  "ORDER",
  "REMOVE",
  "RETURN",
  "SET",
  "SKIP",
  "STARTS",
  "THEN",
  "TRUE",
  "UNION",
  "UNWIND",
  "WHEN",
  "WHERE",
  "WITH",
  "XOR",
  "YIELD",
]);

export function isWord(token: Token, upper: string): boolean {
  return token.kind === "word" && token.upper === upper;
}

export function isPunct(token: Token, text: string): boolean {
  return token.kind === "punct" && token.text === text;
}

/** How a token is named in an error message: `"RETURN"`, `end of input`. */
export function describeToken(token: Token): string {
  switch (token.kind) {
    case "eof":
      return "end of input";
    case "string":
      return "string literal";
    case "quoted":
      return `\`${token.text}\``;
    case "parameter":
      return `$${token.text}`;
    default:
      return `"${token.text}"`;
  }
}
