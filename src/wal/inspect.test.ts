// Read-only inspection: verifyWal judges a log exactly as replay does (checked byte by byte
// against replayDir) and locates its first problem; inspectWal lists segments and their
// own problems; readWalRecords lists records with their events. None of them writes or
// locks.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ByteWriter } from "../internal/bytes.js";
import { SkeinError, WalCorruptionError } from "../internal/errors.js";
import { encodeEventPayload } from "../store/index.js";
import { ev } from "../testing/events.js";
import { MemFs } from "../testing/mem-fs.js";
import { SegmentBuilder } from "../testing/segment-builder.js";
import { RecordKind, encodeSegmentHeader } from "./format.js";
import { inspectWal, readWalRecords, verifyWal, type WalProblem } from "./inspect.js";
import { encodeRecord } from "./record.js";
import { replayDir } from "./replay-dir.js";
import { segmentPath } from "./segment-dir.js";

const DIR = "/db/wal";
const SEG = (id: number): string => segmentPath(DIR, id);
const B = RecordKind;

function memFsWith(...segments: Uint8Array[]): MemFs {
  const fs = new MemFs();
  fs.mkdirp(DIR);
  segments.forEach((bytes, i) => fs.setBytes(SEG(i + 1), bytes));
  return fs;
}

/** A framed record with raw payload bytes, which the log itself would never write. */
function rawRecord(kind: RecordKind, lsn: number, txBeginLsn: number, payload: Uint8Array) {
  const w = new ByteWriter();
  encodeRecord(w, kind, lsn, txBeginLsn, (pw) => pw.bytes(payload));
  return w.toBytes();
}

/** A batch payload holding one CreateIndex event (LoraDB may log it; Skein refuses it). */
const CREATE_INDEX_BATCH = (() => {
  const w = new ByteWriter();
  w.bytes(new Uint8Array([0x4c, 0x57, 0x31, 0x00]));
  w.u64(1);
  w.u8(13);
  w.u64(0);
  w.u8(0);
  return w.toBytes();
})();

/** Segment 1 sealed (two commits), segment 2 active (an abort, a commit, an open tx). */
function twoSegments() {
  const first = new SegmentBuilder(1, true).tx(1, [ev(1)]).tx(4, [ev(2), ev(3)]);
  const second = new SegmentBuilder(7)
    .record(B.TxBegin, 7)
    .raw(rawRecord(B.Mutation, 8, 7, encodeEventPayload(ev(5))))
    .record(B.TxAbort, 9, 7)
    .tx(10, [ev(4)])
    .record(B.Checkpoint, 13, 6)
    .record(B.TxBegin, 14);
  return { first, second };
}

/** What replay says about a log: the error it throws, or the torn tail it reports. */
function replayJudgement(fs: MemFs) {
  try {
    const { tornTail } = replayDir(DIR, 0, fs);
    return tornTail === null
      ? null
      : { kind: "tornTail", path: tornTail.segmentPath, offset: tornTail.lastGoodOffset };
  } catch (err) {
    if (!(err instanceof SkeinError)) throw err;
    const offset = err instanceof WalCorruptionError ? err.offsetBytes : null;
    const path = err instanceof WalCorruptionError ? err.segmentPath : null;
    return { kind: err.code, message: err.message, offset, path };
  }
}

function assertAgreesWithReplay(fs: MemFs, label: string): WalProblem | null {
  const judged = replayJudgement(fs);
  const problem = verifyWal(DIR, { fileSystem: fs }).problem;
  if (judged === null) {
    // replayDir does not report an unfinished last segment; opening deletes it.
    if (problem !== null) assert.match(problem.message, /^unfinished segment /, label);
  } else if (judged.kind === "tornTail") {
    assert.equal(problem?.kind, "tornTail", label);
    assert.equal(problem.segmentPath, judged.path, label);
    assert.equal(problem.offsetBytes, judged.offset, label);
  } else {
    assert.equal(problem?.code, judged.kind, label);
    assert.equal(problem.message, judged.message, label);
    if (judged.offset !== null) assert.equal(problem.offsetBytes, judged.offset, label);
    if (judged.path !== null) assert.equal(problem.segmentPath, judged.path, label);
  }
  return problem;
}

