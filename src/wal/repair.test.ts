// Repair: cuts a damaged log at its first bad record after saving exactly the removed bytes,
// leaves clean and malformed logs alone, refuses a locked directory, and survives a crash
// at any step (the log stays a prefix of what it was, and a second run finishes the job).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { SkeinError, isSkeinError } from "../internal/errors.js";
import { ev } from "../testing/events.js";
import { MemFs, type FsOp } from "../testing/mem-fs.js";
import { SegmentBuilder } from "../testing/segment-builder.js";
import { RecordKind } from "./format.js";
import { verifyWal } from "./inspect.js";
import { replayDir } from "./replay-dir.js";
import { REPAIR_BACKUP_FORMAT, planRepair, repairWal, type RepairResult } from "./repair.js";
import { listSegments, segmentPath } from "./segment-dir.js";
import { Wal } from "./wal.js";

const DIR = "/db/wal";
const SEG = (id: number): string => segmentPath(DIR, id);

function memFsWith(...segments: Uint8Array[]): MemFs {
  const fs = new MemFs();
  fs.mkdirp(DIR);
  segments.forEach((bytes, i) => fs.setBytes(SEG(i + 1), bytes));
  return fs;
}

/** Three segments; the second has a damaged record in its middle. */
function corruptedMiddle() {
  const s1 = new SegmentBuilder(1, true).tx(1, [ev(1)]);
  const s2 = new SegmentBuilder(4, true)
    .tx(4, [ev(2)])
    .tx(7, [ev(3)])
    .tx(10, [ev(4)]);
  const s3 = new SegmentBuilder(13).tx(13, [ev(5)]);
  const b2 = s2.bytes();
  const victim = s2.offsets[4]!; // the MutationBatch at lsn 8
  b2[victim + 30] = (b2[victim + 30] as number) ^ 0xff;
  return { fs: memFsWith(s1.bytes(), b2, s3.bytes()), s3: s3.bytes(), b2, victim };
}

/** The backup's header and the bytes after it. */
function readBackup(fs: MemFs, path: string) {
  const bytes = fs.bytesOf(path);
  const nl = bytes.indexOf(0x0a);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(0, nl))) as {
    format: string;
    pieces: { segment: string; action: string; fromOffsetBytes: number; lengthBytes: number }[];
  };
  return { header, body: bytes.subarray(nl + 1) };
}

function concat(...parts: Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts));
}

function mutations(fs: MemFs): string[] {
  return fs.trace.filter((t) => /^(write|truncate|unlink|rename|fsync|syncDir) /.test(t));
}

