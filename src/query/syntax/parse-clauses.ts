// The clauses: MATCH, OPTIONAL MATCH, UNWIND, WITH, RETURN, CREATE, MERGE (ON CREATE /
// ON MATCH SET), SET, REMOVE, DELETE, DETACH DELETE, FOREACH, CALL { … } subqueries and
// CALL of procedures with YIELD. Which clause may follow which is not checked here: the
// analyser reports that with the TCK's words (InvalidClauseComposition).

import type {
  CallProcedureClause,
  CallSubqueryClause,
  Clause,
  Expression,
  PropertyAccess,
  RemoveItem,
  SetItem,
  Variable,
  YieldItem,
} from "./ast.js";
import { ProjectionParser } from "./parse-projection.js";

export abstract class ClauseParser extends ProjectionParser {
  /** Whether the cursor is on a word that starts a clause. */
  protected atClauseStart(): boolean {
    const t = this.peek();
    if (t.kind !== "word") return false;
    switch (t.upper) {
      case "MATCH":
      case "UNWIND":
      case "WITH":
      case "RETURN":
      case "CREATE":
      case "MERGE":
      case "SET":
      case "REMOVE":
      case "DELETE":
      case "FOREACH":
      case "CALL":
        return true;
      case "OPTIONAL":
        return this.atWord("MATCH", 1);
      case "DETACH":
        return this.atWord("DELETE", 1);
      default:
        return false;
    }
  }

  protected clause(): Clause {
    const t = this.peek();
    const pos = t.pos;
    if (!this.atClauseStart()) throw this.unexpected("a clause (MATCH, RETURN, CREATE, …)");
    this.next();
    switch (t.upper) {
      case "OPTIONAL":
      case "MATCH": {
        const optional = t.upper === "OPTIONAL";
        if (optional) this.expectWord("MATCH");
        const pattern = this.pattern();
        return { kind: "match", optional, pattern, where: this.#where(), pos };
      }
      case "UNWIND": {
        const expression = this.expression();
        this.expectWord("AS");
        return { kind: "unwind", expression, variable: this.variable(), pos };
      }
      case "WITH":
        return { kind: "with", projection: this.projection(), where: this.#where(), pos };
      case "RETURN":
        return { kind: "return", projection: this.projection(), pos };
      case "CREATE":
        return { kind: "create", pattern: this.pattern(), pos };
      case "MERGE":
        return this.#merge(pos);
      case "SET":
        return { kind: "set", items: this.#list(() => this.#setItem()), pos };
      case "REMOVE":
        return { kind: "remove", items: this.#list(() => this.#removeItem()), pos };
      case "DETACH":
      case "DELETE": {
        const detach = t.upper === "DETACH";
        if (detach) this.expectWord("DELETE");
        const expressions = this.#list(() => this.expression());
        return { kind: "delete", detach, expressions, pos };
      }
      case "FOREACH":
        return this.nested(() => this.#foreach(pos));
      default:
        return this.atPunct("{") || this.atPunct("(") ? this.#callSubquery(pos) : this.#call(pos);
    }
  }

  #where(): Expression | null {
    return this.acceptWord("WHERE") ? this.expression() : null;
  }

  #list<T>(item: () => T): T[] {
    const items: T[] = [];
    do items.push(item());
    while (this.acceptPunct(","));
    return items;
  }

  #merge(pos: Clause["pos"]): Clause {
    const part = this.patternPart();
    const onCreate: SetItem[] = [];
    const onMatch: SetItem[] = [];
    while (this.atWord("ON")) {
      this.next();
      const onCreateSide = this.acceptWord("CREATE");
      if (!onCreateSide) this.expectWord("MATCH");
      const target = onCreateSide ? onCreate : onMatch;
      this.expectWord("SET");
      target.push(...this.#list(() => this.#setItem()));
    }
    return { kind: "merge", part, onCreate, onMatch, pos };
  }

  #setItem(): SetItem {
    const pos = this.pos;
    if (this.atVariableName() && this.atPunct(":", 1)) {
      const variable = this.variable();
      return { kind: "setLabels", variable, labels: this.#labels(), pos };
    }
    if (this.atVariableName() && (this.atPunct("=", 1) || this.atPunct("+=", 1))) {
      const variable = this.variable();
      const merge = this.next().text === "+=";
      const value = this.expression();
      return merge
        ? { kind: "mergeProperties", variable, value, pos }
        : { kind: "setAllProperties", variable, value, pos };
    }
    const target = this.#propertyTarget();
    this.expectPunct("=");
    return { kind: "setProperty", target, value: this.expression(), pos };
  }

  #removeItem(): RemoveItem {
    const pos = this.pos;
    if (this.atVariableName() && this.atPunct(":", 1)) {
      const variable = this.variable();
      return { kind: "removeLabels", variable, labels: this.#labels(), pos };
    }
    return { kind: "removeProperty", target: this.#propertyTarget(), pos };
  }

  #labels(): string[] {
    const labels: string[] = [];
    while (this.acceptPunct(":")) labels.push(this.expectName("a label").text);
    return labels;
  }

  /** `expr.key`: an atom followed by at least one property lookup. */
  #propertyTarget(): PropertyAccess {
    let target: Expression = this.atom();
    while (this.atPunct(".") && this.atName(1)) {
      this.next();
      target = { kind: "property", object: target, key: this.next().text, pos: target.pos };
    }
    if (target.kind !== "property") throw this.unexpected('"." and a property key');
    return target;
  }

  #foreach(pos: Clause["pos"]): Clause {
    this.expectPunct("(");
    const variable = this.variable();
    this.expectWord("IN");
    const list = this.expression();
    this.expectPunct("|");
    const clauses: Clause[] = [];
    do clauses.push(this.clause());
    while (!this.atPunct(")"));
    this.next();
    return { kind: "foreach", variable, list, clauses, pos };
  }

  #callSubquery(pos: Clause["pos"]): CallSubqueryClause {
    let imports: Variable[] | null = null;
    let importAll = false;
    if (this.acceptPunct("(")) {
      imports = [];
      if (this.acceptPunct("*")) importAll = true;
      else if (!this.atPunct(")")) imports = this.#list(() => this.variable());
      this.expectPunct(")");
    }
    if (!this.atPunct("{")) throw this.unexpected('"{"');
    const query = this.nested(() => this.bracedStatement());
    return { kind: "callSubquery", query, imports: importAll ? [] : imports, importAll, pos };
  }

  #call(pos: Clause["pos"]): CallProcedureClause {
    let name = this.expectName("a procedure name").text;
    while (this.atPunct(".") && this.atName(1)) {
      this.next();
      name += `.${this.next().text}`;
    }
    const args = this.acceptPunct("(") ? this.expressionList(")") : null;
    let yieldItems: CallProcedureClause["yield"] = null;
    let where: Expression | null = null;
    if (this.acceptWord("YIELD")) {
      yieldItems = this.acceptPunct("*") ? "*" : this.#list(() => this.#yieldItem());
      where = this.#where();
    }
    return { kind: "callProcedure", name, args, yield: yieldItems, where, pos };
  }

  #yieldItem(): YieldItem {
    const t = this.expectName("a procedure output name");
    const alias = this.acceptWord("AS") ? this.anyName() : null;
    return { field: t.text, alias, pos: t.pos };
  }
}
