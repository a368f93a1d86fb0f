// Tests of the WAL directory lock across processes: a live holder excludes us (even with its
// event loop blocked), a SIGKILLed holder frees the directory within a second, a clean
// release frees it at once, racers for a stale lock produce exactly one winner, and a
// running LoraDB (which holds a flock on the same file) excludes us. The holder is
// test/fixtures/lock-holder.ts, compiled beside this file.
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createInterface } from "node:readline";
import { afterEach, beforeEach, test } from "node:test";
import { fileURLToPath } from "node:url";
import { openWalDatabase } from "@loradb/lora-node";
import { isSkeinError } from "../src/internal/errors.js";
import { LOCK_FILE_NAME, acquireDirLock } from "../src/wal/lock.js";

const HOLDER = fileURLToPath(new URL("./fixtures/lock-holder.js", import.meta.url));
const LINE_TIMEOUT_MS = 10_000;

let dir = "";
const children: ChildProcess[] = [];

beforeEach(() => {
  dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "skein-lock-proc-")));
});

afterEach(() => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

interface Holder {
  child: ChildProcess;
  pid: number;
  /** Every line printed so far, in order. */
  lines: string[];
  /** Resolves with the first line (past or future) that starts with `prefix`. */
  line(prefix: string): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function spawnHolder(...args: string[]): Holder {
  const child = spawn(process.execPath, [HOLDER, dir, ...args], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(child);
  assert.ok(child.pid !== undefined && child.stdout !== null);
  const lines: string[] = [];
  const waiters: { prefix: string; resolve: (l: string) => void }[] = [];
  createInterface({ input: child.stdout }).on("line", (l) => {
    lines.push(l);
    for (const w of waiters.filter((x) => l.startsWith(x.prefix))) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(l);
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const line = (prefix: string): Promise<string> => {
    const seen = lines.find((l) => l.startsWith(prefix));
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      waiters.push({ prefix, resolve });
      const timer = setTimeout(
        () => reject(new Error(`holder ${child.pid} never printed "${prefix}"`)),
        LINE_TIMEOUT_MS,
      );
      timer.unref();
      void exited.then(({ code, signal }) => {
        if (!lines.some((l) => l.startsWith(prefix))) {
          reject(new Error(`holder exited (${code ?? signal}) before printing "${prefix}"`));
        }
      });
    });
  };
  return { child, pid: child.pid, lines, line, exited };
}

function assertAlreadyOpenBy(pid: number): void {
  assert.throws(
    () => acquireDirLock(dir),
    (err: unknown) =>
      isSkeinError(err, "WAL_ALREADY_OPEN") &&
      err.message === `directory ${dir} is already open by pid ${pid}`,
  );
}

/** Field 3 of /proc/<pid>/stat: R, S, Z (zombie), ... */
function procState(pid: number): string | undefined {
  const text = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  return text.slice(text.lastIndexOf(")") + 2).split(" ")[0];
}

/** Acquire, retrying on WAL_ALREADY_OPEN for up to `limitMs`; returns the time it took. */
async function acquireWithin(limitMs: number): Promise<number> {
  const start = performance.now();
  for (;;) {
    try {
      acquireDirLock(dir).release();
      return performance.now() - start;
    } catch (err) {
      if (!isSkeinError(err, "WAL_ALREADY_OPEN") || performance.now() - start > limitMs) throw err;
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

void test("a live holder excludes us; after SIGKILL we acquire within one second", async () => {
  const holder = spawnHolder("hold");
  await holder.line("locked");
  assertAlreadyOpenBy(holder.pid);
  // Still excluded a while later: nothing in the lock ages out.
  await new Promise((resolve) => setTimeout(resolve, 300));
  assertAlreadyOpenBy(holder.pid);
  holder.child.kill("SIGKILL");
  const tookMs = await acquireWithin(1000);
  assert.ok(tookMs < 1000, `took ${tookMs} ms`);
  assert.equal((await holder.exited).signal, "SIGKILL");
});

void test("a SIGKILLed holder that is still an unreaped zombie no longer excludes us", async () => {
  const holder = spawnHolder("hold");
  await holder.line("locked");
  holder.child.kill("SIGKILL");
  // Node reaps children from the event loop, so until this test yields the killed holder
  // stays a zombie, still owning its pid and start time.
  const deadline = performance.now() + 1000;
  while (procState(holder.pid) !== "Z") {
    assert.ok(performance.now() < deadline, "the holder did not die within a second");
  }
  acquireDirLock(dir).release();
  assert.equal(procState(holder.pid), "Z", "the holder was a zombie throughout");
  assert.equal((await holder.exited).signal, "SIGKILL");
});

void test("a holder whose event loop is blocked still excludes us", async () => {
  const holder = spawnHolder("busy");
  await holder.line("locked");
  // Try repeatedly through most of the holder's 3 s busy loop.
  const until = performance.now() + 2000;
  let tries = 0;
  while (performance.now() < until) {
    assertAlreadyOpenBy(holder.pid);
    tries++;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.ok(tries > 10);
  assert.ok(!holder.lines.includes("idle"), "the holder was blocked throughout");
  holder.child.kill("SIGKILL");
  await acquireWithin(1000);
});

void test("a holder that releases and exits cleanly frees the directory at once", async () => {
  const holder = spawnHolder("release");
  await holder.line("released");
  assert.deepEqual(await holder.exited, { code: 0, signal: null });
  assert.equal(fs.existsSync(path.join(dir, LOCK_FILE_NAME)), false);
  acquireDirLock(dir).release();
});

void test("racers for a stale lock file produce exactly one winner", async () => {
  const racers = 6;
  for (let round = 0; round < 3; round++) {
    fs.writeFileSync(path.join(dir, LOCK_FILE_NAME), ""); // stale: every racer must take over
    const startAtMs = Date.now() + 700;
    const holders = Array.from({ length: racers }, () => spawnHolder("race", String(startAtMs)));
    const results = await Promise.all(
      holders.map((h) => Promise.race([h.line("won"), h.line("lost")])),
    );
    const winners = holders.filter((_, i) => results[i] === "won");
    assert.equal(winners.length, 1, `round ${round}: ${results.join(", ")}`);
    assert.deepEqual(
      results.filter((r) => r !== "won"),
      Array<string>(racers - 1).fill("lost WAL_ALREADY_OPEN"),
    );
    const winner = winners[0];
    assert.ok(winner !== undefined);
    assertAlreadyOpenBy(winner.pid);
    winner.child.kill("SIGKILL");
    await Promise.all(holders.map((h) => h.exited));
    assert.deepEqual(
      fs.readdirSync(dir).filter((f) => f !== LOCK_FILE_NAME),
      [],
      "no temp, aside or guard file is left behind",
    );
  }
});

void test("a running LoraDB on the directory excludes us; after it closes we take over", async () => {
  const lora = await openWalDatabase({ walDir: dir });
  try {
    assert.equal(fs.statSync(path.join(dir, LOCK_FILE_NAME)).size, 0);
    assert.throws(
      () => acquireDirLock(dir),
      (err: unknown) =>
        isSkeinError(err, "WAL_ALREADY_OPEN") &&
        err.message.includes(`pid ${process.pid} holding a flock on ${dir}/${LOCK_FILE_NAME}`),
    );
  } finally {
    lora.dispose();
  }
  const lock = acquireDirLock(dir);
  assert.match(fs.readFileSync(path.join(dir, LOCK_FILE_NAME), "utf8"), /"lock":"skein-wal\/1"/);
  lock.release();
});
