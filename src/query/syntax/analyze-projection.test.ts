// The analyser on WITH and RETURN: aggregation placement and ambiguity, what ORDER BY and
// WITH … WHERE may see, naming rules, SKIP and LIMIT.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { analyze } from "./analyze.js";
import { parse } from "./parser.js";
import { errorOf } from "./testing/ast-shape.js";

const check = (q: string) => analyze(parse(q));

function rejects(q: string, detail: string) {
  const err = errorOf(() => check(q));
  assert.equal(err.detail, detail, `${q}\n${err.message}`);
  assert.equal(err.code, "SEMANTIC", q);
  return err;
}

const people = "MATCH (me: Person)--(you: Person) ";

describe("analyze: aggregation", () => {
  test("aggregates only in projections", () => {
    rejects("MATCH (a) WHERE count(a) > 10 RETURN a", "InvalidAggregation");
    rejects("MATCH (n) RETURN [x IN [1, 2, 3] | count(*)]", "InvalidAggregation");
    rejects("UNWIND [count(*)] AS x RETURN x", "InvalidAggregation");
    rejects("MATCH (n) SET n.c = count(*)", "InvalidAggregation");
    check("MATCH (n) RETURN [x IN collect(n) | x.name] AS names, {kids: collect(n.name)} AS m");
  });

  test("no aggregate inside another, no rand() inside one", () => {
    rejects("RETURN count(count(*))", "NestedAggregation");
    rejects("RETURN count(rand())", "NonConstantExpression");
    check("RETURN rand() + count(*) AS x");
  });

  test("non-aggregated parts of an aggregating expression must be grouping keys", () => {
    rejects(`${people}RETURN me.age + count(you.age)`, "AmbiguousAggregationExpression");
    rejects(
      `${people}RETURN me.age + you.age, me.age + you.age + count(*)`,
      "AmbiguousAggregationExpression",
    );
    rejects(
      `${people}WITH me.age + count(you.age) AS agg RETURN *`,
      "AmbiguousAggregationExpression",
    );
    check(`${people}RETURN me.age, me.age + count(you.age)`);
    check(`${people}WITH me.age AS age, you WITH age, age + count(you.age) AS agg RETURN *`);
    check("MATCH (a) RETURN a, count(a) + 3, $p + avg(a.x) - 1");
  });
});

describe("analyze: ORDER BY and WITH … WHERE", () => {
  test("without DISTINCT or aggregation they see the incoming variables", () => {
    check("MATCH (a) WITH a.name AS name ORDER BY a.age RETURN name");
    check("MATCH (a) WITH a.name AS name WHERE a.x = 1 RETURN name");
    check("MATCH (a) RETURN a.name AS name ORDER BY a.age, name");
  });

  test("after DISTINCT only the projected names and expressions", () => {
    rejects("MATCH (a) RETURN DISTINCT a.name ORDER BY a.age", "UndefinedVariable");
    check("MATCH (a) RETURN DISTINCT a.name ORDER BY a.name");
    check("MATCH (a) WITH DISTINCT a.name2 AS name WHERE a.name2 = 'B' RETURN *");
  });

  test("after aggregation only the projected names and expressions", () => {
    rejects(
      `${people}RETURN count(you.age) AS agg ORDER BY me.age + count(you.age)`,
      "UndefinedVariable",
    );
    rejects(
      "MATCH (a) WITH a.num2 % 3 AS mod, min(a.num) AS min ORDER BY sum(a.num) LIMIT 2 RETURN mod",
      "UndefinedVariable",
    );
    rejects(
      `${people}RETURN me.age + you.age, count(*) AS cnt ORDER BY me.age + you.age + count(*)`,
      "AmbiguousAggregationExpression",
    );
    rejects(
      `${people}WITH me.age + you.age, count(*) AS cnt ORDER BY me.age + you.age + count(*) RETURN *`,
      "AmbiguousAggregationExpression",
    );
    check(`${people}RETURN me.age AS age, count(you.age) AS cnt ORDER BY me.age + count(you.age)`);
    check("MATCH (p) RETURN avg(p.age) AS a ORDER BY $x + avg(p.age) - 1000");
  });

  test("aggregates in ORDER BY need an aggregating projection", () => {
    rejects("MATCH (n) RETURN n.num1 ORDER BY max(n.num2)", "InvalidAggregation");
    rejects("MATCH (n) WITH n.num1 AS foo ORDER BY count(n) RETURN foo", "InvalidAggregation");
  });
});

describe("analyze: naming", () => {
  test("WITH needs aliases for expressions", () => {
    rejects("MATCH (a) WITH a, count(*) RETURN a", "NoExpressionAlias");
    check("MATCH (a) WITH a, count(*) AS c RETURN a, c");
  });

  test("column names are unique", () => {
    rejects("RETURN 1 AS a, 2 AS a", "ColumnNameConflict");
    rejects("WITH 1 AS a, 2 AS a RETURN a", "ColumnNameConflict");
    rejects("MATCH (n) RETURN n.x, n.x", "ColumnNameConflict");
  });

  test("RETURN * needs variables; WITH * may carry none", () => {
    rejects("MATCH () RETURN *", "NoVariablesInScope");
    check("MATCH () CREATE () WITH * CREATE ()");
  });

  test("UNWIND and YIELD make new names", () => {
    rejects("WITH 1 AS x UNWIND [1] AS x RETURN x", "VariableAlreadyBound");
  });
});

describe("analyze: SKIP and LIMIT", () => {
  test("constant, non-negative integers", () => {
    rejects("MATCH (n) RETURN n SKIP n.count", "NonConstantExpression");
    rejects("MATCH (n) RETURN n LIMIT n.count", "NonConstantExpression");
    rejects("MATCH (n) RETURN n SKIP -1", "NegativeIntegerArgument");
    rejects("MATCH (n) RETURN n LIMIT -1", "NegativeIntegerArgument");
    rejects("MATCH (n) RETURN n SKIP 1.5", "InvalidArgumentType");
    rejects("MATCH (n) RETURN n LIMIT 'x'", "InvalidArgumentType");
    check("MATCH (n) RETURN n SKIP $s LIMIT toInteger(ceil(1.7))");
  });
});
