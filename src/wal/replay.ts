// Replay: read a WAL directory's segments in order and hand over the events of committed
// transactions, in commit order. It stops at the first problem: a torn tail or an
// unfinished last segment is reported (the log cuts it on open); anything else is thrown
// (WAL_CORRUPTION, WAL_MALFORMED, WAL_UNSUPPORTED_EVENT). It never writes; the log acts on
// what it reports.
//
// This file owns the scan: segment by segment, record by record. What a bad place means is
// damage.ts; which transactions are open and what a commit returns is tx-tracker.ts.
// `scanLog` returns the first problem as a located value (segment, byte offset, LSNs)
// instead of throwing, so that the read-only tools (inspect.ts, repair.ts) judge a log
// exactly as replay does; `replaySegments` throws what `scanLog` found.
import type { FileSystem } from "../internal/fs.js";
import { SkeinError } from "../internal/errors.js";
import {
  checkContinuity,
  judgeBadFrame,
  judgeHeader,
  problemAt,
  type Continuity,
  type JudgePlace,
  type LogProblem,
} from "./damage.js";
import { SEGMENT_HEADER_BYTES, decodeSegmentHeader } from "./format.js";
import { readFrame, type RawRecord } from "./record.js";
import type { SegmentEntry } from "./segment-dir.js";
import { TxTracker, type CommitSink } from "./tx-tracker.js";
import type { KeepProperties } from "../store/index.js";

// The judgement and bookkeeping once lived here: their names stay importable from replay.ts.
export {
  hasIntactRecordAfter,
  judgeBadFrame,
  judgeHeader,
  type JudgePlace,
  type LogProblem,
  type LogProblemKind,
} from "./damage.js";
export type { CommitSink } from "./tx-tracker.js";

export interface TornTail {
  readonly segmentPath: string;
  readonly lastGoodOffset: number;
}

/** What replay learned about one segment. */
export interface ScannedSegment extends SegmentEntry {
  readonly baseLsn: number;
  readonly sealed: boolean;
  /** Offset just past the last intact record. */
  readonly endBytes: number;
  readonly records: number;
}

export interface ReplayOutcome {
  /** Highest LSN read, committed or not; 0 for an empty log. */
  readonly maxLsn: number;
  readonly tornTail: TornTail | null;
  /** Snapshot LSN of the newest checkpoint marker, or null when there is none. */
  readonly checkpointLsnObserved: number | null;
  readonly segments: readonly ScannedSegment[];
  /**
   * A last segment whose header never became durable (shorter than a header, or a header
   * that does not check out with no records after it): a crash while it was created.
   */
  readonly unfinishedSegment: SegmentEntry | null;
}

export interface ScanOptions {
  /** Transactions committed at or below it are not handed to `sink`. */
  readonly fenceLsn: number;
  readonly sink: CommitSink;
  /** Where the properties of created entities are kept encoded (see CommitSink), if anywhere. */
  readonly keepProperties?: KeepProperties;
  /**
   * Decode every payload when it is read, as a verifier does, instead of only the payloads
   * of the transactions replay returns. An index or constraint change is still refused
   * only if its transaction is returned.
   */
  readonly decodeAll?: boolean;
  /** Sees every record that passed every check, in log order. */
  readonly onRecord?: (rec: RawRecord, segment: SegmentEntry) => void;
  /**
   * Pass over, unread, every segment whose records all lie at or below the fence (the next
   * segment's base LSN says so). Safe because the log rotates only before a TxBegin, so a
   * transaction never spans segments: a skipped segment holds no transaction that commits
   * above the fence. Replay uses it; the verifier does not, since it judges every byte.
   */
  readonly skipBelowFence?: boolean;
}

export interface LogScan {
  /** What was read before the first problem that stops replay (all of it when none does). */
  readonly outcome: ReplayOutcome;
  /** The first problem, torn tails included; null when every byte checks out. */
  readonly problem: LogProblem | null;
  /** How many of the given segments were read: those after a problem are not. */
  readonly segmentsRead: number;
}

