// Recovery after a writer process is killed with SIGKILL, in each sync mode. A killed
// process is not a power loss: whatever a write's promise acknowledged is in the OS page
// cache, so in every mode (perCommit, group, none) everything acknowledged must survive
// (README, "Sync modes").
//
// One kill cycle, on one directory per mode that lives across cycles:
//   1. start test/fixtures/db-writer.js (compiled beside this file) on the directory; it
//      opens the Database, says which seq it writes first, and writes transactions
//      (several in flight), reporting each acknowledged seq and its ids over IPC;
//   2. SIGKILL it a seeded random 20–200 ms after its first acknowledgement;
//   3. open the directory here at once, retrying while the lock looks live: the dead
//      writer's lock must be taken over within a second of the kill. Then check: every
//      acknowledged seq is there with the ids it was acknowledged with; every seq ever
//      recovered is still there with the same ids; the seqs are 0..max without a gap;
//      no transaction is partial (node groups, NEXT relationships and the Counter agree
//      seq by seq); ids are unique;
//   4. write once here (the same shape of write, next seq), close; the next child must
//      start right after that write.
// Half the children also checkpoint often on small segments, so kills land in
// checkpoints, snapshot writes, rotations and truncations too.
//
// 200 cycles in all by default, the three modes side by side. SKEIN_KILL_CYCLES=N runs N
// instead, SKEIN_KILL_SEED=S another seed; a directory is replaced by a fresh one every
// EPOCH_CYCLES cycles so that long campaigns keep cycles short.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test, type TestContext } from "node:test";
import { fileURLToPath } from "node:url";
import {
  SkeinError,
  openDatabase,
  type Database,
  type GraphView,
  type Node,
  type SyncMode,
} from "../src/index.js";
import {
  COUNTER_LABEL,
  NEXT_TYPE,
  SEQ_LABEL,
  countsUp,
  linksBack,
  recoverWriterState,
  seededRandom,
  widthOf,
  writeSeq,
  type SeqWrite,
  type WriterMessage,
} from "./fixtures/db-writer.js";

const WRITER = fileURLToPath(new URL("./fixtures/db-writer.js", import.meta.url));
const MODES: readonly SyncMode[] = ["perCommit", "group", "none"];
const TOTAL_CYCLES = Number(process.env["SKEIN_KILL_CYCLES"] ?? 200);
const SEED = Number(process.env["SKEIN_KILL_SEED"] ?? 20_240_229);
const EPOCH_CYCLES = 100;
const KILL_MIN_MS = 20;
const KILL_MAX_MS = 200;
const TAKEOVER_LIMIT_MS = 1000;
const CHILD_TIMEOUT_MS = 10_000;
/** The options of the children that checkpoint often: [snapshotEveryCommits, segmentTargetBytes]. */
const CHECKPOINTING = ["16", "4096"];

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** What one cycle's child did, as the parent saw it. */
interface ChildRun {
  next: number;
  acks: SeqWrite[];
}

/**
 * Runs one child on `dir` and kills it `killDelayMs` after its first acknowledgement.
 * Resolves once the kill was sent; `done` resolves when every message has arrived.
 */
function runChild(
  dir: string,
  args: string[],
  killDelayMs: number,
): Promise<{ run: ChildRun; done: Promise<void> }> {
  const child = spawn(process.execPath, [WRITER, dir, ...args], {
    stdio: ["ignore", "ignore", "pipe", "ipc"],
  });
  const run: ChildRun = { next: -1, acks: [] };
  let stderr = "";
  child.stderr!.setEncoding("utf8").on("data", (s: string) => (stderr += s));
  let killed = false;
  const done = new Promise<void>((resolve, reject) => {
    child.once("close", (code, signal) => {
      if (killed && signal === "SIGKILL") resolve();
      else reject(new Error(`writer ended by itself (${code ?? signal}): ${stderr}`));
    });
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`writer acknowledged nothing within ${CHILD_TIMEOUT_MS} ms: ${stderr}`));
    }, CHILD_TIMEOUT_MS);
    done.catch((err: Error) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on("message", (m: WriterMessage) => {
      if (m.kind === "ready") {
        run.next = m.next;
        return;
      }
      run.acks.push({ seq: m.seq, nodes: m.nodes, rels: m.rels });
      if (run.acks.length > 1) return;
      clearTimeout(timer);
      setTimeout(() => {
        killed = true;
        child.kill("SIGKILL");
        resolve({ run, done });
      }, killDelayMs);
    });
  });
}

