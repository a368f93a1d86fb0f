// The parser's entry: `parse(query)` turns Cypher text into a Statement, raising a
// QueryError with code SYNTAX (line, column, caret excerpt, TCK detail) for malformed text
// and QUERY_TOO_COMPLEX for text too long or too deeply nested to compile safely. This
// file holds the statement level (UNION, subquery braces); the grammar below that is in
// the parse-*.ts layers. It checks no meaning: that is analyze.ts.

import type { SingleQuery, Statement } from "./ast.js";
import { MAX_QUERY_CHARS, tooComplex } from "./compile-error.js";
import { tokenize } from "./lexer.js";
import { ClauseParser } from "./parse-clauses.js";
import { rememberSource } from "./source-text.js";

export function parse(query: string): Statement {
  if (query.length > MAX_QUERY_CHARS) {
    throw tooComplex(
      `query is ${query.length} characters long, more than the ${MAX_QUERY_CHARS} allowed`,
      { offset: 0, line: 1, column: 1 },
    );
  }
  const statement = new Parser(query).topLevel();
  rememberSource(statement, query);
  return statement;
}

class Parser extends ClauseParser {
  constructor(query: string) {
    super(query, tokenize(query));
  }

  topLevel(): Statement {
    if (this.peek().kind === "eof") throw this.error("empty query, expected a clause");
    const statement = this.#statement();
    this.acceptPunct(";");
    if (this.peek().kind !== "eof") {
      throw this.unexpected(this.atPunct("}") ? undefined : "a clause or the end of the query");
    }
    return statement;
  }

  bracedStatement(): Statement {
    this.expectPunct("{");
    const statement = this.#statement();
    this.expectPunct("}");
    return statement;
  }

  #statement(): Statement {
    const pos = this.pos;
    const parts: SingleQuery[] = [this.#singleQuery()];
    const unionAll: boolean[] = [];
    while (this.acceptWord("UNION")) {
      unionAll.push(this.acceptWord("ALL"));
      parts.push(this.#singleQuery());
    }
    return { kind: "statement", parts, unionAll, pos };
  }

  #singleQuery(): SingleQuery {
    const pos = this.pos;
    const clauses = [this.clause()];
    while (this.atClauseStart()) clauses.push(this.clause());
    return { kind: "singleQuery", clauses, pos };
  }
}
