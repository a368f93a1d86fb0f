// The analyser: scopes, patterns, clause composition, updates, CALL, literals and types.
// Aggregation and projections are in analyze-projection.test.ts.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { analyze } from "./analyze.js";
import { parse } from "./parser.js";
import { errorOf } from "./testing/ast-shape.js";

const check = (q: string) => analyze(parse(q));

/** Asserts `q` fails analysis with `detail` (and `code`, default SEMANTIC). */
function rejects(q: string, detail: string, code = "SEMANTIC") {
  const err = errorOf(() => check(q));
  assert.equal(err.detail, detail, `${q}\n${err.message}`);
  assert.equal(err.code, code, q);
  assert.equal(err.phase, "compile");
  return err;
}

describe("analyze: scope", () => {
  test("valid queries pass", () => {
    for (const q of [
      "MATCH (n) RETURN n",
      "MATCH (a)-[r]->(b) WITH a, r MATCH (a)-[r]->(c) RETURN c",
      "UNWIND [1, 2] AS x WITH x WHERE x > 1 RETURN x",
      "MATCH (a) OPTIONAL MATCH (a)-[r]->(b) WITH a WHERE r IS NULL RETURN a",
      "WITH [1, 2] AS l RETURN [x IN l WHERE x > 1 | x * 2], all(y IN l WHERE y > 0)",
      "MATCH (n) RETURN [(n)-[r]->(m) WHERE m.x > 0 | r] AS rs",
      "MATCH (n) WHERE EXISTS { MATCH (n)-->(m) WHERE m.x = n.x RETURN m } RETURN n",
      "MATCH (n) WHERE (n)-->() AND NOT (n)<--() RETURN n",
      "CREATE (a:A)-[:T]->(b) SET a.x = 1, b += {y: 2} REMOVE a:A DELETE b",
    ]) {
      check(q);
    }
  });

  test("undefined variables, with the offending position", () => {
    const err = rejects("MATCH (n)\nRETURN foo", "UndefinedVariable");
    assert.deepEqual([err.line, err.column], [2, 8]);
    assert.match(
      err.message,
      /^variable `foo` is not defined \(line 2, column 8\)\n {2}RETURN foo\n {9}\^$/,
    );
    rejects("CREATE (b {name: missing})", "UndefinedVariable");
    rejects("MERGE (n) ON CREATE SET x.num = 1", "UndefinedVariable");
    rejects("MATCH (a) DELETE x", "UndefinedVariable");
    rejects("RETURN {k1: k2} AS literal", "UndefinedVariable");
    rejects("MATCH (a:A), (c:C) WITH a WITH a ORDER BY c RETURN a", "UndefinedVariable");
    rejects("RETURN [x IN [1] | x] AS l, x", "UndefinedVariable");
  });

  test("pattern predicates cannot introduce variables and only stand as conditions", () => {
    rejects("MATCH (n) WHERE (n)-[r]->() RETURN n", "UndefinedVariable");
    rejects("MATCH (n) RETURN (n)-->()", "UnexpectedSyntax", "SYNTAX");
    rejects("MATCH (n) RETURN size((n)-->())", "UnexpectedSyntax", "SYNTAX");
    rejects("MATCH (n) WHERE (n) RETURN n", "InvalidArgumentType");
  });

  test("variable kinds: node, relationship, path, value", () => {
    rejects("MATCH ()-[r]-() MATCH (r) RETURN r", "VariableTypeConflict");
    rejects("MATCH (r) MATCH ()-[r]-() RETURN r", "VariableTypeConflict");
    rejects("MATCH r = ()-->(), (r) RETURN r", "VariableTypeConflict");
    rejects("WITH 123 AS n MATCH (n) RETURN n", "VariableTypeConflict");
    rejects("WITH [10] AS r MATCH ()-[r]-() RETURN r", "VariableTypeConflict");
    rejects("MATCH ()-[r*]-()-[]-(r) RETURN r", "VariableTypeConflict");
    rejects("MATCH (p) MATCH p = ()-->() RETURN p", "VariableAlreadyBound");
    rejects("MATCH p = (p)-->() RETURN p", "VariableAlreadyBound");
    rejects("MATCH (a)-[r]->()-[r]->(a) RETURN r", "RelationshipUniquenessViolation");
    check("WITH null AS n MATCH (n) RETURN n");
  });
});

