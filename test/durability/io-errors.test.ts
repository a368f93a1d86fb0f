// Every file-system call of a scripted workload fails, one at a time. The script (several
// writes, two of them in flight together, rotations, a checkpoint that truncates, a sync,
// close, reopen on the same files, one more write, close) is first run clean to learn its
// calls; then, for every N from 1 to their number, in every sync mode, with EIO and with
// ENOSPC, once (transient) and from then on (persistent), it runs on a fresh MemFs whose
// N-th call fails. Checked on each run:
//   - every failure is a SkeinError (IO, WAL_POISONED), never another kind of error;
//   - a failed write, fsync or directory fsync of the log during a live step poisons it:
//     `status().bgFailure` is set and every later write, sync and checkpoint of that handle
//     rejects with WAL_POISONED (a failed fsync is never retried, even when transient);
//   - reopening the same files (the script's reopen, and the files as written after the
//     run, as a killed process leaves them) holds a prefix of the transactions including
//     every acknowledged write: nothing was acknowledged whose bytes were not written;
//   - the files as written, reopened by a new process that writes once more and closes,
//     then power loss: what that process recovered and acknowledged survives;
//   - after power loss (`fs.crash()`, faults cleared) the database opens with a prefix
//     including what the mode promised: perCommit every acknowledged write (so nothing was
//     acknowledged that was not fsynced), group and none what a resolved sync(),
//     checkpoint() or close() covered (group also up to the durableLsn it reported).
// The number of faults injected is printed.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { openDatabase, type SyncMode } from "../../src/index.js";
import { MemFs, type Fault } from "../../src/testing/mem-fs.js";
import {
  DIR,
  MODES,
  ScriptRun,
  WAL_DIR,
  WatchedFs,
  baseOptions,
  FailureLog,
  checkRecovered,
  checkReopenThenPowerLoss,
  currentContents,
  describeError,
  isSkeinError,
  opOfTrace,
  pathOfTrace,
  type Step,
} from "./workload.js";

/** Segment 1 holds transaction 0; later segments fill past 512 bytes every few writes. */
const SEGMENT_TARGET_BYTES = 512;
const STEPS: readonly Step[] = [
  "open",
  "write",
  "write",
  "writePair",
  "checkpoint",
  "write",
  "sync",
  "close",
  "open",
  "write",
  "close",
];
const ERRNOS = ["EIO", "ENOSPC"] as const;

interface CleanRun {
  readonly trace: readonly string[];
  readonly total: number;
}

async function cleanRun(mode: SyncMode): Promise<CleanRun> {
  const fs = new MemFs();
  const run = new ScriptRun(fs, baseOptions(mode, SEGMENT_TARGET_BYTES));
  for (const step of STEPS) {
    const outcome = await run.step(step);
    assert.equal(outcome.error, null, `${step}: ${describeError(outcome.error)}`);
  }
  assert.ok(
    fs.trace.some((e) => e.startsWith("unlink /db/wal/")),
    "the checkpoint truncates a segment",
  );
  assert.ok(fs.trace.filter((e) => e.startsWith("rename /db/wal/")).length >= 3, "rotations");
  return { trace: [...fs.trace], total: fs.callCount };
}

/** The fault that fails call `n` (1-based) of the clean run: its op and per-op index. */
function faultAt(trace: readonly string[], n: number, errno: Fault["errno"], persistent: boolean) {
  const op = opOfTrace(trace[n - 1]!);
  const nth = trace.slice(0, n).filter((e) => opOfTrace(e) === op).length;
  return { op, nth, errno, persistent };
}

/** A failure of this call must poison the log when it happens during a live step. */
function poisonsLog(entry: string): boolean {
  const op = opOfTrace(entry);
  return pathOfTrace(entry).startsWith(`${WAL_DIR}/`) || pathOfTrace(entry) === WAL_DIR
    ? op === "write" || op === "fsync" || op === "syncDir"
    : false;
}