/**
 * Opens `dir`, retrying while the killed writer's lock still looks live, for at most
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

const idsText = (w: { nodes: number[]; rels: number[] }): string =>
  `nodes ${w.nodes.join(",")} rels ${w.rels.join(",")}`;

/** Every seq recovered or acknowledged so far, with its ids, for one directory. */
type History = Map<number, string>;

/** The recovered graph, checked; returns each seq's ids as the graph has them. */
function checkGraph(view: GraphView, where: string): Map<number, SeqWrite> {
  const groups = new Map<number, Node[]>();
  const counters: Node[] = [];
  const nodeIds = new Set<number>();
  for (const n of view.nodes()) {
    assert.ok(!nodeIds.has(n.id), `${where}: node id ${n.id} twice`);
    nodeIds.add(n.id);
    if (n.labels.includes(COUNTER_LABEL)) {
      counters.push(n);
      continue;
    }
    assert.deepEqual(n.labels, [SEQ_LABEL], `${where}: node ${n.id} labels`);
    const seq = n.properties["seq"] as number;
    groups.set(seq, [...(groups.get(seq) ?? []), n]);
  }
  assert.equal(nodeIds.size, view.nodeCount, `${where}: nodeCount`);
  const max = groups.size - 1;
  for (let seq = 0; seq <= max; seq++) assert.ok(groups.has(seq), `${where}: seq ${seq} missing`);

  const written = new Map<number, SeqWrite>();
  for (const [seq, group] of groups) {
    const width = widthOf(seq);
    const parts = group.map((n) => n.properties["part"]).sort();
    assert.deepEqual(parts, [...Array(width).keys()], `${where}: seq ${seq} is partial`);
    group.sort((a, b) => (a.properties["part"] as number) - (b.properties["part"] as number));
    for (const n of group) assert.equal(n.properties["width"], width, `${where}: seq ${seq}`);
    const countAfter = countsUp(seq) ? seq / 3 + 1 : undefined;
    assert.equal(group[0]!.properties["countAfter"], countAfter, `${where}: seq ${seq} counter`);
    written.set(seq, { seq, nodes: group.map((n) => n.id), rels: [] });
  }
  checkRelationships(view, written, where);

  if (max < 0) return written;
  assert.equal(counters.length, 1, `${where}: Counter nodes`);
  const counter = counters[0]!.properties;
  assert.equal(counter["count"], Math.floor(max / 3) + 1, `${where}: Counter count, max ${max}`);
  assert.equal(counter["lastSeq"], max - (max % 3), `${where}: Counter lastSeq, max ${max}`);
  return written;
}

/** One NEXT per odd seq, from its part 0 to part 0 of the seq before; nothing else. */
function checkRelationships(view: GraphView, written: Map<number, SeqWrite>, where: string) {
  const relIds = new Set<number>();
  for (const r of view.relationships()) {
    assert.ok(!relIds.has(r.id), `${where}: relationship id ${r.id} twice`);
    relIds.add(r.id);
    assert.equal(r.type, NEXT_TYPE);
    const seq = r.properties["seq"] as number;
    const w = written.get(seq);
    assert.ok(w !== undefined && linksBack(seq), `${where}: relationship ${r.id} seq ${seq}`);
    assert.equal(r.src, w.nodes[0], `${where}: relationship ${r.id} src`);
    assert.equal(r.dst, written.get(seq - 1)?.nodes[0], `${where}: relationship ${r.id} dst`);
    w.rels.push(r.id);
  }
  assert.equal(relIds.size, view.relationshipCount, `${where}: relationshipCount`);
  for (const w of written.values()) {
    assert.equal(w.rels.length, linksBack(w.seq) ? 1 : 0, `${where}: seq ${w.seq} links`);
  }
}

interface CycleResult {
  acks: number;
  lockFreeMs: number;
  openMs: number;
  replayedTransactions: number;
  tornTail: boolean;
}

