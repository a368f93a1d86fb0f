// Tests of batch commits against an in-memory database: batches of the given size, a bad
// line rejecting its whole batch (nothing of it in the graph), --max-errors, the committed
// and rejected line ranges, and node keys mapped to the database's ids (and forgotten when
// their batch is rejected).
import { test } from "node:test";
import assert from "node:assert/strict";
import { openDatabase } from "../index.js";
import { BatchImporter, nodeKey, type Source, type SourceEntry } from "./import-batches.js";

async function* chunks<T>(items: T[], size: number): AsyncGenerator<T[]> {
  for (let i = 0; i < items.length; i += size) {
    await Promise.resolve();
    yield items.slice(i, i + size);
  }
}

function source(entries: SourceEntry[], chunk = 3): Source {
  return {
    file: "in.jsonl",
    entries: () => chunks(entries, chunk),
  };
}

const node = (line: number, key: number | string, props = {}): SourceEntry => ({
  line,
  item: { kind: "node", key, labels: ["N"], properties: props },
});
const rel = (line: number, src: number | string, dst: number | string): SourceEntry => ({
  line,
  item: { kind: "relationship", src, dst, type: "R", properties: {} },
});

void test("batches commit in order; keys map to the database's ids", async () => {
  const db = await openDatabase();
  await db.write((tx) => tx.createNode(["Existing"]));
  const importer = new BatchImporter(db, { batchSize: 2, maxErrors: 0 });
  const ok = await importer.run(
    source([node(1, "a"), node(2, "b"), rel(3, "a", "b"), rel(5, "b", "a")]),
  );
  assert.equal(ok, true);
  const r = importer.report;
  assert.deepEqual(
    [r.nodesCreated, r.relationshipsCreated, r.batchesCommitted, r.entriesRead],
    [2, 2, 2, 4],
  );
  assert.deepEqual(r.committed, [{ file: "in.jsonl", firstLine: 1, lastLine: 5, batches: 2 }]);
  const rels = db.read((g) => [...g.relationships()].map((x) => [x.src, x.dst]));
  assert.deepEqual(rels, [
    [1, 2],
    [2, 1],
  ]);
});

void test("a bad line rejects its whole batch and stops the import by default", async () => {
  const db = await openDatabase();
  const importer = new BatchImporter(db, { batchSize: 3, maxErrors: 0 });
  const ok = await importer.run(
    source([node(1, 1), node(2, 2), node(3, 3), node(4, 4), rel(5, 4, 99), node(6, 6), node(7, 7)]),
  );
  assert.equal(ok, false);
  const r = importer.report;
  assert.equal(
    db.read((g) => g.nodeCount),
    3,
    "only the first batch",
  );
  assert.deepEqual(r.committed, [{ file: "in.jsonl", firstLine: 1, lastLine: 3, batches: 1 }]);
  assert.deepEqual(r.rejected, [{ file: "in.jsonl", firstLine: 4, lastLine: 6, batches: 1 }]);
  assert.equal(r.stopped, true);
  assert.equal(r.errors.length, 1);
  assert.match(r.errors[0]!.message, /^end node 99 is not a node of this import/);
  assert.equal(r.errors[0]!.line, 5);
});

void test("with --max-errors the import goes on; a rejected batch's keys are forgotten", async () => {
  const db = await openDatabase();
  const importer = new BatchImporter(db, { batchSize: 2, maxErrors: 10 });
  const ok = await importer.run(
    source([
      node(1, "a"),
      { line: 2, error: "bad json" },
      node(3, "b"),
      rel(4, "a", "b"),
      node(5, "a"),
      node(6, "c", { bad: [1, undefined] as never }),
      node(7, "a"),
    ]),
  );
  assert.equal(ok, true);
  const r = importer.report;
  assert.deepEqual(
    r.errors.map((e) => [e.line, e.message.split(" ").slice(0, 3).join(" ")]),
    [
      [2, "bad json"],
      [4, 'start node "a"'],
      [6, "undefined is not"],
    ],
  );
  assert.deepEqual(
    r.committed.map((c) => [c.firstLine, c.lastLine]),
    [[7, 7]],
  );
  assert.deepEqual(
    r.rejected.map((c) => [c.firstLine, c.lastLine, c.batches]),
    [[1, 6, 3]],
  );
  assert.equal(
    db.read((g) => g.nodeCount),
    1,
    "only line 7: key a was free again",
  );
});

void test("too many bad lines stop the import", async () => {
  const db = await openDatabase();
  const importer = new BatchImporter(db, { batchSize: 100, maxErrors: 1 });
  const ok = await importer.run(source([node(1, 1), node(2, 1), node(3, 1), node(4, 2)]));
  assert.equal(ok, false);
  assert.deepEqual(
    importer.report.errors.map((e) => [e.line, e.message]),
    [
      [2, "duplicate node id 1"],
      [3, "duplicate node id 1"],
    ],
  );
  assert.equal(
    db.read((g) => g.nodeCount),
    0,
  );
});

void test("node keys: canonical integers are numbers", () => {
  assert.equal(nodeKey("7"), 7);
  assert.equal(nodeKey("-7"), -7);
  assert.equal(nodeKey("0"), 0);
  assert.equal(nodeKey("07"), "07");
  assert.equal(nodeKey("-0"), "-0");
  assert.equal(nodeKey("99999999999999999"), "99999999999999999");
  assert.equal(nodeKey("a"), "a");
});
