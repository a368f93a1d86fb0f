// The killed-process harness shared by test/kill.test.ts, test/crash-points.test.ts and the
// long campaign script test/crash-campaign.ts. A killed process is not a power loss:
// whatever a write's promise acknowledged is in the OS page cache, so in every mode
// (perCommit, group, none) everything acknowledged must survive (README, "Sync modes").
//
// One cycle, on a directory (a Lane's) that lives across cycles:
//   1. start test/fixtures/db-writer.js (compiled beside this file) on the directory; it
//      opens the Database, says which seq it writes first, and writes transactions
//      (several in flight), reporting each acknowledged seq and its ids over IPC;
//   2. the child dies: SIGKILLed by the parent a chosen delay after its first
//      acknowledgement, or by itself at a named crash point (SKEIN_CRASH_POINT in its
//      environment, src/internal/crash-point.ts), whichever comes first; a child given a
//      write budget and no kill may also finish and close normally;
//   3. open the directory here at once, retrying while the lock looks live: the dead
//      writer's lock must be taken over within a second. Then check (test/kill-checks.ts):
//      every acknowledged seq is there with its ids, nothing recovered before is gone, no
//      gap, no partial transaction, ids unique;
//   4. write once here (the same shape of write, next seq), close; the next child must
//      start right after that write.
// It does not decide what to run: callers build each cycle's CycleSpec and own the seeds.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { SkeinError, openDatabase, type Database, type SyncMode } from "../src/index.js";
import {
  CRASH_SITE_MARK,
  recoverWriterState,
  writeSeq,
  type SeqWrite,
  type WriterMessage,
} from "./fixtures/db-writer.js";
import { Violations, acknowledge, checkRecovered, type History } from "./kill-checks.js";

const WRITER = fileURLToPath(new URL("./fixtures/db-writer.js", import.meta.url));
export const MODES: readonly SyncMode[] = ["perCommit", "group", "none"];
export const CRASH_POINT_ENV = "SKEIN_CRASH_POINT";
export const KILL_MIN_MS = 20;
export const KILL_MAX_MS = 200;
export const TAKEOVER_LIMIT_MS = 1000;
const CHILD_TIMEOUT_MS = 10_000;
/** The options of the children that checkpoint often. */
export const CHECKPOINTING = ["snapshotEveryCommits=16", "segmentTargetBytes=4096"];
/**
 * A workload that reaches every crash point within tens of writes: rotations every few
 * writes, a checkpoint every 8 commits keeping one snapshot (so retention deletes one and
 * the log is truncated each time), an explicit sync every 5 writes (so the shared fsync
 * runs in every mode), several writes in flight.
 */
export const CRASH_POINT_WORKLOAD = [
  "snapshotEveryCommits=8",
  "segmentTargetBytes=1024",
  "snapshotsToKeep=1",
  "syncEvery=5",
];

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** One cycle's child: how it is started and how it is to die. */
export interface CycleSpec {
  readonly mode: SyncMode;
  /** The writer's arguments after the directory and the mode: its seed, then options. */
  readonly childArgs: readonly string[];
  /** SIGKILL the child this long after its first acknowledgement; null: never. */
  readonly killDelayMs: number | null;
  /** SKEIN_CRASH_POINT for the child (`<name>` or `<name>:<n>`); null: unset. */
  readonly crashPoint: string | null;
}

/** How the child ended: killed by the parent, dead at its crash point, or closed normally. */
export type ChildEnd = "killed" | "crashPoint" | "finished";

export interface CycleResult {
  end: ChildEnd;
  /** For a death at a crash point, the functions it died in, as the child reported them. */
  crashSite: string | null;
  acks: number;
  lockFreeMs: number;
  openMs: number;
  replayedTransactions: number;
  tornTail: boolean;
  violations: Violations;
}

/** What one cycle's child did, as the parent saw it. */
interface ChildRun {
  next: number;
  acks: SeqWrite[];
  finished: boolean;
}

interface ChildOutcome {
  end: ChildEnd;
  crashSite: string | null;
}

