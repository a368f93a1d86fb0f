// Graph patterns: comma-separated parts, each an optional `p =`, an optional
// shortestPath/allShortestPaths wrapper, and a chain of node and relationship patterns
// with labels, types (`:A|B`, `:A|:B`), variable lengths (`*`, `*2`, `*1..3`, `*..3`,
// `*2..`) and property maps or parameters. Whether a pattern is allowed where it stands
// (parameters in MATCH, var-length in CREATE, …) is the analyser's business.

import type {
  Direction,
  Expression,
  NodePattern,
  Pattern,
  PatternElement,
  PatternPart,
  RelationshipPattern,
} from "./ast.js";
import { SpecialFormParser } from "./parse-special-forms.js";

type Length = RelationshipPattern["length"];

export abstract class PatternParser extends SpecialFormParser {
  pattern(): Pattern {
    const pos = this.pos;
    const parts: PatternPart[] = [];
    do parts.push(this.patternPart());
    while (this.acceptPunct(","));
    return { parts, pos };
  }

  protected patternPart(): PatternPart {
    const pos = this.pos;
    let variable = null;
    if (this.atVariableName() && this.atPunct("=", 1)) {
      variable = this.variable();
      this.next();
    }
    const t = this.peek();
    const shortest =
      t.kind === "word" && this.atPunct("(", 1)
        ? t.upper === "SHORTESTPATH"
          ? "shortestPath"
          : t.upper === "ALLSHORTESTPATHS"
            ? "allShortestPaths"
            : null
        : null;
    if (shortest === null) return { variable, shortest, element: this.patternElement(), pos };
    this.next();
    this.expectPunct("(");
    const element = this.patternElement();
    this.expectPunct(")");
    return { variable, shortest, element, pos };
  }

  patternElement(): PatternElement {
    return this.nested(() => {
      if (this.atPunct("(") && this.atPunct("(", 1)) {
        this.next();
        const inner = this.patternElement();
        this.expectPunct(")");
        return inner;
      }
      const pos = this.pos;
      const nodes: NodePattern[] = [this.#node()];
      const relationships: RelationshipPattern[] = [];
      while (this.atPunct("<") || this.atPunct("-")) {
        relationships.push(this.#relationship());
        nodes.push(this.#node());
      }
      return { nodes, relationships, pos };
    });
  }

  #node(): NodePattern {
    const pos = this.expectPunct("(").pos;
    const variable = this.atVariableName() ? this.variable() : null;
    const labels = this.#names(false);
    const properties = this.#properties();
    this.expectPunct(")");
    return { variable, labels, properties, pos };
  }

  #relationship(): RelationshipPattern {
    const pos = this.pos;
    const left = this.acceptPunct("<");
    this.expectPunct("-");
    let detail: Omit<RelationshipPattern, "direction" | "pos"> = {
      variable: null,
      types: [],
      length: null,
      properties: null,
    };
    if (this.acceptPunct("[")) {
      detail = this.#relationshipDetail();
      this.expectPunct("]");
    }
    this.expectPunct("-");
    const right = this.acceptPunct(">");
    const direction: Direction = left === right ? "both" : left ? "in" : "out";
    return { ...detail, direction, pos };
  }

  #relationshipDetail(): Omit<RelationshipPattern, "direction" | "pos"> {
    const variable = this.atVariableName() ? this.variable() : null;
    const types = this.#names(true);
    let length: Length = null;
    if (this.atPunct("..")) {
      throw this.error(
        'a relationship length needs "*" before ".."',
        this.pos,
        "InvalidRelationshipPattern",
      );
    }
    if (this.acceptPunct("*")) length = this.#length();
    const properties = this.#properties();
    return { variable, types, length, properties };
  }

  /** After `*`: nothing, `n`, `n..`, `..m` or `n..m`. */
  #length(): Length {
    const min = this.#bound();
    if (!this.acceptPunct("..")) return { min, max: min };
    return { min, max: this.#bound() };
  }

  #bound(): number | null {
    const t = this.peek();
    if (t.kind === "integer") {
      this.next();
      return Number(t.integer);
    }
    if (t.kind === "float" || t.kind === "badNumber" || this.atPunct("-")) {
      throw this.error(
        `invalid relationship length bound "${t.text}"`,
        t.pos,
        "InvalidRelationshipPattern",
      );
    }
    return null;
  }

  /** Labels `:A:B` (node) or types `:A|B` / `:A|:B` (relationship). */
  #names(alternatives: boolean): string[] {
    const names: string[] = [];
    if (!this.acceptPunct(":")) return names;
    names.push(this.expectName(alternatives ? "a relationship type" : "a label").text);
    for (;;) {
      if (alternatives ? this.acceptPunct("|") : this.acceptPunct(":")) {
        if (alternatives) this.acceptPunct(":");
        names.push(this.expectName(alternatives ? "a relationship type" : "a label").text);
      } else {
        return names;
      }
    }
  }

  #properties(): Expression | null {
    if (this.atPunct("{")) return this.nested(() => this.mapLiteral());
    const t = this.peek();
    if (t.kind !== "parameter") return null;
    this.next();
    return { kind: "parameter", name: t.text, pos: t.pos };
  }
}
