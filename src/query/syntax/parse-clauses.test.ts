// Parsing of every clause into the tree ast.ts defines.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parse } from "./parser.js";
import { bin, clausesOf, int, prop, shape, v } from "./testing/ast-shape.js";

const one = (q: string) => shape(clausesOf(q)[0]);
const node = (name: string | null, labels: string[] = [], properties: unknown = null) => ({
  variable: name === null ? null : v(name),
  labels,
  properties,
});
const rel = (over: Record<string, unknown> = {}) => ({
  variable: null,
  types: [],
  length: null,
  properties: null,
  direction: "out",
  ...over,
});

describe("parse: reading clauses", () => {
  test("MATCH with labels, properties, relationship chain and WHERE", () => {
    assert.deepEqual(one("MATCH (a:A:B {x: 1})-[r:T]->(b) WHERE a.x > 0"), {
      kind: "match",
      optional: false,
      pattern: {
        parts: [
          {
            variable: null,
            shortest: null,
            element: {
              nodes: [
                node("a", ["A", "B"], { kind: "map", entries: [{ key: "x", value: int(1) }] }),
                node("b"),
              ],
              relationships: [rel({ variable: v("r"), types: ["T"] })],
            },
          },
        ],
      },
      where: bin(">", prop(v("a"), "x"), int(0)),
    });
  });

  test("OPTIONAL MATCH, several parts, named paths, shortestPath", () => {
    const [m] = clausesOf("optional match p = shortestPath((a)-[*]-(b)), (c) RETURN 1");
    assert.ok(m?.kind === "match" && m.optional);
    assert.equal(m.pattern.parts.length, 2);
    assert.equal(m.pattern.parts[0]?.variable?.name, "p");
    assert.equal(m.pattern.parts[0]?.shortest, "shortestPath");
    assert.equal(parse("MATCH p = allShortestPaths((a)-->(b)) RETURN p").parts.length, 1);
  });

  test("relationship directions, types and lengths", () => {
    const rels = (q: string) => {
      const [m] = clausesOf(`MATCH ${q} RETURN 1`);
      assert.ok(m?.kind === "match");
      return m.pattern.parts[0]!.element.relationships.map((r) => shape(r));
    };
    assert.deepEqual(
      rels("(a)-->(b)<--(c)--(d)<-->(e)").map((r) => (r as { direction: string }).direction),
      ["out", "in", "both", "both"],
    );
    assert.deepEqual(rels("()-[:A|B|:C]-()"), [rel({ types: ["A", "B", "C"], direction: "both" })]);
    const lengths = rels("()-[*]->()-[*2]->()-[*1..3]->()-[*..3]->()-[*2..]->()").map(
      (r) => (r as { length: unknown }).length,
    );
    assert.deepEqual(lengths, [
      { min: null, max: null },
      { min: 2, max: 2 },
      { min: 1, max: 3 },
      { min: null, max: 3 },
      { min: 2, max: null },
    ]);
    assert.deepEqual(rels("()-[r:T*1..2 {x: $p}]->()")[0], {
      ...rel({ variable: v("r"), types: ["T"], length: { min: 1, max: 2 } }),
      properties: { kind: "map", entries: [{ key: "x", value: { kind: "parameter", name: "p" } }] },
    });
  });

  test("node properties from a parameter", () => {
    const [c] = clausesOf("CREATE (n $props)");
    assert.ok(c?.kind === "create");
    assert.deepEqual(
      shape(c.pattern.parts[0]!.element.nodes[0]),
      node("n", [], { kind: "parameter", name: "props" }),
    );
  });

  test("UNWIND", () => {
    assert.deepEqual(one("UNWIND [1] AS x RETURN x"), {
      kind: "unwind",
      expression: { kind: "list", items: [int(1)] },
      variable: v("x"),
    });
  });
});

describe("parse: projections", () => {
  test("WITH DISTINCT, aliases, ORDER BY every direction word, SKIP, LIMIT, WHERE", () => {
    const [, w] = clausesOf(
      "MATCH (n) WITH DISTINCT n.a AS a, n ORDER BY a DESC, n ASCENDING, a descending, n ASC SKIP 1 LIMIT 2 WHERE a > 1 RETURN a",
    );
    assert.ok(w?.kind === "with");
    assert.equal(w.projection.distinct, true);
    assert.deepEqual(
      w.projection.items.map((i) => [i.text, i.alias?.name ?? null]),
      [
        ["n.a", "a"],
        ["n", null],
      ],
    );
    assert.deepEqual(
      w.projection.orderBy.map((s) => s.descending),
      [true, false, true, false],
    );
    assert.deepEqual(shape(w.projection.skip), int(1));
    assert.deepEqual(shape(w.projection.limit), int(2));
    assert.deepEqual(shape(w.where), bin(">", v("a"), int(1)));
  });

  test("RETURN * with extra items", () => {
    const [, r] = clausesOf("MATCH (n) RETURN *, n.x AS y");
    assert.ok(r?.kind === "return");
    assert.equal(r.projection.star, true);
    assert.equal(r.projection.items.length, 1);
  });

  test("item text is the source as written, whitespace and comments inside kept", () => {
    const [r] = clausesOf("RETURN  n.name ,count( * ),  a  +  b /* c */ + 1 ,(x)");
    assert.ok(r?.kind === "return");
    assert.deepEqual(
      r.projection.items.map((i) => i.text),
      ["n.name", "count( * )", "a  +  b /* c */ + 1", "(x)"],
    );
  });
});