interface SegmentScan {
  /** Null when the header did not check out or is out of order. */
  readonly scanned: ScannedSegment | null;
  readonly problem: LogProblem | null;
}

function scanSegment(
  fs: FileSystem,
  entry: SegmentEntry,
  isLast: boolean,
  tracker: TxTracker,
  continuity: Continuity,
  onRecord: ScanOptions["onRecord"],
): SegmentScan {
  const buf = fs.readFile(entry.path);
  const head = decodeSegmentHeader(buf);
  const place = (): JudgePlace => ({ entry, isLast, lastGoodLsn: tracker.lastLsn });
  if (!head.ok) return { scanned: null, problem: judgeHeader(place(), head, buf.length) };
  const { baseLsn, sealed } = head.header;
  const gap = checkContinuity(entry, baseLsn, tracker.lastLsn, continuity);
  if (gap !== null) {
    const kind = gap.code === "WAL_CORRUPTION" ? "corruption" : "header";
    return { scanned: null, problem: problemAt(place(), kind, 0, gap) };
  }
  let offset = SEGMENT_HEADER_BYTES;
  let records = 0;
  let problem: LogProblem | null = null;
  while (offset < buf.length && problem === null) {
    const frame = readFrame(buf, offset, buf.length);
    if (!frame.ok) {
      // The preallocated zero tail of the active segment of a log that was not closed:
      // the end of the records, not damage.
      if (isLast && !sealed && zerosFrom(buf, offset)) break;
      problem = judgeBadFrame({ ...place(), sealed }, buf, offset, frame);
      break;
    }
    const rec = frame.record;
    if (rec.lsn < baseLsn) {
      const error = new SkeinError(
        "WAL_MALFORMED",
        `record lsn ${rec.lsn} below base lsn ${baseLsn} of segment ${entry.path}`,
      );
      problem = { ...problemAt(place(), "malformed", offset, error), recordLsn: rec.lsn };
      break;
    }
    problem = tracker.accept(rec, entry.path);
    if (problem !== null) break;
    onRecord?.(rec, entry);
    records++;
    offset += rec.lengthBytes;
  }
  return { scanned: { ...entry, baseLsn, sealed, endBytes: offset, records }, problem };
}

/**
 * Read the given segments (ascending ids) as replay does, sending committed transactions
 * to `sink`, and stop at the first problem. Reads only; throws only on I/O failure.
 */
export function scanLog(
  fs: FileSystem,
  entries: readonly SegmentEntry[],
  options: ScanOptions,
): LogScan {
  const tracker = new TxTracker(
    options.fenceLsn,
    options.sink,
    options.decodeAll ?? false,
    options.keepProperties ?? null,
  );
  const segments: ScannedSegment[] = [];
  let tornTail: TornTail | null = null;
  let unfinishedSegment: SegmentEntry | null = null;
  let problem: LogProblem | null = null;
  let prevBase = -1;
  let prevId: number | null = null;
  let segmentsRead = 0;
  // Bases only grow, so the first segment that cannot be skipped ends the skipping; each
  // header is read once, as a segment's successor and then as the segment itself.
  let skipping = options.skipBelowFence === true;
  const headers = new Map<string, SegmentHead | null>();
  const peek = (path: string): SegmentHead | null => {
    if (!headers.has(path)) headers.set(path, peekHeader(fs, path));
    return headers.get(path)!;
  };
  for (const [i, entry] of entries.entries()) {
    const isLast = i === entries.length - 1;
    const skipped = skipping
      ? skipIfBelowFence(peek, fs, entries, i, options.fenceLsn, prevBase)
      : null;
    if (skipped === null) skipping = false;
    if (skipped !== null) {
      // Its LSNs end below the next segment's base: that is what the tracker has seen.
      tracker.lastLsn = Math.max(tracker.lastLsn, skipped.nextBaseLsn - 1);
      prevId = entry.id;
      prevBase = skipped.segment.baseLsn;
      segments.push(skipped.segment);
      continue;
    }
    segmentsRead++;
    const continuity = { prevId, prevBaseLsn: prevBase, fenceLsn: options.fenceLsn };
    const result = scanSegment(fs, entry, isLast, tracker, continuity, options.onRecord);
    prevId = entry.id;
    if (result.scanned !== null) {
      prevBase = result.scanned.baseLsn;
      segments.push(result.scanned);
    }
    problem = result.problem;
    if (problem === null) continue;
    // Only the last segment has what replay reports rather than refuses.
    if (problem.kind === "tornTail") {
      if (result.scanned === null) unfinishedSegment = entry;
      else tornTail = { segmentPath: entry.path, lastGoodOffset: problem.offsetBytes };
    }
    break;
  }
  const outcome: ReplayOutcome = {
    maxLsn: tracker.lastLsn,
    tornTail,
    checkpointLsnObserved: tracker.checkpointLsn,
    segments,
    unfinishedSegment,
  };
  return { outcome, problem, segmentsRead };
}

