// Syntax errors: code, TCK detail, position and caret excerpt; and the bounds that turn a
// hostile query into QUERY_TOO_COMPLEX instead of a stack overflow.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { caretExcerpt, positionAt } from "./caret-excerpt.js";
import { MAX_NESTING_DEPTH, MAX_QUERY_CHARS } from "./compile-error.js";
import { parse } from "./parser.js";
import { errorOf } from "./testing/ast-shape.js";

const syntax = (q: string) => {
  const err = errorOf(() => parse(q));
  assert.equal(err.code, "SYNTAX", err.message);
  assert.equal(err.phase, "compile");
  return err;
};

describe("syntax errors", () => {
  test("the message names the token, the expectation and the place, with a caret", () => {
    const err = syntax("MATCH (n RETURN n");
    assert.equal(err.line, 1);
    assert.equal(err.column, 10);
    assert.equal(err.detail, "UnexpectedSyntax");
    assert.equal(
      err.message,
      'unexpected "RETURN", expected ")" (line 1, column 10)\n  MATCH (n RETURN n\n           ^',
    );
  });

  test("positions on later lines and at the end of input", () => {
    const err = syntax("MATCH (n)\nWHERE n.x =\nRETURN n");
    assert.deepEqual([err.line, err.column], [3, 1]);
    const end = syntax("MATCH (n) RETURN");
    assert.deepEqual([end.line, end.column], [1, 17]);
    assert.match(end.message, /^unexpected end of input, expected an expression/);
  });

  test("empty queries, stray tokens, unknown clauses", () => {
    assert.match(syntax("").message, /^empty query/);
    assert.match(syntax("  // nothing").message, /^empty query/);
    assert.equal(syntax("RETURN 1 2").column, 10);
    assert.match(syntax("SELECT 1").message, /expected a clause/);
    assert.match(syntax("RETURN 1 }").message, /unexpected "}"/);
  });

  test("malformed literals get the TCK's details", () => {
    assert.equal(syntax("RETURN 9223372h54775808 AS literal").detail, "InvalidNumberLiteral");
    assert.equal(syntax("RETURN 0x AS literal").detail, "InvalidNumberLiteral");
    assert.equal(syntax("RETURN 0x1A2b3j4D5E6f7 AS literal").detail, "InvalidNumberLiteral");
    assert.equal(syntax("RETURN {1B2c3e67:1} AS literal").detail, "UnexpectedSyntax");
    assert.equal(syntax("RETURN 9223372#54775808 AS literal").detail, "UnexpectedSyntax");
    for (const q of [
      "RETURN [, ]",
      "RETURN [[[]]",
      "RETURN {, }",
      "RETURN {1}",
      "RETURN {k: {k: {}}",
    ]) {
      assert.equal(syntax(q).detail, "UnexpectedSyntax", q);
    }
  });

  test("relationship lengths without * or with a negative bound are InvalidRelationshipPattern", () => {
    assert.equal(syntax("MATCH (a)-[:LIKES..]->(c) RETURN c").detail, "InvalidRelationshipPattern");
    assert.equal(
      syntax("MATCH (a)-[:LIKES*-2]->(c) RETURN c").detail,
      "InvalidRelationshipPattern",
    );
    assert.equal(syntax("MATCH (a)-[*1.5]->(c) RETURN c").detail, "InvalidRelationshipPattern");
  });

  test("reserved words are not variables", () => {
    assert.match(syntax("WITH 1 AS x RETURN WHERE").message, /unexpected "WHERE"/);
    assert.match(syntax("UNWIND [1] AS return RETURN 1").message, /expected a variable name/);
  });
});

describe("caret excerpts", () => {
  test("a caret under the column of the right line", () => {
    const q = "MATCH (n)\n  WHERE n.x = 1\nRETURN n";
    assert.equal(
      caretExcerpt(q, positionAt(q, q.indexOf("n.x"))),
      "    WHERE n.x = 1\n          ^",
    );
  });

  test("tabs before the column are kept so the caret lines up", () => {
    const q = "\tRETURN x";
    assert.equal(caretExcerpt(q, positionAt(q, 8)), "  \tRETURN x\n  \t       ^");
  });

  test("long lines are cut to a window around the caret", () => {
    const q = `RETURN ${"a + ".repeat(500)}!`;
    const excerpt = caretExcerpt(q, positionAt(q, q.length - 1));
    const [line = "", caret = ""] = excerpt.split("\n");
    assert.ok(line.length < 140, line);
    assert.equal(line[caret.length - 1], "!");
  });

  test("positionAt counts lines and UTF-16 columns", () => {
    assert.deepEqual(positionAt("ab\ncd", 4), { offset: 4, line: 2, column: 2 });
    assert.deepEqual(positionAt("😀x", 2), { offset: 2, line: 1, column: 3 });
  });
});

describe("bounds", () => {
  const tooComplex = (q: string) => {
    const err = errorOf(() => parse(q));
    assert.equal(err.code, "QUERY_TOO_COMPLEX", err.message.slice(0, 200));
    assert.equal(err.phase, "compile");
  };

  test("100,000 nested parentheses, lists, maps and operators are refused, not overflowed", () => {
    tooComplex(`RETURN ${"(".repeat(100_000)}1${")".repeat(100_000)}`);
    tooComplex(`RETURN ${"[".repeat(100_000)}1${"]".repeat(100_000)}`);
    tooComplex(`RETURN ${"[".repeat(100_000)}`);
    tooComplex(`RETURN ${"{a: ".repeat(100_000)}1${"}".repeat(100_000)}`);
    tooComplex(`RETURN 1${" + 1".repeat(100_000)}`);
    tooComplex(`RETURN 1${" < 1".repeat(100_000)}`);
    tooComplex(`RETURN ${"NOT ".repeat(100_000)}true`);
    tooComplex(`RETURN ${"- ".repeat(100_000)}1`);
    tooComplex(`RETURN n${".a".repeat(100_000)}`);
    tooComplex(`RETURN ${"f(".repeat(100_000)}1${")".repeat(100_000)}`);
    tooComplex(`${"CALL { ".repeat(10_000)}RETURN 1 AS a${" }".repeat(10_000)} RETURN a`);
  });

  test("nesting just under the bound parses", () => {
    const depth = MAX_NESTING_DEPTH - 2;
    assert.equal(parse(`RETURN ${"(".repeat(depth)}1${")".repeat(depth)}`).kind, "statement");
    assert.equal(parse(`RETURN ${"[".repeat(depth)}1${"]".repeat(depth)}`).kind, "statement");
  });

  test("wide but shallow queries are fine", () => {
    const items = Array.from({ length: 20_000 }, (_, i) => `${i} AS c${i}`).join(", ");
    assert.equal(parse(`RETURN ${items}`).kind, "statement");
  });

  test("a query longer than the bound is refused before lexing", () => {
    tooComplex(`RETURN '${"a".repeat(MAX_QUERY_CHARS)}'`);
  });
});
