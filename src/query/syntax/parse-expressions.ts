// Operator expressions by precedence climbing, with openCypher's ranking, loosest first:
//   1 OR · 2 XOR · 3 AND · 4 NOT (prefix) · 5 comparison = <> < > <= >= (chained:
//   `a < b < c` is `a < b AND b < c`) · 6 IN, STARTS WITH, ENDS WITH, CONTAINS, =~,
//   IS [NOT] NULL · 7 + - · 8 * / % · 9 ^ · 10 unary + - · then postfix .key [i] [a..b] :L.
// One method climbs all binary levels, so a nesting level (a parenthesis, a list) costs a
// handful of stack frames rather than one per precedence level. Every operator link also
// deepens the nesting guard, because a chain of 100,000 `+` makes a tree as deep as
// 100,000 parentheses. Atoms come from the layer above through `atom()`.

import type { BinaryOperator, Expression, Position } from "./ast.js";
import { TokenStream } from "./token-stream.js";

const NOT_PRECEDENCE = 4;
const COMPARISON_PRECEDENCE = 5;
const PREDICATE_PRECEDENCE = 6;
const UNARY_PRECEDENCE = 10;

type Infix =
  | { readonly kind: "binary"; readonly op: BinaryOperator; readonly precedence: number }
  | { readonly kind: "comparison"; readonly op: BinaryOperator }
  | { readonly kind: "isNull" };

const PUNCT_INFIX: Readonly<Record<string, readonly [BinaryOperator, number]>> = {
  "=": ["=", COMPARISON_PRECEDENCE],
  "<>": ["<>", COMPARISON_PRECEDENCE],
  "<": ["<", COMPARISON_PRECEDENCE],
  ">": [">", COMPARISON_PRECEDENCE],
  "<=": ["<=", COMPARISON_PRECEDENCE],
  ">=": [">=", COMPARISON_PRECEDENCE],
  "=~": ["=~", PREDICATE_PRECEDENCE],
  "+": ["+", 7],
  "-": ["-", 7],
  "*": ["*", 8],
  "/": ["/", 8],
  "%": ["%", 8],
  "^": ["^", 9],
};

const WORD_INFIX: Readonly<Record<string, readonly [BinaryOperator, number]>> = {
  OR: ["or", 1],
  XOR: ["xor", 2],
  AND: ["and", 3],
  IN: ["in", PREDICATE_PRECEDENCE],
  CONTAINS: ["contains", PREDICATE_PRECEDENCE],
};

export abstract class ExpressionParser extends TokenStream {
  protected abstract atom(): Expression;

  expression(): Expression {
    return this.nested(() => this.#climb(0));
  }

  /** An expression whose operators all bind at least as tightly as `minPrecedence`. */
  #climb(minPrecedence: number): Expression {
    let left = this.#prefix();
    let links = 0;
    try {
      for (;;) {
        const infix = this.#infixAt();
        if (infix === null) return left;
        const precedence =
          infix.kind === "binary"
            ? infix.precedence
            : infix.kind === "comparison"
              ? COMPARISON_PRECEDENCE
              : PREDICATE_PRECEDENCE;
        if (precedence < minPrecedence) return left;
        this.deepen(1);
        links++;
        left = this.#applyInfix(left, infix);
      }
    } finally {
      this.release(links);
    }
  }

