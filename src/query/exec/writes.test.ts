// The write clauses as executed: CREATE (nulls dropped, values checked), MERGE (seeing its
// own creations, ON CREATE / ON MATCH), SET and REMOVE, DELETE and its end-of-query check,
// FOREACH, CALL subqueries, and eagerness (a clause never feeds on its own writes).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { QueryError } from "../../internal/errors.js";
import { openDatabase } from "../../db/open.js";
import type { Database } from "../../db/database.js";
import { cypherEngine } from "../engine.js";

async function fresh(): Promise<Database> {
  return openDatabase(undefined, undefined, cypherEngine);
}

async function one(
  db: Database,
  query: string,
  params: Record<string, unknown> = {},
): Promise<Record<string, unknown>> {
  const r = await db.execute(query, params);
  assert.equal(r.rows.length, 1, `one row from ${query}`);
  return r.rows[0]!;
}

async function fails(
  db: Database,
  query: string,
  code: string,
  detail: string,
  params = {},
): Promise<void> {
  await assert.rejects(db.execute(query, params), (err) => {
    assert.ok(err instanceof QueryError, String(err));
    assert.equal(err.code, code, err.message);
    assert.equal(err.detail, detail, err.message);
    return true;
  });
}

describe("write clauses", () => {
  test("CREATE drops null properties and refuses maps and graph values", async () => {
    const db = await fresh();
    const r = await one(db, "CREATE (n:A {x: null, y: [1, 2], z: 'z'}) RETURN keys(n) AS k");
    assert.deepEqual((r.k as string[]).sort(), ["y", "z"]);
    await fails(db, "CREATE (n {m: {a: 1}})", "TYPE", "InvalidPropertyType");
    await fails(db, "CREATE (a) SET a.l = [{num: 1}]", "TYPE", "InvalidPropertyType");
    await fails(db, "CREATE (a) CREATE (b {other: a})", "TYPE", "InvalidPropertyType");
    assert.deepEqual(
      await one(db, "MATCH (n) RETURN count(n) AS c"),
      { c: 1 },
      "failed queries left nothing",
    );
  });

  test("write clauses are eager: MATCH … CREATE terminates", async () => {
    const db = await fresh();
    await db.execute("UNWIND range(1, 3) AS i CREATE (:N)");
    await db.execute("MATCH (n) CREATE (:N)");
    assert.deepEqual(await one(db, "MATCH (n) RETURN count(n) AS c"), { c: 6 });
  });

  test("MERGE sees what it created for earlier rows; ON CREATE and ON MATCH", async () => {
    const db = await fresh();
    const r = await db.execute(
      "UNWIND [1, 1, 2] AS x MERGE (n:N {x: x}) ON CREATE SET n.made = true ON MATCH SET n.again = true RETURN n.x AS x, n.made AS made, n.again AS again",
    );
    // Rows are returned after the whole clause ran: the first row's node was matched again.
    assert.deepEqual(r.rows, [
      { x: 1, made: true, again: true },
      { x: 1, made: true, again: true },
      { x: 2, made: true, again: null },
    ]);
    assert.deepEqual(await one(db, "MATCH (n:N) RETURN count(n) AS c"), { c: 2 });
    await db.execute("MATCH (a:N {x: 1}), (b:N {x: 2}) MERGE (a)-[:R]->(b) MERGE (a)-[:R]->(b)");
    assert.deepEqual(await one(db, "MATCH ()-[r:R]->() RETURN count(r) AS c"), { c: 1 });
    await fails(db, "MERGE (n:N {x: null})", "SEMANTIC", "MergeReadOwnWrites");
  });

  test("SET and REMOVE: properties, maps, labels; a null target is left alone", async () => {
    const db = await fresh();
    await db.execute("CREATE (:A {a: 1, b: 2})");
    const r = await one(
      db,
      "MATCH (n:A) SET n += {b: 3, c: 4}, n:B REMOVE n:A RETURN n.a AS a, n.b AS b, n.c AS c, labels(n) AS l",
    );
    assert.deepEqual(r, { a: 1, b: 3, c: 4, l: ["B"] });
    const replaced = await one(db, "MATCH (n:B) SET n = {z: 0, y: null} RETURN properties(n) AS p");
    assert.deepEqual(replaced.p, { z: 0 });
    const removed = await one(
      db,
      "MATCH (n:B) SET n.z = null REMOVE n.nothing RETURN keys(n) AS k",
    );
    assert.deepEqual(removed.k, []);
    const inside = await one(db, "MATCH (n:B) SET n.w = 1 RETURN {node: n} AS m, [n] AS l");
    const node = (inside.m as { node: { properties: Record<string, unknown> } }).node;
    assert.equal(node.properties.w, 1, "nodes inside maps and lists come back as they are now");
    assert.equal((inside.l as { properties: Record<string, unknown> }[])[0]!.properties.w, 1);
    const none = await db.execute("OPTIONAL MATCH (n:Nope) SET n.x = 1, n:L REMOVE n.y RETURN n");
    assert.deepEqual(none.rows, [{ n: null }]);
  });

  test("DELETE checks connected nodes at the end; DETACH DELETE removes relationships", async () => {
    const db = await fresh();
    await db.execute("CREATE (:X)-[:R]->(:Y)");
    await fails(db, "MATCH (x:X) DELETE x", "CONSTRAINT", "DeleteConnectedNode");
    await db.execute("MATCH (x:X)-[r]->(y) DELETE x, r, y");
    assert.deepEqual(await one(db, "MATCH (n) RETURN count(n) AS c"), { c: 0 });
    await db.execute("CREATE (:X)-[:R]->(:Y)");
    await db.execute("MATCH (x:X) DETACH DELETE x");
    assert.deepEqual(await one(db, "MATCH (n) RETURN count(n) AS n, size([()-->() | 1]) AS r"), {
      n: 1,
      r: 0,
    });
    await db.execute("OPTIONAL MATCH (n:Nope) DELETE n");
    await fails(db, "WITH $x AS x DELETE x", "TYPE", "InvalidArgumentType", { x: 1 });
    await db.execute("CREATE (:L), (:L)");
    await db.execute("MATCH (n:L) WITH collect(n) AS ns DELETE ns");
    assert.deepEqual(
      await one(db, "MATCH (n:L) RETURN count(n) AS c"),
      { c: 0 },
      "a list deletes each element",
    );
  });

  test("FOREACH runs its clauses per element; CALL subqueries run per row", async () => {
    const db = await fresh();
    await db.execute("FOREACH (i IN range(1, 3) | CREATE (:F {i: i}))");
    const sum = await one(db, "MATCH (f:F) RETURN sum(f.i) AS s");
    assert.deepEqual(sum, { s: 6 });
    const r = await db.execute(
      "UNWIND [1, 2] AS k CALL { WITH k MATCH (f:F) WHERE f.i >= k RETURN count(f) AS c } RETURN k, c",
    );
    assert.deepEqual(r.rows, [
      { k: 1, c: 3 },
      { k: 2, c: 2 },
    ]);
    const unit = await db.execute("UNWIND [1, 2] AS k CALL { WITH k CREATE (:G {k: k}) } RETURN k");
    assert.deepEqual(unit.rows, [{ k: 1 }, { k: 2 }]);
    assert.deepEqual(await one(db, "MATCH (g:G) RETURN count(g) AS c"), { c: 2 });
  });
});