function childEnv(crashPoint: string | null): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env[CRASH_POINT_ENV];
  if (crashPoint !== null) env[CRASH_POINT_ENV] = crashPoint;
  return env;
}

/** The crash site the child wrote to stderr just before killing itself, if it did. */
function crashSiteIn(stderr: string, spec: string | null): string | null {
  const line = stderr.split("\n").find((l) => l.startsWith(CRASH_SITE_MARK));
  if (line === undefined || spec === null) return null;
  const [armed, site] = line.slice(CRASH_SITE_MARK.length).split(" at ");
  return armed === spec && site !== undefined && site.startsWith("crashPoint") ? site : null;
}

/**
 * Runs one child on `dir`. Resolves once the kill was sent or the child has ended by
 * itself; `ended` resolves when it is gone and every message has arrived.
 */
function runChild(
  dir: string,
  spec: CycleSpec,
): Promise<{ run: ChildRun; ended: Promise<ChildOutcome> }> {
  const child = spawn(process.execPath, [WRITER, dir, spec.mode, ...spec.childArgs], {
    stdio: ["ignore", "ignore", "pipe", "ipc"],
    env: childEnv(spec.crashPoint),
  });
  const run: ChildRun = { next: -1, acks: [], finished: false };
  let stderr = "";
  child.stderr!.setEncoding("utf8").on("data", (s: string) => (stderr += s));
  let killed = false;
  let timer: NodeJS.Timeout | undefined;
  const ended = new Promise<ChildOutcome>((resolve, reject) => {
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      const crashSite = signal === "SIGKILL" ? crashSiteIn(stderr, spec.crashPoint) : null;
      if (crashSite !== null) resolve({ end: "crashPoint", crashSite });
      else if (killed && signal === "SIGKILL") resolve({ end: "killed", crashSite });
      else if (code === 0 && run.finished) resolve({ end: "finished", crashSite });
      else reject(new Error(`writer ended by itself (${code ?? signal}): ${stderr}`));
    });
  });
  return new Promise((resolve, reject) => {
    timer = setTimeout(() => {
      child.kill("SIGKILL");
      const what = spec.killDelayMs === null ? "did not end" : "acknowledged nothing";
      reject(new Error(`writer ${what} within ${CHILD_TIMEOUT_MS} ms: ${stderr}`));
    }, CHILD_TIMEOUT_MS);
    ended.then(() => resolve({ run, ended }), reject);
    child.on("message", (m: WriterMessage) => {
      if (m.kind === "ready") run.next = m.next;
      else if (m.kind === "done") run.finished = true;
      else run.acks.push({ seq: m.seq, nodes: m.nodes, rels: m.rels });
      if (m.kind !== "ack" || run.acks.length > 1 || spec.killDelayMs === null) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        killed = true;
        child.kill("SIGKILL");
        resolve({ run, ended });
      }, spec.killDelayMs);
    });
  });
}

/**
 * Opens `dir`, retrying while the dead writer's lock still looks live, for at most
 * TAKEOVER_LIMIT_MS. Returns the database, when the lock was found free (the start of the
 * attempt that took it) and when the open, recovery included, was done, both in ms after
 * the call.
 */
async function openAfterKill(
  dir: string,
  syncMode: SyncMode,
): Promise<{ db: Database; lockFreeMs: number; openMs: number }> {
  const start = performance.now();
  for (;;) {
    const attempt = performance.now() - start;
    try {
      const db = await openDatabase(dir, { syncMode });
      return { db, lockFreeMs: attempt, openMs: performance.now() - start };
    } catch (err) {
      const late = performance.now() - start > TAKEOVER_LIMIT_MS;
      if (!(err instanceof SkeinError && err.code === "WAL_ALREADY_OPEN") || late) throw err;
    }
    await sleep(2);
  }
}

/**
 * One sync mode's directory and what was acknowledged or recovered in it. The directory
 * is replaced by a fresh one every `epochCycles` cycles, so long campaigns keep cycles
 * short, and after a failed cycle (the failed one is kept for a post-mortem).
 */
