// Read-only inspection of a WAL directory, for operators and the `skein wal` commands: what
// each segment holds (inspectWal), every record with its decoded events (readWalRecords),
// and whether the whole log checks out, with its first problem located exactly
// (verifyWal). It takes no lock and changes nothing, not even a torn tail.
//
// It judges the log with replay's own rules (replay.ts `scanLog`), in the mode that decodes
// every payload, so a log that verifies clean opens, and the problem reported is the first
// one opening would meet (or an undecodable payload replay would have skipped). Cutting a
// damaged log is repair.ts.
import { NodeFileSystem, type FileSystem } from "../internal/fs.js";
import { SkeinError, type SkeinErrorCode } from "../internal/errors.js";
import type { MutationEvent } from "../store/index.js";
import { decodeBatchPayload, decodeEventPayload } from "../store/index.js";
import {
  RECORD_KIND_NAMES,
  RecordKind,
  SEGMENT_HEADER_BYTES,
  decodeSegmentHeader,
  type SegmentHeader,
} from "./format.js";
import { checkLsnArgument } from "./lsn.js";
import { readFrame, type RawRecord } from "./record.js";
import {
  judgeBadFrame,
  judgeHeader,
  scanLog,
  type LogProblem,
  type LogProblemKind,
  type LogScan,
} from "./replay.js";
import { listSegments, type SegmentEntry } from "./segment-dir.js";

export type WalRecordKindName =
  "Mutation" | "TxBegin" | "TxCommit" | "TxAbort" | "Checkpoint" | "MutationBatch";

/** See `LogProblemKind` in damage.ts: tornTail, corruption, header, malformed, unsupported. */
export type WalProblemKind = LogProblemKind;

export interface WalToolOptions {
  /** The file system to read through: for tests. Default: the real one. */
  readonly fileSystem?: FileSystem;
  /**
   * The fence of the snapshot the log is replayed from (a database's newest good
   * snapshot, `databaseSnapshotFence`). Default 0: the log alone. LSNs missing at or below
   * the fence are no damage, since the snapshot holds what they did.
   */
  readonly fenceLsn?: number;
}

/** The first problem of a log, located. */
export interface WalProblem {
  readonly kind: WalProblemKind;
  /** The code opening the log fails with; null for a torn tail, which opening cuts. */
  readonly code: SkeinErrorCode | null;
  readonly segmentId: number;
  readonly segmentPath: string;
  /** Offset of the offending record in its segment; 0 for a segment header. */
  readonly offsetBytes: number;
  /** `recordLsn` when the offending record is intact, else `lastGoodLsn`. */
  readonly lsn: number;
  /** Highest LSN read before the problem was found; 0 when none. */
  readonly lastGoodLsn: number;
  /** LSN of the offending record when it is intact and readable (a structural problem). */
  readonly recordLsn: number | null;
  readonly message: string;
}

/** A segment's own first problem. */
export interface SegmentProblem {
  readonly kind: WalProblemKind;
  readonly code: SkeinErrorCode | null;
  readonly offsetBytes: number;
  /** Highest LSN read before it. */
  readonly lsnAfter: number;
  readonly message: string;
}

export interface SegmentInfo {
  readonly id: number;
  readonly path: string;
  /** Null when the header does not check out. */
  readonly baseLsn: number | null;
  readonly sealed: boolean | null;
  readonly sizeBytes: number;
  /** Intact records before the segment's first problem. */
  readonly records: number;
  readonly recordsByKind: Readonly<Record<WalRecordKindName, number>>;
  readonly firstLsn: number | null;
  readonly lastLsn: number | null;
  readonly problem: SegmentProblem | null;
}

export interface WalInspection {
  readonly dir: string;
  readonly segments: readonly SegmentInfo[];
  readonly sizeBytes: number;
  readonly records: number;
  readonly recordsByKind: Readonly<Record<WalRecordKindName, number>>;
  readonly firstLsn: number | null;
  readonly lastLsn: number | null;
  /** Snapshot LSN of the newest checkpoint marker among the records counted, or null. */
  readonly checkpointLsnObserved: number | null;
  /** The log's first problem, as verifyWal reports it; null when the log is clean. */
  readonly problem: WalProblem | null;
}

