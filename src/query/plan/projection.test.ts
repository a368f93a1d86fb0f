// WITH and RETURN as planned: grouping and aggregates, DISTINCT, ORDER BY (by alias, by a
// projected expression, by a variable the projection dropped), SKIP and LIMIT and their
// errors, WHERE after WITH, RETURN *, and UNION.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { QueryError } from "../../internal/errors.js";
import { openDatabase } from "../../db/open.js";
import type { Database } from "../../db/database.js";
import { Float } from "../../store/tagged-values.js";
import { cypherEngine } from "../engine.js";

let db: Database;

async function rows(
  query: string,
  params: Record<string, unknown> = {},
): Promise<Record<string, unknown>[]> {
  return (await db.execute(query, params)).rows;
}

async function fails(
  query: string,
  params: Record<string, unknown>,
  detail: string,
  phase: string,
): Promise<void> {
  await assert.rejects(db.execute(query, params), (err) => {
    assert.ok(err instanceof QueryError, String(err));
    assert.equal(err.detail, detail, err.message);
    assert.equal(err.phase, phase, err.message);
    return true;
  });
}

before(async () => {
  db = await openDatabase(undefined, undefined, cypherEngine);
  await db.execute(
    `UNWIND [['x', 1], ['x', 2], ['y', 3], ['z', null]] AS p CREATE (:P {g: p[0], v: p[1]})`,
  );
});

describe("projection planning", () => {
  test("grouping keys by equivalence, aggregates per group, DISTINCT aggregates", async () => {
    const r = await rows(
      "MATCH (p:P) RETURN p.g AS g, count(*) AS n, sum(p.v) AS s, collect(p.v) AS vs ORDER BY g",
    );
    assert.deepEqual(r, [
      { g: "x", n: 2, s: 3, vs: [1, 2] },
      { g: "y", n: 1, s: 3, vs: [3] },
      { g: "z", n: 1, s: 0, vs: [] },
    ]);
    const eq = await rows(
      "UNWIND [1, 1.0, 2, null, null] AS x RETURN x, count(*) AS n ORDER BY n DESC, x",
    );
    assert.equal(eq.length, 3, "1 and 1.0 group together, null with null");
    assert.equal(eq[0]!.n, 2);
    const d = await rows("UNWIND [1, 1, 2] AS x RETURN count(DISTINCT x) AS d, count(x) AS all");
    assert.deepEqual(d, [{ d: 2, all: 3 }]);
  });

  test("over no rows: one row without grouping keys, none with them", async () => {
    assert.deepEqual(await rows("MATCH (n:Nope) RETURN count(*) AS c, collect(n) AS l"), [
      { c: 0, l: [] },
    ]);
    assert.deepEqual(await rows("MATCH (n:Nope) RETURN n.g AS g, count(*) AS c"), []);
  });

  test("items mixing keys and aggregates, and ORDER BY an aggregate", async () => {
    const r = await rows(
      "MATCH (p:P) WHERE p.v IS NOT NULL RETURN p.g, p.g + toString(count(*)) AS label ORDER BY count(*) DESC, p.g",
    );
    assert.deepEqual(
      r.map((x) => x.label),
      ["x2", "y1"],
    );
    const w = await rows("MATCH (p:P) WITH p.g AS g, count(*) AS n WHERE n > 1 RETURN g");
    assert.deepEqual(w, [{ g: "x" }]);
  });

  test("ORDER BY reads aliases, projected expressions, and variables of a plain projection", async () => {
    const byDropped = await rows(
      "MATCH (p:P) WHERE p.v IS NOT NULL RETURN p.g AS g ORDER BY p.v DESC",
    );
    assert.deepEqual(
      byDropped.map((x) => x.g),
      ["y", "x", "x"],
    );
    const shadow = await rows(
      "UNWIND [3, 1, 2] AS a WITH a, -a AS b WITH b AS a, a AS b ORDER BY a RETURN a, b",
    );
    assert.deepEqual(
      shadow.map((x) => x.a),
      [-3, -2, -1],
      "after the swap `a` is the old b",
    );
    const distinct = await rows("MATCH (p:P) RETURN DISTINCT p.g ORDER BY p.g DESC");
    assert.deepEqual(
      distinct.map((x) => x["p.g"]),
      ["z", "y", "x"],
    );
  });

  test("SKIP and LIMIT: evaluated once, checked at compile time when constant", async () => {
    const r = await rows("UNWIND range(1, 10) AS x RETURN x SKIP $s LIMIT $l", { s: 2, l: 3 });
    assert.deepEqual(
      r.map((x) => x.x),
      [3, 4, 5],
    );
    await fails("RETURN 1 LIMIT -1", {}, "NegativeIntegerArgument", "compile");
    await fails("RETURN 1 SKIP 1.5", {}, "InvalidArgumentType", "compile");
    await fails("RETURN 1 LIMIT $l", { l: -2 }, "NegativeIntegerArgument", "runtime");
    await fails("RETURN 1 LIMIT $l", { l: new Float(1) }, "InvalidArgumentType", "runtime");
  });

  test("RETURN * lists the variables by name; UNION drops duplicates, UNION ALL keeps them", async () => {
    const star = await db.execute("WITH 1 AS b, 2 AS a RETURN *");
    assert.deepEqual(star.columns, ["a", "b"]);
    const u = await rows("UNWIND [1, 2, 2] AS x RETURN x UNION UNWIND [2, 3] AS x RETURN x");
    assert.deepEqual(
      u.map((x) => x.x),
      [1, 2, 3],
    );
    const all = await rows("UNWIND [1, 2] AS x RETURN x UNION ALL UNWIND [2] AS x RETURN x");
    assert.deepEqual(
      all.map((x) => x.x),
      [1, 2, 2],
    );
  });
});
