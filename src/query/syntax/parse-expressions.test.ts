// Parsing of expressions: precedence as the TCK's precedence features pin it, chained
// comparisons, literal folding, postfix operators, and every special form.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { bin, bool, expr, exprShape, int, prop, shape, v } from "./testing/ast-shape.js";

const not = (operand: unknown) => ({ kind: "unary", op: "not", operand });
const isNull = (operand: unknown, negated = false) => ({ kind: "isNull", operand, negated });

describe("parse: precedence", () => {
  test("OR < XOR < AND < NOT", () => {
    assert.deepEqual(exprShape("a OR b XOR c"), bin("or", v("a"), bin("xor", v("b"), v("c"))));
    assert.deepEqual(exprShape("a XOR b AND c"), bin("xor", v("a"), bin("and", v("b"), v("c"))));
    assert.deepEqual(exprShape("NOT a AND b"), bin("and", not(v("a")), v("b")));
  });

  test("NOT binds looser than comparison and IS NULL", () => {
    assert.deepEqual(exprShape("NOT a = b"), not(bin("=", v("a"), v("b"))));
    assert.deepEqual(exprShape("NOT a IS NULL"), not(isNull(v("a"))));
    assert.deepEqual(exprShape("NOT NOT a"), not(not(v("a"))));
  });

  test("IS NULL and IN bind tighter than comparison, looser than arithmetic", () => {
    assert.deepEqual(exprShape("a = b IS NULL"), bin("=", v("a"), isNull(v("b"))));
    assert.deepEqual(exprShape("a <= b IS NOT NULL"), bin("<=", v("a"), isNull(v("b"), true)));
    assert.deepEqual(exprShape("a = b IN c"), bin("=", v("a"), bin("in", v("b"), v("c"))));
    assert.deepEqual(exprShape("a + b IS NULL"), isNull(bin("+", v("a"), v("b"))));
  });

  test("string predicates and regular expressions", () => {
    assert.deepEqual(
      exprShape("a STARTS WITH 'x'"),
      bin("startsWith", v("a"), { kind: "string", value: "x" }),
    );
    assert.deepEqual(exprShape("a ends with b"), bin("endsWith", v("a"), v("b")));
    assert.deepEqual(
      exprShape("a CONTAINS b + c"),
      bin("contains", v("a"), bin("+", v("b"), v("c"))),
    );
    assert.deepEqual(exprShape("a =~ b"), bin("=~", v("a"), v("b")));
  });

  test("arithmetic: * over +, ^ over *, left-associative", () => {
    assert.deepEqual(exprShape("1 + 2 * 3"), bin("+", int(1), bin("*", int(2), int(3))));
    assert.deepEqual(exprShape("1 - 2 - 3"), bin("-", bin("-", int(1), int(2)), int(3)));
    assert.deepEqual(exprShape("2 * 3 ^ 2"), bin("*", int(2), bin("^", int(3), int(2))));
    assert.deepEqual(exprShape("2 ^ 3 ^ 2"), bin("^", bin("^", int(2), int(3)), int(2)));
    assert.deepEqual(exprShape("4 % 2 / 3"), bin("/", bin("%", int(4), int(2)), int(3)));
  });

  test("unary minus binds tighter than ^ and folds into number literals", () => {
    assert.deepEqual(exprShape("-3 ^ 2"), bin("^", int(-3), int(2)));
    assert.deepEqual(
      exprShape("-x ^ 2"),
      bin("^", { kind: "unary", op: "-", operand: v("x") }, int(2)),
    );
    assert.deepEqual(exprShape("-9223372036854775808"), int(-9223372036854775808n));
    assert.deepEqual(exprShape("- 1.5"), { kind: "float", value: -1.5 });
    assert.deepEqual(exprShape("1 - -2"), bin("-", int(1), int(-2)));
    assert.deepEqual(exprShape("+x"), { kind: "unary", op: "+", operand: v("x") });
  });

  test("chained comparisons share the middle operand", () => {
    const e = expr("a < b <= c");
    assert.deepEqual(
      exprShape("a < b <= c"),
      bin("and", bin("<", v("a"), v("b")), bin("<=", v("b"), v("c"))),
    );
    assert.ok(e.kind === "binary" && e.left.kind === "binary" && e.right.kind === "binary");
    assert.equal(e.left.right, e.right.left);
    assert.deepEqual(
      exprShape("1 = 2 <> 3 > 4"),
      bin(
        "and",
        bin("and", bin("=", int(1), int(2)), bin("<>", int(2), int(3))),
        bin(">", int(3), int(4)),
      ),
    );
  });
});

