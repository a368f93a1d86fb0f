// One test pins the code and message of every error the package can raise (STYLE.md,
// "Errors"). Each SkeinErrorCode the package raises today is triggered here through the
// code path that raises it in use (an open, a replay, an append, an injected EIO, a
// database write, a damaged snapshot, a recovery, a Cypher query), and the test checks the class, the
// exact code and the message: the exact string where it is deterministic (logs, snapshots
// and databases on MemFs live at fixed paths), a regex anchored on both ends where it holds
// a temporary path or a pid. The misuse errors (TypeError/RangeError) of the log's and the
// database's surfaces are pinned too. A table-driven test at the end checks that every code
// of the union is pinned here or listed in NOT_RAISED_YET with the reason, and that
// docs/errors.md has a section for it. Behaviour beyond the error itself is tested beside
// the code that owns it (wal/*.test.ts, store/*.test.ts, snapshot/*.test.ts,
// db/*.test.ts, query/**/*.test.ts).
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test, type TestContext } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { ByteWriter } from "./internal/bytes.js";
import { crc32 } from "./internal/crc.js";
import {
  openDatabase,
  type Database,
  type DatabaseOptions,
  type WriteTransaction,
} from "./db/index.js";
import {
  QueryError,
  SkeinError,
  WalCorruptionError,
  type SkeinErrorCode,
} from "./internal/errors.js";
import { createCypherEngine, cypherEngine } from "./query/index.js";
import {
  date,
  decodeBatchPayload,
  decodeEventPayload,
  encodeBatchPayload,
  vector,
  type MutationEvent,
} from "./store/index.js";
import {
  SnapshotCorruptionError,
  listSnapshots,
  readSnapshot,
  removeOldSnapshots,
  writeSnapshot,
  type SnapshotContents,
  type SnapshotSink,
} from "./snapshot/index.js";
import { ev } from "./testing/events.js";
import { MemFs } from "./testing/mem-fs.js";
import { SegmentBuilder } from "./testing/segment-builder.js";
import { tmpDir } from "./testing/tmp.js";
import {
  MAX_RECORD_BYTES,
  RecordKind,
  SEGMENT_HEADER_BYTES,
  encodeSegmentHeader,
} from "./wal/format.js";
import { LOCK_FILE_NAME } from "./wal/lock.js";
import { MAX_LSN } from "./wal/lsn.js";
import { encodeRecord } from "./wal/record.js";
import { replayDir } from "./wal/replay-dir.js";
import { segmentPath } from "./wal/segment-dir.js";
import { Wal } from "./wal/wal.js";
import type { WalOptions } from "./wal/options.js";

/** Every code of the union; `satisfies` makes adding a code to errors.ts fail to compile here. */
const ALL_CODES = {
  WAL_ALREADY_OPEN: true,
  WAL_MALFORMED: true,
  WAL_CORRUPTION: true,
  WAL_POISONED: true,
  WAL_LSN_EXHAUSTED: true,
  WAL_RECORD_TOO_LARGE: true,
  WAL_UNSUPPORTED_EVENT: true,
  SNAPSHOT_CORRUPTION: true,
  DECODE: true,
  IO: true,
  CLOSED: true,
  NOT_FOUND: true,
  CONSTRAINT: true,
  INVALID_ARGUMENT: true,
  SYNTAX: true,
  SEMANTIC: true,
  TYPE: true,
  ARGUMENT: true,
  PARAMETER_MISSING: true,
  QUERY_TIMEOUT: true,
  QUERY_TOO_COMPLEX: true,
} as const satisfies Record<SkeinErrorCode, true>;

/**
 * Codes in the union that no code path raises yet, and why. A code added to the union
 * must be pinned or listed here with its reason.
 */
const NOT_RAISED_YET: readonly { code: SkeinErrorCode; reason: string }[] = [];

/** Codes with at least one test below, filled as the tests are registered. */
const pinned = new Set<SkeinErrorCode>();

function pin(
  code: SkeinErrorCode,
  name: string,
  fn: (t: TestContext) => void | Promise<void>,
): void {
  pinned.add(code);
  test(`${code}: ${name}`, fn);
}

/** Run `fn`, which must throw a SkeinError with `code` and `message`; returns the error. */
function expectError(fn: () => unknown, code: SkeinErrorCode, message: string | RegExp) {
  let caught: unknown = undefined;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  return checkError(caught, code, message);
}

async function expectRejection(
  promise: Promise<unknown>,
  code: SkeinErrorCode,
  message: string | RegExp,
): Promise<SkeinError> {
  let caught: unknown = undefined;
  try {
    await promise;
  } catch (err) {
    caught = err;
  }
  return checkError(caught, code, message);
}

function checkError(caught: unknown, code: SkeinErrorCode, message: string | RegExp): SkeinError {
  assert.ok(caught instanceof SkeinError, `expected a SkeinError, got ${String(caught)}`);
  assert.equal(caught.code, code, `code of "${caught.message}"`);
  if (typeof message === "string") assert.equal(caught.message, message);
  else assert.match(caught.message, message);
  return caught;
}

