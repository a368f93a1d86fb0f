// Replay: read a WAL directory's segments in order and hand over the events of committed
// transactions, in commit order. It decides what damage means: a bad record at the very
// end of the last segment is a torn tail (a crash mid-write; reported, cut by the log on
// open), while a bad record followed by valid ones, or any bad record in an earlier
// segment, is corruption and nothing opens. It also refuses logs whose structure is
// impossible (WAL_MALFORMED). It never writes; the log acts on what it reports.
//
// The rules live here once. `scanLog` applies them and returns the first problem as a
// located value (segment, byte offset, LSNs) instead of throwing, so that the read-only
// tools (inspect.ts, repair.ts) judge a log exactly as replay does; `replaySegments`
// throws what `scanLog` found.
import type { FileSystem } from "../internal/fs.js";
import { SkeinError, WalCorruptionError } from "../internal/errors.js";
import type { MutationEvent } from "../store/index.js";
import { decodeBatchPayload, decodeEventPayload } from "../store/index.js";
import {
  RECORD_OVERHEAD_BYTES,
  RecordKind,
  SEGMENT_HEADER_BYTES,
  decodeSegmentHeader,
  type HeaderResult,
} from "./format.js";
import { readFrame, type FrameResult, type RawRecord } from "./record.js";
import type { SegmentEntry } from "./segment-dir.js";

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

/** Receives each committed transaction above the fence, in commit order. */
export type CommitSink = (events: MutationEvent[], commitLsn: number) => void;

/**
 * What is wrong at a place in the log:
 * - tornTail: the end of the last segment as a crash leaves it, a torn record or a segment
 *   whose header never became durable; replay reports it and opening cuts it;
 * - corruption: a damaged record anywhere else (WAL_CORRUPTION);
 * - header: a segment header that is damaged (WAL_CORRUPTION), that this log cannot read,
 *   or whose base LSN is out of order (WAL_MALFORMED);
 * - malformed: intact records that describe an impossible log (WAL_MALFORMED);
 * - unsupported: a returned transaction holds an index or constraint change
 *   (WAL_UNSUPPORTED_EVENT).
 */
export type LogProblemKind = "tornTail" | "corruption" | "header" | "malformed" | "unsupported";

/** The first problem of a log and where it is. */
export interface LogProblem {
  readonly kind: LogProblemKind;
  readonly segmentPath: string;
  /** Offset of the offending record in its segment; 0 for a segment header. */
  readonly offsetBytes: number;
  /** Highest LSN read before the problem was found; 0 when none. */
  readonly lastGoodLsn: number;
  /** LSN of the offending record when it is intact and readable, else null. */
  readonly recordLsn: number | null;
  readonly message: string;
  /** What replay throws; null for what it reports instead (torn tail, unfinished segment). */
  readonly error: SkeinError | null;
}

export interface ScanOptions {
  /** Transactions committed at or below it are not handed to `sink`. */
  readonly fenceLsn: number;
  readonly sink: CommitSink;
  /**
   * Decode every payload when it is read, as a verifier does, instead of only the payloads
   * of the transactions replay returns. An index or constraint change is still refused
   * only if its transaction is returned.
   */
  readonly decodeAll?: boolean;
  /** Sees every record that passed every check, in log order. */
  readonly onRecord?: (rec: RawRecord, segment: SegmentEntry) => void;
}

export interface LogScan {
  /** What was read before the first problem that stops replay (all of it when none does). */
  readonly outcome: ReplayOutcome;
  /** The first problem, torn tails included; null when every byte checks out. */
  readonly problem: LogProblem | null;
  /** How many of the given segments were read: those after a problem are not. */
  readonly segmentsRead: number;
}

/** A payload record and the segment it was read from. */
interface Located {
  readonly rec: RawRecord;
  readonly segmentPath: string;
}

interface OpenTx {
  /** Payload records not decoded yet: replay decodes only what it returns. */
  readonly payloads: Located[];
  /** Events decoded as they were read (decodeAll), in record order. */
  readonly events: MutationEvent[];
  /** An index or constraint change met while decoding eagerly, refused only on return. */
  unsupported: { readonly error: SkeinError; readonly at: Located } | null;
}