describe("parse: postfix and atoms", () => {
  test("property access, index, slices, label checks", () => {
    assert.deepEqual(exprShape("a.b.c"), prop(prop(v("a"), "b"), "c"));
    assert.deepEqual(exprShape("a[1]['k']"), {
      kind: "index",
      object: { kind: "index", object: v("a"), index: int(1) },
      index: { kind: "string", value: "k" },
    });
    assert.deepEqual(exprShape("a[1..2]"), {
      kind: "slice",
      object: v("a"),
      from: int(1),
      to: int(2),
    });
    assert.deepEqual(exprShape("a[..2]"), {
      kind: "slice",
      object: v("a"),
      from: null,
      to: int(2),
    });
    assert.deepEqual(exprShape("a[1..]"), {
      kind: "slice",
      object: v("a"),
      from: int(1),
      to: null,
    });
    assert.deepEqual(exprShape("n:A:B"), {
      kind: "labelCheck",
      operand: v("n"),
      labels: ["A", "B"],
    });
    assert.deepEqual(exprShape("n.count"), prop(v("n"), "count"));
  });

  test("literals", () => {
    assert.deepEqual(exprShape("null"), { kind: "null" });
    assert.deepEqual(exprShape("TRUE"), bool(true));
    assert.deepEqual(exprShape("0x1F"), int(31));
    assert.deepEqual(exprShape("{a: 1, `b c`: [], ``: 2}"), {
      kind: "map",
      entries: [
        { key: "a", value: int(1) },
        { key: "b c", value: { kind: "list", items: [] } },
        { key: "", value: int(2) },
      ],
    });
    assert.deepEqual(exprShape("$p"), { kind: "parameter", name: "p" });
  });

  test("function calls: dotted names, DISTINCT, count(*)", () => {
    assert.deepEqual(exprShape("count(*)"), { kind: "countStar" });
    assert.deepEqual(exprShape("COUNT(DISTINCT x)"), {
      kind: "function",
      name: "COUNT",
      distinct: true,
      args: [v("x")],
    });
    assert.deepEqual(exprShape("date.truncate('day', d)"), {
      kind: "function",
      name: "date.truncate",
      distinct: false,
      args: [{ kind: "string", value: "day" }, v("d")],
    });
    assert.deepEqual(exprShape("rand()"), {
      kind: "function",
      name: "rand",
      distinct: false,
      args: [],
    });
  });

  test("CASE in both forms", () => {
    assert.deepEqual(exprShape("CASE x WHEN 1 THEN 'a' ELSE 'b' END"), {
      kind: "case",
      test: v("x"),
      alternatives: [{ when: int(1), then: { kind: "string", value: "a" } }],
      otherwise: { kind: "string", value: "b" },
    });
    assert.deepEqual(exprShape("CASE WHEN a THEN 1 WHEN b THEN 2 END"), {
      kind: "case",
      test: null,
      alternatives: [
        { when: v("a"), then: int(1) },
        { when: v("b"), then: int(2) },
      ],
      otherwise: null,
    });
  });

  test("map projection", () => {
    assert.deepEqual(exprShape("n {.name, .*, total: 1, x}"), {
      kind: "mapProjection",
      object: v("n"),
      items: [
        { kind: "property", key: "name" },
        { kind: "allProperties" },
        { kind: "literal", key: "total", value: int(1) },
        { kind: "variable", variable: v("x") },
      ],
    });
  });
});

describe("parse: forms with local variables and patterns", () => {
  test("list comprehensions versus list literals", () => {
    assert.deepEqual(exprShape("[x IN l WHERE x > 1 | x * 2]"), {
      kind: "listComprehension",
      variable: v("x"),
      list: v("l"),
      where: bin(">", v("x"), int(1)),
      map: bin("*", v("x"), int(2)),
    });
    assert.deepEqual(exprShape("[x IN l]"), {
      kind: "listComprehension",
      variable: v("x"),
      list: v("l"),
      where: null,
      map: null,
    });
    assert.deepEqual(exprShape("[x = 1, (y)]"), {
      kind: "list",
      items: [bin("=", v("x"), int(1)), v("y")],
    });
  });

  test("pattern comprehensions, named and anonymous", () => {
    const e = expr("[p = (a)-[:T]->(b:B) WHERE b.x = 1 | p]");
    assert.ok(e.kind === "patternComprehension");
    assert.equal(e.variable?.name, "p");
    assert.equal(e.element.relationships[0]?.types[0], "T");
    assert.deepEqual(exprShape("[(a)-->() | 1]"), {
      kind: "patternComprehension",
      variable: null,
      element: {
        nodes: [
          { variable: v("a"), labels: [], properties: null },
          { variable: null, labels: [], properties: null },
        ],
        relationships: [
          { variable: null, types: [], length: null, properties: null, direction: "out" },
        ],
      },
      where: null,
      map: int(1),
    });
  });

  test("pattern predicates versus parenthesised arithmetic", () => {
    assert.equal(expr("(a)-->(b)").kind, "patternPredicate");
    assert.equal(expr("(a)<-[:T]-(b)").kind, "patternPredicate");
    assert.deepEqual(exprShape("(a) - (b)"), bin("-", v("a"), v("b")));
    assert.deepEqual(exprShape("(a)--1"), bin("-", v("a"), int(-1)));
    assert.deepEqual(exprShape("(a) - [1]"), bin("-", v("a"), { kind: "list", items: [int(1)] }));
  });

  test("quantifiers and reduce", () => {
    assert.deepEqual(exprShape("any(x IN l WHERE x)"), {
      kind: "quantifier",
      quantifier: "any",
      variable: v("x"),
      list: v("l"),
      where: v("x"),
    });
    for (const q of ["all", "none", "single"])
      assert.equal(expr(`${q}(x IN l WHERE x)`).kind, "quantifier");
    assert.deepEqual(exprShape("reduce(acc = 0, x IN l | acc + x)"), {
      kind: "reduce",
      accumulator: v("acc"),
      init: int(0),
      variable: v("x"),
      list: v("l"),
      expression: bin("+", v("acc"), v("x")),
    });
  });

  test("EXISTS and COUNT subqueries, pattern form and query form", () => {
    const pattern = expr("EXISTS { (a)-->(b) WHERE b.x = 1 }");
    assert.ok(pattern.kind === "exists" && pattern.pattern !== null && pattern.query === null);
    assert.deepEqual(shape(pattern.where), bin("=", prop(v("b"), "x"), int(1)));
    const query = expr("exists { MATCH (a)-->(b) RETURN b }");
    assert.ok(query.kind === "exists" && query.query !== null && query.pattern === null);
    const count = expr("COUNT { (a)-->() }");
    assert.ok(count.kind === "countSubquery" && count.pattern?.parts.length === 1);
    assert.equal(expr("exists(n.x)").kind, "function");
  });
});