export interface TransactionCounts {
  readonly committed: number;
  readonly aborted: number;
  /** Begun and not ended: dropped by replay. */
  readonly open: number;
}

export interface WalVerification {
  /** Every header, CRC and payload checks out and the structure is one replay accepts. */
  readonly ok: boolean;
  readonly dir: string;
  readonly segments: number;
  /** Records read before the first problem (all of them when there is none). */
  readonly records: number;
  readonly transactions: TransactionCounts;
  /** Highest LSN read before the first problem. */
  readonly maxLsn: number;
  readonly checkpointLsnObserved: number | null;
  readonly problem: WalProblem | null;
}

export interface ReadWalRecordsOptions extends WalToolOptions {
  /**
   * Only records with an LSN at or above it. Default 0. A segment whose successor's base
   * LSN is at or below it is not read.
   */
  readonly fromLsn?: number;
  /** At most this many records. Default: all. */
  readonly limit?: number;
}

export interface WalRecordInfo {
  readonly segmentId: number;
  readonly offsetBytes: number;
  readonly lengthBytes: number;
  readonly kind: WalRecordKindName;
  readonly lsn: number;
  /** The transaction's TxBegin LSN; 0 for TxBegin; the snapshot LSN for Checkpoint. */
  readonly txBeginLsn: number;
  /** The events of a Mutation or MutationBatch whose payload decodes. */
  readonly events?: MutationEvent[];
  /** Why the payload of a Mutation or MutationBatch does not decode. */
  readonly decodeError?: { readonly code: SkeinErrorCode; readonly message: string };
}

/** The real file system, refusing locks: these tools never take one. */
export function readOnlyFileSystem(): FileSystem {
  return new NodeFileSystem(() => {
    throw new SkeinError("INVALID_ARGUMENT", "read-only wal inspection takes no lock");
  });
}

export function checkWalDir(dir: unknown): asserts dir is string {
  if (typeof dir !== "string" || dir.length === 0) {
    throw new TypeError("wal directory must be a non-empty string");
  }
}

function toolFs(options: WalToolOptions | undefined): FileSystem {
  if (options !== undefined && (typeof options !== "object" || options === null)) {
    throw new TypeError("options must be an object");
  }
  return options?.fileSystem ?? readOnlyFileSystem();
}

/** Records by kind and their LSN range, counted as they are read. */
class RecordCounter {
  readonly byKind: Record<WalRecordKindName, number> = emptyKindCounts();
  total = 0;
  firstLsn: number | null = null;
  lastLsn: number | null = null;
  /** Snapshot LSN of the newest checkpoint marker counted. */
  checkpointLsn: number | null = null;

  add(rec: RawRecord): void {
    this.byKind[RECORD_KIND_NAMES[rec.kind] as WalRecordKindName]++;
    this.total++;
    this.firstLsn ??= rec.lsn;
    this.lastLsn = rec.lsn;
    if (rec.kind === RecordKind.Checkpoint) {
      this.checkpointLsn = Math.max(this.checkpointLsn ?? 0, rec.txBeginLsn);
    }
  }
}

function emptyKindCounts(): Record<WalRecordKindName, number> {
  return { TxBegin: 0, Mutation: 0, MutationBatch: 0, TxCommit: 0, TxAbort: 0, Checkpoint: 0 };
}

/** One pass of replay's rules over the whole log, decoding every payload. */
interface ToolScan {
  readonly entries: readonly SegmentEntry[];
  readonly scan: LogScan;
  readonly counters: Map<number, RecordCounter>;
  readonly all: RecordCounter;
  readonly problem: WalProblem | null;
}

function scanForTools(fs: FileSystem, dir: string, fenceLsn = 0): ToolScan {
  const entries = listSegments(fs, dir);
  const counters = new Map<number, RecordCounter>();
  const all = new RecordCounter();
  const scan = scanLog(fs, entries, {
    fenceLsn,
    sink: () => undefined,
    decodeAll: true,
    onRecord: (rec, segment) => {
      let c = counters.get(segment.id);
      if (c === undefined) counters.set(segment.id, (c = new RecordCounter()));
      c.add(rec);
      all.add(rec);
    },
  });
  const problem = scan.problem === null ? null : locate(scan.problem, entries);
  return { entries, scan, counters, all, problem };
}

