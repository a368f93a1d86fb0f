// Tests of the WAL directory lock within one process: the in-process map, release, the
// on-disk record format, and the judgement of leftover lock files (LoraDB's empty file,
// dead owners, reused pids, other hosts, worker threads). Cross-process behaviour, kills
// and races are in test/lock-process.test.ts.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterEach, beforeEach, test } from "node:test";
import { Worker } from "node:worker_threads";
import { isSkeinError } from "../internal/errors.js";
import { LOCK_FILE_NAME, acquireDirLock } from "./lock.js";

let dir = "";
let lockPath = "";

beforeEach(() => {
  dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "skein-lock-")));
  lockPath = path.join(dir, LOCK_FILE_NAME);
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function assertAlreadyOpen(fn: () => unknown, messagePart: string): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(
      isSkeinError(err, "WAL_ALREADY_OPEN"),
      `expected WAL_ALREADY_OPEN, got ${String(err)}`,
    );
    assert.ok(err.message.includes(messagePart), `"${err.message}" lacks "${messagePart}"`);
    return true;
  });
}

function startTicksOf(pid: number): string {
  const text = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const ticks = text.slice(text.lastIndexOf(")") + 2).split(" ")[19];
  assert.ok(ticks !== undefined);
  return ticks;
}

function writeRecord(fields: { pid: number; startTicks: string | null; host?: string }): void {
  const record = {
    lock: "skein-wal/1",
    pid: fields.pid,
    startTicks: fields.startTicks,
    host: fields.host ?? os.hostname(),
    token: "0123456789abcdef0123456789abcdef",
  };
  fs.writeFileSync(lockPath, `${JSON.stringify(record)}\n`);
}