describe("verifyWal", () => {
  test("a clean log: counts of segments, records and transactions", () => {
    const { first, second } = twoSegments();
    const fs = memFsWith(first.bytes(), second.bytes());
    assert.deepEqual(verifyWal(DIR, { fileSystem: fs }), {
      ok: true,
      dir: DIR,
      segments: 2,
      records: 6 + 8,
      transactions: { committed: 3, aborted: 1, open: 1 },
      maxLsn: 14,
      checkpointLsnObserved: 6,
      problem: null,
    });
  });

  test("an empty or missing directory is a clean, empty log", () => {
    const verified = verifyWal("/nowhere", { fileSystem: new MemFs() });
    assert.equal(verified.ok, true);
    assert.equal(verified.segments, 0);
  });

  test("agrees with replay on every single flipped byte and every truncation", () => {
    const { first, second } = twoSegments();
    const [a, b] = [first.bytes(), second.bytes()];
    for (const [which, bytes] of [
      [1, a],
      [2, b],
    ] as const) {
      for (let i = 0; i < bytes.length; i++) {
        const damaged = bytes.slice();
        damaged[i] = (damaged[i] as number) ^ 0x5a;
        const fs = which === 1 ? memFsWith(damaged, b) : memFsWith(a, damaged);
        const problem = assertAgreesWithReplay(fs, `flip byte ${i} of segment ${which}`);
        assert.notEqual(problem, null, `flip byte ${i} of segment ${which} is found`);
      }
      for (let cut = 0; cut < bytes.length; cut++) {
        const short = bytes.subarray(0, cut);
        const fs = which === 1 ? memFsWith(short, b) : memFsWith(a, short);
        assertAgreesWithReplay(fs, `segment ${which} cut at ${cut}`);
      }
    }
  });

  test("a corrupted record in the middle: its segment, offset and the last good lsn", () => {
    const { first, second } = twoSegments();
    const bytes = second.bytes();
    const victim = second.offsets[3]!; // the MutationBatch at lsn 11 (raw records have no offset)
    bytes[victim + 22] = (bytes[victim + 22] as number) ^ 0xff;
    const problem = verifyWal(DIR, { fileSystem: memFsWith(first.bytes(), bytes) }).problem;
    assert.deepEqual(problem, {
      kind: "corruption",
      code: "WAL_CORRUPTION",
      segmentId: 2,
      segmentPath: SEG(2),
      offsetBytes: victim,
      lsn: 10,
      lastGoodLsn: 10,
      recordLsn: null,
      message:
        `bad record at byte ${victim} of segment ${SEG(2)} after lsn 10: record crc mismatch ` +
        `(followed by intact records)`,
    });
  });

  test("a torn tail is a problem here (opening would cut it)", () => {
    const { first, second } = twoSegments();
    const bytes = second.bytes();
    const last = second.offsets.at(-1)!;
    const verified = verifyWal(DIR, {
      fileSystem: memFsWith(first.bytes(), bytes.subarray(0, bytes.length - 3)),
    });
    assert.equal(verified.ok, false);
    assert.equal(verified.records, 6 + 7);
    assert.deepEqual(verified.problem, {
      kind: "tornTail",
      code: null,
      segmentId: 2,
      segmentPath: SEG(2),
      offsetBytes: last,
      lsn: 13,
      lastGoodLsn: 13,
      recordLsn: null,
      message: `torn tail at byte ${last} of segment ${SEG(2)} after lsn 13: record length 25 exceeds the 22 bytes left`,
    });
  });

  test("a structural problem is located at its record, with the record's lsn", () => {
    const seg = new SegmentBuilder(1)
      .tx(1, [ev(1)])
      .record(B.TxBegin, 4)
      .record(B.TxBegin, 4);
    const problem = verifyWal(DIR, { fileSystem: memFsWith(seg.bytes()) }).problem;
    assert.deepEqual(problem, {
      kind: "malformed",
      code: "WAL_MALFORMED",
      segmentId: 1,
      segmentPath: SEG(1),
      offsetBytes: seg.offsets[4],
      lsn: 4,
      lastGoodLsn: 4,
      recordLsn: 4,
      message: `duplicate tx begin in segment ${SEG(1)} at lsn 4`,
    });
  });

  test("every payload must decode, even in a transaction replay skips", () => {
    const seg = new SegmentBuilder(1)
      .record(B.TxBegin, 1)
      .raw(rawRecord(B.MutationBatch, 2, 1, new Uint8Array([0, 0, 0, 0])))
      .record(B.TxAbort, 3, 1)
      .tx(4, [ev(1)]);
    const fs = memFsWith(seg.bytes());
    assert.deepEqual(replayDir(DIR, 0, fs).events, [ev(1)], "replay never decodes it");
    const problem = verifyWal(DIR, { fileSystem: fs }).problem;
    assert.equal(problem?.kind, "malformed");
    assert.equal(problem.offsetBytes, 32 + 25, "the payload record, after header and TxBegin");
    assert.equal(problem.lsn, 2);
    assert.match(
      problem.message,
      /^undecodable mutation payload in segment .* at lsn 2: bad payload magic/,
    );
  });

  test("an index change is refused where replay refuses it: in a returned transaction", () => {
    const aborted = new SegmentBuilder(1)
      .record(B.TxBegin, 1)
      .raw(rawRecord(B.MutationBatch, 2, 1, CREATE_INDEX_BATCH))
      .record(B.TxAbort, 3, 1);
    assert.equal(verifyWal(DIR, { fileSystem: memFsWith(aborted.bytes()) }).ok, true);
    const committed = new SegmentBuilder(1)
      .record(B.TxBegin, 1)
      .raw(rawRecord(B.MutationBatch, 2, 1, CREATE_INDEX_BATCH))
      .record(B.TxCommit, 3, 1);
    const fs = memFsWith(committed.bytes());
    const problem = assertAgreesWithReplay(fs, "committed index change");
    assert.equal(problem?.kind, "unsupported");
    assert.equal(problem.offsetBytes, 32 + 25, "located at the payload, not at the commit");
    assert.equal(problem.lsn, 2);
  });

  test("segment headers: damaged, unreadable, out of order, unfinished", () => {
    const { first, second } = twoSegments();
    const badMagic = second.bytes();
    badMagic[0] = 0x58;
    let p = verifyWal(DIR, { fileSystem: memFsWith(first.bytes(), badMagic) }).problem;
    assert.deepEqual(
      [p?.kind, p?.code, p?.segmentId, p?.offsetBytes, p?.lsn],
      ["header", "WAL_CORRUPTION", 2, 0, 6],
    );
    const outOfOrder = new SegmentBuilder(1).bytes();
    p = verifyWal(DIR, { fileSystem: memFsWith(first.bytes(), outOfOrder) }).problem;
    assert.deepEqual([p?.kind, p?.code, p?.segmentId], ["header", "WAL_MALFORMED", 2]);
    const stub = encodeSegmentHeader({ baseLsn: 7, sealed: false }).subarray(0, 10);
    p = verifyWal(DIR, { fileSystem: memFsWith(first.bytes(), stub) }).problem;
    assert.deepEqual([p?.kind, p?.code, p?.offsetBytes], ["tornTail", null, 0]);
    assert.match(p?.message ?? "", /^unfinished segment .*0000000002\.wal/);
  });

  test("reads only and takes no lock", () => {
    const { first, second } = twoSegments();
    const bytes = second.bytes();
    const fs = memFsWith(first.bytes(), bytes.subarray(0, bytes.length - 3));
    const held = fs.lockDir(DIR);
    verifyWal(DIR, { fileSystem: fs });
    inspectWal(DIR, { fileSystem: fs });
    assert.equal([...readWalRecords(DIR, { fileSystem: fs })].length, 13);
    held.release();
    const writes = fs.trace.filter((t) => /^(write|truncate|unlink|rename|fsync|syncDir) /.test(t));
    assert.deepEqual(writes, []);
  });
});

