// What WITH and RETURN share: DISTINCT, `*`, items with optional aliases, ORDER BY,
// SKIP and LIMIT. Each item keeps the exact source text of its expression, because that
// text is the column's name when there is no alias (`RETURN n.name` → `n.name`).

import type { Projection, ProjectionItem, SortItem, Variable } from "./ast.js";
import { PatternParser } from "./parse-patterns.js";

export abstract class ProjectionParser extends PatternParser {
  protected projection(): Projection {
    const pos = this.pos;
    const distinct = this.acceptWord("DISTINCT");
    const star = this.acceptPunct("*");
    const items: ProjectionItem[] = [];
    if (!star || this.acceptPunct(",")) {
      do items.push(this.#item());
      while (this.acceptPunct(","));
    }
    const orderBy: SortItem[] = [];
    if (this.atWord("ORDER")) {
      this.next();
      this.expectWord("BY");
      do orderBy.push(this.#sortItem());
      while (this.acceptPunct(","));
    }
    const skip = this.acceptWord("SKIP") ? this.expression() : null;
    const limit = this.acceptWord("LIMIT") ? this.expression() : null;
    return { distinct, star, items, orderBy, skip, limit, pos };
  }

  #item(): ProjectionItem {
    const pos = this.pos;
    const expression = this.expression();
    const text = this.query.slice(pos.offset, this.lastEnd);
    const alias = this.acceptWord("AS") ? this.anyName() : null;
    return { expression, alias, text, pos };
  }

  #sortItem(): SortItem {
    const pos = this.pos;
    const expression = this.expression();
    let descending = false;
    if (this.acceptWord("DESC") || this.acceptWord("DESCENDING")) descending = true;
    else if (!this.acceptWord("ASC")) this.acceptWord("ASCENDING");
    return { expression, descending, pos };
  }

  /** A name used as a new variable after AS, where even reserved words are unambiguous. */
  protected anyName(): Variable {
    const t = this.expectName("a name");
    return { kind: "variable", name: t.text, pos: t.pos };
  }
}