describe("repairWal", () => {
  test("a clean log: nothing to do, nothing written", () => {
    const fs = memFsWith(new SegmentBuilder(1).tx(1, [ev(1)]).bytes());
    const result = repairWal(DIR, { fileSystem: fs });
    assert.equal(result.action, "none");
    assert.equal(result.backupPath, null);
    assert.deepEqual(mutations(fs), []);
  });

  test("a corrupted middle: backup of exactly the removed bytes, then the cut", () => {
    const { fs, s3, b2, victim } = corruptedMiddle();
    const plan = planRepair(DIR, { fileSystem: fs });
    assert.deepEqual(mutations(fs), [], "planning changes nothing");
    const result = repairWal(DIR, { fileSystem: fs, backupPath: "/db/cut.bak" });
    assert.deepEqual({ ...result, backupPath: null }, { ...plan, backupPath: null });
    assert.equal(result.action, "cut");
    assert.equal(result.keptUpToLsn, 7);
    assert.deepEqual(
      result.cuts.map((c) => [c.segmentId, c.action, c.fromOffsetBytes, c.lengthBytes]),
      [
        [2, "truncate", victim, b2.length - victim],
        [3, "delete", 0, s3.length],
      ],
    );
    assert.equal(result.removedBytes, b2.length - victim + s3.length);

    const { header, body } = readBackup(fs, "/db/cut.bak");
    assert.equal(header.format, REPAIR_BACKUP_FORMAT);
    assert.deepEqual(
      header.pieces.map((p) => [p.segment, p.action, p.fromOffsetBytes, p.lengthBytes]),
      [
        ["0000000002.wal", "truncate", victim, b2.length - victim],
        ["0000000003.wal", "delete", 0, s3.length],
      ],
    );
    assert.deepEqual(body, concat(b2.subarray(victim), s3));

    assert.deepEqual(
      listSegments(fs, DIR).map((e) => e.id),
      [1, 2],
    );
    assert.deepEqual(fs.bytesOf(SEG(2)), b2.subarray(0, victim));
    assert.equal(verifyWal(DIR, { fileSystem: fs }).ok, true);
    assert.deepEqual(replayDir(DIR, 0, fs).events, [ev(1), ev(2)]);
  });

  test("durable in order: backup, later segments newest first, then the cut", () => {
    const { fs } = corruptedMiddle();
    const s4 = new SegmentBuilder(16).tx(16, [ev(6)]).bytes();
    fs.setBytes(SEG(3), new SegmentBuilder(13, true).tx(13, [ev(5)]).bytes());
    fs.setBytes(SEG(4), s4);
    repairWal(DIR, { fileSystem: fs, backupPath: "/db/b.bak" });
    const steps = mutations(fs).filter((t) => !t.startsWith("write /db/b.bak"));
    assert.deepEqual(steps, [
      "fsync /db/b.bak",
      "syncDir /db",
      `unlink ${SEG(4)}`,
      `syncDir ${DIR}`,
      `unlink ${SEG(3)}`,
      `syncDir ${DIR}`,
      `truncate ${SEG(2)}`,
      `fsync ${SEG(2)}`,
    ]);
  });

  test("a torn tail is cut where opening would cut it", () => {
    const seg = new SegmentBuilder(1).tx(1, [ev(1)]).tx(4, [ev(2)]);
    const full = seg.bytes();
    const fs = memFsWith(full.subarray(0, full.length - 5));
    const result = repairWal(DIR, { fileSystem: fs });
    assert.equal(result.problem?.kind, "tornTail");
    const lastStart = seg.offsets[seg.offsets.length - 1] ?? 0;
    assert.deepEqual(fs.bytesOf(SEG(1)), full.subarray(0, lastStart));
    assert.match(result.backupPath ?? "", /^\/db\/wal\/repair-\d{8}T\d{9}Z\.bak$/);
    assert.deepEqual(readBackup(fs, result.backupPath ?? "").body, full.subarray(lastStart, -5));
    const { wal, events } = Wal.open(DIR, {}, fs);
    assert.equal(wal.recovery.tornTail, null, "nothing left for opening to cut");
    assert.deepEqual(events, [ev(1)]);
    wal.close();
  });

  test("a damaged segment header: that segment and every later one go", () => {
    const s1 = new SegmentBuilder(1, true).tx(1, [ev(1)]).bytes();
    const s2 = new SegmentBuilder(4, true).tx(4, [ev(2)]).bytes();
    const s3 = new SegmentBuilder(7).tx(7, [ev(3)]).bytes();
    s2[0] = 0;
    const fs = memFsWith(s1, s2, s3);
    const result = repairWal(DIR, { fileSystem: fs, backupPath: "/db/h.bak" });
    assert.deepEqual(
      result.cuts.map((c) => [c.segmentId, c.action]),
      [
        [2, "delete"],
        [3, "delete"],
      ],
    );
    assert.deepEqual(readBackup(fs, "/db/h.bak").body, concat(s2, s3));
    assert.deepEqual(
      listSegments(fs, DIR).map((e) => e.id),
      [1],
    );
    assert.equal(verifyWal(DIR, { fileSystem: fs }).ok, true);
  });

  test("intact records that describe an impossible log are not cut", () => {
    const seg = new SegmentBuilder(1)
      .tx(1, [ev(1)])
      .record(RecordKind.TxCommit, 4, 99)
      .tx(5, [ev(2)]);
    const fs = memFsWith(seg.bytes());
    const result = repairWal(DIR, { fileSystem: fs });
    assert.equal(result.action, "refuse");
    assert.equal(result.problem?.code, "WAL_MALFORMED");
    assert.match(result.reason ?? "", /repair cuts only damaged bytes/);
    assert.deepEqual(result.cuts, []);
    assert.equal(result.backupPath, null);
    assert.deepEqual(mutations(fs), []);
  });

  test("a log that is open is refused and left alone", () => {
    const { fs, b2 } = corruptedMiddle();
    const held = fs.lockDir(DIR);
    assert.throws(
      () => repairWal(DIR, { fileSystem: fs }),
      (e) => isSkeinError(e, "WAL_ALREADY_OPEN"),
    );
    held.release();
    assert.deepEqual(fs.bytesOf(SEG(2)), b2);
    assert.deepEqual(mutations(fs), []);
  });

  test("the lock is released after a repair, and after a failed one", () => {
    const { fs } = corruptedMiddle();
    fs.inject({ op: "unlink", nth: 1, errno: "EIO" });
    assert.throws(
      () => repairWal(DIR, { fileSystem: fs }),
      (e) => isSkeinError(e, "IO"),
    );
    fs.clearFaults();
    fs.lockDir(DIR).release();
    repairWal(DIR, { fileSystem: fs });
    fs.lockDir(DIR).release();
  });

  test("a crash at any step leaves a prefix of the log, and a second run finishes", () => {
    const ops: FsOp[] = ["open", "write", "fsync", "syncDir", "unlink", "truncate", "readFile"];
    for (const op of ops) {
      for (let nth = 1; nth <= 6; nth++) {
        const { fs, b2, victim } = corruptedMiddle();
        fs.inject({ op, nth, errno: "EIO", persistent: true });
        let first: RepairResult | null = null;
        try {
          first = repairWal(DIR, { fileSystem: fs, backupPath: "/db/a.bak" });
        } catch (err) {
          assert.ok(
            err instanceof SkeinError && err.code === "IO",
            `${op} #${nth}: ${String(err)}`,
          );
        }
        const after = fs.crash();
        const verified = verifyWal(DIR, { fileSystem: after });
        const label = `${op} #${nth} (${first === null ? "failed" : "done"})`;
        if (!verified.ok) {
          assert.equal(verified.problem?.segmentId, 2, label);
          assert.equal(verified.problem.offsetBytes, victim, label);
          assert.deepEqual(after.bytesOf(SEG(2)), b2, `${label}: damaged segment untouched`);
        }
        repairWal(DIR, { fileSystem: after, backupPath: "/db/b.bak" });
        assert.equal(verifyWal(DIR, { fileSystem: after }).ok, true, label);
        assert.deepEqual(replayDir(DIR, 0, after).events, [ev(1), ev(2)], label);
      }
    }
  });

  test("backup paths that could be mistaken for the log, or exist, are refused", () => {
    const { fs } = corruptedMiddle();
    fs.setBytes("/db/taken.bak", new Uint8Array(1));
    const cases: [string, string][] = [
      [SEG(9), `backup path ${SEG(9)} is named like a wal segment or lock file`],
      ["/tmp/x.wal.tmp", "backup path /tmp/x.wal.tmp is named like a wal segment or lock file"],
      [
        `${DIR}/.lora-wal.lock.bak`,
        `backup path ${DIR}/.lora-wal.lock.bak is named like a wal segment or lock file`,
      ],
      ["/db/taken.bak", "backup file /db/taken.bak already exists"],
    ];
    for (const [backupPath, message] of cases) {
      for (const run of [planRepair, repairWal]) {
        assert.throws(
          () => run(DIR, { fileSystem: fs, backupPath }),
          (e) => isSkeinError(e, "INVALID_ARGUMENT") && e.message === message,
        );
      }
    }
    assert.deepEqual(mutations(fs), []);
    assert.throws(() => repairWal(DIR, { fileSystem: fs, backupPath: "" }), TypeError);
  });
});