/** A pid that no process has: one that just ran and was reaped. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", ""]);
  assert.equal(child.status, 0);
  return child.pid;
}

void test("a second acquire in the same process throws WAL_ALREADY_OPEN", () => {
  const lock = acquireDirLock(dir);
  try {
    assertAlreadyOpen(
      () => acquireDirLock(dir),
      `directory ${dir} is already open in this process`,
    );
    // Another spelling of the same directory is the same directory.
    const alias = `${dir}-alias`;
    fs.symlinkSync(dir, alias);
    try {
      assertAlreadyOpen(() => acquireDirLock(alias), `pid ${process.pid}`);
    } finally {
      fs.unlinkSync(alias);
    }
  } finally {
    lock.release();
  }
});

void test("the lock file holds this process's record while held and is removed on release", () => {
  const lock = acquireDirLock(dir);
  const record = JSON.parse(fs.readFileSync(lockPath, "utf8")) as Record<string, unknown>;
  assert.equal(record["lock"], "skein-wal/1");
  assert.equal(record["pid"], process.pid);
  assert.equal(record["startTicks"], startTicksOf(process.pid));
  assert.equal(record["host"], os.hostname());
  assert.match(String(record["token"]), /^[0-9a-f]{32}$/);
  lock.release();
  assert.deepEqual(fs.readdirSync(dir), [], "no lock, temp or guard file is left behind");
});

void test("release then acquire works", () => {
  acquireDirLock(dir).release();
  const again = acquireDirLock(dir);
  assert.ok(fs.existsSync(lockPath));
  again.release();
});

void test("release is idempotent and a late second release leaves the next holder alone", () => {
  const first = acquireDirLock(dir);
  first.release();
  first.release();
  const second = acquireDirLock(dir);
  first.release();
  assertAlreadyOpen(() => acquireDirLock(dir), "already open in this process");
  assert.ok(fs.existsSync(lockPath));
  second.release();
  assert.equal(fs.existsSync(lockPath), false);
});

void test("an acquire of a missing directory is an IO error", () => {
  const missing = path.join(dir, "missing");
  assert.throws(
    () => acquireDirLock(missing),
    (err: unknown) =>
      isSkeinError(err, "IO") && err.message === `realpath failed for ${missing}: ENOENT`,
  );
});

void test("an empty lock file (LoraDB's leftover after a clean close) is taken over", () => {
  fs.writeFileSync(lockPath, "");
  const lock = acquireDirLock(dir);
  assert.match(fs.readFileSync(lockPath, "utf8"), /"pid":\d+/);
  lock.release();
});

void test("an unparsable lock file is taken over", () => {
  fs.writeFileSync(lockPath, '{"pid": "not a record"');
  acquireDirLock(dir).release();
  fs.writeFileSync(lockPath, JSON.stringify({ lock: "skein-wal/1", pid: 0, startTicks: null }));
  acquireDirLock(dir).release();
});

void test("a record of a dead pid is taken over", () => {
  writeRecord({ pid: deadPid(), startTicks: "1" });
  const lock = acquireDirLock(dir);
  assert.match(fs.readFileSync(lockPath, "utf8"), new RegExp(`"pid":${process.pid},`));
  lock.release();
});

void test("a record of a live pid with its start time is honoured", () => {
  writeRecord({ pid: process.ppid, startTicks: startTicksOf(process.ppid) });
  assertAlreadyOpen(() => acquireDirLock(dir), `already open by pid ${process.ppid}`);
  assert.match(fs.readFileSync(lockPath, "utf8"), new RegExp(`"pid":${process.ppid},`));
});

void test("a record whose pid is alive but started at another time (pid reused) is taken over", () => {
  const ticks = startTicksOf(process.ppid);
  writeRecord({ pid: process.ppid, startTicks: ticks === "1" ? "2" : "1" });
  acquireDirLock(dir).release();
});

void test("a record from another host is refused with how to clear it", () => {
  writeRecord({ pid: deadPid(), startTicks: "1", host: "elsewhere.invalid" });
  assertAlreadyOpen(() => acquireDirLock(dir), `on host elsewhere.invalid`);
  assertAlreadyOpen(() => acquireDirLock(dir), `delete ${lockPath}`);
  fs.unlinkSync(lockPath);
  acquireDirLock(dir).release();
});

void test("a record of this process that this module does not hold (a worker thread's) is live", () => {
  writeRecord({ pid: process.pid, startTicks: startTicksOf(process.pid) });
  assertAlreadyOpen(() => acquireDirLock(dir), `already open by pid ${process.pid}`);
});

void test("a lock held by a worker thread of this process excludes the main thread", async () => {
  const lockUrl = new URL("./lock.js", import.meta.url).href;
  const source = `
    const { parentPort, workerData } = require("node:worker_threads");
    import(workerData.lockUrl).then(({ acquireDirLock }) => {
      const lock = acquireDirLock(workerData.dir);
      parentPort.postMessage("locked");
      parentPort.once("message", () => { lock.release(); parentPort.postMessage("released"); });
    });`;
  const worker = new Worker(source, { eval: true, workerData: { lockUrl, dir } });
  const next = (): Promise<unknown> =>
    new Promise((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
    });
  try {
    assert.equal(await next(), "locked");
    assertAlreadyOpen(() => acquireDirLock(dir), `already open by pid ${process.pid}`);
    const released = next();
    worker.postMessage("release");
    assert.equal(await released, "released");
    acquireDirLock(dir).release();
  } finally {
    await worker.terminate();
  }
});

void test("a stale takeover guard left by a dead taker does not block the takeover", () => {
  fs.writeFileSync(lockPath, "");
  const guard = {
    lock: "skein-wal/1",
    pid: deadPid(),
    startTicks: "1",
    host: os.hostname(),
    token: "fedcba9876543210fedcba9876543210",
  };
  fs.writeFileSync(`${lockPath}.takeover`, `${JSON.stringify(guard)}\n`);
  const lock = acquireDirLock(dir);
  assert.deepEqual(fs.readdirSync(dir), [LOCK_FILE_NAME]);
  lock.release();
});
