// Repair of a damaged WAL directory: cut the log at its first damaged record (a torn tail,
// a corrupted record, a damaged segment header) so that what remains opens, after saving
// every removed byte in a backup file. It holds the directory lock while it works, so it
// refuses a log that is open anywhere. It never cuts intact records that describe an
// impossible log (malformed, unsupported): cutting those would throw good records away
// for no damage, so they are left to a person. The log is judged by verifyWal's scan
// (inspect.ts), so a repaired log verifies clean.
//
// Order of work, each step durable before the next, so that a crash at any point leaves
// the log as a prefix of what it was, never with a hole in the middle:
//   1. write the backup whole, fsync it, fsync its directory;
//   2. delete the segments after the damaged one, newest first, fsyncing the directory
//      after each;
//   3. truncate the damaged segment at the bad record and fsync it, or delete it (and
//      fsync the directory) when its header is what is damaged.
// A crash before step 3 leaves the damage in place: running repair again finishes the job.
//
// Backup file, written whole before the log is touched. Its name never looks like a
// segment's, so inside the WAL directory the segment listing ignores it:
//   [0..H)     header: one line of UTF-8 JSON ending in "\n" (H counts the newline):
//              {"format":"skein-wal-repair-backup/1","walDir":"…","createdAt":"<ISO time>",
//               "problem":{kind,code,segment,offsetBytes,lsn,message},
//               "pieces":[{"segment":"0000000002.wal","action":"truncate",
//                          "fromOffsetBytes":1234,"lengthBytes":567,"originalSizeBytes":1801},
//                         {"segment":"0000000003.wal","action":"delete",…}, …]}
//   [H..H+n1)  the first piece: bytes [fromOffsetBytes..originalSizeBytes) of its segment
//   …          each further piece in the order listed; nothing follows the last
// To undo a repair, write each piece back at its offset, recreating deleted segments.
import { basename, dirname, join } from "node:path";
import type { FileSystem } from "../internal/fs.js";
import { SkeinError } from "../internal/errors.js";
import {
  checkWalDir,
  readOnlyFileSystem,
  verifyWal,
  type WalProblem,
  type WalToolOptions,
} from "./inspect.js";
import { listSegments } from "./segment-dir.js";
import { defaultFileSystem } from "./wal.js";

export const REPAIR_BACKUP_FORMAT = "skein-wal-repair-backup/1";

export interface RepairOptions extends WalToolOptions {
  /**
   * Where to save the removed bytes. Default `<dir>/repair-<UTC time>.bak` (with `-2`, …
   * added when that name is taken), e.g. `repair-20250102T030405678Z.bak`. The file must
   * not exist, and its name must not look like a segment (`*.wal`, `*.wal.tmp`) or the
   * lock file, so that no reader of the directory mistakes it for part of the log.
   */
  readonly backupPath?: string;
}

/** One piece of the log that repair removes. */
export interface RepairCut {
  readonly segmentId: number;
  readonly segmentPath: string;
  /** truncate: the segment keeps `[0..fromOffsetBytes)`; delete: the file goes. */
  readonly action: "truncate" | "delete";
  readonly fromOffsetBytes: number;
  readonly lengthBytes: number;
  readonly originalSizeBytes: number;
}

export interface RepairPlan {
  readonly dir: string;
  /**
   * none: the log verifies clean; cut: its first problem is damage, and `cuts` remove it
   * and everything after it; refuse: its first problem is intact bytes that describe an
   * impossible log, which repair does not cut (`reason` says why).
   */
  readonly action: "none" | "cut" | "refuse";
  readonly problem: WalProblem | null;
  readonly cuts: readonly RepairCut[];
  readonly removedBytes: number;
  /** Highest LSN the log keeps. */
  readonly keptUpToLsn: number;
  readonly reason: string | null;
}

export interface RepairResult extends RepairPlan {
  /** The backup written, or null when nothing was cut. */
  readonly backupPath: string | null;
}

/** Whether repair may cut at `p`: bytes damaged by a crash or by the disk. */
function isDamage(p: WalProblem): boolean {
  return p.code === "WAL_CORRUPTION" || p.kind === "tornTail";
}

function planWith(fs: FileSystem, dir: string, fenceLsn = 0): RepairPlan {
  const verified = verifyWal(dir, { fileSystem: fs, fenceLsn });
  const problem = verified.problem;
  const none = { dir, problem, cuts: [], removedBytes: 0, keptUpToLsn: verified.maxLsn };
  if (problem === null) return { ...none, action: "none", reason: null };
  if (!isDamage(problem)) {
    const reason =
      `the first problem is not damage but intact records that cannot be replayed ` +
      `(${problem.code ?? problem.kind}); repair cuts only damaged bytes`;
    return { ...none, action: "refuse", reason };
  }
  const entries = listSegments(fs, dir);
  const at = entries.findIndex((e) => e.id === problem.segmentId);
  const cuts = entries.slice(at).map((entry, i): RepairCut => {
    const originalSizeBytes = fs.sizeOf(entry.path) ?? 0;
    const fromOffsetBytes = i === 0 ? problem.offsetBytes : 0;
    return {
      segmentId: entry.id,
      segmentPath: entry.path,
      action: fromOffsetBytes === 0 ? "delete" : "truncate",
      fromOffsetBytes,
      lengthBytes: originalSizeBytes - fromOffsetBytes,
      originalSizeBytes,
    };
  });
  const removedBytes = cuts.reduce((sum, c) => sum + c.lengthBytes, 0);
  return {
    ...none,
    action: "cut",
    cuts,
    removedBytes,
    keptUpToLsn: problem.lastGoodLsn,
    reason: null,
  };
}