/** Whether every byte from `offset` to the end is zero. */
function zerosFrom(buf: Uint8Array, offset: number): boolean {
  for (let i = offset; i < buf.length; i++) if (buf[i] !== 0) return false;
  return true;
}

interface SegmentHead {
  readonly baseLsn: number;
  readonly sealed: boolean;
}

/** A segment's header, or null when it cannot be read whole or does not check out. */
function peekHeader(fs: FileSystem, path: string): SegmentHead | null {
  const handle = fs.open(path, "read");
  try {
    const buf = new Uint8Array(SEGMENT_HEADER_BYTES);
    if (handle.read(buf, 0, buf.length, 0) < buf.length) return null;
    const head = decodeSegmentHeader(buf);
    return head.ok ? { baseLsn: head.header.baseLsn, sealed: head.header.sealed } : null;
  } finally {
    handle.close();
  }
}

/**
 * Segment `i` as skipped, when it and its successor have good headers, ids and bases in
 * order, and the successor's base LSN shows every record of segment `i` at or below the
 * fence; else null, and the segment is read as usual.
 */
function skipIfBelowFence(
  peek: (path: string) => SegmentHead | null,
  fs: FileSystem,
  entries: readonly SegmentEntry[],
  i: number,
  fenceLsn: number,
  prevBaseLsn: number,
): { segment: ScannedSegment; nextBaseLsn: number } | null {
  const entry = entries[i]!;
  const next = entries[i + 1];
  if (next === undefined || next.id !== entry.id + 1) return null;
  const nextHead = peek(next.path);
  if (nextHead === null || nextHead.baseLsn - 1 > fenceLsn) return null;
  const head = peek(entry.path);
  if (head === null || !head.sealed || head.baseLsn <= prevBaseLsn) return null;
  if (head.baseLsn >= nextHead.baseLsn) return null;
  const endBytes = fs.sizeOf(entry.path) ?? SEGMENT_HEADER_BYTES;
  return {
    segment: { ...entry, baseLsn: head.baseLsn, sealed: true, endBytes, records: 0 },
    nextBaseLsn: nextHead.baseLsn,
  };
}

/** Replay the given segments (ascending ids), sending committed transactions to `sink`. */
export function replaySegments(
  fs: FileSystem,
  entries: readonly SegmentEntry[],
  fenceLsn: number,
  sink: CommitSink,
  keepProperties?: KeepProperties,
): ReplayOutcome {
  const options = {
    fenceLsn,
    sink,
    skipBelowFence: true,
    ...(keepProperties && { keepProperties }),
  };
  const { outcome, problem } = scanLog(fs, entries, options);
  if (problem?.error) throw problem.error;
  return outcome;
}
