// Power loss after every file-system call. For each sync mode and each short script (three
// transactions, rotations, a checkpoint — one that truncates the log — syncs in group and
// none modes, two writes in flight together), and for k = 1, 2, …:
// run the script from scratch on a fresh MemFs whose k-th call kills the process, then for
// EVERY state power loss may leave at that moment (src/testing/crash-states.ts), open the
// database and check that it opens, that its graph is the model after some prefix of the
// transactions (so no transaction is partial), that the prefix keeps every transaction the
// mode promised to keep, and that a new node id reuses no id of the recovered prefix.
//
// At each point two more states are checked: the files as written (a killed process, the
// machine up), which must hold every acknowledged write in every mode; and those files
// reopened by a new process that writes one more transaction and closes before power is
// lost, which must keep all it recovered and acknowledged.
//
// What each mode promises under power loss (README, "Sync modes"): perCommit keeps every
// acknowledged write; group every write whose commit LSN is at or below the durableLsn the
// database reported (read at every file-system call, so also just before the death); none
// only what a resolved explicit fsync covered (sync(), checkpoint(), close()). Every mode
// also keeps what a resolved explicit fsync covered.
//
// Torn writes are cut at 512-byte boundaries; transaction 0 carries a 1,200-byte property
// so its records span sectors. States per point are capped at MAX_STATES_PER_POINT (the
// enumerator samples beyond it, seeded); the count of states checked is printed.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { openDatabase, type SyncMode } from "../../src/index.js";
import { MemFs } from "../../src/testing/mem-fs.js";
import { crashStates } from "../../src/testing/crash-states.js";
import {
  DIR,
  MODES,
  SNAPSHOT_DIR,
  WAL_DIR,
  ScriptRun,
  WatchedFs,
  baseOptions,
  FailureLog,
  checkRecovered,
  checkReopenThenPowerLoss,
  currentContents,
  describeError,
  type Step,
} from "./workload.js";

const MAX_STATES_PER_POINT = 400;

interface Script {
  readonly name: string;
  /** 64: a rotation before every transaction, so the checkpoint truncates a segment.
   * 1,024: one rotation (after transaction 0), so later writes share a segment and sit
   * unsynced together in group and none modes. */
  readonly segmentTargetBytes: number;
  readonly steps: readonly Step[];
}

function scripts(mode: SyncMode): readonly Script[] {
  const sync: Step[] = mode === "perCommit" ? [] : ["sync"];
  return [
    {
      name: "write, write, checkpoint, write, close",
      segmentTargetBytes: 1024,
      steps: ["open", "write", "write", "checkpoint", "write", ...sync, "close"],
    },
    {
      name: "write, sync, write, write, checkpoint, close",
      segmentTargetBytes: 1024,
      steps: ["open", "write", ...sync, "write", "write", "checkpoint", "close"],
    },
    {
      name: "write, write, write, checkpoint (truncating), close",
      segmentTargetBytes: 64,
      steps: ["open", "write", "write", ...sync, "write", "checkpoint", "close"],
    },
    {
      name: "two writes in flight together, write, close",
      segmentTargetBytes: 1024,
      steps: ["open", "writePair", "write", "close"],
    },
  ];
}

/** Run the script until the file system's death; returns the run and whether it died. */
async function runUntilDeath(
  script: Script,
  mode: SyncMode,
  dieAt: number,
): Promise<{ run: ScriptRun; fs: WatchedFs; died: boolean }> {
  const fs = new WatchedFs();
  fs.dieAtCall(dieAt);
  const run = new ScriptRun(fs, baseOptions(mode, script.segmentTargetBytes));
  for (const step of script.steps) {
    const outcome = await run.step(step);
    if (outcome.error === null) continue;
    if (fs.callCount >= dieAt) break;
    assert.fail(
      `${step} failed before the death at call ${dieAt}: ${describeError(outcome.error)}`,
    );
  }
  // A death the database swallowed (a failed close of a file, say) is still a death.
  const died = fs.callCount >= dieAt;
  if (died) await run.abandon();
  return { run, fs, died };
}

const totals = { states: 0, points: 0 };

interface Tally {
  points: number;
  states: number;
  cappedPoints: number;
}

