// The exclusive lock on a write-ahead-log directory: one live handle per directory, in this
// process and across processes. This file owns the lock file `.lora-wal.lock` (the name is
// shared with LoraDB, the mechanism is our own): creating it with an owner record, judging an
// existing one live or stale, taking a stale one over, and removing our own on release.
// It does not decide when the log opens or closes, and it does no durability work: a lock
// is about which processes are alive now, so nothing here is fsynced, and a machine crash
// leaves at worst an empty record, which reads as stale. Node has no flock(2), so liveness
// is judged from the record (pid, process start time, host) instead of being held by the
// kernel; docs/locking.md explains the choice, the takeover protocol and the limits.
//
// Lock record, one line of UTF-8 JSON, written whole before it becomes visible:
//   {"lock":"skein-wal/1","pid":1234,"startTicks":"31449","host":"box","token":"<32 hex>"}\n
//   pid        — the owner's process id (positive integer)
//   startTicks — field 22 of /proc/<pid>/stat, the owner's start time in clock ticks since
//                boot, as decimal text; null where /proc does not exist
//   host       — os.hostname() of the owner; a pid means nothing on another host
//   token      — random, tells this acquisition apart from any other by the same pid
// Empty or unparsable content (LoraDB leaves an empty file behind) means "no owner".
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { SkeinError } from "../internal/errors.js";
import type { DirLockHandle } from "../internal/fs.js";

/** The lock file's name inside the WAL directory (shared with LoraDB). */
export const LOCK_FILE_NAME = ".lora-wal.lock";

const RECORD_TAG = "skein-wal/1";
/** At most one takeover at a time may remove a stale lock file; see withTakeoverGuard. */
const GUARD_FILE_NAME = `${LOCK_FILE_NAME}.takeover`;
/** Each attempt either wins, meets a live owner, or clears one stale file; racers are few. */
const MAX_ATTEMPTS = 20;
/** A live guard is held for microseconds; wait this long before looking again. */
const GUARD_WAIT_MS = 2;
/** A record is a few dozen bytes; anything longer is not ours and reads as unparsable. */
const MAX_RECORD_BYTES = 4096;

interface OwnerRecord {
  pid: number;
  startTicks: string | null;
  host: string;
  token: string;
}

/** What was found at a path: its identity (to remove exactly that file later) and record. */
interface SeenFile {
  dev: bigint;
  ino: bigint;
  record: OwnerRecord | null;
}

/** Directories (by realpath) locked by this module instance, mapped to their token. */
const heldDirs = new Map<string, string>();
/**
 * Tokens of ours whose record a failed release left on disk. A record with our own pid is
 * otherwise live: it may belong to a worker thread, which has its own copy of this module.
 */
const abandonedTokens = new Set<string>();

/** Take the exclusive lock on `dir`, or throw SkeinError("WAL_ALREADY_OPEN"). */
export function acquireDirLock(dir: string): DirLockHandle {
  const realDir = wrap("realpath", dir, () => fs.realpathSync(dir));
  if (heldDirs.has(realDir)) {
    throw alreadyOpen(realDir, `in this process (pid ${process.pid})`);
  }
  const self: OwnerRecord = {
    pid: process.pid,
    startTicks: ownStartTicks(),
    host: os.hostname(),
    token: randomBytes(16).toString("hex"),
  };
  const lockPath = path.join(realDir, LOCK_FILE_NAME);
  // The record is written whole under a private name and then hard-linked into place: link
  // fails with EEXIST atomically, and nobody can ever read a half-written record.
  const tmpPath = `${lockPath}.${self.token}.tmp`;
  wrap("write", tmpPath, () => fs.writeFileSync(tmpPath, encodeRecord(self), { flag: "wx" }));
  try {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      if (tryLink(tmpPath, lockPath)) {
        heldDirs.set(realDir, self.token);
        return new WalDirLock(realDir, lockPath, self.token);
      }
      const seen = inspect(lockPath);
      if (seen === null) continue; // released between our link and our look
      judgeStale(realDir, lockPath, seen, self.host);
      withTakeoverGuard(realDir, tmpPath, self, () => {
        // Under the guard nobody else removes the lock file, so if it is still the file we
        // judged stale, it stays so until we remove it ourselves.
        const now = statOrNull(lockPath);
        if (now !== null && sameFile(now, seen)) removeIfSame(lockPath, seen, self.token);
      });
    }
  } finally {
    unlinkQuietly(tmpPath);
  }
  throw alreadyOpen(realDir, `(lock contended: gave up after ${MAX_ATTEMPTS} attempts)`);
}