/** The transaction bookkeeping across all segments. */
class TxTracker {
  readonly #open = new Map<number, OpenTx>();
  readonly #fence: number;
  readonly #sink: CommitSink;
  readonly #decodeAll: boolean;
  /** The payload being decoded when a decode fails: the problem is there, not at the commit. */
  #decoding: Located | null = null;
  lastLsn = 0;
  checkpointLsn: number | null = null;

  constructor(fence: number, sink: CommitSink, decodeAll: boolean) {
    this.#fence = fence;
    this.#sink = sink;
    this.#decodeAll = decodeAll;
  }

  /** Take the next record; the problem it reveals, located, or null. */
  accept(rec: RawRecord, segmentPath: string): LogProblem | null {
    const lastGoodLsn = this.lastLsn;
    try {
      this.#accept(rec, segmentPath);
      return null;
    } catch (err) {
      if (!(err instanceof SkeinError)) throw err;
      const at = this.#decoding ?? { rec, segmentPath };
      return {
        kind: err.code === "WAL_UNSUPPORTED_EVENT" ? "unsupported" : "malformed",
        segmentPath: at.segmentPath,
        offsetBytes: at.rec.offsetBytes,
        lastGoodLsn,
        recordLsn: at.rec.lsn,
        message: err.message,
        error: err,
      };
    } finally {
      this.#decoding = null;
    }
  }

  #accept(rec: RawRecord, segmentPath: string): void {
    const where = `in segment ${segmentPath} at lsn ${rec.lsn}`;
    if (rec.kind === RecordKind.TxBegin && this.#open.has(rec.lsn)) {
      throw new SkeinError("WAL_MALFORMED", `duplicate tx begin ${where}`);
    }
    if (rec.lsn <= this.lastLsn) {
      throw new SkeinError(
        "WAL_MALFORMED",
        `lsn does not increase ${where} (previous lsn ${this.lastLsn})`,
      );
    }
    this.lastLsn = rec.lsn;
    switch (rec.kind) {
      case RecordKind.TxBegin:
        this.#open.set(rec.lsn, { payloads: [], events: [], unsupported: null });
        return;
      case RecordKind.Mutation:
      case RecordKind.MutationBatch:
        this.#payload(this.#openTx(rec, where), { rec, segmentPath });
        return;
      case RecordKind.TxCommit:
        this.#commit(rec, where);
        return;
      case RecordKind.TxAbort:
        this.#openTx(rec, where);
        this.#open.delete(rec.txBeginLsn);
        return;
      case RecordKind.Checkpoint:
        this.checkpointLsn = Math.max(this.checkpointLsn ?? 0, rec.txBeginLsn);
        return;
    }
  }

  #payload(tx: OpenTx, at: Located): void {
    if (!this.#decodeAll) {
      tx.payloads.push(at);
      return;
    }
    this.#decoding = at;
    try {
      decodeInto(tx.events, at);
    } catch (err) {
      if (!(err instanceof SkeinError && err.code === "WAL_UNSUPPORTED_EVENT")) throw err;
      tx.unsupported ??= { error: err, at };
    }
    this.#decoding = null;
  }

  #openTx(rec: RawRecord, where: string): OpenTx {
    const tx = this.#open.get(rec.txBeginLsn);
    if (tx === undefined) {
      throw new SkeinError(
        "WAL_MALFORMED",
        `missing tx begin ${rec.txBeginLsn} for ${kindName(rec.kind)} ${where}`,
      );
    }
    return tx;
  }

  #commit(rec: RawRecord, where: string): void {
    const tx = this.#openTx(rec, where);
    this.#open.delete(rec.txBeginLsn);
    // A transaction belongs to the snapshot at the fence when it committed at or below it.
    if (rec.lsn <= this.#fence) return;
    if (tx.unsupported !== null) {
      this.#decoding = tx.unsupported.at;
      throw tx.unsupported.error;
    }
    for (const p of tx.payloads) {
      this.#decoding = p;
      decodeInto(tx.events, p);
    }
    this.#decoding = null;
    this.#sink(tx.events, rec.lsn);
  }
}

