// Replay's judgement of damaged and malformed logs.
import assert from "node:assert/strict";
import { readFileSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { isSkeinError, WalCorruptionError } from "../internal/errors.js";
import { ev } from "../testing/events.js";
import { SegmentBuilder } from "../testing/segment-builder.js";
import { tmpDir } from "../testing/tmp.js";
import { RecordKind } from "./format.js";
import { replayDir } from "./replay-dir.js";
import { hasIntactRecordAfter } from "./replay.js";
import { segmentFileName } from "./segment-dir.js";
import { Wal } from "./wal.js";

function writeSegment(dir: string, id: number, bytes: Uint8Array): string {
  const path = join(dir, segmentFileName(id));
  writeFileSync(path, bytes);
  return path;
}

function openAndClose(dir: string) {
  const { wal, events } = Wal.open(dir);
  const recovery = wal.recovery;
  wal.close();
  return { events, recovery };
}

describe("replay", () => {
  test("a torn last record is cut at every byte offset, keeping every earlier commit", (t) => {
    const seg = new SegmentBuilder(1).tx(1, [ev(1)]).tx(4, [ev(2), ev(3)]);
    const full = seg.bytes();
    const lastStart = seg.offsets.at(-1)!;
    for (let cut = lastStart; cut < full.length; cut++) {
      const dir = tmpDir(t);
      const path = writeSegment(dir, 1, full.subarray(0, cut));
      const outcome = replayDir(dir);
      assert.deepEqual(outcome.events, [ev(1)], `cut at ${cut}`);
      const expectTorn = cut > lastStart ? { segmentPath: path, lastGoodOffset: lastStart } : null;
      assert.deepEqual(outcome.tornTail, expectTorn, `cut at ${cut}`);
      const { events } = openAndClose(dir);
      assert.deepEqual(events, [ev(1)]);
      assert.equal(readFileSync(path).length, lastStart, "the torn bytes were cut");
    }
  });

  test("a torn tail anywhere inside the last transaction drops only that transaction", (t) => {
    const seg = new SegmentBuilder(1).tx(1, [ev(1)]).tx(4, [ev(2)]);
    const full = seg.bytes();
    const txStart = seg.offsets[3]!;
    for (let cut = txStart; cut < full.length; cut++) {
      const dir = tmpDir(t);
      writeSegment(dir, 1, full.subarray(0, cut));
      assert.deepEqual(replayDir(dir).events, [ev(1)], `cut at ${cut}`);
    }
  });

  test("a bad record followed by intact records is corruption and nothing is cut", (t) => {
    const seg = new SegmentBuilder(1)
      .tx(1, [ev(1)])
      .tx(4, [ev(2)])
      .tx(7, [ev(3)]);
    const bytes = seg.bytes();
    const victim = seg.offsets[4]!; // the second transaction's MutationBatch
    bytes[victim + 30] = (bytes[victim + 30] as number) ^ 0xff;
    const dir = tmpDir(t);
    const path = writeSegment(dir, 1, bytes);
    assert.throws(
      () => Wal.open(dir),
      (e) =>
        e instanceof WalCorruptionError &&
        e.code === "WAL_CORRUPTION" &&
        e.offsetBytes === victim &&
        e.segmentPath === path &&
        /followed by intact records/.test(e.message),
    );
    assert.deepEqual(readFileSync(path), Buffer.from(bytes), "the file was left as it was");
  });

  test("segments wholly at or below the fence are passed over unread", (t) => {
    // Segment 1 holds lsns 1..3 and is damaged; segment 2 starts at 4. With the fence at
    // 3 nothing in segment 1 can be returned, so opening does not read it; with the fence
    // at 2 it must be read, and its damage is found.
    const first = new SegmentBuilder(1, true).tx(1, [ev(1)]).bytes();
    first[first.length - 10] = (first[first.length - 10] as number) ^ 0xff;
    const second = new SegmentBuilder(4).tx(4, [ev(2)]).bytes();
    const dir = tmpDir(t);
    writeSegment(dir, 1, first);
    writeSegment(dir, 2, second);
    const { wal, events } = Wal.open(dir, { checkpointLsn: 3 });
    assert.deepEqual(events, [ev(2)]);
    assert.equal(wal.recovery.firstBaseLsn, 1, "the skipped segment still counts as kept");
    assert.equal(wal.oldestSegmentId, 1);
    wal.close();
    assert.throws(
      () => Wal.open(dir, { checkpointLsn: 2 }),
      (e) => isSkeinError(e, "WAL_CORRUPTION"),
    );
  });

  test("a bad record in a sealed segment is corruption, even at its end", (t) => {
    const first = new SegmentBuilder(1, true).tx(1, [ev(1)]).tx(4, [ev(2)]);
    const bytes = first.bytes();
    const dir = tmpDir(t);
    writeSegment(dir, 1, bytes.subarray(0, bytes.length - 3));
    writeSegment(dir, 2, new SegmentBuilder(7).tx(7, [ev(3)]).bytes());
    assert.throws(
      () => replayDir(dir),
      (e) => isSkeinError(e, "WAL_CORRUPTION") && /sealed segment/.test(e.message),
    );
  });

  test("lsns that do not increase are malformed", (t) => {
    const dir = tmpDir(t);
    writeSegment(
      dir,
      1,
      new SegmentBuilder(1)
        .tx(1, [ev(1)])
        .tx(3, [ev(2)])
        .bytes(),
    );
    assert.throws(
      () => replayDir(dir),
      (e) => isSkeinError(e, "WAL_MALFORMED") && /lsn does not increase/.test(e.message),
    );
  });

  test("a duplicate begin is malformed", (t) => {
    const dir = tmpDir(t);
    const seg = new SegmentBuilder(1).record(RecordKind.TxBegin, 1).record(RecordKind.TxBegin, 1);
    writeSegment(dir, 1, seg.bytes());
    assert.throws(
      () => replayDir(dir),
      (e) => isSkeinError(e, "WAL_MALFORMED") && /duplicate tx begin/.test(e.message),
    );
  });

  test("segment base lsns out of order are malformed", (t) => {
    const dir = tmpDir(t);
    writeSegment(dir, 1, new SegmentBuilder(10, true).tx(10, [ev(1)]).bytes());
    writeSegment(dir, 2, new SegmentBuilder(5).bytes());
    assert.throws(
      () => replayDir(dir),
      (e) => isSkeinError(e, "WAL_MALFORMED") && /base lsn 5/.test(e.message),
    );
  });

  test("a record below its segment's base lsn is malformed", (t) => {
    const dir = tmpDir(t);
    writeSegment(dir, 1, new SegmentBuilder(10).tx(3, [ev(1)]).bytes());
    assert.throws(
      () => replayDir(dir),
      (e) => isSkeinError(e, "WAL_MALFORMED"),
    );
  });

  test("an oversized length prefix is refused without allocating", (t) => {
    const dir = tmpDir(t);
    const huge = new Uint8Array(25);
    new DataView(huge.buffer).setUint32(0, 0xffff_fff0, true);
    const seg = new SegmentBuilder(1)
      .tx(1, [ev(1)])
      .raw(huge)
      .tx(4, [ev(2)]);
    writeSegment(dir, 1, seg.bytes());
    const before = process.memoryUsage().arrayBuffers;
    assert.throws(
      () => replayDir(dir),
      (e) => isSkeinError(e, "WAL_CORRUPTION") && /length 4294967280 out of range/.test(e.message),
    );
    assert.ok(process.memoryUsage().arrayBuffers - before < 64 * 1024 * 1024);
    // at the very end it is a torn tail instead
    const dir2 = tmpDir(t);
    writeSegment(
      dir2,
      1,
      new SegmentBuilder(1)
        .tx(1, [ev(1)])
        .raw(huge)
        .bytes(),
    );
    assert.deepEqual(replayDir(dir2).events, [ev(1)]);
  });

  test("an unknown record kind with a valid crc is malformed, not torn", (t) => {
    const dir = tmpDir(t);
    const seg = new SegmentBuilder(1).tx(1, [ev(1)]).record(9 as RecordKind, 4);
    writeSegment(dir, 1, seg.bytes());
    assert.throws(
      () => replayDir(dir),
      (e) => isSkeinError(e, "WAL_MALFORMED") && /unknown record kind 9/.test(e.message),
    );
  });

  test("a last segment shorter than its header is a crash during creation and is replaced", (t) => {
    const dir = tmpDir(t);
    writeSegment(dir, 1, new SegmentBuilder(1, true).tx(1, [ev(1)]).bytes());
    const stub = writeSegment(dir, 2, new SegmentBuilder(4).bytes().subarray(0, 10));
    const { wal, events } = Wal.open(dir);
    assert.deepEqual(events, [ev(1)]);
    assert.equal(wal.recovery.removedSegmentPath, stub);
    assert.equal(wal.activeSegmentId, 2);
    assert.equal(wal.begin(), 4);
    wal.close();
    assert.equal(readFileSync(stub).length > 10, true, "segment 2 was made anew");
  });

  test("a damaged header on an earlier segment is corruption", (t) => {
    const dir = tmpDir(t);
    const p = writeSegment(dir, 1, new SegmentBuilder(1, true).tx(1, [ev(1)]).bytes());
    writeSegment(dir, 2, new SegmentBuilder(4).tx(4, [ev(2)]).bytes());
    const b = readFileSync(p);
    b[3] = 0;
    writeFileSync(p, b);
    assert.throws(
      () => replayDir(dir),
      (e) => isSkeinError(e, "WAL_CORRUPTION"),
    );
  });

  test("a sealed last segment opens and appends go to a new one", (t) => {
    const dir = tmpDir(t);
    writeSegment(dir, 1, new SegmentBuilder(1, true).tx(1, [ev(1)]).bytes());
    const { wal } = Wal.open(dir);
    assert.equal(wal.activeSegmentId, 2);
    wal.close();
  });

  test("a zero-filled tail after a crash is the end of the records, written over next", (t) => {
    // A preallocated segment of a log that was not closed, or a file system that extended
    // the file with zeros: either way nothing was written there.
    const dir = tmpDir(t);
    const seg = new SegmentBuilder(1).tx(1, [ev(1)]);
    const path = writeSegment(dir, 1, seg.bytes());
    truncateSync(path, seg.bytes().length + 4096);
    const { wal, events } = Wal.open(dir, { preallocate: false });
    assert.deepEqual(events, [ev(1)]);
    assert.equal(wal.recovery.tornTail, null);
    const begin = wal.begin();
    wal.append(begin, ev(2));
    wal.commit(begin);
    wal.flush();
    wal.close();
    assert.deepEqual(replayDir(dir).events, [ev(1), ev(2)]);
    assert.ok(readFileSync(path).length < seg.bytes().length + 4096, "closing cut the zeros");
  });

  test("zeros after the records of a sealed segment are damage", (t) => {
    const dir = tmpDir(t);
    const seg = new SegmentBuilder(1, true).tx(1, [ev(1)]);
    const path = writeSegment(dir, 1, seg.bytes());
    truncateSync(path, seg.bytes().length + 4096);
    writeSegment(dir, 2, new SegmentBuilder(4).tx(4, [ev(2)]).bytes());
    assert.throws(
      () => replayDir(dir),
      (e) => isSkeinError(e, "WAL_CORRUPTION"),
    );
  });

  test("transactions interleave and come back in commit order", (t) => {
    const dir = tmpDir(t);
    const seg = new SegmentBuilder(1)
      .record(RecordKind.TxBegin, 1)
      .record(RecordKind.TxBegin, 2)
      .record(RecordKind.MutationBatch, 3, 2, [ev(20)])
      .record(RecordKind.MutationBatch, 4, 1, [ev(10)])
      .record(RecordKind.TxCommit, 5, 2)
      .record(RecordKind.TxCommit, 6, 1);
    writeSegment(dir, 1, seg.bytes());
    assert.deepEqual(replayDir(dir).events, [ev(20), ev(10)]);
  });

  test("replayDir changes nothing, not even a torn tail", (t) => {
    const dir = tmpDir(t);
    const bytes = new SegmentBuilder(1)
      .tx(1, [ev(1)])
      .raw(new Uint8Array([1, 2, 3]))
      .bytes();
    const path = writeSegment(dir, 1, bytes);
    replayDir(dir);
    assert.deepEqual(readFileSync(path), Buffer.from(bytes));
  });

  test("the search for intact records after a bad one does linear work on a crafted tail", () => {
    const size = 128 * 1024;
    const tail = new Uint8Array(size);
    const view = new DataView(tail.buffer);
    // Every 13 bytes a candidate passing every cheap check: a length reaching the end, a
    // valid kind, a plausible lsn. Checking each in full would put ~size²/26 bytes through
    // the CRC.
    for (let o = 0; o + 13 <= size; o += 13) {
      view.setUint32(o, size - o, true);
      tail[o + 4] = 2;
      view.setUint32(o + 5, 5, true);
    }
    const stats = { crcBytes: 0 };
    const found = hasIntactRecordAfter(tail, 0, size, 4, stats);
    assert.ok(stats.crcBytes <= 16 * size + 4 * 1024 * 1024, `${stats.crcBytes} bytes checked`);
    assert.equal(found, true, "past its budget the search refuses rather than cuts");
    const plain = { crcBytes: 0 };
    assert.equal(hasIntactRecordAfter(new Uint8Array(size), 0, size, 4, plain), false);
    assert.equal(plain.crcBytes, 0, "zeros never reach the CRC");
  });
});
