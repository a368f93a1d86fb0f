// Record framing: how one record is laid out in a segment, and how a reader decides that
// the bytes at an offset are (or are not) a whole, intact record. Payloads are LW1 bytes
// (src/store/lw1-codec.ts); this file does not decode them, so a reader can skip the
// transactions it does not need without paying for decoding.
//
// Record, little-endian:
//   [0..4)    length u32 — the whole record, this field and the CRC included (25..256 MiB)
//   [4..5)    kind u8 — 1 Mutation, 2 TxBegin, 3 TxCommit, 4 TxAbort, 5 Checkpoint,
//             6 MutationBatch
//   [5..13)   lsn u64
//   [13..21)  txBeginLsn u64 — 0 for TxBegin; the snapshot LSN for Checkpoint
//   [21..N)   payload — empty for TxBegin, TxCommit, TxAbort, Checkpoint
//   [N..N+4)  CRC-32/IEEE of bytes [0..N), length prefix included
import type { ByteWriter } from "../internal/bytes.js";
import { crc32 } from "../internal/crc.js";
import { SkeinError } from "../internal/errors.js";
import {
  MAX_RECORD_BYTES,
  RECORD_KIND_NAMES,
  RECORD_OVERHEAD_BYTES,
  RECORD_PAYLOAD_OFFSET,
  isRecordKind,
  type RecordKind,
} from "./format.js";

/** One framed record as read from a segment; `payload` is a view into the segment bytes. */
export interface RawRecord {
  readonly kind: RecordKind;
  readonly lsn: number;
  readonly txBeginLsn: number;
  readonly payload: Uint8Array;
  readonly offsetBytes: number;
  readonly lengthBytes: number;
}

/**
 * Append one record to `w`. `writePayload` encodes the payload in place; if it throws, or
 * the record would exceed the largest allowed length, `w` is rewound and nothing remains.
 */
export function encodeRecord(
  w: ByteWriter,
  kind: RecordKind,
  lsn: number,
  txBeginLsn: number,
  writePayload?: (w: ByteWriter) => void,
): void {
  const start = w.length;
  try {
    w.reserve(4);
    w.u8(kind);
    w.u64(lsn);
    w.u64(txBeginLsn);
    writePayload?.(w);
  } catch (err) {
    w.rewind(start);
    throw err;
  }
  const lengthBytes = w.length - start + 4;
  if (lengthBytes > MAX_RECORD_BYTES) {
    w.rewind(start);
    throw new SkeinError(
      "WAL_RECORD_TOO_LARGE",
      `${RECORD_KIND_NAMES[kind]} record of ${lengthBytes} bytes exceeds the ${MAX_RECORD_BYTES}-byte limit`,
    );
  }
  w.patchU32(start, lengthBytes);
  w.u32(crc32(w.view(start, w.length)));
}

/** Why the bytes at an offset are not a record. */
export type FrameProblem = "truncated" | "length" | "crc" | "kind" | "lsn";

export type FrameResult =
  | { readonly ok: true; readonly record: RawRecord }
  | { readonly ok: false; readonly problem: FrameProblem; readonly detail: string };

function readU32(buf: Uint8Array, at: number): number {
  return (
    ((buf[at] as number) | ((buf[at + 1] as number) << 8) | ((buf[at + 2] as number) << 16)) +
    (buf[at + 3] as number) * 0x100_0000
  );
}

/** A u64 as a number, or -1 when it does not fit a safe integer. */
function readSafeU64(buf: Uint8Array, at: number): number {
  const lo = readU32(buf, at);
  const hi = readU32(buf, at + 4);
  return hi > 0x1f_ffff ? -1 : hi * 0x1_0000_0000 + lo;
}

/** Read the record that starts at `offset` of `buf` (which ends at `end`), checking it whole. */
export function readFrame(buf: Uint8Array, offset: number, end: number): FrameResult {
  const left = end - offset;
  if (left < 4) return { ok: false, problem: "truncated", detail: `${left} bytes left` };
  const lengthBytes = readU32(buf, offset);
  if (lengthBytes < RECORD_OVERHEAD_BYTES || lengthBytes > MAX_RECORD_BYTES) {
    return { ok: false, problem: "length", detail: `record length ${lengthBytes} out of range` };
  }
  if (lengthBytes > left) {
    return {
      ok: false,
      problem: "truncated",
      detail: `record length ${lengthBytes} exceeds the ${left} bytes left`,
    };
  }
  const crcAt = offset + lengthBytes - 4;
  if (crc32(buf, offset, crcAt) !== readU32(buf, crcAt)) {
    return { ok: false, problem: "crc", detail: "record crc mismatch" };
  }
  const kind = buf[offset + 4] as number;
  if (!isRecordKind(kind)) {
    return { ok: false, problem: "kind", detail: `unknown record kind ${kind}` };
  }
  const lsn = readSafeU64(buf, offset + 5);
  const txBeginLsn = readSafeU64(buf, offset + 13);
  if (lsn < 0 || txBeginLsn < 0) {
    return { ok: false, problem: "lsn", detail: "record lsn does not fit a safe integer" };
  }
  const payload = buf.subarray(offset + RECORD_PAYLOAD_OFFSET, crcAt);
  return { ok: true, record: { kind, lsn, txBeginLsn, payload, offsetBytes: offset, lengthBytes } };
}
