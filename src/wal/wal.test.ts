// The reference design's behaviours, re-expressed against the real file system.
import assert from "node:assert/strict";
import { appendFileSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { isSkeinError } from "../internal/errors.js";
import { ev } from "../testing/events.js";
import type { MutationEvent } from "../store/index.js";
import { EventBatch } from "../store/lw1-codec.js";
import { tmpDir } from "../testing/tmp.js";
import { Wal } from "./wal.js";
import { replayDir } from "./replay-dir.js";
import { listSegments, segmentFileName } from "./segment-dir.js";
import { RECORD_KIND_NAMES, RecordKind } from "./format.js";
import { SegmentBuilder } from "../testing/segment-builder.js";
import { defaultFileSystem } from "./wal.js";

function openDefault(dir: string, checkpointLsn = 0) {
  return Wal.open(dir, { checkpointLsn });
}

function commitOne(wal: Wal, ...ids: number[]): number {
  const b = wal.begin();
  for (const id of ids) wal.append(b, ev(id));
  const c = wal.commit(b);
  wal.flush();
  return c;
}

describe("wal", () => {
  test("segments are preallocated after small commits, not after a bulk transaction", (t) => {
    const dir = tmpDir(t);
    const target = 64 * 1024;
    const { wal } = Wal.open(dir, { segmentTargetBytes: target });
    const size = (id: number) => statSync(join(dir, segmentFileName(id))).size;
    assert.equal(size(1), target, "the first segment is preallocated");
    const commit = (events: MutationEvent[]) => {
      const b = wal.begin();
      wal.appendBatch(b, events);
      wal.commit(b);
      wal.flush();
    };
    // One transaction larger than the target fills segment 1; segment 2 then grows.
    commit(Array.from({ length: 2000 }, (_, i) => ev(i)));
    commit([ev(1)]);
    assert.equal(wal.activeSegmentId, 2);
    assert.ok(size(2) < 1024, "after a bulk transaction the next segment is not filled with zeros");
    // Many small commits fill segment 2; segment 3 is preallocated again.
    while (wal.activeSegmentId === 2) commit([ev(2)]);
    assert.equal(size(3), target);
    const tail = readFileSync(join(dir, segmentFileName(1))).subarray(-8);
    assert.ok(tail.some((b) => b !== 0) && size(2) < target + 1024, "sealed segments are trimmed");
    wal.close();
    assert.ok(size(3) < target, "closing cuts the zero tail");
    const events = replayDir(dir).events;
    assert.deepEqual(events.slice(0, 2001), [
      ...Array.from({ length: 2000 }, (_, i) => ev(i)),
      ev(1),
    ]);
    const small = events.slice(2001);
    assert.ok(small.length > 0);
    assert.deepEqual(
      small,
      small.map(() => ev(2)),
    );
  });

  test("a fresh open creates the first segment and the lock file", (t) => {
    const dir = tmpDir(t);
    const { wal, events } = openDefault(dir);
    assert.deepEqual(events, []);
    assert.equal(wal.nextLsn, 1);
    assert.equal(wal.activeSegmentId, 1);
    assert.equal(wal.oldestSegmentId, 1);
    const names = readdirSync(dir);
    assert.ok(names.includes(".lora-wal.lock"), `lock file missing: ${names.join(",")}`);
    assert.deepEqual(
      names.filter((n) => n !== ".lora-wal.lock"),
      ["0000000001.wal"],
    );
    wal.close();
  });

  test("a second open of the same directory fails until the first closes", (t) => {
    const dir = tmpDir(t);
    const { wal } = openDefault(dir);
    assert.throws(
      () => openDefault(dir),
      (e) => isSkeinError(e, "WAL_ALREADY_OPEN"),
    );
    wal.close();
    const { wal: again } = openDefault(dir);
    again.close();
  });

  test("begin, append, commit round-trip through replay", (t) => {
    const dir = tmpDir(t);
    const { wal } = openDefault(dir);
    commitOne(wal, 1, 2);
    commitOne(wal, 3);
    wal.close();
    const { wal: reopened, events } = openDefault(dir);
    assert.deepEqual(events, [ev(1), ev(2), ev(3)]);
    assert.equal(reopened.nextLsn, 8);
    reopened.close();
  });

  test("appendBatch writes one record carrying several events", (t) => {
    const dir = tmpDir(t);
    const { wal } = openDefault(dir);
    const b = wal.begin();
    const batchLsn = wal.appendBatch(b, [ev(1), ev(2), ev(3)]);
    const c = wal.commit(b);
    wal.flush();
    assert.deepEqual([b, batchLsn, c], [1, 2, 3]);
    wal.close();
    assert.deepEqual(replayDir(dir).events, [ev(1), ev(2), ev(3)]);
  });

  test("appendEventBatch writes the bytes appendBatch writes for the same events", (t) => {
    const events = [ev(1), ev(2), ev(3)];
    const logBytes = (dir: string, append: (wal: Wal, begin: number) => void): Buffer => {
      const { wal } = openDefault(dir);
      const b = wal.begin();
      append(wal, b);
      wal.commit(b);
      wal.close();
      return readFileSync(join(dir, segmentFileName(1)));
    };
    const batch = new EventBatch();
    for (const e of events) batch.add(e);
    const encoded = logBytes(tmpDir(t), (wal, b) => wal.appendEventBatch(b, batch));
    assert.deepEqual(
      encoded,
      logBytes(tmpDir(t), (wal, b) => wal.appendBatch(b, events)),
    );
  });

  test("an aborted transaction is dropped on replay", (t) => {
    const dir = tmpDir(t);
    const { wal } = openDefault(dir);
    commitOne(wal, 1);
    const b = wal.begin();
    wal.append(b, ev(99));
    wal.abort(b);
    wal.flush();
    wal.close();
    const { wal: w2, events } = openDefault(dir);
    assert.deepEqual(events, [ev(1)]);
    w2.close();
  });

  test("an unterminated transaction at the end of the log is discarded", (t) => {
    const dir = tmpDir(t);
    const { wal } = openDefault(dir);
    commitOne(wal, 1);
    const b = wal.begin();
    wal.append(b, ev(99));
    wal.flush();
    wal.close();
    const { wal: w2, events } = openDefault(dir);
    assert.deepEqual(events, [ev(1)]);
    w2.close();
  });

  test("rotation happens at a begin once the segment reached its target", (t) => {
    const dir = tmpDir(t);
    const { wal } = Wal.open(dir, { segmentTargetBytes: 256 });
    const b1 = wal.begin();
    for (let i = 0; i < 5; i++) wal.append(b1, ev(i));
    wal.commit(b1);
    wal.flush();
    assert.equal(wal.activeSegmentId, 1);
    commitOne(wal, 100);
    assert.equal(wal.activeSegmentId, 2, "begin() should have rotated to segment 2");
    assert.equal(listSegments(defaultFileSystem(), dir).length, 2);
    wal.close();
    const { wal: w2, events } = openDefault(dir);
    assert.equal(events.length, 6);
    w2.close();
  });

  test("the checkpoint fence skips transactions committed at or below it", (t) => {
    const dir = tmpDir(t);
    const { wal } = openDefault(dir);
    const commitA = commitOne(wal, 1, 2);
    commitOne(wal, 3);
    wal.close();
    const { wal: w2, events } = openDefault(dir, commitA);
    assert.deepEqual(events, [ev(3)]);
    w2.close();
  });

  for (const kind of [RecordKind.TxCommit, RecordKind.TxAbort, RecordKind.MutationBatch]) {
    test(`replay refuses a ${RECORD_KIND_NAMES[kind]} without a begin`, (t) => {
      const dir = tmpDir(t);
      const seg = new SegmentBuilder(1).tx(1, [ev(1)]).record(kind, 4, 99, [ev(2)]);
      writeFileSync(join(dir, segmentFileName(1)), seg.bytes());
      assert.throws(
        () => openDefault(dir),
        (e) => isSkeinError(e, "WAL_MALFORMED") && /missing tx begin 99/.test(e.message),
      );
      // a refused open leaves the directory unlocked
      assert.throws(
        () => openDefault(dir),
        (e) => isSkeinError(e, "WAL_MALFORMED"),
      );
    });
  }

  test("the log refuses records for a transaction it did not begin or already ended", (t) => {
    const dir = tmpDir(t);
    const { wal } = openDefault(dir);
    const notOpen = (e: unknown) =>
      isSkeinError(e, "INVALID_ARGUMENT") && /no open transaction begun at lsn/.test(e.message);
    assert.throws(() => wal.commit(99), notOpen);
    assert.throws(() => wal.abort(99), notOpen);
    assert.throws(() => wal.append(99, ev(1)), notOpen);
    const b = wal.begin();
    wal.append(b, ev(1));
    wal.commit(b);
    assert.throws(() => wal.commit(b), notOpen);
    assert.throws(() => wal.append(b, ev(2)), notOpen);
    assert.throws(() => wal.append(-1, ev(2)), RangeError);
    assert.throws(() => wal.append(1.5, ev(2)), TypeError);
    wal.close();
    assert.deepEqual(replayDir(dir).events, [ev(1)], "refused calls wrote nothing");
  });

  test("truncation keeps the segment holding an open transaction's begin", (t) => {
    const dir = tmpDir(t);
    const { wal } = Wal.open(dir, { segmentTargetBytes: 64 });
    commitOne(wal, 0);
    const open = wal.begin(); // in segment 2 after the rotation
    wal.append(open, ev(1));
    let last = 0;
    for (let i = 2; i < 6; i++) last = commitOne(wal, i);
    wal.truncateUpTo(last);
    wal.commit(open);
    wal.flush();
    wal.close();
    const { wal: again, events } = Wal.open(dir, { checkpointLsn: 3 });
    assert.deepEqual(events, [2, 3, 4, 5, 1].map(ev));
    again.close();
  });

  test("a torn tail is cut on open and appends continue after it", (t) => {
    const dir = tmpDir(t);
    const { wal } = openDefault(dir);
    commitOne(wal, 1);
    wal.close();
    const active = listSegments(defaultFileSystem(), dir).at(-1)!.path;
    appendFileSync(active, Buffer.alloc(32, 0xff));
    const { wal: w2, events } = openDefault(dir);
    assert.deepEqual(events, [ev(1)]);
    assert.ok(w2.recovery.tornTail !== null);
    commitOne(w2, 2);
    w2.close();
    const { wal: w3, events: again } = openDefault(dir);
    assert.deepEqual(again, [ev(1), ev(2)]);
    assert.equal(w3.recovery.tornTail, null);
    w3.close();
  });

  test("a checkpoint marker is recorded and observed by replay", (t) => {
    const dir = tmpDir(t);
    const { wal } = openDefault(dir);
    const commit = commitOne(wal, 1);
    wal.checkpointMarker(commit);
    wal.flush();
    wal.close();
    assert.equal(replayDir(dir).checkpointLsnObserved, commit);
  });

  test("group mode: flush does not advance durableLsn, the flusher does", async (t) => {
    const dir = tmpDir(t);
    const { wal } = Wal.open(dir, { syncMode: "group", groupIntervalMs: 25 });
    commitOne(wal, 1);
    assert.equal(wal.durableLsn, 0, "group flush() must not advance durableLsn");
    const deadline = Date.now() + 500;
    while (wal.durableLsn === 0) {
      assert.ok(Date.now() < deadline, "flusher did not advance durableLsn within 500 ms");
      await sleep(10);
    }
    assert.equal(wal.durableLsn, wal.nextLsn - 1);
    wal.close();
  });

  test("none mode: flush advances durableLsn without fsync", (t) => {
    const dir = tmpDir(t);
    const { wal } = Wal.open(dir, { syncMode: "none" });
    commitOne(wal, 1);
    assert.equal(wal.durableLsn, wal.nextLsn - 1);
    wal.close();
  });

  test("forceFsync always advances durableLsn", (t) => {
    const dir = tmpDir(t);
    const { wal } = Wal.open(dir, { syncMode: "group", groupIntervalMs: 60_000 });
    commitOne(wal, 1);
    assert.equal(wal.durableLsn, 0);
    wal.forceFsync();
    assert.equal(wal.durableLsn, wal.nextLsn - 1);
    wal.close();
  });

  test("truncateUpTo drops old sealed segments and keeps the active one and its predecessor", (t) => {
    const dir = tmpDir(t);
    const { wal } = Wal.open(dir, { segmentTargetBytes: 64 });
    let last = 0;
    for (let i = 0; i < 5; i++) last = commitOne(wal, i);
    assert.ok(wal.activeSegmentId >= 4, `expected rotations, at ${wal.activeSegmentId}`);
    const before = listSegments(defaultFileSystem(), dir).length;
    wal.truncateUpTo(last);
    const after = listSegments(defaultFileSystem(), dir);
    assert.ok(after.length < before, `${before} -> ${after.length}`);
    assert.equal(after.length, 2, "active and the segment before it must be kept");
    assert.equal(wal.oldestSegmentId, after[0]!.id);
    assert.equal(wal.activeSegmentId, after[1]!.id);
    wal.close();
    const { wal: w2, events } = Wal.open(dir, { segmentTargetBytes: 64, checkpointLsn: last });
    assert.deepEqual(events, []);
    w2.close();
  });

  test("close is idempotent and later writes throw CLOSED", (t) => {
    const dir = tmpDir(t);
    const { wal } = openDefault(dir);
    const b = wal.begin();
    wal.append(b, ev(1));
    wal.commit(b);
    wal.close();
    wal.close();
    assert.throws(
      () => wal.begin(),
      (e) => isSkeinError(e, "CLOSED"),
    );
    assert.deepEqual(replayDir(dir).events, [ev(1)], "close wrote and fsynced the buffer");
  });

  test("sync() resolves with the durable lsn covering earlier appends", async (t) => {
    const dir = tmpDir(t);
    const { wal } = Wal.open(dir, { syncMode: "none" });
    const b = wal.begin();
    wal.append(b, ev(1));
    const c = wal.commit(b);
    const durable = await wal.sync();
    assert.equal(durable, c);
    assert.equal(wal.durableLsn, c);
    wal.close();
  });

  test("reopening continues lsns one past the highest readable record", (t) => {
    const dir = tmpDir(t);
    const { wal } = openDefault(dir);
    commitOne(wal, 1);
    const b = wal.begin();
    wal.append(b, ev(2));
    wal.flush();
    wal.close();
    const { wal: w2 } = openDefault(dir);
    assert.equal(w2.nextLsn, 6);
    w2.close();
  });

  test("the fence pushes the next lsn past it", (t) => {
    const dir = tmpDir(t);
    const { wal } = Wal.open(dir, { checkpointLsn: 500 });
    assert.equal(wal.begin(), 501);
    wal.close();
  });
});