function kindName(kind: RecordKind): string {
  return kind === RecordKind.TxCommit
    ? "commit"
    : kind === RecordKind.TxAbort
      ? "abort"
      : "mutation";
}

function decodeInto(out: MutationEvent[], { rec, segmentPath }: Located): void {
  try {
    if (rec.kind === RecordKind.Mutation) out.push(decodeEventPayload(rec.payload));
    else for (const ev of decodeBatchPayload(rec.payload)) out.push(ev);
  } catch (err) {
    const where = `in segment ${segmentPath} at lsn ${rec.lsn}`;
    if (err instanceof SkeinError && err.code === "WAL_UNSUPPORTED_EVENT") {
      throw new SkeinError("WAL_UNSUPPORTED_EVENT", `${err.message} ${where}`, { cause: err });
    }
    const detail = err instanceof Error ? err.message : String(err);
    throw new SkeinError("WAL_MALFORMED", `undecodable mutation payload ${where}: ${detail}`, {
      cause: err,
    });
  }
}

/**
 * Whether an intact record may start anywhere in `(from, end)` after LSN `minLsn`.
 * Cheap checks come before the CRC: a kind byte, a length that fits, and an LSN a record
 * there could have (each record takes one LSN and at least 25 bytes). The bytes put
 * through the CRC are capped at a multiple of the tail, so even a tail crafted to pass the
 * cheap checks everywhere is scanned in linear time; past the cap the answer is "yes",
 * which refuses to open rather than cut what might be good records.
 */
export function hasIntactRecordAfter(
  buf: Uint8Array,
  from: number,
  end: number,
  minLsn: number,
  stats?: { crcBytes: number },
): boolean {
  const maxLsn = minLsn + Math.ceil((end - from) / RECORD_OVERHEAD_BYTES);
  let budgetBytes = 16 * (end - from) + 4 * 1024 * 1024;
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  for (let off = from + 1; off + RECORD_OVERHEAD_BYTES <= end; off++) {
    const kind = buf[off + 4] as number;
    if (kind < 1 || kind > 6) continue;
    const length = view.getUint32(off, true);
    if (length < RECORD_OVERHEAD_BYTES || length > end - off) continue;
    const lsn = view.getUint32(off + 5, true) + view.getUint32(off + 9, true) * 0x1_0000_0000;
    if (lsn <= minLsn || lsn > maxLsn) continue;
    budgetBytes -= length;
    if (budgetBytes < 0) return true;
    if (stats) stats.crcBytes += length;
    if (readFrame(buf, off, end).ok) return true;
  }
  return false;
}

/** Where a problem is, and the LSN read before it. */
export interface JudgePlace {
  readonly entry: SegmentEntry;
  readonly isLast: boolean;
  readonly lastGoodLsn: number;
}

function problemAt(
  place: JudgePlace,
  kind: LogProblemKind,
  offsetBytes: number,
  error: SkeinError | null,
  message = error?.message ?? "",
): LogProblem {
  const { entry, lastGoodLsn } = place;
  return {
    kind,
    segmentPath: entry.path,
    offsetBytes,
    lastGoodLsn,
    recordLsn: null,
    message,
    error,
  };
}

/** Judge a segment header that does not check out; `lengthBytes` is the file's length. */
export function judgeHeader(
  place: JudgePlace,
  head: Extract<HeaderResult, { ok: false }>,
  lengthBytes: number,
): LogProblem {
  const path = place.entry.path;
  // A header that checks out but is not ours to read is intact: malformed, not damaged.
  if (head.problem === "version" || head.problem === "lsn") {
    return problemAt(
      place,
      "header",
      0,
      new SkeinError("WAL_MALFORMED", `${head.detail} in segment ${path}`),
    );
  }
  if (place.isLast && lengthBytes <= SEGMENT_HEADER_BYTES) {
    const message = `unfinished segment ${path} (a crash while it was created): ${head.detail}`;
    return problemAt(place, "tornTail", 0, null, message);
  }
  return problemAt(
    place,
    "header",
    0,
    new WalCorruptionError(path, 0, `${head.detail} in segment ${path}`),
  );
}