async function checkPoint(
  script: Script,
  mode: SyncMode,
  dieAt: number,
  tally: Tally,
  log: FailureLog,
  cleanTrace: readonly string[],
): Promise<boolean> {
  const { run, fs, died } = await runUntilDeath(script, mode, dieAt);
  const atLeast = run.requiredAfterPowerLoss();
  const atMost = run.attempted;
  const options = baseOptions(mode, script.segmentTargetBytes);
  const where = `${mode}, death at call ${dieAt} (${cleanTrace[dieAt - 1] ?? "after the script"})`;
  let states = 0;
  for (const state of crashStates(fs, { maxStates: MAX_STATES_PER_POINT })) {
    states++;
    const context = `${where}, power loss, state ${state.description || "durable only"}`;
    await log.check(() => checkRecovered(state.fs, options, atLeast, atMost, context));
  }
  // A killed process without power loss keeps every acknowledged write, in every mode.
  const killed = `${where}, killed, files as written`;
  await log.check(() => checkRecovered(currentContents(fs), options, run.acked, atMost, killed));
  // ...and the process that reopens them must make what it adopted durable.
  await log.check(() => checkReopenThenPowerLoss(fs, options, run.acked, atMost, killed));
  tally.points++;
  tally.states += states;
  if (states >= MAX_STATES_PER_POINT) tally.cappedPoints++;
  return died;
}

describe("power loss after every file-system call", () => {
  for (const mode of MODES) {
    for (const script of scripts(mode)) {
      test(`${mode}: ${script.name}`, async (t) => {
        const options = baseOptions(mode, script.segmentTargetBytes);
        const clean = await runUntilDeath(script, mode, Infinity);
        assert.equal(clean.died, false);
        const writes = script.steps.reduce(
          (n, s) => n + (s === "write" ? 1 : s === "writePair" ? 2 : 0),
          0,
        );
        assert.equal(clean.run.acked, writes);
        if (script.name.includes("truncating")) {
          assert.ok(
            clean.fs.trace.some((e) => e.startsWith("unlink /db/wal/")),
            "truncates",
          );
        }
        const total = clean.fs.callCount;
        const tally: Tally = { points: 0, states: 0, cappedPoints: 0 };
        const log = new FailureLog();
        await log.catchingUnhandled(async () => {
          for (let k = 1; k <= total + 1; k++) {
            const died = await checkPoint(script, mode, k, tally, log, clean.fs.trace);
            assert.equal(died, k <= total, `death at call ${k} of ${total} was not reached`);
          }
        });
        // The clean run, reopened as it stands, holds every transaction.
        await checkRecovered(clean.fs, options, writes, writes, `${mode}: clean reopen`);
        t.diagnostic(
          `${mode} ${script.name}: ${total} file-system calls, ${tally.points} crash points, ` +
            `${tally.states} crash states checked (plus one killed-process state per point)` +
            (tally.cappedPoints > 0
              ? `, ${tally.cappedPoints} points capped at ${MAX_STATES_PER_POINT} sampled states`
              : ", none capped"),
        );
        totals.states += tally.states;
        totals.points += tally.points;
        log.assertNone(`${mode} ${script.name}`);
      });
    }
  }
  test("totals", (t) => {
    t.diagnostic(`crash states checked: ${totals.states} at ${totals.points} crash points`);
    assert.ok(totals.points > 0);
  });
});

describe("regressions", () => {
  test("the wal and snapshots directories the database creates are fsynced into their parent", async () => {
    // MemFs keeps every directory through a crash, so this reads the protocol off the trace:
    // a directory the database creates is a new entry of its parent, durable only once the
    // parent is fsynced, as for any new file (STYLE.md, "Durability discipline").
    const fs = new MemFs();
    const db = await openDatabase(DIR, { fileSystem: fs });
    await db.write((tx) => tx.createNode(["A"]));
    const acknowledged = fs.trace.length;
    await db.checkpoint();
    await db.close();
    const parentSynced = (from: number, to: number) =>
      fs.trace.slice(from, to).includes(`syncDir ${DIR}`);
    const walMade = fs.trace.indexOf(`mkdir ${WAL_DIR}`);
    assert.ok(
      parentSynced(walMade, acknowledged),
      `${WAL_DIR} was created but ${DIR} was not fsynced before a write was acknowledged`,
    );
    const snapshotsMade = fs.trace.indexOf(`mkdir ${SNAPSHOT_DIR}`);
    assert.ok(
      parentSynced(snapshotsMade, fs.trace.length),
      `${SNAPSHOT_DIR} was created but ${DIR} was never fsynced after it`,
    );
  });
});
