// Reads one number literal: decimal, hexadecimal (`0x`), octal (`0o`, and the legacy
// leading `0`), and floats with a fraction and/or an exponent (`1.5`, `.5`, `2e-3`).
// Range is not checked here (the analyser does, so `-9223372036854775808` can be folded
// first); digits run into letters become a `badNumber` token for the parser to judge.

import type { Cursor } from "./lexer.js";
import type { Token } from "./tokens.js";

const DIGIT = /[0-9]/;
const HEX_DIGIT = /[0-9a-fA-F]/;
const OCT_DIGIT = /[0-7]/;

export function readNumber(cur: Cursor, query: string): Token {
  const pos = cur.pos;
  const radix = cur.peek() === "0" ? /[xXoO]/.exec(cur.peek(1))?.[0].toLowerCase() : undefined;
  if (radix !== undefined) {
    cur.advance(2);
    const digits = readWhile(cur, radix === "x" ? HEX_DIGIT : OCT_DIGIT);
    if (digits === "") return badNumber(cur, query, pos);
    return integerToken(cur, query, pos, BigInt(`0${radix}${digits}`));
  }
  const whole = readWhile(cur, DIGIT);
  let isFloat = false;
  if (cur.peek() === "." && DIGIT.test(cur.peek(1))) {
    cur.advance();
    readWhile(cur, DIGIT);
    isFloat = true;
  }
  const signed = cur.peek(1) === "+" || cur.peek(1) === "-";
  if ((cur.peek() === "e" || cur.peek() === "E") && DIGIT.test(cur.peek(signed ? 2 : 1))) {
    cur.advance(signed ? 2 : 1);
    readWhile(cur, DIGIT);
    isFloat = true;
  }
  if (isFloat) {
    if (cur.skipIdentifierPart() > 0) return badNumber(cur, query, pos);
    const text = query.slice(pos.offset, cur.offset);
    return { kind: "float", text, upper: text, pos, end: cur.offset, float: Number(text) };
  }
  if (whole.length > 1 && whole.startsWith("0")) {
    // Legacy octal (`0755`): openCypher 9 still reads a leading zero as octal.
    if (!/^[0-7]+$/.test(whole)) return badNumber(cur, query, pos);
    return integerToken(cur, query, pos, BigInt(`0o${whole.slice(1)}`));
  }
  return integerToken(cur, query, pos, BigInt(whole));
}

function integerToken(cur: Cursor, query: string, pos: Token["pos"], value: bigint): Token {
  if (cur.skipIdentifierPart() > 0) return badNumber(cur, query, pos);
  const text = query.slice(pos.offset, cur.offset);
  return { kind: "integer", text, upper: text, pos, end: cur.offset, integer: value };
}

function badNumber(cur: Cursor, query: string, pos: Token["pos"]): Token {
  cur.skipIdentifierPart();
  const text = query.slice(pos.offset, cur.offset);
  return { kind: "badNumber", text, upper: text, pos, end: cur.offset };
}

function readWhile(cur: Cursor, re: RegExp): string {
  const start = cur.offset;
  while (!cur.atEnd() && re.test(cur.peek())) cur.advance();
  return cur.text.slice(start, cur.offset);
}