async function runCycle(
  dir: string,
  mode: SyncMode,
  random: () => number,
  history: History,
  where: string,
): Promise<CycleResult> {
  const args = [mode, String(Math.floor(random() * 2 ** 32))];
  if (random() < 0.5) args.push(...CHECKPOINTING);
  const killDelayMs = KILL_MIN_MS + random() * (KILL_MAX_MS - KILL_MIN_MS);
  const { run, done } = await runChild(dir, args, killDelayMs);
  const { db, lockFreeMs, openMs } = await openAfterKill(dir, mode);
  try {
    assert.ok(lockFreeMs < TAKEOVER_LIMIT_MS, `${where}: lock taken over after ${lockFreeMs} ms`);
    await done;
    assert.equal(run.next, history.size, `${where}: the writer did not start after the last seq`);
    for (const a of run.acks) history.set(a.seq, idsText(a));
    const written = db.read((view) => checkGraph(view, where));
    for (const [seq, ids] of history) {
      const now = written.get(seq);
      assert.ok(now !== undefined, `${where}: seq ${seq} was acknowledged or recovered, now lost`);
      assert.equal(idsText(now), ids, `${where}: seq ${seq} changed ids`);
    }
    for (const [seq, w] of written) history.set(seq, idsText(w));
    const state = db.read(recoverWriterState);
    const mine = await db.write((tx) => writeSeq(tx, state, "parent"));
    history.set(mine.seq, idsText(mine));
    const report = db.status().recovery!;
    return {
      acks: run.acks.length,
      lockFreeMs,
      openMs,
      replayedTransactions: report.replayedTransactions,
      tornTail: report.tornTailCut,
    };
  } finally {
    await db.close();
  }
}

async function campaign(t: TestContext, mode: SyncMode, cycles: number, seed: number) {
  const random = seededRandom(seed);
  const totals = { cycles: 0, acks: 0, replayed: 0, tornTails: 0, maxLockFreeMs: 0, maxOpenMs: 0 };
  let dir = "";
  let history: History = new Map();
  let failed = true;
  try {
    for (let cycle = 0; cycle < cycles; cycle++) {
      if (cycle % EPOCH_CYCLES === 0) {
        if (dir !== "") fs.rmSync(dir, { recursive: true, force: true });
        dir = fs.mkdtempSync(path.join(os.tmpdir(), `skein-kill-${mode}-`));
        history = new Map();
      }
      const r = await runCycle(dir, mode, random, history, `${mode} cycle ${cycle}`);
      totals.cycles++;
      totals.acks += r.acks;
      totals.replayed += r.replayedTransactions;
      totals.tornTails += r.tornTail ? 1 : 0;
      totals.maxLockFreeMs = Math.max(totals.maxLockFreeMs, r.lockFreeMs);
      totals.maxOpenMs = Math.max(totals.maxOpenMs, r.openMs);
    }
    failed = false;
  } finally {
    t.diagnostic(
      `${mode}: ${totals.cycles} kill cycles, ${totals.acks} acknowledged writes checked, ` +
        `${totals.replayed} transactions replayed, ${totals.tornTails} torn tails cut, ` +
        `lock free at most ${totals.maxLockFreeMs.toFixed(1)} ms and open (recovery included) ` +
        `at most ${totals.maxOpenMs.toFixed(1)} ms after the kill`,
    );
    // A failed campaign keeps its directory for a post-mortem.
    if (failed) t.diagnostic(`${mode}: directory kept at ${dir}`);
    else if (dir !== "") fs.rmSync(dir, { recursive: true, force: true });
  }
  return totals;
}

void test(
  "a writer killed with SIGKILL loses nothing it acknowledged, in every sync mode",
  { concurrency: true, timeout: 120_000 + TOTAL_CYCLES * 3_000 },
  async (t) => {
    assert.ok(Number.isSafeInteger(TOTAL_CYCLES) && TOTAL_CYCLES > 0, "SKEIN_KILL_CYCLES");
    const started = performance.now();
    const results = await Promise.all(
      MODES.map((mode, i) => {
        const cycles = Math.ceil((TOTAL_CYCLES - i) / MODES.length);
        let totals: Awaited<ReturnType<typeof campaign>> | undefined;
        const sub = t.test(mode, async (st) => {
          totals = await campaign(st, mode, cycles, SEED + i);
        });
        return sub.then(() => totals);
      }),
    );
    const cycles = results.reduce((sum, r) => sum + (r?.cycles ?? 0), 0);
    const acks = results.reduce((sum, r) => sum + (r?.acks ?? 0), 0);
    t.diagnostic(
      `seed ${SEED}: ${cycles} kill cycles, ${acks} acknowledged writes checked, ` +
        `${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    assert.equal(cycles, TOTAL_CYCLES);
  },
);
