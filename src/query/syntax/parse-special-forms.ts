// The expression forms with their own little grammar: list and pattern comprehensions,
// the quantifiers all/any/none/single, reduce, EXISTS {…} and COUNT {…}, map projections
// and pattern predicates. Telling a pattern from an expression (`(a)-->(b)` vs `(a) - b`,
// `[p = (a)-->() | p]` vs `[p = (1)]`) is done by a cheap look past the bracketed group
// and then a speculative parse that rewinds on failure; failures are remembered per
// position so a nasty query cannot make the parser retry the same spot exponentially.

import { QueryError } from "../../internal/errors.js";
import type {
  Expression,
  MapProjectionItem,
  Pattern,
  PatternElement,
  Position,
  Statement,
  Variable,
} from "./ast.js";
import { AtomParser } from "./parse-atoms.js";

const CLAUSE_STARTS: ReadonlySet<string> = new Set([
  "MATCH",
  "OPTIONAL",
  "UNWIND",
  "WITH",
  "RETURN",
  "CALL",
  "CREATE",
  "MERGE",
  "SET",
  "REMOVE",
  "DELETE",
  "DETACH",
  "FOREACH",
]);

export abstract class SpecialFormParser extends AtomParser {
  readonly #failedPatterns = new Set<number>();

  protected listLike(): Expression {
    const pos = this.pos;
    if (this.atVariableName(1) && this.atWord("IN", 2)) return this.#listComprehension(pos);
    const comprehension = this.#tryPatternComprehension(pos);
    if (comprehension !== null) return comprehension;
    this.expectPunct("[");
    return { kind: "list", items: this.expressionList("]"), pos };
  }

  #listComprehension(pos: Position): Expression {
    this.expectPunct("[");
    const variable = this.variable();
    this.expectWord("IN");
    const list = this.expression();
    const where = this.acceptWord("WHERE") ? this.expression() : null;
    const map = this.acceptPunct("|") ? this.expression() : null;
    this.expectPunct("]");
    return { kind: "listComprehension", variable, list, where, map, pos };
  }

  #tryPatternComprehension(pos: Position): Expression | null {
    const named = this.atVariableName(1) && this.atPunct("=", 2);
    const at = named ? 3 : 1;
    if (!this.atPunct("(", at) || !this.#arrowAfter(this.partnerOf(at))) return null;
    const start = this.index;
    this.next();
    const variable = named ? this.variable() : null;
    if (named) this.next();
    const element = this.#speculatePattern();
    if (element === null || !(this.atWord("WHERE") || this.atPunct("|"))) {
      this.index = start;
      return null;
    }
    const where = this.acceptWord("WHERE") ? this.expression() : null;
    this.expectPunct("|");
    const map = this.expression();
    this.expectPunct("]");
    return { kind: "patternComprehension", variable, element, where, map, pos };
  }

  protected tryPatternPredicate(): Expression | null {
    if (!this.#arrowAfter(this.partnerOf(0))) return null;
    const pos = this.pos;
    const element = this.#speculatePattern();
    return element === null ? null : { kind: "patternPredicate", element, pos };
  }

  /** Whether the token after index `close` starts a relationship: `--`, `-[`, `<-`. */
  #arrowAfter(close: number): boolean {
    if (close < 0) return false;
    const a = this.tokenAt(close + 1);
    const b = this.tokenAt(close + 2);
    if (a.kind !== "punct" || b.kind !== "punct") return false;
    if (a.text === "<") return b.text === "-";
    return a.text === "-" && (b.text === "-" || b.text === "[");
  }

  /** Parses a pattern element with at least one relationship, or rewinds and returns null. */
  #speculatePattern(): PatternElement | null {
    const start = this.index;
    const depth = this.depth;
    if (this.#failedPatterns.has(start)) return null;
    try {
      const element = this.patternElement();
      if (element.relationships.length > 0) return element;
    } catch (err) {
      if (!(err instanceof QueryError) || err.code !== "SYNTAX") throw err;
    }
    this.index = start;
    this.depth = depth;
    this.#failedPatterns.add(start);
    return null;
  }

  protected specialForm(): Expression | null {
    const t = this.peek();
    if (this.atPunct("{", 1) && (t.upper === "EXISTS" || t.upper === "COUNT")) {
      return this.nested(() => this.#subquery(t.upper === "EXISTS" ? "exists" : "countSubquery"));
    }
    if (!this.atPunct("(", 1)) return null;
    const lower = t.upper.toLowerCase();
    const quantified = this.atVariableName(2) && this.atWord("IN", 3);
    if (
      quantified &&
      (lower === "all" || lower === "any" || lower === "none" || lower === "single")
    ) {
      return this.nested(() => this.#quantifier(lower));
    }
    if (lower === "reduce" && this.atVariableName(2) && this.atPunct("=", 3)) {
      return this.nested(() => this.#reduce());
    }
    return null;
  }

  #quantifier(quantifier: "all" | "any" | "none" | "single"): Expression {
    const pos = this.next().pos;
    this.expectPunct("(");
    const variable = this.variable();
    this.expectWord("IN");
    const list = this.expression();
    const where = this.acceptWord("WHERE") ? this.expression() : null;
    this.expectPunct(")");
    return { kind: "quantifier", quantifier, variable, list, where, pos };
  }

  #reduce(): Expression {
    const pos = this.next().pos;
    this.expectPunct("(");
    const accumulator = this.variable();
    this.expectPunct("=");
    const init = this.expression();
    this.expectPunct(",");
    const variable = this.variable();
    this.expectWord("IN");
    const list = this.expression();
    this.expectPunct("|");
    const expression = this.expression();
    this.expectPunct(")");
    return { kind: "reduce", accumulator, init, variable, list, expression, pos };
  }

  /** `EXISTS { … }` / `COUNT { … }`: a full query when it starts with a clause keyword,
   * else a pattern with an optional WHERE. */
  #subquery(kind: "exists" | "countSubquery"): Expression {
    const pos = this.next().pos;
    if (this.peek(1).kind === "word" && CLAUSE_STARTS.has(this.peek(1).upper)) {
      const query: Statement = this.bracedStatement();
      return { kind, pattern: null, where: null, query, pos };
    }
    this.expectPunct("{");
    const pattern: Pattern = this.pattern();
    const where = this.acceptWord("WHERE") ? this.expression() : null;
    this.expectPunct("}");
    return { kind, pattern, where, query: null, pos };
  }

  protected mapProjection(object: Variable): Expression {
    this.expectPunct("{");
    const items: MapProjectionItem[] = [];
    if (!this.acceptPunct("}")) {
      do items.push(this.#mapProjectionItem());
      while (this.acceptPunct(","));
      this.expectPunct("}");
    }
    return { kind: "mapProjection", object, items, pos: object.pos };
  }

  #mapProjectionItem(): MapProjectionItem {
    if (this.acceptPunct(".")) {
      if (this.acceptPunct("*")) return { kind: "allProperties" };
      return { kind: "property", key: this.expectName("a property key").text };
    }
    if (this.atName() && this.atPunct(":", 1)) {
      const key = this.next().text;
      this.next();
      return { kind: "literal", key, value: this.expression() };
    }
    return { kind: "variable", variable: this.variable() };
  }

  /** A variable name at the cursor (reserved words refused). */
  protected variable(): Variable {
    if (!this.atVariableName()) throw this.unexpected("a variable name");
    const t = this.next();
    return { kind: "variable", name: t.text, pos: t.pos };
  }
}
