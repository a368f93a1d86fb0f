// The engine end to end, through Database.execute: reads and writes, atomicity (a failed
// query leaves the graph and the log as they were), read-only queries that log nothing,
// laziness (LIMIT stops pulling), the time limit, parameters, procedures and the errors
// the engine itself raises. Pattern, projection and write semantics have their own tests
// beside the planner and executor.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { QueryError } from "../internal/errors.js";
import { openDatabase } from "../db/open.js";
import type { Database } from "../db/database.js";
import { Node } from "../store/entities.js";
import { Float } from "../store/tagged-values.js";
import { tmpDir } from "../testing/tmp.js";
import { createCypherEngine, cypherEngine, type ProcedureDefinition } from "./index.js";
import type { Value } from "./runtime/types.js";

async function rejectsWith(
  p: Promise<unknown>,
  code: string,
  detail?: string,
): Promise<QueryError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof QueryError, `expected a QueryError, got ${String(err)}`);
    assert.equal(err.code, code, err.message);
    if (detail !== undefined) assert.equal(err.detail, detail, err.message);
    return err;
  }
  assert.fail(`expected ${code}, the query succeeded`);
}

/** A procedure yielding 0, 1, 2, … forever, counting how many it was asked for. */
function counter(): { proc: ProcedureDefinition; pulled: () => number } {
  let pulled = 0;
  return {
    pulled: () => pulled,
    proc: {
      name: "test.count",
      inputs: [],
      outputs: [{ name: "n", type: "INTEGER?" }],
      *call() {
        for (;;) yield { n: pulled++ };
      },
    },
  };
}

async function chain(db: Database, length: number): Promise<void> {
  await db.execute(
    "UNWIND range(1, $n) AS i CREATE (:C {i: i}) WITH count(*) AS made MATCH (a:C), (b:C) WHERE b.i = a.i + 1 CREATE (a)-[:NEXT]->(b)",
    { n: length },
  );
}

