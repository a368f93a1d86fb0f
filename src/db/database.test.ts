// The Database: atomic writes, errors that leave no trace, recovery, group commit,
// checkpoints, snapshot fallback, poisoning, status and close.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { isSkeinError } from "../internal/errors.js";
import { MemFs } from "../testing/mem-fs.js";
import { tmpDir } from "../testing/tmp.js";
import { Float } from "../store/index.js";
import { replayDir } from "../wal/index.js";
import { listSnapshots } from "../snapshot/index.js";
import { openDatabase } from "./open.js";
import type { DatabaseOptions } from "./options.js";

const DIR = "/db";

function mem(fs: MemFs, options: DatabaseOptions = {}) {
  return openDatabase(DIR, { ...options, fileSystem: fs });
}

function shape(db: { read<T>(fn: (v: import("../store/graph.js").GraphView) => T): T }) {
  return db.read((v) => ({
    nodes: [...v.nodes()].map((n) => ({ id: n.id, labels: [...n.labels], props: n.properties })),
    rels: [...v.relationships()].map((r) => ({ id: r.id, src: r.src, dst: r.dst, type: r.type })),
  }));
}

describe("database", () => {
  test("the graph version moves with every change and every rollback, and only then", async () => {
    const db = await openDatabase();
    const version = () => db.read((v) => v.version);
    const v0 = version();
    db.read((v) => [...v.nodes()]);
    assert.equal(version(), v0, "reading changes nothing");
    await db.write((tx) => tx.createNode(["A"]));
    const v1 = version();
    assert.ok(v1 > v0);
    await assert.rejects(
      db.write((tx) => {
        tx.createNode(["B"]);
        throw new Error("changed my mind");
      }),
    );
    assert.ok(
      version() > v1,
      "a rolled-back write leaves a new version: its graph was seen changed",
    );
    await db.close();
  });

  test("an in-memory database writes, reads its own writes, and rolls back on throw", async () => {
    const db = await openDatabase();
    const [a, b] = await db.write((tx) => {
      const a = tx.createNode(["Person"], { name: "Ada" });
      const b = tx.createNode(["Person"], { name: "Bob" });
      tx.createRelationship(a, b, "KNOWS", { since: 1843 });
      assert.equal(tx.nodeCount, 2, "the transaction reads its own writes");
      return [a, b];
    });
    assert.deepEqual([a, b], [0, 1]);
    await assert.rejects(
      db.write((tx) => {
        tx.createNode(["Ghost"]);
        tx.setNodeProperty(a, "name", "changed");
        throw new Error("no");
      }),
      /no/,
    );
    db.read((v) => {
      assert.equal(v.nodeCount, 2);
      assert.equal(v.node(a)!.properties.name, "Ada");
      assert.deepEqual([...v.nodes({ label: "Ghost" })], []);
      assert.equal([...v.outgoing(a, "KNOWS")].length, 1);
      assert.equal([...v.incoming(b)].length, 1);
    });
    assert.equal(await db.write((tx) => tx.createNode([])), 2, "ids are deterministic");
    await db.close();
  });

  test("errors leave no trace and log nothing", async () => {
    const fs = new MemFs();
    const db = await mem(fs);
    const a = await db.write((tx) => {
      const a = tx.createNode(["A"]);
      tx.createRelationship(a, a, "SELF");
      return a;
    });
    const before = shape(db);
    const lsn = db.status().nextLsn;
    const failures: [(tx: import("./transaction.js").WriteTransaction) => void, string][] = [
      [(tx) => tx.setNodeProperty(99, "x", 1), "NOT_FOUND"],
      [(tx) => tx.deleteNode(a), "CONSTRAINT"],
      [(tx) => tx.createRelationship(a, 42, "R"), "NOT_FOUND"],
      [(tx) => tx.deleteRelationship(7), "NOT_FOUND"],
      [(tx) => tx.createNode(["B"], { bad: undefined as never }), "TypeError"],
      [(tx) => tx.createNode("A" as never), "TypeError"],
      [(tx) => tx.createNode([""]), "INVALID_ARGUMENT"],
      [(tx) => tx.setNodeProperty(-1, "x", 1), "TypeError"],
    ];
    for (const [fn, code] of failures) {
      await assert.rejects(
        db.write((tx) => {
          tx.createNode(["Before"]);
          fn(tx);
        }),
        (e) => (code === "TypeError" ? e instanceof TypeError : isSkeinError(e, code as never)),
        code,
      );
      assert.deepEqual(shape(db), before);
      assert.equal(db.status().nextLsn, lsn, "nothing was logged");
    }
    await db.close();
  });

  test("a write is TxBegin + MutationBatch + TxCommit; one that changes nothing logs nothing", async (t) => {
    const dir = tmpDir(t);
    const db = await openDatabase(dir);
    const id = await db.write((tx) => tx.createNode(["N"], { v: 1 }));
    assert.equal(db.status().nextLsn, 4);
    await db.write((tx) => {
      tx.setNodeProperty(id, "v", 1);
      tx.addNodeLabel(id, "N");
      tx.removeNodeProperty(id, "missing");
    });
    assert.equal(db.status().nextLsn, 4, "a write that changed nothing logged nothing");
    await db.close();
    assert.equal(replayDir(`${dir}/wal`).events.length, 1);
  });

  test("reopening recovers the graph, its ids and its value kinds; new ids never reuse old ones", async (t) => {
    const dir = tmpDir(t);
    const db = await openDatabase(dir);
    await db.write((tx) => {
      const a = tx.createNode(["P"], { i: 1, f: new Float(1), big: 2n ** 60n, list: [1, "x"] });
      const b = tx.createNode(["P"]);
      tx.createRelationship(a, b, "R");
      tx.deleteNode(tx.createNode(["Gone"]));
    });
    const before = shape(db);
    await db.close();
    const again = await openDatabase(dir);
    assert.deepEqual(shape(again), before);
    const props = again.read((v) => v.node(0)!.properties);
    assert.ok(props.f instanceof Float);
    assert.equal(props.big, 2n ** 60n);
    assert.equal(await again.write((tx) => tx.createNode([])), 3, "id 2 was handed out before");
    await again.close();
  });

  test("1,000 concurrent perCommit writes share fsyncs", async () => {
    const fs = new MemFs();
    const db = await mem(fs);
    const before = fs.counts.fsync;
    const ids = await Promise.all(
      Array.from({ length: 1000 }, (_, i) => db.write((tx) => tx.createNode(["N"], { i }))),
    );
    const used = fs.counts.fsync - before;
    assert.equal(new Set(ids).size, 1000);
    assert.ok(used <= 10, `1,000 writes cost ${used} fsyncs`);
    assert.equal(db.status().durableLsn, db.status().nextLsn - 1);
    await db.close();
  });

  test("a checkpoint writes a snapshot, a marker, and truncates the log; reopening uses it", async () => {
    const fs = new MemFs();
    const db = await mem(fs, { segmentTargetBytes: 256, snapshotsToKeep: 1 });
    for (let i = 0; i < 20; i++) await db.write((tx) => tx.createNode(["N"], { i }));
    const segmentsBefore = db.status().oldestSegmentId;
    const { lsn } = await db.checkpoint();
    assert.equal(lsn, 60);
    assert.equal(db.status().lastCheckpointLsn, 60);
    assert.ok(db.status().oldestSegmentId > segmentsBefore, "sealed segments were truncated");
    assert.equal(listSnapshots(fs, `${DIR}/snapshots`).length, 1);
    await db.write((tx) => tx.createNode(["After"]));
    await db.close();
    const again = await mem(fs, { segmentTargetBytes: 256 });
    const report = again.status().recovery!;
    assert.equal(report.snapshotFenceLsn, 60);
    assert.equal(report.replayedTransactions, 1);
    assert.equal(again.status().nodeCount, 21);
    assert.equal(again.status().lastCheckpointLsn, 60);
    await again.close();
  });

  test("snapshotEveryCommits checkpoints automatically and snapshotsToKeep bounds them", async () => {
    const fs = new MemFs();
    const db = await mem(fs, { snapshotEveryCommits: 5, snapshotsToKeep: 2 });
    for (let i = 0; i < 17; i++) await db.write((tx) => tx.createNode([], { i }));
    assert.equal(db.status().commitsSinceCheckpoint, 2);
    assert.equal(listSnapshots(fs, `${DIR}/snapshots`).length, 2);
    await db.close();
  });

  test("a damaged newest snapshot is reported and the previous one is used", async () => {
    const fs = new MemFs();
    const db = await mem(fs, { snapshotsToKeep: 2 });
    await db.write((tx) => tx.createNode(["A"]));
    await db.checkpoint();
    await db.write((tx) => tx.createNode(["B"]));
    await db.checkpoint();
    await db.write((tx) => tx.createNode(["C"]));
    await db.close();
    const [newest] = listSnapshots(fs, `${DIR}/snapshots`);
    const bytes = fs.bytesOf(newest!.path).slice();
    bytes[bytes.length - 10]! ^= 0xff;
    fs.setBytes(newest!.path, bytes);
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on("warning", onWarning);
    const again = await mem(fs);
    await new Promise((r) => setImmediate(r));
    process.off("warning", onWarning);
    const report = again.status().recovery!;
    assert.equal(report.damagedSnapshots.length, 1);
    assert.equal(report.damagedSnapshots[0]!.path, newest!.path);
    assert.ok(
      warnings.some((w) => w.includes(newest!.path)),
      warnings.join("; "),
    );
    assert.equal(again.status().nodeCount, 3, "the older snapshot plus a longer replay");
    await again.close();
  });

  test("a failed fsync poisons writes; reads and status keep working; reopen recovers", async () => {
    const fs = new MemFs();
    const db = await mem(fs);
    await db.write((tx) => tx.createNode(["Safe"]));
    fs.inject({ op: "fsync", nth: fs.counts.fsync + 1, errno: "EIO" });
    await assert.rejects(
      db.write((tx) => tx.createNode(["Lost"])),
      (e) => isSkeinError(e, "IO"),
    );
    await assert.rejects(
      db.write((tx) => tx.createNode(["Refused"])),
      (e) => isSkeinError(e, "WAL_POISONED"),
    );
    assert.match(db.status().bgFailure ?? "", /fsync failed/);
    assert.ok(db.read((v) => v.nodeCount) >= 1);
    await db.close();
    const again = await mem(fs.crash());
    assert.deepEqual(
      again.read((v) => [...v.nodes()].map((n) => n.labels[0])),
      ["Safe"],
    );
    await again.close();
  });

  test("a closed database throws CLOSED; close is idempotent and releases the lock", async (t) => {
    const dir = tmpDir(t);
    const db = await openDatabase(dir);
    await assert.rejects(openDatabase(dir), (e) => isSkeinError(e, "WAL_ALREADY_OPEN"));
    await db.close();
    await db.close();
    await assert.rejects(
      db.write((tx) => tx.createNode([])),
      (e) => isSkeinError(e, "CLOSED"),
    );
    assert.throws(
      () => db.read((v) => v.nodeCount),
      (e) => isSkeinError(e, "CLOSED"),
    );
    assert.throws(
      () => db.status(),
      (e) => isSkeinError(e, "CLOSED"),
    );
    await assert.rejects(db.sync(), (e) => isSkeinError(e, "CLOSED"));
    await assert.rejects(db.checkpoint(), (e) => isSkeinError(e, "CLOSED"));
    const again = await openDatabase(dir);
    await again.close();
  });

  test("the write callback must be synchronous", async () => {
    const db = await openDatabase();
    await assert.rejects(
      db.write(async (tx) => {
        tx.createNode([]);
        await Promise.resolve();
      }),
      TypeError,
    );
    assert.equal(
      db.read((v) => v.nodeCount),
      0,
    );
    await db.close();
  });
});