describe("inspectWal", () => {
  test("each segment: header, size, records by kind, lsn range", () => {
    const { first, second } = twoSegments();
    const fs = memFsWith(first.bytes(), second.bytes());
    const inspection = inspectWal(DIR, { fileSystem: fs });
    assert.equal(inspection.problem, null);
    assert.deepEqual(
      inspection.segments.map((s) => [s.id, s.baseLsn, s.sealed, s.sizeBytes, s.records]),
      [
        [1, 1, true, first.bytes().length, 6],
        [2, 7, false, second.bytes().length, 8],
      ],
    );
    assert.deepEqual(inspection.segments[1]?.recordsByKind, {
      TxBegin: 3,
      Mutation: 1,
      MutationBatch: 1,
      TxCommit: 1,
      TxAbort: 1,
      Checkpoint: 1,
    });
    assert.deepEqual([inspection.segments[1]?.firstLsn, inspection.segments[1]?.lastLsn], [7, 14]);
    assert.deepEqual(
      [inspection.records, inspection.firstLsn, inspection.lastLsn, inspection.sizeBytes],
      [14, 1, 14, first.bytes().length + second.bytes().length],
    );
    assert.equal(inspection.checkpointLsnObserved, 6);
  });

  test("segments after the first problem are still listed, with their own damage", () => {
    const s1 = new SegmentBuilder(1, true).tx(1, [ev(1)]).tx(4, [ev(2)]);
    const s2 = new SegmentBuilder(7, true).tx(7, [ev(3)]);
    const s3 = new SegmentBuilder(10).tx(10, [ev(4)]).tx(13, [ev(5)]);
    const b1 = s1.bytes();
    const victim = s1.offsets[1]!;
    b1[victim + 25] = (b1[victim + 25] as number) ^ 1;
    const b3 = s3.bytes();
    const fs = memFsWith(b1, s2.bytes(), b3.subarray(0, b3.length - 1));
    const inspection = inspectWal(DIR, { fileSystem: fs });
    const [one, two, three] = inspection.segments;
    assert.equal(inspection.problem?.segmentId, 1);
    assert.deepEqual(
      [one?.records, one?.problem?.kind, one?.problem?.offsetBytes, one?.problem?.lsnAfter],
      [1, "corruption", victim, 1],
    );
    assert.deepEqual([two?.records, two?.problem], [3, null]);
    assert.deepEqual(
      [three?.records, three?.problem?.kind, three?.problem?.offsetBytes],
      [5, "tornTail", s3.offsets.at(-1)],
    );
  });

  test("a segment whose header does not check out has no base lsn", () => {
    const { first, second } = twoSegments();
    const b = second.bytes();
    b[5] = 0;
    const two = inspectWal(DIR, { fileSystem: memFsWith(first.bytes(), b) }).segments[1];
    assert.deepEqual([two?.baseLsn, two?.sealed, two?.problem?.kind], [null, null, "header"]);
  });
});