describe("cypher engine", () => {
  test("reads return columns named by alias or text, and plain rows", async () => {
    const db = await openDatabase(undefined, undefined, cypherEngine);
    await db.execute("CREATE (:P {name: 'Ada', born: 1815}), (:P {name: 'Bob', born: 1900})");
    const r = await db.execute("MATCH (p:P) RETURN p.name, p.born + 0.5 AS half ORDER BY p.born");
    assert.deepEqual(r.columns, ["p.name", "half"]);
    assert.deepEqual(r.rows, [
      { "p.name": "Ada", half: 1815.5 },
      { "p.name": "Bob", half: 1900.5 },
    ]);
    const empty = await db.execute("MATCH (p:Nobody) RETURN p.name AS name");
    assert.deepEqual(empty, { columns: ["name"], rows: [] });
    const none = await db.execute("MATCH (p:P) SET p.seen = true");
    assert.deepEqual(none, { columns: [], rows: [] }, "no RETURN, no rows");
    await db.close();
  });

  test("Int and Float stay apart, and nodes come back as Node instances with fresh data", async () => {
    const db = await openDatabase(undefined, undefined, cypherEngine);
    const r = await db.execute("CREATE (n:N {x: 1}) SET n.y = 2.0, n:M RETURN n, 1 AS i, 1.0 AS f");
    const row = r.rows[0]!;
    assert.ok(row.n instanceof Node);
    assert.deepEqual([...row.n.labels].sort(), ["M", "N"]);
    assert.equal(row.n.properties.x, 1);
    assert.ok(row.n.properties.y instanceof Float);
    assert.equal(row.i, 1);
    assert.ok(row.f instanceof Float);
    await db.close();
  });

  test("a mutating query is one commit; a read-only query logs nothing", async (t) => {
    const db = await openDatabase(tmpDir(t), undefined, cypherEngine);
    const before = db.status().nextLsn;
    await db.execute("CREATE (:A {v: 1}), (:A {v: 2})");
    const afterWrite = db.status().nextLsn;
    assert.equal(afterWrite - before, 3, "TxBegin, one MutationBatch, TxCommit");
    await db.execute("MATCH (a:A) RETURN a.v");
    await db.execute("MATCH (a:A) WHERE a.v > 5 SET a.big = true");
    assert.equal(
      db.status().nextLsn,
      afterWrite,
      "reads and writes that change nothing log nothing",
    );
    await db.close();
  });

  test("a failing query leaves the graph unchanged and logs nothing", async (t) => {
    const db = await openDatabase(tmpDir(t), undefined, cypherEngine);
    await db.execute("CREATE (:A {v: 1})");
    const lsn = db.status().nextLsn;
    await rejectsWith(
      db.execute("MATCH (a:A) SET a.v = 2 CREATE (:B) WITH a RETURN a.v / 0"),
      "ARGUMENT",
    );
    await rejectsWith(
      db.execute("CREATE (x:X)-[:R]->(:Y) WITH x MATCH (n:X) DELETE n"),
      "CONSTRAINT",
      "DeleteConnectedNode",
    );
    assert.equal(db.status().nextLsn, lsn);
    const r = await db.execute("MATCH (n) RETURN labels(n) AS l, n.v AS v");
    assert.deepEqual(r.rows, [{ l: ["A"], v: 1 }]);
    await db.close();
  });

  test("property lookups follow every change, committed or rolled back", async () => {
    const db = await openDatabase(undefined, undefined, cypherEngine);
    await db.execute("UNWIND range(1, 50) AS i CREATE (:P {id: i})");
    const count = async (id: unknown) =>
      (await db.execute("MATCH (p:P {id: $id}) RETURN count(*) AS c", { id: id as number }))
        .rows[0]!["c"];
    assert.equal(await count(5), 1);
    await db.execute("CREATE (:P {id: 5})");
    assert.equal(await count(5), 2, "a new node is found after the lookup was answered once");
    await db.execute("MATCH (p:P {id: 5}) SET p.id = 6");
    assert.equal(await count(5), 0);
    assert.equal(await count(6), 3);
    await assert.rejects(db.execute("MATCH (p:P {id: 6}) SET p.id = 700 WITH p RETURN 1 / 0"));
    assert.equal(await count(700), 0, "the rolled-back change is not in the lookup");
    assert.equal(await count(6), 3);
    await db.close();
  });

  test("LIMIT stops pulling rows from upstream", async () => {
    const { proc, pulled } = counter();
    const db = await openDatabase(undefined, undefined, createCypherEngine({ procedures: [proc] }));
    const r = await db.execute("CALL test.count() YIELD n RETURN n LIMIT 3");
    assert.deepEqual(
      r.rows.map((x) => x.n),
      [0, 1, 2],
    );
    assert.equal(pulled(), 3);
    const e = await db.execute("CALL test.count() YIELD n WITH n WHERE n % 2 = 1 RETURN n LIMIT 2");
    assert.deepEqual(
      e.rows.map((x) => x.n),
      [3, 5],
      "the counter goes on from 3",
    );
    assert.equal(pulled(), 3 + 3, "3, 4 and 5 were pulled, nothing after 5");
    await db.close();
  });

  test("a query over its time limit fails with QUERY_TIMEOUT and changes nothing", async (t) => {
    const { proc } = counter();
    const db = await openDatabase(tmpDir(t), undefined, createCypherEngine({ procedures: [proc] }));
    await db.execute("UNWIND range(1, 60) AS i CREATE (:N)");
    const lsn = db.status().nextLsn;
    const started = performance.now();
    await rejectsWith(
      db.execute("MATCH (a), (b), (c), (d) RETURN count(*)", {}, { timeoutMs: 30 }),
      "QUERY_TIMEOUT",
    );
    assert.ok(performance.now() - started < 2000, "stopped near its limit");
    await rejectsWith(
      db.execute(
        "CREATE (:Fresh) WITH 1 AS one CALL test.count() YIELD n RETURN count(n)",
        {},
        { timeoutMs: 20 },
      ),
      "QUERY_TIMEOUT",
    );
    assert.equal(db.status().nextLsn, lsn);
    const r = await db.execute("MATCH (f:Fresh) RETURN count(f) AS c");
    assert.deepEqual(r.rows, [{ c: 0 }]);
    await db.close();
  });

  test("parameters are values; a missing one fails at compile time", async () => {
    const db = await openDatabase(undefined, undefined, cypherEngine);
    const r = await db.execute("RETURN $a + 1 AS a, $list[1] AS second, $map.k AS k", {
      a: 41,
      list: ["x", "y"],
      map: { k: new Float(2) },
    });
    assert.equal(r.rows[0]!.a, 42);
    assert.equal(r.rows[0]!.second, "y");
    assert.ok(r.rows[0]!.k instanceof Float);
    await db.execute("UNWIND $rows AS row CREATE (:R {id: row.id})", {
      rows: [{ id: 1 }, { id: 2 }],
    });
    const c = await db.execute("MATCH (r:R {id: $id}) RETURN r.id AS id", { id: 2 });
    assert.deepEqual(c.rows, [{ id: 2 }]);
    await assert.rejects(db.execute("RETURN $u", { u: undefined }), TypeError);
    await assert.rejects(db.execute("RETURN $f", { f: [() => 1] }), /parameter `f` holds/);
    const bin = await db.execute("RETURN $b AS b", { b: new Uint8Array([1, 2]) });
    assert.equal((bin.rows[0]!.b as { kind: string }).kind, "binary");
    const err = await rejectsWith(
      db.execute("MATCH (n) WHERE n.x = $x RETURN n", {}),
      "PARAMETER_MISSING",
      "MissingParameter",
    );
    assert.equal(err.phase, "compile");
    await db.close();
  });

  test("procedures: standalone calls return their outputs, unknown ones fail at compile time", async () => {
    const proc: ProcedureDefinition = {
      name: "test.echo",
      inputs: [{ name: "x", type: "FLOAT?" }],
      outputs: [{ name: "out", type: "ANY?" }],
      call: (args: readonly Value[]) => [{ out: args[0] ?? null }],
    };
    const db = await openDatabase(undefined, undefined, createCypherEngine({ procedures: [proc] }));
    const r = await db.execute("CALL test.echo(2)");
    assert.deepEqual(r.columns, ["out"]);
    assert.ok(r.rows[0]!.out instanceof Float, "an Int passed as FLOAT becomes a Float");
    const implicit = await db.execute("CALL test.echo", { x: 1.5 });
    assert.deepEqual(implicit.rows, [{ out: 1.5 }]);
    await rejectsWith(db.execute("CALL test.nothing()"), "SEMANTIC", "ProcedureNotFound");
    await rejectsWith(db.execute("CALL test.echo(1, 2)"), "SEMANTIC", "InvalidNumberOfArguments");
    await rejectsWith(db.execute("CALL test.echo('a')"), "SEMANTIC", "InvalidArgumentType");
    await db.close();
  });

  test("an unbounded variable-length pattern stops at maxVarLength with a clear error", async () => {
    const db = await openDatabase(undefined, undefined, createCypherEngine({ maxVarLength: 3 }));
    await chain(db, 6);
    const bounded = await db.execute("MATCH (a:C {i: 1})-[:NEXT*..5]->(b) RETURN max(b.i) AS far");
    assert.deepEqual(bounded.rows, [{ far: 6 }], "explicit bounds are not limited");
    await rejectsWith(
      db.execute("MATCH (a:C {i: 1})-[:NEXT*]->(b) RETURN count(b)"),
      "QUERY_TOO_COMPLEX",
    );
    const short = await db.execute("MATCH (a:C {i: 4})-[:NEXT*]->(b) RETURN count(b) AS n");
    assert.deepEqual(short.rows, [{ n: 2 }], "paths within the limit are fine");
    assert.throws(() => createCypherEngine({ maxVarLength: 0 }), RangeError);
    assert.throws(() => createCypherEngine({ planCacheSize: -1 }), RangeError);
    await db.close();
  });

  test("compiled plans are reused and hold no state between runs", async () => {
    const db = await openDatabase(undefined, undefined, cypherEngine);
    await db.execute("UNWIND range(1, 5) AS i CREATE (:N {i: i})");
    const q = "MATCH (n:N) WHERE n.i >= $min RETURN count(*) AS c, collect(n.i)[0] AS first";
    for (let min = 1; min <= 5; min++) {
      const r = await db.execute(q, { min });
      assert.deepEqual(r.rows, [{ c: 6 - min, first: min }]);
    }
    await db.close();
  });

  test("thousands of clauses and hops run without exhausting the stack", async () => {
    const db = await openDatabase(undefined, undefined, cypherEngine);
    await db.execute("CREATE (:A)-[:R]->(:A)");
    const withs = `WITH 1 AS x ${"WITH x + 1 AS x ".repeat(5000)}RETURN x`;
    assert.deepEqual((await db.execute(withs)).rows, [{ x: 5001 }]);
    const hops = `MATCH (a)${"-->()".repeat(3000)} RETURN count(a) AS c`;
    assert.deepEqual((await db.execute(hops)).rows, [{ c: 0 }]);
    const nested = `RETURN ${"[".repeat(400)}1${"]".repeat(400)} AS deep`;
    assert.equal((await db.execute(nested)).rows.length, 1);
    await db.close();
  });

  test("deleted entities: returning one is allowed, reading its data is not", async () => {
    const db = await openDatabase(undefined, undefined, cypherEngine);
    await db.execute("CREATE (:A {v: 1})-[:T {w: 2}]->(:B)");
    await rejectsWith(
      db.execute("MATCH (n:A) DETACH DELETE n RETURN n.v"),
      "NOT_FOUND",
      "DeletedEntityAccess",
    );
    await rejectsWith(
      db.execute("MATCH (n:A) DETACH DELETE n RETURN labels(n)"),
      "NOT_FOUND",
      "DeletedEntityAccess",
    );
    const r = await db.execute("MATCH ()-[r:T]->() DELETE r RETURN type(r) AS t");
    assert.deepEqual(r.rows, [{ t: "T" }]);
    await db.close();
  });
});