class WalDirLock implements DirLockHandle {
  readonly #dir: string;
  readonly #lockPath: string;
  readonly #token: string;
  #released = false;

  constructor(dir: string, lockPath: string, token: string) {
    this.#dir = dir;
    this.#lockPath = lockPath;
    this.#token = token;
  }

  release(): void {
    if (this.#released) return;
    this.#released = true;
    if (heldDirs.get(this.#dir) === this.#token) heldDirs.delete(this.#dir);
    try {
      removeOwnRecord(this.#lockPath, this.#token);
    } catch (err) {
      // The record stays behind with our live pid; remember it is dead so that this
      // process can open the directory again. Other processes wait for our exit.
      abandonedTokens.add(this.#token);
      throw err;
    }
  }
}

/**
 * Unlink rather than truncate: an absent file is unambiguous, and the next opener takes
 * the one-call path (link) instead of the takeover. The exception is a file some process
 * holds a flock on (a LoraDB that opened the directory while we held it): unlinking would
 * let a second LoraDB lock a fresh inode, so we only empty it, as LoraDB itself would.
 */
function removeOwnRecord(lockPath: string, token: string): void {
  const seen = inspect(lockPath);
  if (seen === null || seen.record?.token !== token) return; // nothing of ours to remove
  if (flockHolderPid(seen) !== null) {
    wrap("truncate", lockPath, () => fs.truncateSync(lockPath, 0));
    return;
  }
  removeIfSame(lockPath, seen, token);
}

/** Return if `seen` is stale (may be taken over); throw WAL_ALREADY_OPEN if it is live. */
function judgeStale(dir: string, lockPath: string, seen: SeenFile, ownHost: string): void {
  const record = seen.record;
  if (record !== null && record.host !== ownHost) {
    throw alreadyOpen(
      dir,
      `by pid ${record.pid} on host ${record.host}, whose liveness cannot be checked from ` +
        `host ${ownHost}: if no process there has it open, delete ${lockPath}`,
    );
  }
  if (record !== null && isOwnerAlive(record)) throw alreadyOpen(dir, `by pid ${record.pid}`);
  const flockPid = flockHolderPid(seen);
  if (flockPid !== null) {
    const holder = flockPid > 0 ? `pid ${flockPid}` : "a process";
    throw alreadyOpen(dir, `by ${holder} holding a flock on ${lockPath} (LoraDB)`);
  }
}

/**
 * Run `takeOver` while holding the takeover guard, a second lock file whose record is ours.
 * Without it two processes that both judged the same file stale could interleave so that
 * one removes the file the other has just created. The guard is held for a few system
 * calls; a guard whose owner died is cleared like a stale lock file. Returns without
 * running `takeOver` when the guard is busy: the caller's next attempt looks again.
 */
function withTakeoverGuard(
  dir: string,
  tmpPath: string,
  self: OwnerRecord,
  takeOver: () => void,
): void {
  const guardPath = path.join(dir, GUARD_FILE_NAME);
  if (tryLink(tmpPath, guardPath)) {
    try {
      takeOver();
    } finally {
      wrap("unlink", guardPath, () => fs.unlinkSync(guardPath));
    }
    return;
  }
  const guard = inspect(guardPath);
  if (guard === null) return;
  const guardLive =
    guard.record !== null && (guard.record.host !== self.host || isOwnerAlive(guard.record));
  if (guardLive) sleepMs(GUARD_WAIT_MS);
  else removeIfSame(guardPath, guard, self.token);
}

/**
 * Remove the file at `filePath` only if it is still the one `seen` describes. Renaming
 * claims the name atomically; if what we claimed is another file (someone replaced the
 * stale one after we looked), it goes back. Put-back fails only if yet another process
 * created the name in between, which needs three racers on one stale file under a guard
 * that failed; the displaced file is then lost and its owner is not told.
 */
function removeIfSame(filePath: string, seen: SeenFile, token: string): void {
  const asidePath = `${filePath}.${token}.aside`;
  try {
    fs.renameSync(filePath, asidePath);
  } catch (err) {
    if (errnoOf(err) === "ENOENT") return;
    throw ioError("rename", filePath, err);
  }
  try {
    const claimed = wrap("stat", asidePath, () => fs.statSync(asidePath, { bigint: true }));
    if (!sameFile(claimed, seen)) tryLink(asidePath, filePath);
  } finally {
    unlinkQuietly(asidePath);
  }
}

/** Whether the recorded owner still runs: pid exists, is no zombie, started when recorded. */
function isOwnerAlive(record: OwnerRecord): boolean {
  if (!pidExists(record.pid)) return false;
  const stat = readProcStat(record.pid);
  if (stat === "absent") {
    // No /proc (not Linux), or /proc hides other users' processes (hidepid): the pid
    // exists and nothing more can be learnt, so it counts as the owner. A pid reused after
    // the owner died then keeps the directory locked until that process exits too.
    // The owner may also just have died; the second look settles that.
    return pidExists(record.pid);
  }
  // A killed process stays a zombie until its parent reaps it; it holds nothing.
  if (stat.state === "Z" || stat.state === "X" || stat.state === "x") return false;
  // Same pid, other start time: the owner died and the pid was reused.
  if (record.startTicks !== null && stat.startTicks !== record.startTicks) return false;
  if (record.pid === process.pid && abandonedTokens.has(record.token)) return false;
  return true;
}

function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to another user.
    return errnoOf(err) !== "ESRCH";
  }
}

let cachedStartTicks: string | null | undefined;

function ownStartTicks(): string | null {
  if (cachedStartTicks === undefined) {
    const stat = readProcStat(process.pid);
    cachedStartTicks = stat === "absent" ? null : stat.startTicks;
  }
  return cachedStartTicks;
}

/** State (field 3) and start time (field 22) from /proc/<pid>/stat, or "absent". */
function readProcStat(pid: number): { state: string; startTicks: string } | "absent" {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return "absent";
  }
  // Field 2 is the command name in parentheses and may itself hold spaces and ")".
  const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
  const state = fields[0];
  const startTicks = fields[22 - 3];
  if (state === undefined || startTicks === undefined || !/^\d+$/.test(startTicks)) {
    return "absent";
  }
  return { state, startTicks };
}

/**
 * The pid holding a flock, POSIX or OFD lock on the file `seen` (-1 when the kernel does
 * not say, as for OFD locks), or null. Lines of /proc/locks read
 * `1: FLOCK  ADVISORY  WRITE 3739 fe:00:2146390 0 EOF`, device numbers in hex; a `->`
 * after the id marks a waiter, which holds nothing. Without /proc the answer is null.
 */
function flockHolderPid(seen: SeenFile): number | null {
  let text: string;
  try {
    text = fs.readFileSync("/proc/locks", "utf8");
  } catch {
    return null;
  }
  // glibc's encoding of dev_t, which is what stat reports.
  const major = ((seen.dev >> 8n) & 0xfffn) | ((seen.dev >> 32n) & ~0xfffn);
  const minor = (seen.dev & 0xffn) | ((seen.dev >> 12n) & ~0xffn);
  for (const line of text.split("\n")) {
    const tokens = line.trim().split(/\s+/);
    if (tokens[1] === "->") continue;
    const at = tokens.findIndex((t) => /^[0-9a-f]+:[0-9a-f]+:\d+$/i.test(t));
    if (at < 1) continue;
    const [maj = "", min = "", ino = ""] = (tokens[at] ?? "").split(":");
    if (BigInt(`0x${maj}`) === major && BigInt(`0x${min}`) === minor && BigInt(ino) === seen.ino) {
      return Number(tokens[at - 1]);
    }
  }
  return null;
}

/** Identity and record of the file at `filePath`, or null when there is none. */
function inspect(filePath: string): SeenFile | null {
  let fd: number;
  try {
    fd = fs.openSync(filePath, "r");
  } catch (err) {
    if (errnoOf(err) === "ENOENT") return null;
    throw ioError("open", filePath, err);
  }
  try {
    return wrap("read", filePath, () => {
      const st = fs.fstatSync(fd, { bigint: true });
      const buf = Buffer.alloc(MAX_RECORD_BYTES);
      const n = fs.readSync(fd, buf, 0, buf.length, 0);
      return { dev: st.dev, ino: st.ino, record: decodeRecord(buf.toString("utf8", 0, n)) };
    });
  } finally {
    fs.closeSync(fd);
  }
}

function encodeRecord(r: OwnerRecord): string {
  const { pid, startTicks, host, token } = r;
  return `${JSON.stringify({ lock: RECORD_TAG, pid, startTicks, host, token })}\n`;
}

/** The record in `text`, or null when it is empty or not a record we wrote. */
function decodeRecord(text: string): OwnerRecord | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null) return null;
  const v = value as Record<string, unknown>;
  const { pid, startTicks, host, token } = v;
  // A pid of 0 or below would make kill(pid, 0) address a whole process group.
  const ok =
    v["lock"] === RECORD_TAG &&
    typeof pid === "number" &&
    Number.isSafeInteger(pid) &&
    pid > 0 &&
    (startTicks === null || (typeof startTicks === "string" && /^\d+$/.test(startTicks))) &&
    typeof host === "string" &&
    typeof token === "string";
  return ok ? { pid, startTicks, host, token } : null;
}