describe("readWalRecords", () => {
  test("every record with its place and decoded events", () => {
    const { first, second } = twoSegments();
    const fs = memFsWith(first.bytes(), second.bytes());
    const records = [...readWalRecords(DIR, { fileSystem: fs })];
    assert.equal(records.length, 14);
    assert.deepEqual(records[4], {
      segmentId: 1,
      offsetBytes: first.offsets[4],
      lengthBytes: first.offsets[5]! - first.offsets[4]!,
      kind: "MutationBatch",
      lsn: 5,
      txBeginLsn: 4,
      events: [ev(2), ev(3)],
    });
    assert.deepEqual(records[0], {
      segmentId: 1,
      offsetBytes: 32,
      lengthBytes: 25,
      kind: "TxBegin",
      lsn: 1,
      txBeginLsn: 0,
    });
    assert.equal(records[12]?.kind, "Checkpoint");
    assert.equal(records[12]?.txBeginLsn, 6);
  });

  test("fromLsn and limit; earlier segments are not read", () => {
    const { first, second } = twoSegments();
    const fs = memFsWith(first.bytes(), second.bytes());
    const lsns = (o: { fromLsn?: number; limit?: number }) =>
      [...readWalRecords(DIR, { ...o, fileSystem: fs })].map((r) => r.lsn);
    assert.deepEqual(lsns({ fromLsn: 5, limit: 3 }), [5, 6, 7]);
    assert.deepEqual(lsns({ fromLsn: 13 }), [13, 14]);
    assert.deepEqual(lsns({ limit: 0 }), []);
    assert.deepEqual(lsns({ fromLsn: 99 }), []);
    const before = fs.counts.readFile;
    lsns({ fromLsn: 8 });
    assert.equal(fs.counts.readFile - before, 1, "segment 1 holds nothing at or above lsn 8");
  });

  test("a payload that does not decode is reported on its record, not thrown", () => {
    const seg = new SegmentBuilder(1)
      .record(B.TxBegin, 1)
      .raw(rawRecord(B.Mutation, 2, 1, new Uint8Array([1, 2, 3, 4])))
      .raw(rawRecord(B.MutationBatch, 3, 1, CREATE_INDEX_BATCH))
      .record(B.TxCommit, 4, 1);
    const records = [...readWalRecords(DIR, { fileSystem: memFsWith(seg.bytes()) })];
    assert.deepEqual(records[1]?.decodeError, {
      code: "DECODE",
      message: 'bad payload magic 0x01020304 (expected "LW1\\0")',
    });
    assert.equal(records[2]?.decodeError?.code, "WAL_UNSUPPORTED_EVENT");
    assert.equal(records[3]?.kind, "TxCommit");
  });

  test("each segment is read up to its first damaged record", () => {
    const { first, second } = twoSegments();
    const a = first.bytes();
    a[first.offsets[2]! + 3] = 9;
    const records = [...readWalRecords(DIR, { fileSystem: memFsWith(a, second.bytes()) })];
    assert.deepEqual(
      records.map((r) => r.lsn),
      [1, 2, 7, 8, 9, 10, 11, 12, 13, 14],
    );
  });

  test("misuse: bad options are refused before anything is read", () => {
    assert.throws(() => readWalRecords(DIR, { fromLsn: -1 }), RangeError);
    assert.throws(() => readWalRecords(DIR, { limit: 1.5 }), RangeError);
    assert.throws(() => readWalRecords(""), TypeError);
    assert.throws(() => verifyWal(5 as unknown as string), TypeError);
  });
});
