// Atoms: literals, parameters, variables, map literals, parenthesised expressions and
// pattern predicates, CASE, and function calls (count(*) included). The forms that bind
// their own variables (comprehensions, quantifiers, reduce, EXISTS/COUNT subqueries, map
// projections) are in parse-special-forms.ts; this layer only dispatches to them.

import type { CaseExpression, Expression, MapLiteral, Position, Variable } from "./ast.js";
import { ExpressionParser } from "./parse-expressions.js";
import { type Token } from "./tokens.js";

export abstract class AtomParser extends ExpressionParser {
  /** `[` … `]`: list literal, list comprehension or pattern comprehension. */
  protected abstract listLike(): Expression;
  /** A keyword-led form at the cursor (quantifier, reduce, EXISTS, COUNT {…}) or null. */
  protected abstract specialForm(): Expression | null;
  /** `v {…}` with the variable already read. */
  protected abstract mapProjection(object: Variable): Expression;
  /** A pattern predicate starting at the `(` under the cursor, or null (cursor kept). */
  protected abstract tryPatternPredicate(): Expression | null;

  protected atom(): Expression {
    const t = this.peek();
    const pos = t.pos;
    switch (t.kind) {
      case "integer":
        this.next();
        return { kind: "integer", value: t.integer!, pos };
      case "float":
        this.next();
        return { kind: "float", value: t.float!, pos };
      case "string":
        this.next();
        return { kind: "string", value: t.text, pos };
      case "parameter":
        this.next();
        return { kind: "parameter", name: t.text, pos };
      case "badNumber":
        throw this.error(`invalid number literal "${t.text}"`, pos, "InvalidNumberLiteral");
      case "punct":
        return this.#punctuationAtom(t);
      case "word":
      case "quoted":
        return this.#wordAtom(t);
      default:
        throw this.unexpected("an expression");
    }
  }

  #punctuationAtom(t: Token): Expression {
    // No extra nesting level here: the expressions inside count their own.
    if (t.text === "[") return this.listLike();
    if (t.text === "{") return this.mapLiteral();
    if (t.text !== "(") throw this.unexpected("an expression");
    const predicate = this.tryPatternPredicate();
    if (predicate !== null) return predicate;
    this.next();
    const inner = this.expression();
    this.expectPunct(")");
    return inner;
  }

  #wordAtom(t: Token): Expression {
    const pos = t.pos;
    if (t.kind === "word") {
      switch (t.upper) {
        case "TRUE":
          this.next();
          return { kind: "boolean", value: true, pos };
        case "FALSE":
          this.next();
          return { kind: "boolean", value: false, pos };
        case "NULL":
          this.next();
          return { kind: "null", pos };
        case "CASE":
          return this.nested(() => this.#caseExpression());
      }
      const special = this.specialForm();
      if (special !== null) return special;
    }
    const callName = this.#functionNameLength();
    if (callName > 0) return this.nested(() => this.#functionCall(callName));
    if (!this.atVariableName()) throw this.unexpected("an expression");
    const variable: Variable = { kind: "variable", name: this.next().text, pos };
    if (this.atPunct("{")) return this.nested(() => this.mapProjection(variable));
    return variable;
  }

  /** How many tokens make the dotted name of a call at the cursor (`a.b.c(`), or 0. */
  #functionNameLength(): number {
    let n = 1;
    while (this.atPunct(".", n) && this.atName(n + 1)) n += 2;
    return this.atPunct("(", n) ? n : 0;
  }

  #functionCall(nameTokens: number): Expression {
    const pos = this.pos;
    let name = "";
    for (let i = 0; i < nameTokens; i++) name += this.next().text;
    this.expectPunct("(");
    if (name.toLowerCase() === "count" && this.atPunct("*") && this.atPunct(")", 1)) {
      this.index += 2;
      return { kind: "countStar", pos };
    }
    const distinct = this.acceptWord("DISTINCT");
    const args = this.expressionList(")");
    return { kind: "function", name, distinct, args, pos };
  }

  /** Comma-separated expressions up to and including `close` (which may come at once). */
  protected expressionList(close: string): Expression[] {
    const items: Expression[] = [];
    if (this.acceptPunct(close)) return items;
    do items.push(this.expression());
    while (this.acceptPunct(","));
    this.expectPunct(close);
    return items;
  }

  protected mapLiteral(): MapLiteral {
    const pos = this.expectPunct("{").pos;
    const entries: { key: string; value: Expression }[] = [];
    if (!this.acceptPunct("}")) {
      do {
        const key = this.expectName("a property key").text;
        this.expectPunct(":");
        entries.push({ key, value: this.expression() });
      } while (this.acceptPunct(","));
      this.expectPunct("}");
    }
    return { kind: "map", entries, pos };
  }

  #caseExpression(): CaseExpression {
    const pos: Position = this.expectWord("CASE").pos;
    const test = this.atWord("WHEN") ? null : this.expression();
    const alternatives: { when: Expression; then: Expression }[] = [];
    while (this.acceptWord("WHEN")) {
      const when = this.expression();
      this.expectWord("THEN");
      alternatives.push({ when, then: this.expression() });
    }
    if (alternatives.length === 0) throw this.unexpected("WHEN");
    const otherwise = this.acceptWord("ELSE") ? this.expression() : null;
    this.expectWord("END");
    return { kind: "case", test, alternatives, otherwise, pos };
  }
}