describe("analyze: CREATE, MERGE and updates", () => {
  test("CREATE rebinding", () => {
    rejects("MATCH (a) CREATE (a)", "VariableAlreadyBound");
    rejects("MATCH (a) CREATE (a {name: 'foo'})", "VariableAlreadyBound");
    rejects("CREATE (n:Foo)-[:T1]->(), (n:Bar)-[:T2]->()", "VariableAlreadyBound");
    rejects("MATCH ()-[r]->() CREATE ()-[r]->()", "VariableAlreadyBound");
    check("MATCH (a) CREATE (a)-[:T]->(b:B) RETURN b");
  });

  test("relationships to create need one type, one hop and (CREATE) a direction", () => {
    rejects("CREATE ()-->()", "NoSingleRelationshipType");
    rejects("CREATE ()-[:A|:B]->()", "NoSingleRelationshipType");
    rejects("CREATE ()-[:FOO*2]->()", "CreatingVarLength");
    rejects("CREATE (a)-[:FOO]-(b)", "RequiresDirectedRelationship");
    rejects("CREATE (a)<-[:FOO]->(b)", "RequiresDirectedRelationship");
    rejects("MATCH (a), (b) MERGE (a)-[NO_COLON]->(b)", "NoSingleRelationshipType");
    rejects("MERGE (a) MERGE (b) MERGE (a)-[:FOO*2]->(b)", "CreatingVarLength");
    check("MATCH (a), (b) MERGE (a)-[:T]-(b)");
  });

  test("parameters as property maps only in CREATE", () => {
    rejects("MATCH (n $param) RETURN n", "InvalidParameterUse");
    rejects("MERGE (n $param) RETURN n", "InvalidParameterUse");
    rejects("MATCH ()-[r:FOO $param]->() RETURN r", "InvalidParameterUse");
    check("CREATE (n $param)");
  });

  test("DELETE takes entities", () => {
    rejects("MATCH (n) DELETE n:Person", "InvalidDelete");
    rejects("MATCH () DELETE 1 + 1", "InvalidArgumentType");
    check("MATCH p = (n)-->() WITH p, collect(n) AS ns DETACH DELETE p, ns[0]");
  });
});

describe("analyze: clause composition", () => {
  test("RETURN last, no reading clause at the end, WITH between update and read", () => {
    rejects("RETURN 1 AS a RETURN 2 AS b", "InvalidClauseComposition");
    rejects("MATCH (n)", "InvalidClauseComposition");
    rejects("MATCH (n) WITH n", "InvalidClauseComposition");
    rejects("CREATE (n) MATCH (m) RETURN m", "InvalidClauseComposition");
    check("CREATE (n) WITH n MATCH (m) RETURN m");
    check("MATCH (n) SET n.x = 1");
  });

  test("UNION: one kind, same columns, every part returns", () => {
    rejects(
      "RETURN 1 AS a UNION RETURN 2 AS a UNION ALL RETURN 3 AS a",
      "InvalidClauseComposition",
    );
    rejects("RETURN 1 AS a UNION RETURN 2 AS b", "DifferentColumnsInUnion");
    rejects("RETURN 1 AS a UNION ALL RETURN 2 AS b", "DifferentColumnsInUnion");
    check("RETURN 1 AS a UNION ALL RETURN 2 AS a UNION ALL RETURN 3 AS a");
  });

  test("EXISTS subqueries only read; FOREACH only updates", () => {
    rejects(
      "MATCH (n) WHERE exists { MATCH (n)-->(m) SET m.prop = 'fail' } RETURN n",
      "InvalidClauseComposition",
    );
    rejects(
      "MATCH (n) FOREACH (x IN [1] | MATCH (m) CREATE (m)) RETURN n",
      "InvalidClauseComposition",
    );
    check("MATCH (n) FOREACH (x IN [1, 2] | CREATE (:A {x: x}) SET n.last = x)");
  });
});