/** The errno a wrapped OS error keeps in `cause.code`. */
function causeCode(err: SkeinError): unknown {
  return (err.cause as { code?: unknown } | undefined)?.code;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

// ---- logs on the in-memory file system -----------------------------------------------------

const DIR = "/db/wal";
const SEG1 = `${DIR}/0000000001.wal`;
const SEG2 = `${DIR}/0000000002.wal`;

/** A MemFs whose WAL directory holds the given segments, ids 1, 2, ... */
function memFsWith(...segments: Uint8Array[]): MemFs {
  const fs = new MemFs();
  fs.mkdirp(DIR);
  segments.forEach((bytes, i) => fs.setBytes(segmentPath(DIR, i + 1), bytes));
  return fs;
}

function openMem(fs: MemFs, options: WalOptions = {}): Wal {
  return Wal.open(DIR, options, fs).wal;
}

function commitOne(wal: Wal, id: number): number {
  const b = wal.begin();
  wal.appendBatch(b, [ev(id)]);
  const c = wal.commit(b);
  wal.flush();
  return c;
}

/** One framed record with the given payload bytes (which the log itself would never write). */
function rawRecord(kind: number, lsn: number, txBeginLsn: number, payload?: Uint8Array) {
  const w = new ByteWriter();
  encodeRecord(w, kind as RecordKind, lsn, txBeginLsn, payload && ((pw) => pw.bytes(payload)));
  return w.toBytes();
}

/** A segment header (with a valid CRC) whose version field is `version`. */
function headerWithVersion(baseLsn: number, version: number): Uint8Array {
  const h = encodeSegmentHeader({ baseLsn, sealed: false });
  const view = new DataView(h.buffer, h.byteOffset, h.byteLength);
  view.setUint32(8, version, true);
  view.setUint32(28, crc32(h, 0, 28), true);
  return h;
}

/** `header`, then one committed transaction's records. */
function withHeader(header: Uint8Array): Uint8Array {
  const records = new SegmentBuilder(1)
    .tx(1, [ev(1)])
    .bytes()
    .subarray(SEGMENT_HEADER_BYTES);
  return Buffer.concat([header, records]);
}

/** LW1 payload bytes: the magic, then what `build` writes. */
function lw1(build: (w: ByteWriter) => void): Uint8Array {
  const w = new ByteWriter();
  w.bytes(new Uint8Array([0x4c, 0x57, 0x31, 0x00]));
  build(w);
  return w.toBytes();
}

/** setNodeProperty(node 0, "k", <value>): the value's tag sits at byte 22. */
function setPropertyWith(value: (w: ByteWriter) => void): Uint8Array {
  return lw1((w) => {
    w.u8(3);
    w.u64(0);
    w.string("k");
    value(w);
  });
}

// ---- WAL_ALREADY_OPEN ------------------------------------------------------------------------

function writeLockRecord(dir: string, pid: number, host: string): void {
  const record = { lock: "skein-wal/1", pid, startTicks: null, host, token: "0".repeat(32) };
  fs.writeFileSync(path.join(dir, LOCK_FILE_NAME), `${JSON.stringify(record)}\n`);
}

pin("WAL_ALREADY_OPEN", "a second open in this process is refused, naming the pid", (t) => {
  const dir = fs.realpathSync(tmpDir(t));
  const { wal } = Wal.open(dir);
  t.after(() => wal.close());
  expectError(
    () => Wal.open(dir),
    "WAL_ALREADY_OPEN",
    `directory ${dir} is already open in this process (pid ${process.pid})`,
  );
});

pin("WAL_ALREADY_OPEN", "a lock record of a live process is refused, naming its pid", (t) => {
  const dir = fs.realpathSync(tmpDir(t));
  writeLockRecord(dir, process.ppid, os.hostname());
  expectError(
    () => Wal.open(dir),
    "WAL_ALREADY_OPEN",
    `directory ${dir} is already open by pid ${process.ppid}`,
  );
});

pin("WAL_ALREADY_OPEN", "a lock record from another host says which file to delete", (t) => {
  const dir = fs.realpathSync(tmpDir(t));
  writeLockRecord(dir, 4242, "elsewhere.invalid");
  expectError(
    () => Wal.open(dir),
    "WAL_ALREADY_OPEN",
    `directory ${dir} is already open by pid 4242 on host elsewhere.invalid, whose ` +
      `liveness cannot be checked from host ${os.hostname()}: if no process there has it ` +
      `open, delete ${path.join(dir, LOCK_FILE_NAME)}`,
  );
});

// ---- WAL_CORRUPTION --------------------------------------------------------------------------

pin("WAL_CORRUPTION", "a bad record followed by intact records; nothing is cut", () => {
  const seg = new SegmentBuilder(1).tx(1, [ev(1)]).tx(4, [ev(2)]);
  const bytes = seg.bytes();
  const victim = seg.offsets[4]!; // the second transaction's MutationBatch
  bytes[victim + 30] = (bytes[victim + 30] as number) ^ 0xff;
  const mem = memFsWith(bytes);
  const err = expectError(
    () => openMem(mem),
    "WAL_CORRUPTION",
    `bad record at byte ${victim} of segment ${SEG1} after lsn 4: record crc mismatch ` +
      `(followed by intact records)`,
  );
  assert.ok(err instanceof WalCorruptionError);
  assert.equal(err.segmentPath, SEG1);
  assert.equal(err.offsetBytes, victim);
  assert.deepEqual(mem.bytesOf(SEG1), bytes, "nothing was cut");
});

pin("WAL_CORRUPTION", "a damaged record at the end of a sealed segment", () => {
  const seg = new SegmentBuilder(1, true).tx(1, [ev(1)]).tx(4, [ev(2)]);
  const full = seg.bytes();
  const last = seg.offsets.at(-1)!;
  const err = expectError(
    () => replayDir(DIR, 0, memFsWith(full.subarray(0, full.length - 10))),
    "WAL_CORRUPTION",
    `bad record at byte ${last} of segment ${SEG1} after lsn 5: record length 25 exceeds ` +
      `the 15 bytes left (in a sealed segment)`,
  );
  assert.ok(err instanceof WalCorruptionError);
  assert.equal(err.offsetBytes, last);
});

pin("WAL_CORRUPTION", "a damaged record in a segment that is not the last", () => {
  const first = new SegmentBuilder(1, true).tx(1, [ev(1)]).bytes();
  first[first.length - 1] = (first[first.length - 1] as number) ^ 0xff;
  const second = new SegmentBuilder(4).tx(4, [ev(2)]).bytes();
  expectError(
    () => replayDir(DIR, 0, memFsWith(first, second)),
    "WAL_CORRUPTION",
    `bad record at byte 146 of segment ${SEG1} after lsn 2: record crc mismatch ` +
      `(in a sealed segment)`,
  );
});

pin("WAL_CORRUPTION", "a segment header that does not check out, at offset 0", () => {
  const badMagic = withHeader(encodeSegmentHeader({ baseLsn: 1, sealed: false }));
  badMagic[0] = 0x58;
  const badCrc = withHeader(encodeSegmentHeader({ baseLsn: 1, sealed: false }));
  badCrc[12] = 2; // base LSN changed, CRC not
  const cases: [Uint8Array, string][] = [
    [badMagic, `bad segment magic in segment ${SEG1}`],
    [badCrc, `segment header crc mismatch in segment ${SEG1}`],
  ];
  for (const [bytes, message] of cases) {
    const mem = memFsWith(bytes);
    const err = expectError(() => openMem(mem), "WAL_CORRUPTION", message);
    assert.ok(err instanceof WalCorruptionError);
    assert.equal(err.offsetBytes, 0);
    assert.deepEqual(mem.bytesOf(SEG1), bytes, "nothing was cut");
  }
});

// ---- WAL_MALFORMED ---------------------------------------------------------------------------

pin("WAL_MALFORMED", "an intact segment header this log cannot read", () => {
  const cases: [Uint8Array, string][] = [
    [withHeader(headerWithVersion(1, 2)), `unsupported segment version 2 in segment ${SEG1}`],
    [
      withHeader(encodeSegmentHeader({ baseLsn: 2 ** 53, sealed: false })),
      `segment base lsn 9007199254740992 out of range in segment ${SEG1}`,
    ],
  ];
  for (const [bytes, message] of cases) {
    const mem = memFsWith(bytes);
    expectError(() => openMem(mem), "WAL_MALFORMED", message);
    assert.deepEqual(mem.bytesOf(SEG1), bytes, "nothing was removed or cut");
  }
});

pin("WAL_MALFORMED", "impossible transaction structure", () => {
  const B = RecordKind;
  const cases: [SegmentBuilder, string][] = [
    [
      new SegmentBuilder(1).record(B.TxBegin, 1).record(B.TxBegin, 1),
      `duplicate tx begin in segment ${SEG1} at lsn 1`,
    ],
    [
      new SegmentBuilder(1).tx(1, [ev(1)]).record(B.TxBegin, 2),
      `lsn does not increase in segment ${SEG1} at lsn 2 (previous lsn 3)`,
    ],
    [
      new SegmentBuilder(1).record(B.TxCommit, 1, 7),
      `missing tx begin 7 for commit in segment ${SEG1} at lsn 1`,
    ],
    [
      new SegmentBuilder(1).record(B.TxAbort, 1, 7),
      `missing tx begin 7 for abort in segment ${SEG1} at lsn 1`,
    ],
    [
      new SegmentBuilder(1).record(B.MutationBatch, 1, 7, [ev(1)]),
      `missing tx begin 7 for mutation in segment ${SEG1} at lsn 1`,
    ],
    [
      new SegmentBuilder(10).record(B.TxBegin, 5),
      `record lsn 5 below base lsn 10 of segment ${SEG1}`,
    ],
  ];
  for (const [seg, message] of cases) {
    expectError(() => openMem(memFsWith(seg.bytes())), "WAL_MALFORMED", message);
  }
});

pin("WAL_MALFORMED", "records whose kind or lsn cannot be represented", () => {
  expectError(
    () => openMem(memFsWith(new SegmentBuilder(1).record(7 as RecordKind, 1).bytes())),
    "WAL_MALFORMED",
    `unknown record kind 7 at byte 32 of segment ${SEG1} after lsn 0`,
  );
  expectError(
    () => openMem(memFsWith(new SegmentBuilder(1).record(RecordKind.TxBegin, 2 ** 53 + 8).bytes())),
    "WAL_MALFORMED",
    `record lsn does not fit a safe integer at byte 32 of segment ${SEG1} after lsn 0`,
  );
});

pin("WAL_MALFORMED", "a committed payload that does not decode, with the DECODE cause", () => {
  const seg = new SegmentBuilder(1)
    .record(RecordKind.TxBegin, 1)
    .raw(rawRecord(RecordKind.MutationBatch, 2, 1, new Uint8Array([0, 0, 0, 0])))
    .record(RecordKind.TxCommit, 3, 1);
  const err = expectError(
    () => openMem(memFsWith(seg.bytes())),
    "WAL_MALFORMED",
    `undecodable mutation payload in segment ${SEG1} at lsn 2: bad payload magic 0x00000000 ` +
      `(expected "LW1\\0")`,
  );
  assert.ok(err.cause instanceof SkeinError);
  assert.equal(err.cause.code, "DECODE");
});

pin("WAL_MALFORMED", "segment base lsns that do not increase", () => {
  const first = new SegmentBuilder(1, true).tx(1, [ev(1)]).bytes();
  const second = new SegmentBuilder(1).bytes();
  expectError(
    () => openMem(memFsWith(first, second)),
    "WAL_MALFORMED",
    `segment ${SEG2} base lsn 1 is not above the previous segment's 1`,
  );
});

pin("WAL_MALFORMED", "rotating into a segment file that already exists", () => {
  const mem = memFsWith();
  const wal = openMem(mem, { segmentTargetBytes: 64 });
  commitOne(wal, 1);
  mem.setBytes(SEG2, encodeSegmentHeader({ baseLsn: 4, sealed: false }));
  expectError(() => wal.begin(), "WAL_MALFORMED", `segment ${SEG2} already exists`);
  assert.equal(wal.bgFailure, `segment creation failed: segment ${SEG2} already exists`);
  wal.close();
});

// ---- WAL_POISONED ----------------------------------------------------------------------------

pin("WAL_POISONED", "every write after a failed fsync, which is never retried", () => {
  const mem = memFsWith();
  const wal = openMem(mem);
  commitOne(wal, 1);
  mem.inject({ op: "fsync", nth: mem.counts.fsync + 1, errno: "EIO" });
  const b = wal.begin();
  expectError(() => wal.flush(), "IO", `fsync failed for ${SEG1}: EIO`);
  const reason = `fsync failed for ${SEG1}: EIO`;
  assert.equal(wal.bgFailure, reason);
  const poisoned = `wal ${DIR} is poisoned: ${reason}`;
  const writes: (() => unknown)[] = [
    () => wal.begin(),
    () => wal.append(b, ev(2)),
    () => wal.appendBatch(b, [ev(2)]),
    () => wal.commit(b),
    () => wal.abort(b),
    () => wal.checkpointMarker(1),
    () => wal.flush(),
    () => wal.forceFsync(),
    () => wal.truncateUpTo(1),
  ];
  for (const write of writes) expectError(write, "WAL_POISONED", poisoned);
  wal.close();
});

pin("WAL_POISONED", "sync() after a failed background fsync in group mode", async () => {
  const mem = memFsWith();
  const wal = openMem(mem, { syncMode: "group", groupIntervalMs: 5 });
  mem.inject({ op: "fsync", nth: mem.counts.fsync + 1, errno: "EIO", persistent: true });
  const b = wal.begin();
  wal.commit(b);
  wal.flush();
  const deadline = Date.now() + 5000;
  while (wal.bgFailure === null) {
    assert.ok(Date.now() < deadline, "the background failure was not latched");
    await sleep(5);
  }
  const poisoned = `wal ${DIR} is poisoned: bg fsync failed: fsync failed for ${SEG1}: EIO`;
  await expectRejection(wal.sync(), "WAL_POISONED", poisoned);
  expectError(() => wal.begin(), "WAL_POISONED", poisoned);
  wal.close();
});

// ---- WAL_LSN_EXHAUSTED -----------------------------------------------------------------------

pin("WAL_LSN_EXHAUSTED", "the next record would pass the largest safe lsn", () => {
  const base = MAX_LSN - 2;
  const wal = openMem(memFsWith(new SegmentBuilder(base).tx(base, [ev(1)]).bytes()));
  assert.equal(wal.nextLsn, MAX_LSN + 1);
  expectError(
    () => wal.begin(),
    "WAL_LSN_EXHAUSTED",
    `lsn space exhausted: 9007199254740991 is the largest lsn the wal ${DIR} can allocate`,
  );
  wal.close();
});

// ---- WAL_RECORD_TOO_LARGE --------------------------------------------------------------------

pin("WAL_RECORD_TOO_LARGE", "a batch one byte over the limit; nothing is appended", () => {
  // The one test that allocates the limit: a real record must reach 256 MiB to be refused.
  // CreateNode with one binary property "b" of N bytes frames to N + 88 bytes.
  const blob = new Uint8Array(MAX_RECORD_BYTES - 87);
  const mem = memFsWith();
  const wal = openMem(mem);
  const b = wal.begin();
  const big: MutationEvent = { kind: "createNode", id: 0, labels: [], properties: { b: blob } };
  expectError(
    () => wal.appendBatch(b, [big]),
    "WAL_RECORD_TOO_LARGE",
    "MutationBatch record of 268435457 bytes exceeds the 268435456-byte limit",
  );
  assert.equal(wal.appendBatch(b, [ev(1)]), 2, "the refused record took no lsn");
  wal.commit(b);
  wal.close();
  assert.deepEqual(Wal.open(DIR, {}, mem).events, [ev(1)]);
});

// ---- WAL_UNSUPPORTED_EVENT -------------------------------------------------------------------

const CREATE_INDEX_BATCH = lw1((w) => {
  w.u64(1); // one event
  w.u8(13); // CreateIndex
  w.u64(0); // empty request
  w.u8(0); // ifNotExists
});

pin("WAL_UNSUPPORTED_EVENT", "a LoraDB index change in a committed transaction", () => {
  const seg = new SegmentBuilder(1)
    .record(RecordKind.TxBegin, 1)
    .raw(rawRecord(RecordKind.MutationBatch, 2, 1, CREATE_INDEX_BATCH))
    .record(RecordKind.TxCommit, 3, 1);
  const err = expectError(
    () => openMem(memFsWith(seg.bytes())),
    "WAL_UNSUPPORTED_EVENT",
    `unsupported mutation event CreateIndex (tag 13): indexes are not supported yet in ` +
      `segment ${SEG1} at lsn 2`,
  );
  assert.ok(err.cause instanceof SkeinError);
});

pin("WAL_UNSUPPORTED_EVENT", "decoding a schema change directly", () => {
  const dropConstraint = lw1((w) => {
    w.u8(16);
    w.string("c");
    w.u8(1);
  });
  expectError(
    () => decodeEventPayload(dropConstraint),
    "WAL_UNSUPPORTED_EVENT",
    "unsupported mutation event DropConstraint (tag 16): constraints are not supported yet",
  );
  expectError(
    () => decodeBatchPayload(CREATE_INDEX_BATCH),
    "WAL_UNSUPPORTED_EVENT",
    "unsupported mutation event CreateIndex (tag 13): indexes are not supported yet",
  );
});

// ---- DECODE ----------------------------------------------------------------------------------

pin("DECODE", "malformed LW1 payloads", () => {
  const one = decodeEventPayload;
  const cases: [(bytes: Uint8Array) => unknown, Uint8Array, string][] = [
    [one, new Uint8Array([1, 2, 3, 4]), 'bad payload magic 0x01020304 (expected "LW1\\0")'],
    [one, lw1(() => {}), "unexpected end of input reading event tag at byte 4: 1 needed, 0 left"],
    [one, lw1((w) => w.u8(99)), "unknown event tag 99 at byte 4"],
    [
      one,
      lw1((w) => w.bytes(new Uint8Array([12, 0, 0]))),
      "2 trailing bytes after mutation event at byte 5",
    ],
    [
      decodeBatchPayload,
      lw1((w) => w.u64(255)),
      "event count 255 at byte 4 exceeds the 0 bytes that remain",
    ],
    [
      one,
      lw1((w) => {
        w.u8(10);
        w.u64(2n ** 53n);
      }),
      "node id at byte 5 does not fit a safe integer",
    ],
    [
      one,
      lw1((w) => {
        w.u8(5);
        w.u64(0);
        w.u64(1);
        w.u8(0xff);
      }),
      "invalid utf-8 in label at byte 21",
    ],
    [
      one,
      lw1((w) => {
        w.u8(1); // createNode
        w.u64(0);
        w.u64(0); // no labels
        w.u64(2); // two properties, both "k"
        for (let i = 0; i < 2; i++) {
          w.string("k");
          w.u8(0);
        }
      }),
      'duplicate map key "k" at byte 39',
    ],
    [one, setPropertyWith((w) => w.u8(99)), "unknown value tag 99 at byte 22"],
    [
      one,
      setPropertyWith((w) => w.bytes(new Uint8Array([1, 2]))),
      "bool value byte 2 at byte 23 is not 0 or 1",
    ],
    [
      one,
      setPropertyWith((w) => {
        w.u8(7);
        w.i32(2024);
        w.u32(13);
        w.u32(1);
      }),
      "invalid value at byte 22: date month 13 is not an integer in 1..12",
    ],
    [
      one,
      setPropertyWith((w) => {
        w.u8(13);
        w.f64(1);
        w.f64(2);
        w.u8(2);
      }),
      "point hasZ byte 2 at byte 39 is not 0 or 1",
    ],
    [
      one,
      setPropertyWith((w) => {
        w.u8(14);
        w.u64(1);
        w.u8(9);
      }),
      "unknown vector element type 9 at byte 31",
    ],
    [
      one,
      setPropertyWith((w) => {
        w.u8(14);
        w.u64(2); // dimension
        w.u8(1); // f64
        w.u64(1); // count
        w.f64(0.5);
      }),
      "vector at byte 22 has dimension 2 but 1 elements",
    ],
  ];
  for (const [decode, bytes, message] of cases) {
    expectError(() => decode(bytes), "DECODE", message);
  }
});

// ---- IO --------------------------------------------------------------------------------------

pin("IO", "injected EIO and ENOSPC keep the errno in cause.code", () => {
  const mem = memFsWith();
  const wal = openMem(mem);
  const b = wal.begin();
  wal.commit(b);
  mem.inject({ op: "write", nth: mem.counts.write + 1, errno: "ENOSPC" });
  const err = expectError(() => wal.flush(), "IO", `write failed for ${SEG1}: ENOSPC`);
  assert.equal(causeCode(err), "ENOSPC");
  wal.close();

  const fresh = new MemFs();
  // The first directory fsync makes the new log directory's entry durable in its parent.
  fresh.inject({ op: "syncDir", nth: 1, errno: "EIO" });
  const dirErr = expectError(() => openMem(fresh), "IO", "fsync failed for /: EIO");
  assert.equal(causeCode(dirErr), "EIO");
});

pin("IO", "errors of the real file system are wrapped once, errno kept", (t) => {
  const dir = tmpDir(t);
  const file = path.join(dir, "not-a-directory");
  fs.writeFileSync(file, "x");
  const pathRe = escapeRegExp(file);
  const readdir = expectError(
    () => replayDir(file),
    "IO",
    new RegExp(`^readdir failed for ${pathRe}: ENOTDIR$`),
  );
  assert.equal(causeCode(readdir), "ENOTDIR");
  assert.ok(readdir.cause instanceof Error);
  const mkdir = expectError(
    () => Wal.open(file),
    "IO",
    new RegExp(`^mkdir failed for ${pathRe}: EEXIST$`),
  );
  assert.equal(causeCode(mkdir), "EEXIST");
});

// ---- CLOSED ----------------------------------------------------------------------------------

pin("CLOSED", "every write and sync() after close()", async () => {
  const wal = openMem(memFsWith());
  const b = wal.begin();
  wal.close();
  wal.close(); // idempotent
  const closed = `wal ${DIR} is closed`;
  const writes: (() => unknown)[] = [
    () => wal.begin(),
    () => wal.append(b, ev(1)),
    () => wal.appendBatch(b, [ev(1)]),
    () => wal.commit(b),
    () => wal.abort(b),
    () => wal.checkpointMarker(1),
    () => wal.flush(),
    () => wal.forceFsync(),
    () => wal.truncateUpTo(1),
  ];
  for (const write of writes) expectError(write, "CLOSED", closed);
  await expectRejection(wal.sync(), "CLOSED", closed);
});

// ---- misuse: TypeError and RangeError ------------------------------------------------------

test("misuse of the log's surface throws TypeError or RangeError with a specific message", () => {
  const wal = openMem(memFsWith());
  const b = wal.begin();
  const node = (patch: Record<string, unknown>) =>
    ({ kind: "createNode", id: 0, labels: [], properties: {}, ...patch }) as MutationEvent;
  const cases: [() => unknown, typeof TypeError, string][] = [
    [() => Wal.open(""), TypeError, "wal directory must be a non-empty string"],
    [() => replayDir(""), TypeError, "wal directory must be a non-empty string"],
    [() => Wal.open(DIR, 5 as never, new MemFs()), TypeError, "wal options must be an object"],
    [
      () => Wal.open(DIR, { syncMode: "fast" as never }, new MemFs()),
      TypeError,
      "syncMode must be one of perCommit, group, none, got fast",
    ],
    [
      () => Wal.open(DIR, { groupIntervalMs: 0 }, new MemFs()),
      RangeError,
      "groupIntervalMs must be at least 1, got 0",
    ],
    [
      () => Wal.open(DIR, { segmentTargetBytes: 1.5 }, new MemFs()),
      TypeError,
      "segmentTargetBytes must be an integer, got 1.5",
    ],
    [
      () => Wal.open(DIR, { checkpointLsn: -1 }, new MemFs()),
      RangeError,
      "checkpointLsn must be at least 0, got -1",
    ],
    [
      () => replayDir(DIR, -1, new MemFs()),
      RangeError,
      "checkpointLsn must be between 0 and 9007199254740991, got -1",
    ],
    [
      () => wal.append(-1, ev(1)),
      RangeError,
      "txBeginLsn must be between 0 and 9007199254740991, got -1",
    ],
    [() => wal.truncateUpTo(1.5), TypeError, "fenceLsn must be an integer lsn, got 1.5"],
    [() => wal.appendBatch(b, "x" as never), TypeError, "events must be an array"],
    [
      () => wal.append(b, { kind: "nope" } as never),
      TypeError,
      'unknown mutation event kind "nope"',
    ],
    [
      () => wal.append(b, node({ id: -1 })),
      RangeError,
      "node id -1 is not a non-negative safe integer",
    ],
    [() => wal.append(b, node({ labels: [5] })), TypeError, "label must be a string, got 5"],
    [
      () => wal.append(b, node({ properties: [] })),
      TypeError,
      "properties must be a plain object, got an array",
    ],
    [
      () => wal.append(b, node({ properties: { big: 2n ** 63n } })),
      RangeError,
      "integer 9223372036854775808n does not fit int64",
    ],
    [
      () => wal.append(b, node({ properties: { f: () => 1 } })),
      TypeError,
      "a function is not a property value",
    ],
    [
      () => date({ year: 2024, month: 13, day: 1 }),
      RangeError,
      "date month 13 is not an integer in 1..12",
    ],
    [
      () => vector({ elementType: "int4" as never, values: [] }),
      TypeError,
      'vector elementType "int4" is not one of float64, float32, int64, int32, int16, int8',
    ],
  ];
  for (const [fn, kind, message] of cases) {
    assert.throws(fn, (err: unknown) => {
      assert.ok(err instanceof kind, `expected ${kind.name} "${message}", got ${String(err)}`);
      assert.equal(err.message, message);
      return true;
    });
  }
  assert.equal(wal.appendBatch(b, [ev(1)]), 2, "no refused append took an lsn");
  wal.close();
});

// ---- the database: helpers -------------------------------------------------------------------

// A database on MemFs lives in DB: its log is DIR (/db/wal), its snapshots SNAP_DIR.
const DB = "/db";
const SNAP_DIR = `${DB}/snapshots`;

function openMemDb(mem: MemFs, options: DatabaseOptions = {}): Promise<Database> {
  return openDatabase(DB, { ...options, fileSystem: mem });
}

/** A database on MemFs holding (0:A {k: 1})-[0:R {k: 1}]->(1). */
async function seededDb(): Promise<Database> {
  const db = await openMemDb(new MemFs());
  await db.write((tx) => {
    tx.createNode(["A"], { k: 1 });
    tx.createNode([]);
    tx.createRelationship(0, 1, "R", { k: 1 });
  });
  return db;
}

/** What a refused write must leave as it was: the graph's size and the log's next lsn. */
function footprint(db: Database): number[] {
  const s = db.status();
  return [s.nodeCount, s.relationshipCount, s.nextLsn];
}

/**
 * `change` in a write that first creates a node: the write must reject with `code` and
 * `message`, and leave nothing applied and nothing logged.
 */
async function expectRefusedWrite(
  db: Database,
  change: (tx: WriteTransaction) => unknown,
  code: SkeinErrorCode,
  message: string,
): Promise<SkeinError> {
  const before = footprint(db);
  const err = await expectRejection(
    db.write((tx) => {
      tx.createNode(["Before"]);
      change(tx);
    }),
    code,
    message,
  );
  assert.deepEqual(footprint(db), before, `nothing applied or logged by "${message}"`);
  return err;
}

/** Opening a database whose log holds `events` as one transaction (committed at lsn 3). */
async function expectUnappliable(
  events: MutationEvent[],
  code: SkeinErrorCode,
  message: string,
): Promise<void> {
  const err = await expectRejection(
    openMemDb(memFsWith(new SegmentBuilder(1).tx(1, events).bytes())),
    "WAL_MALFORMED",
    `transaction committed at lsn 3 cannot be applied: ${message}`,
  );
  checkError(err.cause, code, message);
}

const rel = (id: number, src: number, dst: number): MutationEvent => ({
  kind: "createRelationship",
  id,
  src,
  dst,
  type: "R",
  properties: {},
});

// ---- NOT_FOUND -------------------------------------------------------------------------------

pin("NOT_FOUND", "a write naming a node or relationship that does not exist", async () => {
  const db = await seededDb();
  const node99 = "node 99 does not exist";
  const rel99 = "relationship 99 does not exist";
  const cases: [(tx: WriteTransaction) => unknown, string][] = [
    [(tx) => tx.setNodeProperty(99, "k", 1), node99],
    [(tx) => tx.removeNodeProperty(99, "k"), node99],
    [(tx) => tx.addNodeLabel(99, "L"), node99],
    [(tx) => tx.removeNodeLabel(99, "L"), node99],
    [(tx) => tx.deleteNode(99), node99],
    [(tx) => tx.detachDeleteNode(99), node99],
    [(tx) => tx.setRelationshipProperty(99, "k", 1), rel99],
    [(tx) => tx.removeRelationshipProperty(99, "k"), rel99],
    [(tx) => tx.deleteRelationship(99), rel99],
    [(tx) => tx.createRelationship(99, 0, "R"), "start node 99 does not exist"],
    [(tx) => tx.createRelationship(0, 99, "R"), "end node 99 does not exist"],
  ];
  for (const [change, message] of cases) {
    await expectRefusedWrite(db, change, "NOT_FOUND", message);
  }
  await db.close();
});

pin("NOT_FOUND", "a logged event naming what does not exist, found by replay", async () => {
  await expectUnappliable(
    [{ kind: "setNodeProperty", nodeId: 5, key: "k", value: 1 }],
    "NOT_FOUND",
    "node 5 does not exist",
  );
  await expectUnappliable(
    [{ kind: "deleteRelationship", relId: 3 }],
    "NOT_FOUND",
    "relationship 3 does not exist",
  );
  await expectUnappliable([ev(0), rel(0, 0, 5)], "NOT_FOUND", "end node 5 does not exist");
});

// ---- CONSTRAINT ------------------------------------------------------------------------------

pin("CONSTRAINT", "deleting a node that still has relationships", async () => {
  const db = await seededDb();
  const hint = "delete them first or detach-delete it";
  await expectRefusedWrite(
    db,
    (tx) => tx.deleteNode(0),
    "CONSTRAINT",
    `node 0 still has 1 relationship; ${hint}`,
  );
  await expectRefusedWrite(
    db,
    (tx) => {
      tx.createRelationship(1, 0, "S");
      tx.createRelationship(1, 1, "SELF"); // a self-loop counts once
      tx.deleteNode(1);
    },
    "CONSTRAINT",
    `node 1 still has 3 relationships; ${hint}`,
  );
  await db.close();
});

pin("CONSTRAINT", "a log creating an id twice, found by replay", async () => {
  await expectUnappliable([ev(0), ev(0)], "CONSTRAINT", "node 0 already exists");
  await expectUnappliable(
    [ev(0), rel(0, 0, 0), rel(0, 0, 0)],
    "CONSTRAINT",
    "relationship 0 already exists",
  );
  await expectUnappliable(
    [ev(0), rel(0, 0, 0), { kind: "deleteNode", nodeId: 0 }],
    "CONSTRAINT",
    "node 0 still has 1 relationship; delete them first or detach-delete it",
  );
});

// ---- INVALID_ARGUMENT ------------------------------------------------------------------------

pin("INVALID_ARGUMENT", "an empty label or relationship type", async () => {
  const db = await seededDb();
  const cases: [(tx: WriteTransaction) => unknown, string][] = [
    [(tx) => tx.createNode(["A", ""]), "label must not be empty"],
    [(tx) => tx.addNodeLabel(0, ""), "label must not be empty"],
    [(tx) => tx.removeNodeLabel(0, ""), "label must not be empty"],
    [(tx) => tx.createRelationship(0, 1, ""), "relationship type must not be empty"],
  ];
  for (const [change, message] of cases) {
    await expectRefusedWrite(db, change, "INVALID_ARGUMENT", message);
  }
  await db.close();
});

pin("INVALID_ARGUMENT", "a write transaction used after its callback returned", async () => {
  const db = await seededDb();
  let escaped: WriteTransaction | undefined;
  await db.write((tx) => {
    escaped = tx;
  });
  const before = footprint(db);
  const finished = "write transaction is finished: it was used after its callback returned";
  expectError(() => escaped!.createNode([]), "INVALID_ARGUMENT", finished);
  expectError(() => escaped!.setNodeProperty(0, "k", 2), "INVALID_ARGUMENT", finished);
  expectError(() => escaped!.clear(), "INVALID_ARGUMENT", finished);
  assert.deepEqual(footprint(db), before, "nothing applied or logged");
  await db.close();
});

pin("INVALID_ARGUMENT", "the log refuses records of a transaction it did not begin", () => {
  const wal = openMem(memFsWith());
  const b = wal.begin();
  wal.commit(b);
  const next = wal.nextLsn;
  const cases: [() => unknown, number][] = [
    [() => wal.append(7, ev(1)), 7],
    [() => wal.appendBatch(7, [ev(1)]), 7],
    [() => wal.commit(b), b], // already committed
    [() => wal.abort(b), b],
  ];
  for (const [write, lsn] of cases) {
    expectError(write, "INVALID_ARGUMENT", `no open transaction begun at lsn ${lsn} in wal ${DIR}`);
  }
  assert.equal(wal.nextLsn, next, "no refused record took an lsn");
  wal.close();
});

pin("INVALID_ARGUMENT", "the snapshot writer refuses contents it cannot write", () => {
  const cases: [Partial<SnapshotContents>, string][] = [
    [{ fenceLsn: -1 }, "snapshot fenceLsn -1 is not a non-negative safe integer"],
    [{ nodeCount: 2 }, "snapshot declares 2 nodes but nodes() yielded 1"],
    [{ nodeCount: 0 }, "snapshot declares 0 nodes but nodes() yielded more"],
    [{ relationshipCount: 2 }, "snapshot declares 2 relationships but relationships() yielded 1"],
    [{ nextNodeId: 0 }, "node id 0 is not below the next node id 0"],
    [
      { nodes: () => [{ id: 0, labels: [5 as never], properties: {} }] },
      "node 0 label 5 is not a string",
    ],
    [
      { nodes: () => [{ id: 0, labels: "A" as never, properties: {} }] },
      "node 0 labels are not an array",
    ],
    [
      { relationships: () => [{ id: 0, src: 3, dst: 0, type: "R", properties: {} }] },
      "relationship 0 source node id 3 is not below the next node id 1",
    ],
    [
      { relationships: () => [{ id: 0, src: 0, dst: 0, type: "\ud800", properties: {} }] },
      'relationship 0 type "\\ud800" has a lone surrogate',
    ],
  ];
  for (const [patch, message] of cases) {
    const mem = new MemFs();
    mem.mkdirp(SNAP_DIR);
    expectError(
      () => writeSnapshot(mem, SNAP_DIR, snapshotContents(patch)),
      "INVALID_ARGUMENT",
      message,
    );
    assert.deepEqual(mem.list(SNAP_DIR), [], "the temporary file was removed");
  }
});

pin("INVALID_ARGUMENT", "snapshot retention must keep at least one", () => {
  const mem = memWithSnapshot();
  for (const keep of [0, 1.5]) {
    expectError(
      () => removeOldSnapshots(mem, SNAP_DIR, keep),
      "INVALID_ARGUMENT",
      `snapshots to keep ${keep} is not a positive integer`,
    );
  }
  assert.equal(listSnapshots(mem, SNAP_DIR).length, 1, "nothing was removed");
});

// ---- SNAPSHOT_CORRUPTION ---------------------------------------------------------------------

/**
 * The test snapshot: fence 3, node 0 (:A {v: 1}) and relationship (0)-[0:R]->(0). 166
 * bytes: the header [0..52), the node record at 52 (length 52), the relationship record
 * at 108 (length 42), the trailer at 154.
 */
const SNAP = `${SNAP_DIR}/snapshot-0000000000000003.skein`;

function snapshotContents(patch: Partial<SnapshotContents> = {}): SnapshotContents {
  return {
    fenceLsn: 3,
    nextNodeId: 1,
    nextRelationshipId: 1,
    nodeCount: 1,
    relationshipCount: 1,
    nodes: () => [{ id: 0, labels: ["A"], properties: { v: 1 } }],
    relationships: () => [{ id: 0, src: 0, dst: 0, type: "R", properties: {} }],
    ...patch,
  };
}

function memWithSnapshot(patch: Partial<SnapshotContents> = {}): MemFs {
  const mem = new MemFs();
  mem.mkdirp(SNAP_DIR);
  writeSnapshot(mem, SNAP_DIR, snapshotContents(patch));
  return mem;
}

/** The test snapshot damaged by `damage`; `reseal` recomputes the CRC, as a buggy writer would. */
function damagedSnapshot(damage: (bytes: Uint8Array) => Uint8Array, reseal = false): MemFs {
  const mem = memWithSnapshot();
  const bytes = damage(mem.bytesOf(SNAP).slice());
  if (reseal) {
    const end = bytes.length - 12;
    new DataView(bytes.buffer, bytes.byteOffset).setUint32(end, crc32(bytes, 0, end), true);
  }
  mem.setBytes(SNAP, bytes);
  return mem;
}

function poke(at: number, value: number): (bytes: Uint8Array) => Uint8Array {
  return (bytes) => {
    bytes[at] = value;
    return bytes;
  };
}

const IGNORE_RECORDS: SnapshotSink = { node: () => undefined, relationship: () => undefined };

function expectDamage(mem: MemFs, offsetBytes: number, detail: string): SnapshotCorruptionError {
  const err = expectError(
    () => readSnapshot(mem, SNAP, IGNORE_RECORDS),
    "SNAPSHOT_CORRUPTION",
    `damaged snapshot ${SNAP} at byte ${offsetBytes}: ${detail}`,
  );
  assert.ok(err instanceof SnapshotCorruptionError);
  assert.equal(err.snapshotPath, SNAP);
  assert.equal(err.offsetBytes, offsetBytes);
  return err;
}

function hex32(n: number): string {
  return n.toString(16).padStart(8, "0");
}

pin("SNAPSHOT_CORRUPTION", "damage found before anything is decoded", () => {
  const cases: [(bytes: Uint8Array) => Uint8Array, number, string][] = [
    [(b) => b.subarray(0, 40), 40, "the file has 40 bytes, fewer than the 64 of an empty snapshot"],
    [poke(0, 0x58), 0, 'bad magic 0x584b45494e534e50 (expected "SKEINSNP")'],
    [poke(8, 2), 8, "unsupported format version 2 (expected 1)"],
    [poke(12, 9), 12, "fence lsn 9 differs from the 3 of the file name"],
    [poke(26, 0xff), 20, "next node id does not fit a safe integer"],
    [
      poke(36, 200),
      36,
      "node count 200 and relationship count 1 need at least 5845 bytes of records, " +
        "the file holds 102",
    ],
    [poke(165, 0), 158, 'bad trailer magic 0x534b45494e454e00 (expected "SKEINEND")'],
  ];
  for (const [damage, offset, detail] of cases)
    expectDamage(damagedSnapshot(damage), offset, detail);
});

pin("SNAPSHOT_CORRUPTION", "a byte changed inside a record fails the checksum", () => {
  const mem = damagedSnapshot((b) => {
    b[100] = (b[100] as number) ^ 0xff; // inside the node's properties
    return b;
  });
  const bytes = mem.bytesOf(SNAP);
  const stored = new DataView(bytes.buffer, bytes.byteOffset).getUint32(154, true);
  expectDamage(
    mem,
    154,
    `checksum 0x${hex32(stored)} does not match 0x${hex32(crc32(bytes, 0, 154))} computed ` +
      `over the 154 bytes before it`,
  );
});

pin("SNAPSHOT_CORRUPTION", "records that contradict the header or each other", () => {
  const resealed: [(bytes: Uint8Array) => Uint8Array, number, string][] = [
    [poke(56, 2), 52, "node record 0: record kind 2 where a node record (1) belongs"],
    [poke(52, 3), 52, "node record length 3 is below the 25 bytes of the smallest"],
    [poke(52, 200), 56, "node record needs 200 bytes, 98 remain before the trailer"],
    [poke(20, 0), 52, "node id 0 is not below the next node id 0"],
    [poke(44, 0), 108, "46 bytes after the last of the records the header counts"],
  ];
  for (const [damage, offset, detail] of resealed) {
    expectDamage(damagedSnapshot(damage, true), offset, detail);
  }
  const err = expectDamage(
    damagedSnapshot(poke(56, 2), true),
    52,
    "node record 0: record kind 2 where a node record (1) belongs",
  );
  checkError(err.cause, "DECODE", "record kind 2 where a node record (1) belongs");

  const twice = memWithSnapshot({
    nodeCount: 2,
    nodes: () => [
      { id: 0, labels: [], properties: {} },
      { id: 0, labels: [], properties: {} },
    ],
    relationshipCount: 0,
    relationships: () => [],
  });
  expectDamage(twice, 81, "node id 0 appears twice");
  const dangling = memWithSnapshot({
    nextNodeId: 2,
    relationships: () => [{ id: 0, src: 0, dst: 1, type: "R", properties: {} }],
  });
  expectDamage(dangling, 108, "relationship 0 joins node 1, which the snapshot does not hold");
});

/** A date property whose month byte, the map's last value, reads 13: framed, not decodable. */
const DATE_PROPS = { d: date({ year: 2024, month: 1, day: 1 }) };
const MONTH_13 = "invalid value at byte 17: date month 13 is not an integer in 1..12";

pin(
  "SNAPSHOT_CORRUPTION",
  "a property map that frames but does not decode, met on first read",
  async () => {
    // As a faulty writer would leave it: the checksum matches, so the open succeeds and the
    // map, left encoded until read, is found wrong when the node is first read.
    const only = { nodeCount: 1, relationshipCount: 0, relationships: () => [] };
    const mem = memWithSnapshot({
      ...only,
      nodes: () => [{ id: 0, labels: [], properties: DATE_PROPS }],
    });
    const bytes = mem.bytesOf(SNAP).slice();
    const monthAt = bytes.length - 12 - 8;
    bytes[monthAt] = 13;
    const end = bytes.length - 12;
    new DataView(bytes.buffer, bytes.byteOffset).setUint32(end, crc32(bytes, 0, end), true);
    mem.setBytes(SNAP, bytes);
    const db = await openMemDb(mem);
    expectError(
      () => db.read((g) => g.node(0)),
      "SNAPSHOT_CORRUPTION",
      `a property map from a snapshot cannot be decoded: ${MONTH_13}`,
    );
    await db.close();
  },
);

pin(
  "WAL_MALFORMED",
  "a created entity's property map that frames but does not decode",
  async () => {
    const payload = encodeBatchPayload([
      { kind: "createNode", id: 0, labels: [], properties: DATE_PROPS },
    ]);
    payload[payload.length - 8] = 13; // the month
    const seg = new SegmentBuilder(1)
      .record(RecordKind.TxBegin, 1)
      .raw(rawRecord(RecordKind.MutationBatch, 2, 1, payload))
      .record(RecordKind.TxCommit, 3, 1);
    const db = await openMemDb(memFsWith(seg.bytes()));
    expectError(
      () => db.read((g) => g.node(0)),
      "WAL_MALFORMED",
      `a property map from the log cannot be decoded: ${MONTH_13}`,
    );
    await db.close();
  },
);

/** Warnings the process emits while `fn` runs (they are emitted on a later tick). */
async function warningsDuring(fn: () => Promise<void>): Promise<(Error & { code?: string })[]> {
  const seen: (Error & { code?: string })[] = [];
  const listener = (w: Error) => seen.push(w);
  process.on("warning", listener);
  try {
    await fn();
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off("warning", listener);
  }
  return seen;
}

pin("SNAPSHOT_CORRUPTION", "a damaged newest snapshot is reported, not thrown", async () => {
  const mem = new MemFs();
  const db = await openMemDb(mem);
  await db.write((tx) => tx.createNode(["A"]));
  assert.equal((await db.checkpoint()).lsn, 3);
  await db.write((tx) => tx.createNode(["B"]));
  assert.equal((await db.checkpoint()).lsn, 7);
  await db.close();
  const older = `${SNAP_DIR}/snapshot-0000000000000003.skein`;
  const newest = `${SNAP_DIR}/snapshot-0000000000000007.skein`;
  mem.setBytes(newest, mem.bytesOf(newest).subarray(0, 40));
  const damage =
    `damaged snapshot ${newest} at byte 40: ` +
    `the file has 40 bytes, fewer than the 64 of an empty snapshot`;
  let again: Database | undefined;
  const warnings = await warningsDuring(async () => {
    again = await openMemDb(mem);
  });
  const report = again!.status().recovery!;
  assert.deepEqual(report.damagedSnapshots, [{ path: newest, message: damage }]);
  assert.equal(report.snapshotPath, older);
  assert.equal(again!.status().nodeCount, 2, "the older snapshot and a longer replay");
  const ours = warnings.filter((w) => w.code === "SKEIN_SNAPSHOT_DAMAGED");
  assert.deepEqual(
    ours.map((w) => [w.name, w.message]),
    [["Warning", `${damage}; passed over and set aside as ${newest}.damaged`]],
  );
  await again!.close();
});

/** A database whose only snapshot (fence 60) covers a log truncated up to lsn 48. */
async function truncatedDb(): Promise<{ mem: MemFs; snapshot: string }> {
  const mem = new MemFs();
  const db = await openMemDb(mem, { segmentTargetBytes: 256, snapshotsToKeep: 1 });
  for (let i = 0; i < 20; i++) await db.write((tx) => tx.createNode(["N"], { i }));
  assert.equal((await db.checkpoint()).lsn, 60);
  await db.close();
  return { mem, snapshot: `${SNAP_DIR}/snapshot-0000000000000060.skein` };
}

pin("SNAPSHOT_CORRUPTION", "no usable snapshot and a log truncated past the start", async () => {
  const { mem, snapshot } = await truncatedDb();
  mem.setBytes(snapshot, mem.bytesOf(snapshot).subarray(0, 40));
  const message =
    `cannot recover ${DB}: the log starts at lsn 49, the snapshots it needs are damaged ` +
    `(${snapshot}) and there is no older snapshot`;
  await warningsDuring(async () => {
    const err = await expectRejection(openMemDb(mem), "SNAPSHOT_CORRUPTION", message);
    assert.ok(!(err instanceof SnapshotCorruptionError), "it names no single file and offset");
    // The directory was released: a second attempt fails the same way.
    await expectRejection(openMemDb(mem), "SNAPSHOT_CORRUPTION", message);
  });
});

// ---- the database: recovery that the log cannot support ------------------------------------

pin("WAL_MALFORMED", "the snapshot the truncated log relies on is missing", async () => {
  const { mem, snapshot } = await truncatedDb();
  mem.unlink(snapshot);
  await expectRejection(
    openMemDb(mem),
    "WAL_MALFORMED",
    `cannot recover ${DB}: the log starts at lsn 49 but there is no snapshot: records in ` +
      `between are missing`,
  );
});

pin("WAL_MALFORMED", "a committed transaction the graph cannot apply", async () => {
  await expectUnappliable([ev(0), ev(0)], "CONSTRAINT", "node 0 already exists");
});

pin("WAL_ALREADY_OPEN", "a database directory opened twice in this process", async (t) => {
  const dir = fs.realpathSync(tmpDir(t));
  const db = await openDatabase(dir);
  t.after(() => db.close());
  await expectRejection(
    openDatabase(dir),
    "WAL_ALREADY_OPEN",
    `directory ${dir} is already open in this process (pid ${process.pid})`,
  );
});

// ---- CLOSED (the database) -------------------------------------------------------------------

pin("CLOSED", "every use of a database after close()", async () => {
  for (const db of [await openDatabase(), await seededDb()]) {
    await db.close();
    await db.close(); // idempotent
    const closed = "database is closed";
    await expectRejection(
      db.write((tx) => tx.createNode([])),
      "CLOSED",
      closed,
    );
    expectError(() => db.read((v) => v.nodeCount), "CLOSED", closed);
    expectError(() => db.status(), "CLOSED", closed);
    await expectRejection(db.checkpoint(), "CLOSED", closed);
    await expectRejection(db.sync(), "CLOSED", closed);
  }
});

// ---- misuse of the database: TypeError and RangeError --------------------------------------

/** What `fn` threw or its promise rejected with. */
async function failureOf(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (err) {
    return err;
  }
  return undefined;
}

test("misuse of the database's surface throws TypeError or RangeError", async () => {
  const db = await seededDb();
  const before = footprint(db);
  const inWrite = (change: (tx: WriteTransaction) => unknown) => () =>
    db.write((tx) => {
      tx.createNode(["Before"]);
      change(tx);
    });
  const cases: [() => unknown, typeof TypeError, string][] = [
    [() => openDatabase(""), TypeError, "database directory must be a non-empty string"],
    [() => openDatabase(5 as never), TypeError, "database directory must be a non-empty string"],
    [() => openDatabase(undefined, 5 as never), TypeError, "database options must be an object"],
    [
      () => openDatabase(undefined, { snapshotsToKeep: 0 }),
      RangeError,
      "snapshotsToKeep must be at least 1, got 0",
    ],
    [
      () => openDatabase(undefined, { snapshotsToKeep: 1.5 }),
      TypeError,
      "snapshotsToKeep must be an integer, got 1.5",
    ],
    [
      () => openDatabase(undefined, { snapshotEveryCommits: -1 }),
      RangeError,
      "snapshotEveryCommits must be at least 0, got -1",
    ],
    [
      () => openDatabase(undefined, { syncMode: "fast" as never }),
      TypeError,
      "syncMode must be one of perCommit, group, none, got fast",
    ],
    [() => db.write(5 as never), TypeError, "write needs a callback function"],
    [() => db.read(5 as never), TypeError, "read needs a callback function"],
    [
      () => db.write((tx) => Promise.resolve(tx.createNode([]))),
      TypeError,
      "the write callback must be synchronous; it returned a promise",
    ],
    [inWrite((tx) => tx.createNode("A" as never)), TypeError, "labels must be an array of strings"],
    [inWrite((tx) => tx.createNode([5 as never])), TypeError, "label must be a string, got 5"],
    [
      inWrite((tx) => tx.createNode([], [] as never)),
      TypeError,
      "properties must be a plain object, got an array",
    ],
    [
      inWrite((tx) => tx.createNode([], { k: undefined as never })),
      TypeError,
      "undefined is not a property value",
    ],
    [
      inWrite((tx) => tx.setNodeProperty(0, "k", 2n ** 63n)),
      RangeError,
      "integer 9223372036854775808 does not fit int64",
    ],
    [
      inWrite((tx) => tx.setNodeProperty(-1, "k", 1)),
      TypeError,
      "node id must be a non-negative safe integer, got -1",
    ],
    [
      inWrite((tx) => tx.deleteRelationship(null as never)),
      TypeError,
      "relationship id must be a non-negative safe integer, got null",
    ],
    [
      inWrite((tx) => tx.createRelationship(0, 1.5, "R")),
      TypeError,
      "dst must be a non-negative safe integer, got 1.5",
    ],
    [
      inWrite((tx) => tx.createRelationship(0, 1, 7 as never)),
      TypeError,
      "relationship type must be a string, got 7",
    ],
    [
      inWrite((tx) => tx.setNodeProperty(0, 5 as never, 1)),
      TypeError,
      "property key must be a string, got 5",
    ],
  ];
  for (const [fn, kind, message] of cases) {
    const err = await failureOf(fn);
    assert.ok(err instanceof kind, `expected ${kind.name} "${message}", got ${String(err)}`);
    assert.equal(err.message, message);
  }
  assert.deepEqual(footprint(db), before, "no refused write applied or logged anything");
  await db.close();
});

// ---- every code accounted for ----------------------------------------------------------------

test("every SkeinErrorCode is pinned above or listed as not raised yet, with a reason", () => {
  const notRaised = new Set(NOT_RAISED_YET.map((n) => n.code));
  assert.equal(notRaised.size, NOT_RAISED_YET.length, "NOT_RAISED_YET lists a code twice");
  for (const { code, reason } of NOT_RAISED_YET) {
    assert.ok(reason.length > 0, `${code} needs a reason`);
  }
  for (const code of Object.keys(ALL_CODES) as SkeinErrorCode[]) {
    const isPinned = pinned.has(code);
    assert.ok(isPinned || notRaised.has(code), `${code} is neither pinned nor NOT_RAISED_YET`);
    assert.ok(!(isPinned && notRaised.has(code)), `${code} is pinned and NOT_RAISED_YET`);
  }
});

// ---- Cypher queries ----------------------------------------------------------------------

/** Runs a query on a fresh in-memory database; it must fail with a QueryError. */
async function expectQueryError(
  query: string,
  code: SkeinErrorCode,
  message: string | RegExp,
  fields: { phase: "compile" | "runtime"; detail: string | null; line?: number; column?: number },
  setup: { params?: Record<string, unknown>; timeoutMs?: number; seed?: string } = {},
  engine = cypherEngine,
): Promise<void> {
  const db = await openDatabase(undefined, undefined, engine);
  if (setup.seed !== undefined) await db.execute(setup.seed);
  const before = db.status().nodeCount;
  const options = setup.timeoutMs === undefined ? {} : { timeoutMs: setup.timeoutMs };
  const err = await expectRejection(db.execute(query, setup.params ?? {}, options), code, message);
  assert.ok(err instanceof QueryError, "a query fails with a QueryError");
  assert.equal(err.phase, fields.phase);
  assert.equal(err.detail, fields.detail);
  if (fields.line !== undefined) assert.equal(err.line, fields.line);
  if (fields.column !== undefined) assert.equal(err.column, fields.column);
  assert.equal(db.status().nodeCount, before, "a failed query changes nothing");
  await db.close();
}

pin("SYNTAX", "text that is not Cypher, with line, column and a caret", async () => {
  await expectQueryError(
    "RETURN 1 +",
    "SYNTAX",
    "unexpected end of input, expected an expression (line 1, column 11)\n  RETURN 1 +\n            ^",
    { phase: "compile", detail: "UnexpectedSyntax", line: 1, column: 11 },
  );
});

pin("SEMANTIC", "an undefined variable, an unknown procedure, a MERGE on null", async () => {
  await expectQueryError(
    "RETURN x",
    "SEMANTIC",
    "variable `x` is not defined (line 1, column 8)\n  RETURN x\n         ^",
    { phase: "compile", detail: "UndefinedVariable", line: 1, column: 8 },
  );
  await expectQueryError(
    "CALL nope.proc()",
    "SEMANTIC",
    "there is no procedure named nope.proc (line 1, column 1)",
    { phase: "compile", detail: "ProcedureNotFound", line: 1, column: 1 },
  );
  await expectQueryError(
    "CREATE (:A) MERGE (n {x: null})",
    "SEMANTIC",
    "cannot merge using a null value for property `x`",
    { phase: "runtime", detail: "MergeReadOwnWrites" },
  );
  await expectQueryError(
    "RETURN 1 LIMIT $n",
    "SEMANTIC",
    "LIMIT expects a non-negative INTEGER, got -2",
    { phase: "runtime", detail: "NegativeIntegerArgument" },
    { params: { n: -2 } },
  );
});

pin("TYPE", "an operand, a map key or a property value of the wrong type", async () => {
  await expectQueryError(
    "WITH $x AS x RETURN x - 1",
    "TYPE",
    "cannot subtract STRING and INTEGER",
    { phase: "runtime", detail: "InvalidArgumentType" },
    { params: { x: "a" } },
  );
  await expectQueryError(
    "WITH $m AS m RETURN m[1]",
    "TYPE",
    "a map key must be a STRING, got INTEGER",
    { phase: "runtime", detail: "MapElementAccessByNonString" },
    { params: { m: { a: 1 } } },
  );
  await expectQueryError(
    "CREATE (:A) CREATE (a {m: {x: 1}})",
    "TYPE",
    "property `m` cannot hold a MAP",
    { phase: "runtime", detail: "InvalidPropertyType" },
  );
});

pin("ARGUMENT", "integer division by zero and integer overflow", async () => {
  await expectQueryError("RETURN 1 / 0", "ARGUMENT", "division by zero: 1 / 0", {
    phase: "runtime",
    detail: "DivisionByZero",
  });
  await expectQueryError(
    "WITH $n AS n RETURN n + 1",
    "ARGUMENT",
    "integer overflow: 9223372036854775807 + 1 does not fit in 64 bits",
    { phase: "runtime", detail: "IntegerOverflow" },
    { params: { n: 9223372036854775807n } },
  );
});

pin("PARAMETER_MISSING", "a parameter the query uses and the call does not give", async () => {
  await expectQueryError("RETURN $p", "PARAMETER_MISSING", "expected a parameter named `p`", {
    phase: "compile",
    detail: "MissingParameter",
  });
});

pin("QUERY_TIMEOUT", "a query past its time limit changes nothing", async () => {
  await expectQueryError(
    "CREATE (:Made) WITH 1 AS one MATCH (a), (b), (c), (d) RETURN count(*)",
    "QUERY_TIMEOUT",
    "query exceeded its time limit of 20 ms",
    { phase: "runtime", detail: null },
    { timeoutMs: 20, seed: "UNWIND range(1, 60) AS i CREATE (:N)" },
  );
});

pin("QUERY_TOO_COMPLEX", "a query too long, a path longer than maxVarLength", async () => {
  const long = `RETURN 1${" ".repeat(1_000_000)}`;
  await expectQueryError(
    long,
    "QUERY_TOO_COMPLEX",
    "query is 1000008 characters long, more than the 1000000 allowed",
    { phase: "compile", detail: null },
  );
  await expectQueryError(
    "MATCH (a {i: 1})-[*]->(b) RETURN count(b)",
    "QUERY_TOO_COMPLEX",
    "a variable-length pattern without an upper bound found a path longer than 2 relationships; give an upper bound (*..n) or raise maxVarLength",
    { phase: "runtime", detail: null },
    { seed: "CREATE ({i: 1})-[:R]->()-[:R]->()-[:R]->()" },
    createCypherEngine({ maxVarLength: 2 }),
  );
});

pin("NOT_FOUND", "a query reading an entity it deleted", async () => {
  await expectQueryError(
    "MATCH (n) DELETE n RETURN n.k",
    "NOT_FOUND",
    "node 0 was deleted by this query",
    { phase: "runtime", detail: "DeletedEntityAccess" },
    { seed: "CREATE ({k: 1})" },
  );
});

pin("CONSTRAINT", "a query deleting a node and not its relationships", async () => {
  await expectQueryError(
    "MATCH (n:X) DELETE n",
    "CONSTRAINT",
    "cannot delete node 0: it still has relationships; delete them first or use DETACH DELETE",
    { phase: "runtime", detail: "DeleteConnectedNode" },
    { seed: "CREATE (:X)-[:R]->()" },
  );
});

test("docs/errors.md has a section for every SkeinErrorCode", () => {
  const doc = fs.readFileSync(new URL("../../docs/errors.md", import.meta.url), "utf8");
  for (const code of Object.keys(ALL_CODES)) {
    assert.ok(doc.includes(`\n## \`${code}\`\n`), `docs/errors.md lacks "## \`${code}\`"`);
  }
});

// ---- gaps between segments, and re-entry from a write callback ------------------------------

pin("WAL_CORRUPTION", "a missing segment or missing lsns between segments", () => {
  const first = new SegmentBuilder(1, true).tx(1, [ev(1)]).bytes();
  const jump = new MemFs();
  jump.mkdirp(DIR);
  jump.setBytes(SEG1, first);
  jump.setBytes(`${DIR}/0000000003.wal`, new SegmentBuilder(7).tx(7, [ev(3)]).bytes());
  expectError(
    () => openMem(jump),
    "WAL_CORRUPTION",
    "segment ids jump from 1 to 3: the segments in between are missing",
  );
  const gap = new MemFs();
  gap.mkdirp(DIR);
  gap.setBytes(SEG1, first);
  gap.setBytes(`${DIR}/0000000002.wal`, new SegmentBuilder(7).tx(7, [ev(3)]).bytes());
  expectError(
    () => openMem(gap),
    "WAL_CORRUPTION",
    `lsns 4..6 are missing before segment ${DIR}/0000000002.wal`,
  );
  // At or below the fence the gap is covered by a snapshot: no damage.
  openMem(gap, { checkpointLsn: 6 }).close();
});

pin("INVALID_ARGUMENT", "write, checkpoint and close from inside a write callback", async () => {
  const mem = new MemFs();
  const db = await openMemDb(mem);
  const inner: Promise<string>[] = [];
  // Each refusal is handled at once: a rejection left waiting would count as unhandled.
  const outcome = (p: Promise<unknown>) =>
    p.then(
      () => "not refused",
      (e: unknown) => (e instanceof SkeinError ? `${e.code}: ${e.message}` : String(e)),
    );
  await db.write((tx) => {
    tx.createNode(["Outer"]);
    inner.push(outcome(db.write((t) => t.createNode([]))));
    inner.push(outcome(db.checkpoint()), outcome(db.close()));
  });
  const messages = await Promise.all(inner);
  const tail = "cannot be called inside a write callback: make the change through its transaction";
  assert.deepEqual(messages, [
    `INVALID_ARGUMENT: write ${tail}`,
    `INVALID_ARGUMENT: checkpoint ${tail}`,
    `INVALID_ARGUMENT: close ${tail}`,
  ]);
  assert.equal(
    db.read((v) => v.nodeCount),
    1,
    "the outer write went through alone",
  );
  await db.close();
});
