// Turns query text into tokens with positions. It knows Cypher's lexical rules (words,
// backtick names, strings and their escapes, numbers, parameters, comments, operators)
// and nothing of its grammar: whether a word is a keyword, or whether `-` starts an arrow,
// is the parser's call. Errors that only the characters can show are raised here.

import type { Position } from "./ast.js";
import { syntaxError } from "./compile-error.js";
import { readNumber } from "./lex-number.js";
import { readString } from "./lex-string.js";
import { PUNCTUATION, type Token } from "./tokens.js";

// openCypher: a name starts with ID_Start or connector punctuation (`_`) and continues
// with ID_Continue or currency symbols.
const ID_START = /[\p{ID_Start}\p{Pc}]/u;
const ID_PART = /[\p{ID_Continue}\p{Sc}]/u;
const WHITESPACE = /\s/u;

/** The tokens of `query`, ending with one `eof` token. */
export function tokenize(query: string): Token[] {
  return new Lexer(query).run();
}

/** A cursor over the text that keeps line and column in step with the offset. */
export class Cursor {
  offset = 0;
  line = 1;
  lineStart = 0;

  constructor(readonly text: string) {}

  get pos(): Position {
    return { offset: this.offset, line: this.line, column: this.offset - this.lineStart + 1 };
  }

  peek(ahead = 0): string {
    return this.text.charAt(this.offset + ahead);
  }

  /** The whole code point at the cursor (two UTF-16 units for astral characters). */
  peekCodePoint(): string {
    const cp = this.text.codePointAt(this.offset);
    return cp === undefined ? "" : String.fromCodePoint(cp);
  }

  advance(units = 1): void {
    for (let i = 0; i < units; i++) {
      if (this.text.charCodeAt(this.offset) === 10) {
        this.line++;
        this.lineStart = this.offset + 1;
      }
      this.offset++;
    }
  }

  atEnd(): boolean {
    return this.offset >= this.text.length;
  }

  /** Advances over identifier characters; returns how many UTF-16 units were read. */
  skipIdentifierPart(): number {
    const start = this.offset;
    for (let ch = this.peekCodePoint(); ch !== "" && ID_PART.test(ch); ch = this.peekCodePoint()) {
      this.advance(ch.length);
    }
    return this.offset - start;
  }
}

export function isIdentifierStart(ch: string): boolean {
  return ch !== "" && ID_START.test(ch);
}

class Lexer {
  readonly #cur: Cursor;
  readonly #tokens: Token[] = [];

  constructor(readonly query: string) {
    this.#cur = new Cursor(query);
  }

  run(): Token[] {
    const cur = this.#cur;
    for (this.#skipTrivia(); !cur.atEnd(); this.#skipTrivia()) {
      this.#tokens.push(this.#next());
    }
    const pos = cur.pos;
    this.#tokens.push({ kind: "eof", text: "", upper: "", pos, end: pos.offset });
    return this.#tokens;
  }

  #next(): Token {
    const cur = this.#cur;
    const pos = cur.pos;
    const ch = cur.peekCodePoint();
    if (ch >= "0" && ch <= "9") return readNumber(cur, this.query);
    if (ch === "." && cur.peek(1) >= "0" && cur.peek(1) <= "9") return readNumber(cur, this.query);
    if (ch === "'" || ch === '"') return readString(cur, this.query);
    if (ch === "`") return this.#quoted(pos);
    if (ch === "$") return this.#parameter(pos);
    if (isIdentifierStart(ch)) {
      cur.skipIdentifierPart();
      const text = this.query.slice(pos.offset, cur.offset);
      return { kind: "word", text, upper: text.toUpperCase(), pos, end: cur.offset };
    }
    for (const p of PUNCTUATION) {
      if (this.query.startsWith(p, pos.offset)) {
        cur.advance(p.length);
        return { kind: "punct", text: p, upper: p, pos, end: cur.offset };
      }
    }
    throw this.#unknownCharacter(ch, pos);
  }

  #unknownCharacter(ch: string, pos: Position): Error {
    if (ch === "!" && this.#cur.peek(1) === "=") {
      return syntaxError(`unexpected "!=", use "<>" for inequality`, pos, this.query);
    }
    if (ch.codePointAt(0)! > 0x7f) {
      const hex = ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
      const message = `unexpected character "${ch}" (U+${hex})`;
      return syntaxError(message, pos, this.query, "InvalidUnicodeCharacter");
    }
    return syntaxError(`unexpected character "${ch}"`, pos, this.query);
  }

  #quoted(pos: Position): Token {
    const cur = this.#cur;
    cur.advance();
    let name = "";
    for (;;) {
      if (cur.atEnd()) throw syntaxError("unterminated quoted name", pos, this.query);
      const ch = cur.peek();
      cur.advance();
      if (ch !== "`") name += ch;
      else if (cur.peek() === "`") {
        name += "`";
        cur.advance();
      } else break;
    }
    return { kind: "quoted", text: name, upper: name, pos, end: cur.offset };
  }

  #parameter(pos: Position): Token {
    const cur = this.#cur;
    cur.advance();
    let name: string;
    if (cur.peek() === "`") {
      name = this.#quoted(cur.pos).text;
    } else if (isIdentifierStart(cur.peekCodePoint()) || /[0-9]/.test(cur.peek())) {
      const start = cur.offset;
      cur.skipIdentifierPart();
      name = this.query.slice(start, cur.offset);
    } else {
      throw syntaxError('expected a parameter name after "$"', cur.pos, this.query);
    }
    return { kind: "parameter", text: name, upper: name, pos, end: cur.offset };
  }

  #skipTrivia(): void {
    const cur = this.#cur;
    for (;;) {
      const ch = cur.peek();
      if (ch !== "" && WHITESPACE.test(ch)) {
        cur.advance();
      } else if (ch === "/" && cur.peek(1) === "/") {
        while (!cur.atEnd() && cur.peek() !== "\n") cur.advance();
      } else if (ch === "/" && cur.peek(1) === "*") {
        const pos = cur.pos;
        const close = this.query.indexOf("*/", cur.offset + 2);
        if (close === -1) throw syntaxError("unterminated comment", pos, this.query);
        cur.advance(close + 2 - cur.offset);
      } else {
        return;
      }
    }
  }
}
