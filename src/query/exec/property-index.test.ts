// Equality indexes: used only with a view that counts its versions, rebuilt when the
// version moves, never built by a mutating query after its first write, and giving the
// same rows as a label scan (the planner keeps the equality test on top of the lookup).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { openDatabase } from "../../db/open.js";
import type { Database, QueryAccess } from "../../db/database.js";
import type { WriteTransaction } from "../../db/transaction.js";
import { Float } from "../../store/tagged-values.js";
import type { Node, Relationship } from "../../store/entities.js";
import type { GraphView } from "../../store/graph.js";
import { createCypherEngine } from "../engine.js";
import { PropertyIndexes, viewVersion } from "./property-index.js";

/** A view that reports a version and counts label scans. */
class VersionedView implements GraphView {
  scans = 0;
  constructor(
    readonly inner: GraphView,
    readonly version: number,
  ) {}
  node(id: number): Node | null {
    return this.inner.node(id);
  }
  relationship(id: number): Relationship | null {
    return this.inner.relationship(id);
  }
  nodes(filter?: { label?: string }): Iterable<Node> {
    this.scans++;
    return this.inner.nodes(filter);
  }
  relationships(filter?: { type?: string }): Iterable<Relationship> {
    return this.inner.relationships(filter);
  }
  outgoing(id: number, type?: string): Iterable<Relationship> {
    return this.inner.outgoing(id, type);
  }
  incoming(id: number, type?: string): Iterable<Relationship> {
    return this.inner.incoming(id, type);
  }
  get nodeCount(): number {
    return this.inner.nodeCount;
  }
  get relationshipCount(): number {
    return this.inner.relationshipCount;
  }
}

async function people(): Promise<Database> {
  const db = await openDatabase(undefined, undefined, createCypherEngine());
  await db.execute("UNWIND range(0, 99) AS i CREATE (:P {id: i, half: i / 2})");
  await db.execute("CREATE (:P {id: 1.0}), (:Q {id: 1})");
  return db;
}

describe("property indexes", () => {
  test("lookups come from one build while the version holds, and a new build after", async () => {
    const db = await people();
    const indexes = new PropertyIndexes();
    db.read((inner) => {
      const v1 = new VersionedView(inner, 1);
      const ids = indexes.lookup(v1, "P", "id", 1, true);
      assert.equal(ids?.length, 2, "1 and 1.0 share a key, as 1 = 1.0");
      assert.deepEqual(indexes.lookup(v1, "P", "id", 7, true)?.length, 1);
      assert.deepEqual(indexes.lookup(v1, "P", "id", null, true), []);
      assert.deepEqual(indexes.lookup(v1, "P", "id", "7", true), []);
      assert.equal(v1.scans, 1, "built once");
      const v2 = new VersionedView(inner, 2);
      assert.equal(indexes.lookup(v2, "P", "id", 7, false), null, "stale and not allowed to build");
      assert.equal(indexes.lookup(v2, "P", "id", 7, true)?.length, 1);
      assert.equal(v2.scans, 1, "rebuilt for the new version");
      assert.equal(viewVersion(inner), inner.version, "the store's views count their changes");
      const unversioned = { nodes: () => inner.nodes() } as unknown as GraphView;
      assert.equal(indexes.lookup(unversioned, "P", "id", 7, true), null, "no version, no index");
      assert.equal(viewVersion(unversioned), null);
    });
    await db.close();
  });

  test("queries through a versioned database read the index and match a scan", async () => {
    const db = await people();
    let version = 1;
    let lastView: VersionedView | null = null;
    const access: QueryAccess = {
      read: (fn) => db.read((inner) => fn((lastView = new VersionedView(inner, version)))),
      write: (fn: (tx: WriteTransaction) => unknown) => db.write((tx) => fn(tx)),
    } as QueryAccess;
    const engine = createCypherEngine();
    const run = (q: string, params: Record<string, unknown>) =>
      engine.execute(access, q, params, {});
    for (const id of [3, 50, 99]) {
      const r = await run("MATCH (p:P {id: $id}) RETURN p.half AS h", { id });
      assert.deepEqual(r.rows, [{ h: Math.trunc(id / 2) }]);
    }
    assert.equal(lastView!.scans, 0, "the last lookups scanned nothing");
    const w = await run("MATCH (p:P) WHERE p.id = $id RETURN count(*) AS c", { id: new Float(1) });
    assert.deepEqual(w.rows, [{ c: 2 }], "WHERE n.key = value uses it too");
    await db.execute("MATCH (p:P {id: 3}) SET p.id = 1000");
    version = 2;
    const moved = await run("MATCH (p:P {id: $id}) RETURN count(*) AS c", { id: 1000 });
    assert.deepEqual(moved.rows, [{ c: 1 }], "a new version, a new index");
    const gone = await run("MATCH (p:P {id: $id}) RETURN count(*) AS c", { id: 3 });
    assert.deepEqual(gone.rows, [{ c: 0 }]);
    await db.close();
  });
});
