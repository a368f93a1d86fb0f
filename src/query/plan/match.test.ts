// Pattern matching as the planner builds it: start points (labels, ids, bound variables,
// relationship types), expansion in both directions, relationship uniqueness within one
// MATCH, variable-length paths and their order, named paths, OPTIONAL MATCH.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { openDatabase } from "../../db/open.js";
import type { Database } from "../../db/database.js";
import { Path, Relationship } from "../../store/entities.js";
import { cypherEngine } from "../engine.js";

let db: Database;

async function rows(
  query: string,
  params: Record<string, unknown> = {},
): Promise<Record<string, unknown>[]> {
  return (await db.execute(query, params)).rows;
}

before(async () => {
  db = await openDatabase(undefined, undefined, cypherEngine);
  // a -> b -> c -> d, a -> c, a loop on d, and an unlabelled island e.
  await db.execute(`
    CREATE (a:N {name: 'a'}), (b:N {name: 'b'}), (c:N:M {name: 'c'}), (d:N {name: 'd'}), (:Other {name: 'e'})
    CREATE (a)-[:T {w: 1}]->(b), (b)-[:T {w: 2}]->(c), (c)-[:T {w: 3}]->(d), (a)-[:U {w: 4}]->(c), (d)-[:L]->(d)`);
});

function names(rs: Record<string, unknown>[], col = "name"): unknown[] {
  return rs.map((r) => r[col]).sort();
}

