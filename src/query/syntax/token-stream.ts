// The parser's footing: a cursor over the token list with lookahead, expectations that
// fail with a caret-pointed SYNTAX error, the nesting-depth guard, and a bracket-matching
// table so the parser can look past a parenthesised group in O(1) when deciding between a
// pattern and an expression. The grammar itself lives in the parse-*.ts layers above.

import type { Expression, Pattern, PatternElement, Position, Statement } from "./ast.js";
import { MAX_NESTING_DEPTH, syntaxError, tooComplex } from "./compile-error.js";
import { describeToken, isPunct, isWord, RESERVED, type Token } from "./tokens.js";

const OPENERS: Readonly<Record<string, string>> = { "(": ")", "[": "]", "{": "}" };

export abstract class TokenStream {
  protected index = 0;
  #depth = 0;
  /** For every opening bracket, the index of its closing partner (absent if unclosed). */
  readonly #partner = new Map<number, number>();

  constructor(
    readonly query: string,
    protected readonly tokens: readonly Token[],
  ) {
    const open: number[] = [];
    tokens.forEach((t, i) => {
      if (t.kind !== "punct") return;
      if (OPENERS[t.text] !== undefined) open.push(i);
      else if (t.text === ")" || t.text === "]" || t.text === "}") {
        const o = open.pop();
        if (o !== undefined && OPENERS[tokens[o]!.text] === t.text) this.#partner.set(o, i);
      }
    });
  }

  // Grammar entry points the lower layers need from the higher ones.
  abstract expression(): Expression;
  abstract pattern(): Pattern;
  abstract patternElement(): PatternElement;
  /** A full statement between braces (subqueries); the cursor is on the `{`. */
  abstract bracedStatement(): Statement;

  protected peek(ahead = 0): Token {
    const i = Math.min(this.index + ahead, this.tokens.length - 1);
    return this.tokens[i]!;
  }

  protected next(): Token {
    const t = this.peek();
    if (this.index < this.tokens.length - 1) this.index++;
    return t;
  }

  protected get pos(): Position {
    return this.peek().pos;
  }

  /** Offset just past the last consumed token: where the text of a finished node ends. */
  protected get lastEnd(): number {
    return this.index === 0 ? 0 : this.tokens[this.index - 1]!.end;
  }

  protected atWord(upper: string, ahead = 0): boolean {
    return isWord(this.peek(ahead), upper);
  }

  protected atPunct(text: string, ahead = 0): boolean {
    return isPunct(this.peek(ahead), text);
  }

  protected acceptWord(upper: string): boolean {
    if (!this.atWord(upper)) return false;
    this.next();
    return true;
  }

  protected acceptPunct(text: string): boolean {
    if (!this.atPunct(text)) return false;
    this.next();
    return true;
  }

  protected expectWord(upper: string): Token {
    if (!this.atWord(upper)) throw this.unexpected(upper);
    return this.next();
  }

  protected expectPunct(text: string): Token {
    if (!this.atPunct(text)) throw this.unexpected(`"${text}"`);
    return this.next();
  }

  /** A name: a word (keywords included) or a backtick-quoted name. */
  protected atName(ahead = 0): boolean {
    const t = this.peek(ahead);
    return t.kind === "word" || t.kind === "quoted";
  }

  /** A name that may be a variable: not one of the reserved words. */
  protected atVariableName(ahead = 0): boolean {
    const t = this.peek(ahead);
    return t.kind === "quoted" || (t.kind === "word" && !RESERVED.has(t.upper));
  }

  protected expectName(what: string): Token {
    if (!this.atName()) throw this.unexpected(what);
    return this.next();
  }

  /** Index of the token closing the bracket at `ahead`, or -1. */
  protected partnerOf(ahead: number): number {
    return this.#partner.get(this.index + ahead) ?? -1;
  }

  protected tokenAt(index: number): Token {
    return this.tokens[Math.min(index, this.tokens.length - 1)]!;
  }

  protected unexpected(expected?: string): Error {
    const t = this.peek();
    const what = `unexpected ${describeToken(t)}`;
    return this.error(expected === undefined ? what : `${what}, expected ${expected}`, t.pos);
  }

  protected error(message: string, pos: Position = this.pos, detail?: string): Error {
    return syntaxError(message, pos, this.query, detail);
  }

  /** Runs `fn` one nesting level deeper; refuses to go past MAX_NESTING_DEPTH. */
  protected nested<T>(fn: () => T): T {
    this.deepen(1);
    try {
      return fn();
    } finally {
      this.#depth--;
    }
  }

  /** Adds to the depth without a matching release until `release` (for operator chains). */
  protected deepen(levels: number): void {
    this.#depth += levels;
    if (this.#depth > MAX_NESTING_DEPTH) {
      throw tooComplex(`query is nested deeper than ${MAX_NESTING_DEPTH} levels`, this.pos);
    }
  }

  protected release(levels: number): void {
    this.#depth -= levels;
  }

  protected get depth(): number {
    return this.#depth;
  }

  protected set depth(value: number) {
    this.#depth = value;
  }
}