describe("analyze: CALL", () => {
  test("subqueries import through WITH or an import list and add their columns", () => {
    check("MATCH (a) CALL { WITH a MATCH (a)-->(b) RETURN b } RETURN a, b");
    check("MATCH (a) CALL (a) { MATCH (a)-->(b) RETURN b } RETURN a, b");
    check("MATCH (a) CALL (*) { MATCH (a)-->(b) RETURN b } RETURN a, b");
    check("UNWIND [1, 2] AS x CALL { CREATE (:A) } RETURN x");
    rejects("MATCH (a) CALL { RETURN a AS x } RETURN x", "UndefinedVariable");
    rejects("MATCH (a) CALL (c) { RETURN 1 AS one } RETURN one", "UndefinedVariable");
    rejects("MATCH (b) CALL { RETURN 1 AS b } RETURN b", "VariableAlreadyBound");
  });

  test("procedure calls: YIELD names, argument forms, aggregation", () => {
    check("CALL test.labels() YIELD label RETURN label");
    check("CALL test.proc");
    check("CALL test.proc('a') YIELD *");
    rejects("WITH 'Hi' AS label CALL test.labels() YIELD label RETURN *", "VariableAlreadyBound");
    rejects("CALL test.my.proc(null) YIELD a, b AS a RETURN a", "VariableAlreadyBound");
    rejects("CALL test.my.proc(1) RETURN out", "UndefinedVariable");
    rejects("CALL test.my.proc YIELD out RETURN out", "InvalidArgumentPassingMode");
    rejects("CALL test.my.proc('a') YIELD * RETURN city", "UnexpectedSyntax", "SYNTAX");
    rejects("MATCH (n) CALL test.labels(count(n)) YIELD label RETURN label", "InvalidAggregation");
  });
});

describe("analyze: literals, functions and types", () => {
  test("integer and float literal ranges", () => {
    check("RETURN -9223372036854775808 AS a, 9223372036854775807 AS b, -0x8000000000000000 AS c");
    rejects("RETURN 9223372036854775808 AS literal", "IntegerOverflow", "SYNTAX");
    rejects("RETURN -9223372036854775809 AS literal", "IntegerOverflow", "SYNTAX");
    rejects("RETURN 0o1000000000000000000000 AS literal", "IntegerOverflow", "SYNTAX");
    rejects("RETURN 1.34E999", "FloatingPointOverflow", "SYNTAX");
  });

  test("functions: unknown, wrong number of arguments, unsuitable arguments", () => {
    rejects("MATCH (a) RETURN foo(a)", "UnknownFunction");
    rejects("RETURN toUpper()", "InvalidNumberOfArguments");
    rejects("RETURN abs(1, 2)", "InvalidNumberOfArguments");
    rejects("MATCH p = (a) RETURN labels(p)", "InvalidArgumentType");
    rejects("MATCH (r) RETURN type(r)", "InvalidArgumentType");
    rejects("RETURN properties(1)", "InvalidArgumentType");
    rejects("MATCH ()-[r]->() RETURN length(r)", "InvalidArgumentType");
    rejects("MATCH p = (a)-[*]->(b) RETURN size(p)", "InvalidArgumentType");
    check(
      "RETURN date('2020-01-01'), datetime.truncate('day', datetime()), duration.between(date(), date())",
    );
    check("RETURN TOUPPER('a'), coalesce(null, 1, 2)");
  });

  test("operators on values that can never suit them", () => {
    rejects("RETURN 123 AND true", "InvalidArgumentType");
    rejects("RETURN [true] OR false", "InvalidArgumentType");
    rejects("RETURN NOT {a: 1}", "InvalidArgumentType");
    rejects("RETURN 1 IN 'foo'", "InvalidArgumentType");
    rejects("RETURN none(x IN ['Clara'] WHERE x % 2 = 0) AS result", "InvalidArgumentType");
    rejects("RETURN any(x IN [false, true] WHERE x % 2 = 0) AS result", "InvalidArgumentType");
    check("WITH [1, 'a'] AS l RETURN [x IN l | x % 2]");
    check("RETURN null AND true, $p OR false, 'a' + 1, [1] + 2");
  });

  test("property access on values without properties", () => {
    rejects("WITH 123 AS x RETURN x.num", "InvalidArgumentType", "TYPE");
    rejects("WITH [1] AS x RETURN x.num", "InvalidArgumentType", "TYPE");
    rejects("MATCH r = (n)-[*]->() WHERE r.name = 'apa' RETURN r", "InvalidArgumentType");
    check("WITH {num: 1} AS m, date() AS d RETURN m.num, d.year");
  });
});
