// Replay: read a WAL directory's segments in order and hand over the events of committed
// transactions, in commit order. It decides what damage means: a bad record at the very
// end of the last segment is a torn tail (a crash mid-write; reported, cut by the log on
// open), while a bad record followed by valid ones, or any bad record in an earlier
// segment, is corruption and nothing opens. It also refuses logs whose structure is
// impossible (WAL_MALFORMED). It never writes; the log acts on what it reports.
import type { FileSystem } from "../internal/fs.js";
import { SkeinError, WalCorruptionError } from "../internal/errors.js";
import type { MutationEvent } from "../store/index.js";
import { decodeBatchPayload, decodeEventPayload } from "../store/index.js";
import {
  RECORD_OVERHEAD_BYTES,
  RecordKind,
  SEGMENT_HEADER_BYTES,
  decodeSegmentHeader,
} from "./format.js";
import { readFrame, type RawRecord } from "./record.js";
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

interface OpenTx {
  readonly payloads: RawRecord[];
}

/** The transaction bookkeeping across all segments. */
class TxTracker {
  readonly #open = new Map<number, OpenTx>();
  readonly #fence: number;
  readonly #sink: CommitSink;
  lastLsn = 0;
  checkpointLsn: number | null = null;

  constructor(fence: number, sink: CommitSink) {
    this.#fence = fence;
    this.#sink = sink;
  }

  accept(rec: RawRecord, segmentPath: string): void {
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
        this.#open.set(rec.lsn, { payloads: [] });
        return;
      case RecordKind.Mutation:
      case RecordKind.MutationBatch:
        this.#openTx(rec, where).payloads.push(rec);
        return;
      case RecordKind.TxCommit:
        this.#commit(rec, where, segmentPath);
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

  #commit(rec: RawRecord, where: string, segmentPath: string): void {
    const tx = this.#openTx(rec, where);
    this.#open.delete(rec.txBeginLsn);
    // A transaction belongs to the snapshot at the fence when it committed at or below it.
    if (rec.lsn <= this.#fence) return;
    const events: MutationEvent[] = [];
    for (const p of tx.payloads) decodeInto(events, p, segmentPath);
    this.#sink(events, rec.lsn);
  }
}

function kindName(kind: RecordKind): string {
  return kind === RecordKind.TxCommit
    ? "commit"
    : kind === RecordKind.TxAbort
      ? "abort"
      : "mutation";
}

function decodeInto(out: MutationEvent[], rec: RawRecord, segmentPath: string): void {
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
 * Whether an intact record starts anywhere in `(from, end)` with an LSN above `minLsn`.
 * Cheap checks (kind byte, length, LSN) come before the CRC, so garbage is passed over fast.
 */
function hasIntactRecordAfter(buf: Uint8Array, from: number, end: number, minLsn: number): boolean {
  for (let off = from + 1; off + RECORD_OVERHEAD_BYTES <= end; off++) {
    const kind = buf[off + 4] as number;
    if (kind < 1 || kind > 6) continue;
    const frame = readFrame(buf, off, end);
    if (frame.ok && frame.record.lsn > minLsn) return true;
  }
  return false;
}

function scanSegment(
  fs: FileSystem,
  entry: SegmentEntry,
  isLast: boolean,
  tracker: TxTracker,
  prevBaseLsn: number,
): { scanned: ScannedSegment | null; tornTail: TornTail | null } {
  const buf = fs.readFile(entry.path);
  const head = decodeSegmentHeader(buf);
  if (!head.ok) {
    // A header that checks out but is not ours to read is intact: malformed, not damaged.
    if (head.problem === "version" || head.problem === "lsn") {
      throw new SkeinError("WAL_MALFORMED", `${head.detail} in segment ${entry.path}`);
    }
    if (isLast && buf.length <= SEGMENT_HEADER_BYTES) return { scanned: null, tornTail: null };
    throw new WalCorruptionError(entry.path, 0, `${head.detail} in segment ${entry.path}`);
  }
  const { baseLsn, sealed } = head.header;
  if (baseLsn <= prevBaseLsn) {
    throw new SkeinError(
      "WAL_MALFORMED",
      `segment ${entry.path} base lsn ${baseLsn} is not above the previous segment's ${prevBaseLsn}`,
    );
  }
  let offset = SEGMENT_HEADER_BYTES;
  let records = 0;
  let tornTail: TornTail | null = null;
  while (offset < buf.length) {
    const frame = readFrame(buf, offset, buf.length);
    if (!frame.ok) {
      if (frame.problem === "kind" || frame.problem === "lsn") {
        throw new SkeinError(
          "WAL_MALFORMED",
          `${frame.detail} at byte ${offset} of segment ${entry.path} after lsn ${tracker.lastLsn}`,
        );
      }
      const intactAfter = hasIntactRecordAfter(buf, offset, buf.length, tracker.lastLsn);
      if (!isLast || sealed || intactAfter) {
        const why = sealed
          ? "in a sealed segment"
          : !isLast
            ? "in a segment before the last"
            : "followed by intact records";
        throw new WalCorruptionError(
          entry.path,
          offset,
          `bad record at byte ${offset} of segment ${entry.path} after lsn ${tracker.lastLsn}: ${frame.detail} (${why})`,
        );
      }
      tornTail = { segmentPath: entry.path, lastGoodOffset: offset };
      break;
    }
    const rec = frame.record;
    if (rec.lsn < baseLsn) {
      throw new SkeinError(
        "WAL_MALFORMED",
        `record lsn ${rec.lsn} below base lsn ${baseLsn} of segment ${entry.path}`,
      );
    }
    tracker.accept(rec, entry.path);
    records++;
    offset += rec.lengthBytes;
  }
  return { scanned: { ...entry, baseLsn, sealed, endBytes: offset, records }, tornTail };
}

/** Replay the given segments (ascending ids), sending committed transactions to `sink`. */
export function replaySegments(
  fs: FileSystem,
  entries: readonly SegmentEntry[],
  fenceLsn: number,
  sink: CommitSink,
): ReplayOutcome {
  const tracker = new TxTracker(fenceLsn, sink);
  const segments: ScannedSegment[] = [];
  let tornTail: TornTail | null = null;
  let unfinishedSegment: SegmentEntry | null = null;
  let prevBase = -1;
  entries.forEach((entry, i) => {
    const isLast = i === entries.length - 1;
    const result = scanSegment(fs, entry, isLast, tracker, prevBase);
    if (result.scanned === null) {
      unfinishedSegment = entry;
      return;
    }
    prevBase = result.scanned.baseLsn;
    segments.push(result.scanned);
    tornTail = result.tornTail;
  });
  return {
    maxLsn: tracker.lastLsn,
    tornTail,
    checkpointLsnObserved: tracker.checkpointLsn,
    segments,
    unfinishedSegment,
  };
}