  #applyInfix(left: Expression, infix: Infix): Expression {
    const pos: Position = left.pos;
    if (infix.kind === "isNull") {
      this.next();
      const negated = this.acceptWord("NOT");
      this.expectWord("NULL");
      return { kind: "isNull", operand: left, negated, pos };
    }
    if (infix.kind === "comparison") return this.#comparisonChain(left);
    this.#consumeOperator();
    const right = this.#climb(infix.precedence + 1);
    return { kind: "binary", op: infix.op, left, right, pos };
  }

  /** `a < b <= c` becomes `a < b AND b <= c`, sharing `b`, as openCypher defines it. */
  #comparisonChain(first: Expression): Expression {
    let result: Expression | null = null;
    let left = first;
    let links = 0;
    try {
      for (let infix = this.#infixAt(); infix?.kind === "comparison"; infix = this.#infixAt()) {
        this.next();
        this.deepen(1);
        links++;
        const right = this.#climb(COMPARISON_PRECEDENCE + 1);
        const link: Expression = { kind: "binary", op: infix.op, left, right, pos: left.pos };
        result =
          result === null
            ? link
            : { kind: "binary", op: "and", left: result, right: link, pos: first.pos };
        left = right;
      }
    } finally {
      this.release(links);
    }
    return result ?? first;
  }

  /** The infix operator at the cursor, without consuming it. */
  #infixAt(): Infix | null {
    const t = this.peek();
    if (t.kind === "punct") {
      const entry = PUNCT_INFIX[t.text];
      if (entry === undefined) return null;
      const [op, precedence] = entry;
      return precedence === COMPARISON_PRECEDENCE
        ? { kind: "comparison", op }
        : { kind: "binary", op, precedence };
    }
    if (t.kind !== "word") return null;
    if (t.upper === "IS") return { kind: "isNull" };
    if (t.upper === "STARTS" && this.atWord("WITH", 1)) {
      return { kind: "binary", op: "startsWith", precedence: PREDICATE_PRECEDENCE };
    }
    if (t.upper === "ENDS" && this.atWord("WITH", 1)) {
      return { kind: "binary", op: "endsWith", precedence: PREDICATE_PRECEDENCE };
    }
    const entry = WORD_INFIX[t.upper];
    return entry === undefined ? null : { kind: "binary", op: entry[0], precedence: entry[1] };
  }

  #consumeOperator(): void {
    const t = this.next();
    if (t.upper === "STARTS" || t.upper === "ENDS") this.expectWord("WITH");
  }

  /** NOT, unary + and -, or a postfix expression. A minus before a number literal folds
   * into it, so `-9223372036854775808` is one in-range literal rather than the negation
   * of an out-of-range one. */
  #prefix(): Expression {
    const t = this.peek();
    if (t.kind === "word" && t.upper === "NOT") {
      this.next();
      return this.nested(() => {
        const operand = this.#climb(NOT_PRECEDENCE);
        return { kind: "unary", op: "not", operand, pos: t.pos } as const;
      });
    }
    if (t.kind !== "punct" || (t.text !== "-" && t.text !== "+")) return this.postfix(this.atom());
    this.next();
    const n = this.peek();
    if (t.text === "-" && (n.kind === "integer" || n.kind === "float")) {
      this.next();
      const literal: Expression =
        n.kind === "integer"
          ? { kind: "integer", value: -n.integer!, pos: t.pos }
          : { kind: "float", value: -n.float!, pos: t.pos };
      return this.postfix(literal);
    }
    const op = t.text;
    return this.nested(() => {
      const operand = this.#climb(UNARY_PRECEDENCE);
      return { kind: "unary", op, operand, pos: t.pos } as const;
    });
  }

  /** Property lookups, subscripts and slices, then optional label predicates. */
  protected postfix(atom: Expression): Expression {
    let object = atom;
    let links = 0;
    try {
      for (;;) {
        const pos: Position = object.pos;
        if (this.atPunct(".") && this.atName(1)) {
          this.next();
          object = { kind: "property", object, key: this.next().text, pos };
        } else if (this.atPunct("[")) {
          object = this.#subscript(object);
        } else if (this.atPunct(":") && this.atName(1)) {
          const labels: string[] = [];
          while (this.atPunct(":") && this.atName(1)) {
            this.next();
            labels.push(this.next().text);
          }
          object = { kind: "labelCheck", operand: object, labels, pos };
        } else {
          return object;
        }
        this.deepen(1);
        links++;
      }
    } finally {
      this.release(links);
    }
  }

  #subscript(object: Expression): Expression {
    const pos = object.pos;
    this.expectPunct("[");
    const from = this.atPunct("..") ? null : this.expression();
    if (from !== null && this.acceptPunct("]")) return { kind: "index", object, index: from, pos };
    if (!this.acceptPunct("..")) throw this.unexpected(from === null ? '".."' : '"]" or ".."');
    const to = this.atPunct("]") ? null : this.expression();
    this.expectPunct("]");
    return { kind: "slice", object, from, to, pos };
  }
}
