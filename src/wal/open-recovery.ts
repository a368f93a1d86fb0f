// Open-time recovery of a log directory: the steps around replay that make a directory
// fit to append to. Before replay, make the directory's own entry durable
// (ensureDurableDir) and remove temporary segments a crash left mid-creation
// (removeTempSegments). After replay, act on what it reported: remove an unfinished last
// segment, cut a torn tail, make the active segment's name durable or create a fresh
// segment (openActiveSegment); then describe it all (WalRecovery).
//
// It does not decide what damage means (replay.ts, damage.ts), and it neither locks nor
// replays: wal.ts runs these steps in order, under the directory lock. They are plain
// functions of a file system and a directory, so the log's class keeps only the running
// log, and the database can make its own directories durable the same way.
import { basename, dirname } from "node:path";
import type { FileSystem } from "../internal/fs.js";
import type { ReplayOutcome, TornTail } from "./replay.js";
import { SegmentWriter } from "./segment.js";
import { listTempSegments, segmentPath } from "./segment-dir.js";

/** What opening found and repaired. */
export interface WalRecovery {
  readonly maxLsn: number;
  readonly tornTail: TornTail | null;
  readonly checkpointLsnObserved: number | null;
  /** Path of a last segment left unfinished by a crash during its creation, now removed. */
  readonly removedSegmentPath: string | null;
  /** Base LSN of the oldest segment: records below it were truncated away. */
  readonly firstBaseLsn: number;
}

/** The segment the log appends to once it is open. */
export interface ActiveSegment {
  readonly writer: SegmentWriter;
  readonly id: number;
}

/**
 * Act on what replay reported and open the segment to append to: the last one when it is
 * not sealed (cut at a torn tail), else a new one whose base LSN is `nextLsn`.
 */
export function openActiveSegment(
  fs: FileSystem,
  dir: string,
  outcome: ReplayOutcome,
  nextLsn: number,
  preallocateBytes: number,
): ActiveSegment {
  if (outcome.unfinishedSegment !== null) {
    fs.unlink(outcome.unfinishedSegment.path);
    fs.syncDir(dir);
  }
  const last = outcome.segments.at(-1);
  if (last !== undefined && !last.sealed) {
    const writer = SegmentWriter.reopen(fs, last.path, last.baseLsn, last.endBytes);
    if (outcome.tornTail !== null) writer.truncateTo(outcome.tornTail.lastGoodOffset);
    else writer.sync();
    // A crash (or a failed fsync) between a segment's rename and the directory fsync
    // leaves its name not yet durable: make it durable before anything is acknowledged.
    fs.syncDir(dir);
    return { writer, id: last.id };
  }
  const id = outcome.unfinishedSegment?.id ?? (last === undefined ? 1 : last.id + 1);
  const writer = SegmentWriter.create(fs, segmentPath(dir, id), nextLsn, preallocateBytes);
  return { writer, id };
}

/** The report of what opening found and repaired, once the active segment is open. */
export function recoveryReport(outcome: ReplayOutcome, active: ActiveSegment): WalRecovery {
  return {
    maxLsn: outcome.maxLsn,
    tornTail: outcome.tornTail,
    checkpointLsnObserved: outcome.checkpointLsnObserved,
    removedSegmentPath: outcome.unfinishedSegment?.path ?? null,
    firstBaseLsn: outcome.segments[0]?.baseLsn ?? active.writer.baseLsn,
  };
}

export function removeTempSegments(fs: FileSystem, dir: string): void {
  const temps = listTempSegments(fs, dir);
  for (const path of temps) fs.unlink(path);
  if (temps.length > 0) fs.syncDir(dir);
}

/**
 * Create the directory if needed and make its entry durable in its parent, so a log
 * created on a fresh path survives power loss along with what is written into it.
 */
export function ensureDurableDir(fs: FileSystem, dir: string): void {
  // Every directory this creates must become durable in its own parent, not just the last.
  const created: string[] = [dir];
  for (let p = dir; dirname(p) !== p && !fs.list(dirname(p)).includes(basename(p));) {
    p = dirname(p);
    created.push(p);
  }
  fs.mkdirp(dir);
  for (const d of created.reverse()) {
    if (dirname(d) !== d) fs.syncDir(dirname(d));
  }
}