function locate(p: LogProblem, entries: readonly SegmentEntry[]): WalProblem {
  const segmentId = entries.find((e) => e.path === p.segmentPath)?.id ?? 0;
  return {
    kind: p.kind,
    code: p.error?.code ?? null,
    segmentId,
    segmentPath: p.segmentPath,
    offsetBytes: p.offsetBytes,
    lsn: p.recordLsn ?? p.lastGoodLsn,
    lastGoodLsn: p.lastGoodLsn,
    recordLsn: p.recordLsn,
    message: p.message,
  };
}

function segmentProblem(p: LogProblem): SegmentProblem {
  return {
    kind: p.kind,
    code: p.error?.code ?? null,
    offsetBytes: p.offsetBytes,
    lsnAfter: p.lastGoodLsn,
    message: p.message,
  };
}

/** The header of the segment at `path`, or null when it does not check out. */
function readHeader(fs: FileSystem, path: string): SegmentHeader | null {
  const handle = fs.open(path, "read");
  try {
    const buf = new Uint8Array(SEGMENT_HEADER_BYTES);
    const n = handle.read(buf, 0, buf.length, 0);
    const head = decodeSegmentHeader(buf.subarray(0, n));
    return head.ok ? head.header : null;
  } finally {
    handle.close();
  }
}

/**
 * Damage checks only, for a segment after the log's first problem: replay stopped there, so
 * the transaction structure of what follows means nothing, but its framing still does.
 */
function walkSegment(
  fs: FileSystem,
  entry: SegmentEntry,
  isLast: boolean,
  counter: RecordCounter,
): LogProblem | null {
  const buf = fs.readFile(entry.path);
  const head = decodeSegmentHeader(buf);
  if (!head.ok) return judgeHeader({ entry, isLast, lastGoodLsn: 0 }, head, buf.length);
  for (let offset = SEGMENT_HEADER_BYTES; offset < buf.length;) {
    const frame = readFrame(buf, offset, buf.length);
    if (!frame.ok) {
      const place = {
        entry,
        isLast,
        sealed: head.header.sealed,
        lastGoodLsn: counter.lastLsn ?? 0,
      };
      return judgeBadFrame(place, buf, offset, frame);
    }
    counter.add(frame.record);
    offset += frame.record.lengthBytes;
  }
  return null;
}

/**
 * What each segment of `dir` holds: header, size, records by kind, LSN range and its first
 * problem. The log is judged as replay judges it up to its first problem; segments after
 * that are checked for damage only. Reads only; takes no lock.
 */
export function inspectWal(dir: string, options?: WalToolOptions): WalInspection {
  checkWalDir(dir);
  const fs = toolFs(options);
  const { entries, scan, counters, problem } = scanForTools(fs, dir, options?.fenceLsn);
  let checkpointLsnObserved = scan.outcome.checkpointLsnObserved;
  const segments = entries.map((entry, i): SegmentInfo => {
    const header = readHeader(fs, entry.path);
    let counter = counters.get(entry.id) ?? new RecordCounter();
    let own: LogProblem | null = null;
    if (i < scan.segmentsRead) {
      if (scan.problem?.segmentPath === entry.path) own = scan.problem;
    } else {
      counter = new RecordCounter();
      own = walkSegment(fs, entry, i === entries.length - 1, counter);
      if (counter.checkpointLsn !== null) {
        checkpointLsnObserved = Math.max(checkpointLsnObserved ?? 0, counter.checkpointLsn);
      }
    }
    return {
      id: entry.id,
      path: entry.path,
      baseLsn: header?.baseLsn ?? null,
      sealed: header?.sealed ?? null,
      sizeBytes: fs.sizeOf(entry.path) ?? 0,
      records: counter.total,
      recordsByKind: counter.byKind,
      firstLsn: counter.firstLsn,
      lastLsn: counter.lastLsn,
      problem: own === null ? null : segmentProblem(own),
    };
  });
  const recordsByKind = emptyKindCounts();
  for (const s of segments) {
    for (const k of Object.keys(recordsByKind) as WalRecordKindName[]) {
      recordsByKind[k] += s.recordsByKind[k];
    }
  }
  return {
    dir,
    segments,
    sizeBytes: segments.reduce((sum, s) => sum + s.sizeBytes, 0),
    records: segments.reduce((sum, s) => sum + s.records, 0),
    recordsByKind,
    firstLsn: segments.find((s) => s.firstLsn !== null)?.firstLsn ?? null,
    lastLsn: segments.findLast((s) => s.lastLsn !== null)?.lastLsn ?? null,
    checkpointLsnObserved,
    problem,
  };
}