/**
 * Whether trace entry `i` writes the zeros of a new, preallocated segment: a write to a
 * segment's temporary file after its header (the first write to it). Out of space there,
 * the segment is made without preallocation and nothing fails.
 */
function fillsPreallocation(trace: readonly string[], i: number): boolean {
  const entry = trace[i]!;
  if (opOfTrace(entry) !== "write" || !pathOfTrace(entry).endsWith(".wal.tmp")) return false;
  return trace.slice(0, i).includes(entry);
}

/** Open, one acknowledged perCommit write, close; after power loss the write is there. */
async function acknowledgedWriteSurvivesPowerLoss(fs: WatchedFs): Promise<void> {
  const db = await openDatabase(DIR, { fileSystem: fs });
  await db.write((tx) => tx.createNode(["Acknowledged"])); // perCommit: fsynced
  await db.close();
  const after = await openDatabase(DIR, { fileSystem: fs.crash() });
  try {
    assert.equal(
      after.read((v) => v.nodeCount),
      1,
      "an acknowledged perCommit write was lost on power loss",
    );
  } finally {
    await after.close();
  }
}

const LIVE_STEPS: readonly Step[] = ["write", "writePair", "sync", "checkpoint"];

async function runWithFault(
  mode: SyncMode,
  clean: CleanRun,
  n: number,
  fault: Fault,
  log: FailureLog,
): Promise<void> {
  const label = `${mode}, call ${n} (${clean.trace[n - 1]}) fails with ${fault.errno}${fault.persistent === true ? " from then on" : " once"}`;
  const fs = new WatchedFs();
  fs.inject(fault);
  const options = baseOptions(mode, SEGMENT_TARGET_BYTES);
  const run = new ScriptRun(fs, options);
  let poisoned: unknown = null; // the handle known poisoned
  await log.check(async () => {
    for (const step of STEPS) {
      if (step !== "open" && run.db === null) continue; // the open failed: nothing to drive
      const handle = run.db;
      const outcome = await run.step(step);
      const error = outcome.error;
      if (error !== null && !isSkeinError(error, "IO", "WAL_POISONED")) {
        assert.fail(`${label}: ${step} failed with ${describeError(error)}`);
      }
      if (handle !== null && handle === poisoned && LIVE_STEPS.includes(step)) {
        assert.ok(
          isSkeinError(error, "WAL_POISONED"),
          `${label}: ${step} on a poisoned handle must reject WAL_POISONED, got ${describeError(error)}`,
        );
      }
      const hit = outcome.callsBefore < n && n <= outcome.callsAfter;
      const absorbed = fault.errno === "ENOSPC" && fillsPreallocation(clean.trace, n - 1);
      if (hit && LIVE_STEPS.includes(step) && poisonsLog(clean.trace[n - 1]!) && !absorbed) {
        assert.notEqual(error, null, `${label}: ${step} must fail`);
        assert.notEqual(run.db!.status().bgFailure, null, `${label}: bgFailure must be set`);
      }
      if (run.db !== null && step !== "close" && run.db.status().bgFailure !== null) {
        poisoned = run.db;
      }
    }
  });
  await run.abandon();
  fs.clearFaults();
  const atMost = run.attempted;
  const written = `${label}, files as written`;
  await log.check(() => checkRecovered(currentContents(fs), options, run.acked, atMost, written));
  const required = run.requiredAfterPowerLoss();
  const lost = `${label}, after power loss`;
  await log.check(() => checkRecovered(fs.crash(), options, required, atMost, lost));
  await log.check(() => checkReopenThenPowerLoss(fs, options, run.acked, atMost, written));
}

let totalFaults = 0;