export class Lane {
  readonly mode: SyncMode;
  readonly #epochCycles: number;
  #dir = "";
  #history: History = new Map();
  #cyclesInDir = 0;

  constructor(mode: SyncMode, epochCycles: number) {
    this.mode = mode;
    this.#epochCycles = epochCycles;
  }

  get dir(): string {
    return this.#dir;
  }

  /** Leaves the current directory as it is and starts the next cycle on a fresh one. */
  abandon(): string {
    const kept = this.#dir;
    this.#dir = "";
    return kept;
  }

  remove(): void {
    if (this.#dir !== "") fs.rmSync(this.#dir, { recursive: true, force: true });
    this.#dir = "";
  }

  async cycle(spec: CycleSpec, where: string): Promise<CycleResult> {
    if (this.#dir === "" || this.#cyclesInDir >= this.#epochCycles) {
      this.remove();
      this.#dir = fs.mkdtempSync(path.join(os.tmpdir(), `skein-kill-${this.mode}-`));
      this.#history = new Map();
      this.#cyclesInDir = 0;
    }
    this.#cyclesInDir++;
    const { run, ended } = await runChild(this.#dir, spec);
    const { db, lockFreeMs, openMs } = await openAfterKill(this.#dir, spec.mode);
    try {
      return await this.#check(db, run, await ended, where, { lockFreeMs, openMs });
    } finally {
      await db.close();
    }
  }

  async #check(
    db: Database,
    run: ChildRun,
    outcome: ChildOutcome,
    where: string,
    times: { lockFreeMs: number; openMs: number },
  ): Promise<CycleResult> {
    const v = new Violations();
    const history = this.#history;
    if (times.lockFreeMs >= TAKEOVER_LIMIT_MS) {
      v.add("other", `${where}: lock taken over after ${times.lockFreeMs} ms`);
    }
    // A child dead while opening never said where it would start.
    if (run.next !== -1 && run.next !== history.size) {
      v.add("other", `${where}: the writer started at seq ${run.next}, not ${history.size}`);
    }
    acknowledge(history, run.acks);
    db.read((view) => checkRecovered(view, history, where, v));
    const state = db.read(recoverWriterState);
    const mine = await db.write((tx) => writeSeq(tx, state, "parent"));
    acknowledge(history, [mine]);
    const report = db.status().recovery!;
    return {
      ...outcome,
      acks: run.acks.length,
      ...times,
      replayedTransactions: report.replayedTransactions,
      tornTail: report.tornTailCut,
      violations: v,
    };
  }
}

/** Throws when a cycle found any violation, with the first messages. */
export function assertNoViolations(v: Violations, where: string): void {
  if (v.total === 0) return;
  throw new Error(`${where}: ${v.total} violations:\n  ${v.messages.join("\n  ")}`);
}

/** A cycle of the plain kill campaign: a seeded random SIGKILL, no crash point. */
export function randomKillSpec(mode: SyncMode, random: () => number): CycleSpec {
  const childArgs = [String(Math.floor(random() * 2 ** 32))];
  if (random() < 0.5) childArgs.push(...CHECKPOINTING);
  const killDelayMs = KILL_MIN_MS + random() * (KILL_MAX_MS - KILL_MIN_MS);
  return { mode, childArgs, killDelayMs, crashPoint: null };
}

/**
 * A cycle whose child runs CRASH_POINT_WORKLOAD armed with `crashPoint`; killed after
 * `killDelayMs` if it gets there first, and closing by itself after `writes` writes if
 * given (0: no budget).
 */
export function crashPointSpec(
  mode: SyncMode,
  random: () => number,
  crashPoint: string,
  killDelayMs: number | null,
  writes = 0,
): CycleSpec {
  const childArgs = [String(Math.floor(random() * 2 ** 32)), ...CRASH_POINT_WORKLOAD];
  if (writes > 0) childArgs.push(`writes=${writes}`);
  return { mode, childArgs, killDelayMs, crashPoint };
}
