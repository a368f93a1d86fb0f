// Tests of retention: the newest N snapshots stay, older ones and stale temporary files go,
// other files are left alone, and the removals are made durable.
import { test } from "node:test";
import assert from "node:assert/strict";
import { SkeinError } from "../internal/errors.js";
import { MemFs } from "../testing/mem-fs.js";
import { listSnapshots } from "./reader.js";
import { removeOldSnapshots } from "./retention.js";
import { writeSnapshot } from "./writer.js";

const DIR = "/db/snapshots";
const name = (fence: number): string => `snapshot-${String(fence).padStart(16, "0")}.skein`;

function withSnapshots(fences: number[]): MemFs {
  const fs = new MemFs();
  fs.mkdirp(DIR);
  for (const fenceLsn of fences) {
    writeSnapshot(fs, DIR, {
      fenceLsn,
      nextNodeId: 0,
      nextRelationshipId: 0,
      nodeCount: 0,
      relationshipCount: 0,
      nodes: () => [],
      relationships: () => [],
    });
  }
  return fs;
}

void test("keeps the newest N, removes older snapshots and stale temporary files", () => {
  const fs = withSnapshots([30, 10, 50, 20, 40]);
  fs.setBytes(`${DIR}/${name(60)}.tmp`, new Uint8Array(3));
  fs.setBytes(`${DIR}/notes.txt`, new Uint8Array(1));
  fs.trace.length = 0;
  const removed = removeOldSnapshots(fs, DIR, 2);
  assert.deepEqual(removed, [
    `${DIR}/${name(60)}.tmp`,
    `${DIR}/${name(10)}`,
    `${DIR}/${name(20)}`,
    `${DIR}/${name(30)}`,
  ]);
  // The directory is fsynced after the unlinks, so a crash cannot bring them back.
  assert.equal(fs.trace.at(-1), `syncDir ${DIR}`);
  assert.deepEqual(
    listSnapshots(fs, DIR).map((s) => s.fenceLsn),
    [50, 40],
  );
  assert.deepEqual(fs.list(DIR).sort(), ["notes.txt", name(40), name(50)]);
  assert.deepEqual(fs.crash().list(DIR).sort(), ["notes.txt", name(40), name(50)]);
});

void test("nothing to remove: no unlink, no fsync", () => {
  const fs = withSnapshots([1, 2]);
  fs.trace.length = 0;
  assert.deepEqual(removeOldSnapshots(fs, DIR, 2), []);
  assert.deepEqual(removeOldSnapshots(fs, DIR, 5), []);
  assert.deepEqual(removeOldSnapshots(fs, "/missing", 1), []);
  assert.ok(
    fs.trace.every((t) => t.startsWith("list ")),
    fs.trace.join("\n"),
  );
  assert.equal(listSnapshots(fs, DIR).length, 2);
});

void test("keep must be a positive integer", () => {
  const fs = withSnapshots([1]);
  for (const keep of [0, -1, 1.5, NaN]) {
    assert.throws(
      () => removeOldSnapshots(fs, DIR, keep),
      (err: unknown) =>
        err instanceof SkeinError &&
        err.code === "INVALID_ARGUMENT" &&
        err.message === `snapshots to keep ${keep} is not a positive integer`,
    );
  }
  assert.equal(listSnapshots(fs, DIR).length, 1);
});