/**
 * Check the whole log as replay would, and more: every header, every CRC, every payload
 * (also those of transactions replay would skip) and the transaction structure. Reports
 * the first problem with its segment, byte offset and LSN. Reads only; takes no lock.
 */
export function verifyWal(dir: string, options?: WalToolOptions): WalVerification {
  checkWalDir(dir);
  const { entries, scan, all, problem } = scanForTools(toolFs(options), dir, options?.fenceLsn);
  const k = all.byKind;
  return {
    ok: problem === null,
    dir,
    segments: entries.length,
    records: all.total,
    transactions: {
      committed: k.TxCommit,
      aborted: k.TxAbort,
      open: k.TxBegin - k.TxCommit - k.TxAbort,
    },
    maxLsn: scan.outcome.maxLsn,
    checkpointLsnObserved: scan.outcome.checkpointLsnObserved,
    problem,
  };
}

/**
 * The records of `dir` in log order, each with its place and, for mutations, its decoded
 * events (a payload that does not decode is reported on the record, not thrown). Each
 * segment is read up to its first damaged record; verifyWal says what is wrong. Lazy:
 * segments are read as the iteration reaches them. Reads only; takes no lock.
 */
export function readWalRecords(
  dir: string,
  options?: ReadWalRecordsOptions,
): Iterable<WalRecordInfo> {
  checkWalDir(dir);
  const fs = toolFs(options);
  const fromLsn = checkLsnArgument("fromLsn", options?.fromLsn ?? 0);
  const limit = options?.limit ?? Infinity;
  if (limit !== Infinity && (!Number.isSafeInteger(limit) || limit < 0)) {
    throw new RangeError(`limit must be a non-negative integer, got ${String(limit)}`);
  }
  return recordsOf(fs, dir, fromLsn, limit);
}

function* recordsOf(
  fs: FileSystem,
  dir: string,
  fromLsn: number,
  limit: number,
): Generator<WalRecordInfo> {
  if (limit === 0) return;
  const entries = listSegments(fs, dir);
  let emitted = 0;
  for (const [i, entry] of entries.entries()) {
    const next = entries[i + 1];
    if (fromLsn > 0 && next !== undefined) {
      const nextBase = readHeader(fs, next.path)?.baseLsn;
      // Records of a segment are below its successor's base LSN.
      if (nextBase !== undefined && nextBase <= fromLsn) continue;
    }
    const buf = fs.readFile(entry.path);
    if (!decodeSegmentHeader(buf).ok) continue;
    for (let offset = SEGMENT_HEADER_BYTES; offset < buf.length;) {
      const frame = readFrame(buf, offset, buf.length);
      if (!frame.ok) break;
      offset += frame.record.lengthBytes;
      if (frame.record.lsn < fromLsn) continue;
      yield describeRecord(entry.id, frame.record);
      if (++emitted >= limit) return;
    }
  }
}

function describeRecord(segmentId: number, rec: RawRecord): WalRecordInfo {
  const base = {
    segmentId,
    offsetBytes: rec.offsetBytes,
    lengthBytes: rec.lengthBytes,
    kind: RECORD_KIND_NAMES[rec.kind] as WalRecordKindName,
    lsn: rec.lsn,
    txBeginLsn: rec.txBeginLsn,
  };
  if (rec.kind !== RecordKind.Mutation && rec.kind !== RecordKind.MutationBatch) return base;
  try {
    const events =
      rec.kind === RecordKind.Mutation
        ? [decodeEventPayload(rec.payload)]
        : decodeBatchPayload(rec.payload);
    return { ...base, events };
  } catch (err) {
    const code = err instanceof SkeinError ? err.code : "DECODE";
    const message = err instanceof Error ? err.message : String(err);
    return { ...base, decodeError: { code, message } };
  }
}