describe("an I/O error at every file-system call", () => {
  for (const mode of MODES) {
    test(`${mode}: every call fails in turn, transient and persistent, EIO and ENOSPC`, async (t) => {
      const clean = await cleanRun(mode);
      const log = new FailureLog();
      let faults = 0;
      await log.catchingUnhandled(async () => {
        for (let n = 1; n <= clean.total; n++) {
          for (const errno of ERRNOS) {
            for (const persistent of [false, true]) {
              await runWithFault(mode, clean, n, faultAt(clean.trace, n, errno, persistent), log);
              faults++;
            }
          }
        }
      });
      t.diagnostic(`${mode}: ${clean.total} file-system calls, ${faults} faults injected`);
      totalFaults += faults;
      log.assertNone(mode);
    });
  }
  test("totals", (t) => {
    t.diagnostic(`faults injected: ${totalFaults}`);
    assert.ok(totalFaults > 0);
  });
});

describe("regressions", () => {
  const SEGMENT_1 = `${WAL_DIR}/0000000001.wal`;

  test("a failed close of a segment retired while an fsync is in flight is not an unhandled rejection", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      const fs = new WatchedFs();
      const db = await openDatabase(DIR, { fileSystem: fs, segmentTargetBytes: 64 });
      let failed = false;
      fs.failOn = (op, path) => op === "close" && path === SEGMENT_1 && !failed && (failed = true);
      const a = db.write((tx) => tx.createNode(["A"]));
      const b = db.write((tx) => tx.createNode(["B"])); // rotates while a's fsync runs
      await Promise.allSettled([a, b]);
      await sleep(20);
      await db.close().catch(() => undefined);
      await sleep(20);
      assert.ok(failed, "segment 1 was closed");
      assert.deepEqual(
        unhandled.map((e) => describeError(e)),
        [],
        "a close failure must be reported or ignored, not left to crash the process",
      );
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });

  test("a segment whose directory fsync failed is made durable before writes into it are acknowledged", async () => {
    const fs = new WatchedFs();
    // The directory fsync that follows segment 1's rename into place fails, once.
    let renamed = false;
    let failed = false;
    fs.afterCall = (op, path) => {
      if (op === "rename" && path === `${SEGMENT_1}.tmp`) renamed = true;
    };
    fs.failOn = (op, path) =>
      renamed && !failed && op === "syncDir" && path === WAL_DIR && (failed = true);
    await openDatabase(DIR, { fileSystem: fs }).then(
      (db) => db.close(),
      () => undefined, // the open may fail with IO, or go on
    );
    assert.ok(failed, "the directory fsync after the rename was reached");
    await acknowledgedWriteSurvivesPowerLoss(fs); // the open adopts segment 1
  });

  test("a segment a killed process renamed into place is made durable by the next open", async () => {
    const fs = new WatchedFs();
    // The process dies at the call right after segment 1's rename into place.
    fs.afterCall = (op, path) => {
      if (op === "rename" && path === `${SEGMENT_1}.tmp`) fs.dieAtCall(fs.callCount + 1);
    };
    await assert.rejects(openDatabase(DIR, { fileSystem: fs }));
    fs.afterCall = null;
    fs.dieAtCall(Infinity); // a new process, the machine still up
    fs.releaseLocks();
    await acknowledgedWriteSurvivesPowerLoss(fs);
  });

  test("a failed close of the log's segment file still releases the directory lock", async () => {
    const fs = new WatchedFs();
    const db = await openDatabase(DIR, { fileSystem: fs });
    await db.write((tx) => tx.createNode(["A"]));
    let failed = false;
    fs.failOn = (op, path) => op === "close" && path === SEGMENT_1 && !failed && (failed = true);
    await db.close().catch(() => undefined); // may report the failure or not
    assert.ok(failed, "segment 1 was closed");
    const again = await openDatabase(DIR, { fileSystem: fs }).catch((e: unknown) =>
      assert.fail(`reopening after a failed close: ${describeError(e)}`),
    );
    assert.equal(
      again.read((v) => v.nodeCount),
      1,
    );
    await again.close();
  });
});
