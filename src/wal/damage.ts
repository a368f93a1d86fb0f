// Damage judgement: what a bad place in the log means. A bad record at the very end of the
// last segment is a torn tail (a crash mid-write: reported, cut by the log on open); a bad
// record followed by intact ones, or any bad record in an earlier or sealed segment, is
// corruption; intact bytes that describe an impossible log are malformed. It also checks
// that each segment continues the one before it (no missing ids, no missing LSNs above
// the fence).
//
// It only judges: each rule turns a place and what was found there into a located
// `LogProblem` value and never throws it. Reading segments and tracking transactions is
// replay.ts and tx-tracker.ts. The rules stand alone so that replay and the read-only
// tools (inspect.ts, repair.ts) judge the same bytes the same way.
import { SkeinError, WalCorruptionError } from "../internal/errors.js";
import { RECORD_OVERHEAD_BYTES, SEGMENT_HEADER_BYTES, type HeaderResult } from "./format.js";
import { readFrame, type FrameResult } from "./record.js";
import type { SegmentEntry } from "./segment-dir.js";

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
/** A problem located at `offsetBytes` of the place's segment, with no record LSN. */
export function problemAt(
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

/** What the segment before this one tells about where this one must begin. */
export interface Continuity {
  readonly prevId: number | null;
  readonly prevBaseLsn: number;
  readonly fenceLsn: number;
}

/** A missing segment, or LSNs missing between segments above the fence, is corruption. */
export function checkContinuity(
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