describe("match planning", () => {
  test("labels, property maps and WHERE narrow the match wherever they stand", async () => {
    assert.deepEqual(names(await rows("MATCH (n:N:M) RETURN n.name AS name")), ["c"]);
    assert.deepEqual(names(await rows("MATCH (n {name: $x}) RETURN n.name AS name", { x: "e" })), [
      "e",
    ]);
    const twoHop = await rows(
      "MATCH (x)-[:T]->(y)-[:T]->(z:M) WHERE x.name <> 'q' RETURN x.name AS name",
    );
    assert.deepEqual(names(twoHop), ["a"]);
    const byRel = await rows("MATCH (x)-[r {w: 3}]->(y) RETURN x.name + y.name AS name");
    assert.deepEqual(names(byRel), ["cd"]);
  });

  test("a node fixed by id(n) = … is looked up, alone or from a list", async () => {
    const [c] = await rows("MATCH (n {name: 'c'}) RETURN id(n) AS id");
    assert.deepEqual(
      names(await rows("MATCH (n) WHERE id(n) = $id RETURN n.name AS name", { id: c!.id })),
      ["c"],
    );
    const two = await rows("MATCH (n)-->(m) WHERE id(n) IN [$id, $id, -1] RETURN m.name AS name", {
      id: c!.id,
    });
    assert.deepEqual(names(two), ["d"], "duplicates and missing ids are harmless");
    assert.deepEqual(await rows("MATCH (n) WHERE id(n) = 'x' RETURN n"), []);
  });

  test("undirected patterns meet a self-loop once, other relationships from both ends", async () => {
    assert.equal((await rows("MATCH ()-[r:L]-() RETURN r")).length, 1);
    assert.equal((await rows("MATCH ()-[r:T]-() RETURN r")).length, 6);
    assert.equal((await rows("MATCH (x:N)-[r:T]-(y:N) WHERE x.name = 'b' RETURN y")).length, 2);
  });

  test("relationships are unique within one MATCH, not across MATCH clauses", async () => {
    const within = await rows(
      "MATCH (x)-[r1:T]-(y)-[r2:T]-(z) WHERE x.name = 'a' RETURN z.name AS name",
    );
    assert.deepEqual(names(within), ["c"]);
    const across = await rows(
      "MATCH (x)-[r1:T]-(y) MATCH (y)-[r2:T]-(z) WHERE x.name = 'a' RETURN z.name AS name",
    );
    assert.deepEqual(names(across), ["a", "c"]);
  });

  test("a relationship bound earlier is checked, not searched for", async () => {
    const r = await rows(
      "MATCH ()-[r:U]->() WITH r MATCH (x)-[r]->(y) RETURN x.name + y.name AS name",
    );
    assert.deepEqual(names(r), ["ac"]);
    const back = await rows("MATCH ()-[r:U]->() WITH r MATCH (y)<-[r]-(x) RETURN y.name AS name");
    assert.deepEqual(names(back), ["c"]);
  });

  test("variable-length patterns: bounds, zero length, uniqueness along the path", async () => {
    const reach = await rows("MATCH (a {name: 'a'})-[:T*]->(x) RETURN x.name AS name");
    assert.deepEqual(names(reach), ["b", "c", "d"]);
    const exact = await rows("MATCH (a {name: 'a'})-[*2]->(x) RETURN x.name AS name");
    assert.deepEqual(names(exact), ["c", "d"]);
    const zero = await rows("MATCH (a {name: 'b'})-[:T*0..1]->(x) RETURN x.name AS name");
    assert.deepEqual(names(zero), ["b", "c"]);
    const loop = await rows("MATCH (d {name: 'd'})-[:L*1..5]->(x) RETURN x.name AS name");
    assert.deepEqual(names(loop), ["d"], "the loop is used once per path");
  });

  test("relationship lists keep pattern order, whichever end the match starts from", async () => {
    const [fwd] = await rows("MATCH (a {name: 'a'})-[rs:T*3]->(d) RETURN [r IN rs | r.w] AS ws");
    assert.deepEqual(fwd!.ws, [1, 2, 3]);
    const [back] = await rows("MATCH (a)-[rs:T*3]->(d:N {name: 'd'}) RETURN [r IN rs | r.w] AS ws");
    assert.deepEqual(back!.ws, [1, 2, 3]);
    const [rev] = await rows("MATCH (d {name: 'd'})<-[rs:T*3]-(a) RETURN [r IN rs | r.w] AS ws");
    assert.deepEqual(rev!.ws, [3, 2, 1]);
  });

  test("named paths hold the nodes and relationships in pattern order", async () => {
    const [row] = await rows("MATCH p = (a {name: 'a'})-[:T*2]->(c)<-[:U]-(a2) RETURN p");
    const p = row!.p;
    assert.ok(p instanceof Path);
    assert.deepEqual(
      p.nodes.map((n) => n.properties.name),
      ["a", "b", "c", "a"],
    );
    assert.ok(p.relationships.every((r) => r instanceof Relationship));
    assert.deepEqual(
      p.relationships.map((r) => r.properties.w),
      [1, 2, 4],
    );
  });

  test("OPTIONAL MATCH keeps the row with nulls, and a null start matches nothing", async () => {
    const r = await rows(
      "MATCH (n:N) OPTIONAL MATCH (n)-[:U]->(m) RETURN n.name AS name, m.name AS m",
    );
    assert.deepEqual(r.map((x) => [x.name, x.m]).sort(), [
      ["a", "c"],
      ["b", null],
      ["c", null],
      ["d", null],
    ]);
    const chained = await rows("OPTIONAL MATCH (x:Nope) OPTIONAL MATCH (x)-->(y) RETURN x, y");
    assert.deepEqual(chained, [{ x: null, y: null }]);
  });

  test("shortestPath finds one path of least length, allShortestPaths every one", async () => {
    const [one] = await rows(
      "MATCH (a {name: 'a'}), (d {name: 'd'}) MATCH p = shortestPath((a)-[*]->(d)) RETURN [n IN nodes(p) | n.name] AS ns",
    );
    assert.deepEqual(one!.ns, ["a", "c", "d"]);
    const all = await rows(
      "MATCH (a {name: 'a'}), (c {name: 'c'}) MATCH p = allShortestPaths((a)-[:T|U*]-(c)) RETURN length(p) AS l",
    );
    assert.deepEqual(all, [{ l: 1 }], "the direct :U is shorter than the :T detour");
    const none = await rows(
      "MATCH (d {name: 'd'}), (a {name: 'a'}) OPTIONAL MATCH p = shortestPath((d)-[*]->(a)) RETURN p",
    );
    assert.deepEqual(none, [{ p: null }]);
    const bounded = await rows(
      "MATCH (a {name: 'a'}), (d {name: 'd'}) MATCH p = shortestPath((a)-[:T*..2]->(d)) RETURN p",
    );
    assert.deepEqual(bounded, [], "along :T alone d is three hops away");
  });

  test("pattern predicates and comprehensions run the pattern per row", async () => {
    const r = await rows("MATCH (n:N) WHERE NOT (n)-[:T]->() RETURN n.name AS name");
    assert.deepEqual(names(r), ["d"]);
    const [a] = await rows(
      "MATCH (n {name: 'a'}) RETURN [(n)-->(m) | m.name] AS out, COUNT { (n)-->() } AS c",
    );
    assert.deepEqual((a!.out as string[]).sort(), ["b", "c"]);
    assert.equal(a!.c, 2);
    const e = await rows("MATCH (n:N) WHERE EXISTS { MATCH (n)-[:L]->(n) } RETURN n.name AS name");
    assert.deepEqual(names(e), ["d"]);
  });
});