/** Hard-link `from` to `to`; false if `to` exists. */
function tryLink(from: string, to: string): boolean {
  try {
    fs.linkSync(from, to);
    return true;
  } catch (err) {
    if (errnoOf(err) === "EEXIST") return false;
    throw ioError("link", to, err);
  }
}

function statOrNull(filePath: string): fs.BigIntStats | null {
  try {
    return fs.statSync(filePath, { bigint: true });
  } catch (err) {
    if (errnoOf(err) === "ENOENT") return null;
    throw ioError("stat", filePath, err);
  }
}

function sameFile(a: { dev: bigint; ino: bigint }, b: { dev: bigint; ino: bigint }): boolean {
  return a.dev === b.dev && a.ino === b.ino;
}

function unlinkQuietly(filePath: string): void {
  try {
    fs.unlinkSync(filePath);
  } catch {
    // Already gone, or a leftover of a few bytes that no reader mistakes for a lock.
  }
}

/** A synchronous pause: opening the log is synchronous, so there is no event loop to yield to. */
function sleepMs(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function alreadyOpen(dir: string, detail: string): SkeinError {
  return new SkeinError("WAL_ALREADY_OPEN", `directory ${dir} is already open ${detail}`);
}

function errnoOf(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | null)?.code;
}

function ioError(op: string, filePath: string, cause: unknown): SkeinError {
  return new SkeinError("IO", `${op} failed for ${filePath}: ${errnoOf(cause) ?? "unknown"}`, {
    cause,
  });
}

function wrap<T>(op: string, filePath: string, fn: () => T): T {
  try {
    return fn();
  } catch (cause) {
    if (cause instanceof SkeinError) throw cause;
    throw ioError(op, filePath, cause);
  }
}