describe("parse: updating clauses", () => {
  test("CREATE several parts", () => {
    const [c] = clausesOf("CREATE (a), (b)-[:T]->(c)");
    assert.ok(c?.kind === "create");
    assert.equal(c.pattern.parts.length, 2);
  });

  test("MERGE with ON CREATE SET and ON MATCH SET, repeated", () => {
    assert.deepEqual(
      one("MERGE (n:A) ON CREATE SET n.x = 1 ON MATCH SET n += {y: 2} ON CREATE SET n:B"),
      {
        kind: "merge",
        part: {
          variable: null,
          shortest: null,
          element: { nodes: [node("n", ["A"])], relationships: [] },
        },
        onCreate: [
          { kind: "setProperty", target: prop(v("n"), "x"), value: int(1) },
          { kind: "setLabels", variable: v("n"), labels: ["B"] },
        ],
        onMatch: [
          {
            kind: "mergeProperties",
            variable: v("n"),
            value: { kind: "map", entries: [{ key: "y", value: int(2) }] },
          },
        ],
      },
    );
  });

  test("SET every item kind, nested property targets", () => {
    assert.deepEqual(one("SET n.a.b = 1, n = {}, n += $m, n:A:B"), {
      kind: "set",
      items: [
        { kind: "setProperty", target: prop(prop(v("n"), "a"), "b"), value: int(1) },
        { kind: "setAllProperties", variable: v("n"), value: { kind: "map", entries: [] } },
        { kind: "mergeProperties", variable: v("n"), value: { kind: "parameter", name: "m" } },
        { kind: "setLabels", variable: v("n"), labels: ["A", "B"] },
      ],
    });
  });

  test("REMOVE properties and labels", () => {
    assert.deepEqual(one("REMOVE n.a, n:A:B"), {
      kind: "remove",
      items: [
        { kind: "removeProperty", target: prop(v("n"), "a") },
        { kind: "removeLabels", variable: v("n"), labels: ["A", "B"] },
      ],
    });
  });

  test("DELETE and DETACH DELETE", () => {
    assert.deepEqual(one("DELETE a, b[0]"), {
      kind: "delete",
      detach: false,
      expressions: [v("a"), { kind: "index", object: v("b"), index: int(0) }],
    });
    assert.equal((one("DETACH DELETE n") as { detach: boolean }).detach, true);
  });

  test("FOREACH with nested updates", () => {
    assert.deepEqual(one("FOREACH (x IN [1] | CREATE (:A) SET x.y = 1)"), {
      kind: "foreach",
      variable: v("x"),
      list: { kind: "list", items: [int(1)] },
      clauses: [
        {
          kind: "create",
          pattern: {
            parts: [
              {
                variable: null,
                shortest: null,
                element: { nodes: [node(null, ["A"])], relationships: [] },
              },
            ],
          },
        },
        { kind: "set", items: [{ kind: "setProperty", target: prop(v("x"), "y"), value: int(1) }] },
      ],
    });
  });
});

describe("parse: CALL and UNION", () => {
  test("CALL procedure with arguments, YIELD aliases and WHERE", () => {
    assert.deepEqual(one("CALL db.my.proc(1, $p) YIELD a, b AS c WHERE c > 1 RETURN a"), {
      kind: "callProcedure",
      name: "db.my.proc",
      args: [int(1), { kind: "parameter", name: "p" }],
      yield: [
        { field: "a", alias: null },
        { field: "b", alias: v("c") },
      ],
      where: bin(">", v("c"), int(1)),
    });
  });

  test("CALL procedure without an argument list, and YIELD *", () => {
    assert.deepEqual(one("CALL proc"), {
      kind: "callProcedure",
      name: "proc",
      args: null,
      yield: null,
      where: null,
    });
    assert.equal((one("CALL proc() YIELD *") as { yield: unknown }).yield, "*");
  });

  test("CALL subqueries: plain, with an import list, importing all", () => {
    const [plain] = clausesOf("CALL { WITH 1 AS x RETURN x } RETURN x");
    assert.ok(plain?.kind === "callSubquery");
    assert.equal(plain.imports, null);
    assert.equal(plain.importAll, false);
    assert.equal(plain.query.parts[0]?.clauses.length, 2);
    const call = clausesOf("MATCH (a), (b) CALL (a, b) { RETURN 1 AS one } RETURN one")[1];
    assert.ok(call?.kind === "callSubquery");
    assert.deepEqual(
      call.imports?.map((i) => i.name),
      ["a", "b"],
    );
    const all = clausesOf("MATCH (a) CALL (*) { RETURN 1 AS one } RETURN one")[1];
    assert.ok(all?.kind === "callSubquery" && all.importAll);
    const none = clausesOf("CALL () { RETURN 1 AS one } RETURN one")[0];
    assert.ok(none?.kind === "callSubquery");
    assert.deepEqual(none.imports, []);
  });

  test("UNION and UNION ALL", () => {
    const s = parse("RETURN 1 AS a UNION RETURN 2 AS a UNION ALL RETURN 3 AS a");
    assert.equal(s.parts.length, 3);
    assert.deepEqual(s.unionAll, [false, true]);
  });

  test("keywords in any case, a trailing semicolon", () => {
    assert.equal(parse("match (n) return n;").parts[0]?.clauses.length, 2);
  });
});