function checkBackupPath(fs: FileSystem, path: unknown): asserts path is string {
  if (typeof path !== "string" || path.length === 0) {
    throw new TypeError("backupPath must be a non-empty string");
  }
  const name = basename(path);
  if (/\.wal(\.tmp)?$/.test(name) || name.startsWith(".lora-wal.lock")) {
    throw new SkeinError(
      "INVALID_ARGUMENT",
      `backup path ${path} is named like a wal segment or lock file`,
    );
  }
  if (fs.sizeOf(path) !== null) {
    throw new SkeinError("INVALID_ARGUMENT", `backup file ${path} already exists`);
  }
}

/** `<dir>/repair-<UTC time>.bak`, with `-2`, `-3`, … before `.bak` if that is taken. */
function defaultBackupPath(fs: FileSystem, dir: string, now: Date): string {
  const stamp = now.toISOString().replace(/[-:.]/g, "");
  for (let n = 1; ; n++) {
    const path = join(dir, `repair-${stamp}${n === 1 ? "" : `-${n}`}.bak`);
    if (fs.sizeOf(path) === null) return path;
  }
}

/**
 * What repairWal would do to `dir` now, without doing it: reads only, takes no lock (so
 * the log may change before a repair runs; repairWal plans again under the lock).
 */
export function planRepair(dir: string, options?: RepairOptions): RepairPlan {
  checkWalDir(dir);
  const fs = options?.fileSystem ?? readOnlyFileSystem();
  if (options?.backupPath !== undefined) checkBackupPath(fs, options.backupPath);
  return planWith(fs, dir, options?.fenceLsn);
}

/**
 * Cut the log in `dir` at its first damaged record, saving the removed bytes first (see the
 * file header for the order and the backup format). A clean log, or one whose first
 * problem is not damage, is left as it is. Throws WAL_ALREADY_OPEN if the log is open.
 */
export function repairWal(dir: string, options?: RepairOptions): RepairResult {
  checkWalDir(dir);
  const fs = options?.fileSystem ?? defaultFileSystem();
  if (options?.backupPath !== undefined) checkBackupPath(fs, options.backupPath);
  const lock = fs.lockDir(dir);
  try {
    const plan = planWith(fs, dir, options?.fenceLsn);
    if (plan.action !== "cut") return { ...plan, backupPath: null };
    const backupPath = options?.backupPath ?? defaultBackupPath(fs, dir, new Date());
    checkBackupPath(fs, backupPath);
    writeBackup(fs, backupPath, plan);
    applyCuts(fs, dir, plan.cuts);
    return { ...plan, backupPath };
  } finally {
    lock.release();
  }
}

function backupHeader(plan: RepairPlan): Uint8Array {
  const p = plan.problem;
  const header = {
    format: REPAIR_BACKUP_FORMAT,
    walDir: plan.dir,
    createdAt: new Date().toISOString(),
    problem: p && {
      kind: p.kind,
      code: p.code,
      segment: basename(p.segmentPath),
      offsetBytes: p.offsetBytes,
      lsn: p.lsn,
      message: p.message,
    },
    pieces: plan.cuts.map((c) => ({
      segment: basename(c.segmentPath),
      action: c.action,
      fromOffsetBytes: c.fromOffsetBytes,
      lengthBytes: c.lengthBytes,
      originalSizeBytes: c.originalSizeBytes,
    })),
  };
  return new TextEncoder().encode(JSON.stringify(header) + "\n");
}

function writeBackup(fs: FileSystem, path: string, plan: RepairPlan): void {
  const handle = fs.open(path, "createExclusive");
  try {
    let position = 0;
    const header = backupHeader(plan);
    handle.write(header, position);
    position += header.length;
    for (const cut of plan.cuts) {
      const piece = fs
        .readFile(cut.segmentPath)
        .subarray(cut.fromOffsetBytes, cut.originalSizeBytes);
      handle.write(piece, position);
      position += piece.length;
    }
    handle.sync();
  } catch (err) {
    handle.close();
    // A partial backup is worth nothing; the log is untouched, so the repair can be re-run.
    try {
      fs.unlink(path);
    } catch {
      // The first error is the one to report; a partial file left behind is not the log.
    }
    throw err;
  }
  handle.close();
  fs.syncDir(dirname(path));
}

function applyCuts(fs: FileSystem, dir: string, cuts: readonly RepairCut[]): void {
  const [first, ...later] = cuts;
  for (const cut of later.reverse()) {
    fs.unlink(cut.segmentPath);
    fs.syncDir(dir);
  }
  if (first === undefined) return;
  if (first.action === "delete") {
    fs.unlink(first.segmentPath);
    fs.syncDir(dir);
    return;
  }
  const handle = fs.open(first.segmentPath, "readWrite");
  try {
    handle.truncate(first.fromOffsetBytes);
    handle.sync();
  } finally {
    handle.close();
  }
}