/** Judge the bytes at `offset` of a segment, which are not a record. */
export function judgeBadFrame(
  place: JudgePlace & { readonly sealed: boolean },
  buf: Uint8Array,
  offset: number,
  frame: Extract<FrameResult, { ok: false }>,
): LogProblem {
  const { entry, isLast, sealed, lastGoodLsn } = place;
  const where = `at byte ${offset} of segment ${entry.path} after lsn ${lastGoodLsn}`;
  if (frame.problem === "kind" || frame.problem === "lsn") {
    const error = new SkeinError("WAL_MALFORMED", `${frame.detail} ${where}`);
    return problemAt(place, "malformed", offset, error);
  }
  const intactAfter = hasIntactRecordAfter(buf, offset, buf.length, lastGoodLsn);
  if (!isLast || sealed || intactAfter) {
    const why = sealed
      ? "in a sealed segment"
      : !isLast
        ? "in a segment before the last"
        : "followed by intact records";
    const message = `bad record ${where}: ${frame.detail} (${why})`;
    return problemAt(
      place,
      "corruption",
      offset,
      new WalCorruptionError(entry.path, offset, message),
    );
  }
  return problemAt(place, "tornTail", offset, null, `torn tail ${where}: ${frame.detail}`);
}

interface SegmentScan {
  /** Null when the header did not check out or is out of order. */
  readonly scanned: ScannedSegment | null;
  readonly problem: LogProblem | null;
}

/** What the segment before this one tells about where this one must begin. */
interface Continuity {
  readonly prevId: number | null;
  readonly prevBaseLsn: number;
  readonly fenceLsn: number;
}

/** A missing segment, or LSNs missing between segments above the fence, is corruption. */
function checkContinuity(
  entry: SegmentEntry,
  baseLsn: number,
  lastLsn: number,
  c: Continuity,
): SkeinError | null {
  if (c.prevId !== null && entry.id !== c.prevId + 1) {
    return new WalCorruptionError(
      entry.path,
      0,
      `segment ids jump from ${c.prevId} to ${entry.id}: the segments in between are missing`,
    );
  }
  if (baseLsn <= c.prevBaseLsn) {
    return new SkeinError(
      "WAL_MALFORMED",
      `segment ${entry.path} base lsn ${baseLsn} is not above the previous segment's ${c.prevBaseLsn}`,
    );
  }
  // Records at or below the fence are in a snapshot: a gap there loses nothing.
  if (lastLsn > 0 && baseLsn > lastLsn + 1 && baseLsn - 1 > c.fenceLsn) {
    return new WalCorruptionError(
      entry.path,
      0,
      `lsns ${lastLsn + 1}..${baseLsn - 1} are missing before segment ${entry.path}`,
    );
  }
  return null;
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
  const tracker = new TxTracker(options.fenceLsn, options.sink, options.decodeAll ?? false);
  const segments: ScannedSegment[] = [];
  let tornTail: TornTail | null = null;
  let unfinishedSegment: SegmentEntry | null = null;
  let problem: LogProblem | null = null;
  let prevBase = -1;
  let prevId: number | null = null;
  let segmentsRead = 0;
  for (const [i, entry] of entries.entries()) {
    const isLast = i === entries.length - 1;
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

/** Replay the given segments (ascending ids), sending committed transactions to `sink`. */
export function replaySegments(
  fs: FileSystem,
  entries: readonly SegmentEntry[],
  fenceLsn: number,
  sink: CommitSink,
): ReplayOutcome {
  const { outcome, problem } = scanLog(fs, entries, { fenceLsn, sink });
  if (problem?.error) throw problem.error;
  return outcome;
}
