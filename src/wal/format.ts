// The segment file's fixed layout: header bytes, record framing constants and the record
// kinds. Encoding of a header lives here; records are framed in record.ts. Nothing here
// touches files. The layout is LoraDB 0.15's, so directories move between both engines.
//
// Segment header, 32 bytes, little-endian:
//   [0..8)   magic "LORAWAL\0"
//   [8..12)  format version u32 = 1
//   [12..20) base LSN u64 — the next LSN to be allocated when the segment was created
//   [20..24) flags u32 — bit 0: sealed (no more appends)
//   [24..28) reserved, zero
//   [28..32) CRC-32/IEEE of bytes [0..28)
import { ByteReader, ByteWriter } from "../internal/bytes.js";
import { crc32 } from "../internal/crc.js";

export const SEGMENT_MAGIC = new Uint8Array([0x4c, 0x4f, 0x52, 0x41, 0x57, 0x41, 0x4c, 0x00]);
export const SEGMENT_VERSION = 1;
export const SEGMENT_HEADER_BYTES = 32;
export const FLAG_SEALED = 1;

/** Length prefix + kind + lsn + txBeginLsn + CRC: a marker record is exactly this long. */
export const RECORD_OVERHEAD_BYTES = 25;
/** Offset of the payload inside a record. */
export const RECORD_PAYLOAD_OFFSET = 21;
/** Largest record a reader accepts; a larger length prefix is refused before allocating. */
export const MAX_RECORD_BYTES = 256 * 1024 * 1024;

export const RecordKind = {
  Mutation: 1,
  TxBegin: 2,
  TxCommit: 3,
  TxAbort: 4,
  Checkpoint: 5,
  MutationBatch: 6,
} as const;
export type RecordKind = (typeof RecordKind)[keyof typeof RecordKind];

export function isRecordKind(k: number): k is RecordKind {
  return k >= 1 && k <= 6;
}

export const RECORD_KIND_NAMES: Record<RecordKind, string> = {
  1: "Mutation",
  2: "TxBegin",
  3: "TxCommit",
  4: "TxAbort",
  5: "Checkpoint",
  6: "MutationBatch",
};

export interface SegmentHeader {
  readonly baseLsn: number;
  readonly sealed: boolean;
}

export function encodeSegmentHeader(header: SegmentHeader): Uint8Array {
  const w = new ByteWriter(SEGMENT_HEADER_BYTES);
  w.bytes(SEGMENT_MAGIC);
  w.u32(SEGMENT_VERSION);
  w.u64(header.baseLsn);
  w.u32(header.sealed ? FLAG_SEALED : 0);
  w.u32(0);
  w.u32(crc32(w.view()));
  return w.toBytes();
}

/** Why a header was refused, checked in the format's order: length, magic, CRC, version. */
export type HeaderProblem = "short" | "magic" | "crc" | "version" | "lsn";

export type HeaderResult =
  | { readonly ok: true; readonly header: SegmentHeader }
  | { readonly ok: false; readonly problem: HeaderProblem; readonly detail: string };

export function decodeSegmentHeader(bytes: Uint8Array): HeaderResult {
  if (bytes.length < SEGMENT_HEADER_BYTES) {
    return { ok: false, problem: "short", detail: `header is ${bytes.length} of 32 bytes` };
  }
  for (let i = 0; i < SEGMENT_MAGIC.length; i++) {
    if (bytes[i] !== SEGMENT_MAGIC[i]) {
      return { ok: false, problem: "magic", detail: "bad segment magic" };
    }
  }
  const r = new ByteReader(bytes, 8, SEGMENT_HEADER_BYTES);
  const version = r.u32();
  const baseLsnRaw = r.u64();
  const flags = r.u32();
  r.u32();
  const storedCrc = r.u32();
  const actualCrc = crc32(bytes, 0, 28);
  if (storedCrc !== actualCrc) {
    return { ok: false, problem: "crc", detail: "segment header crc mismatch" };
  }
  if (version !== SEGMENT_VERSION) {
    return { ok: false, problem: "version", detail: `unsupported segment version ${version}` };
  }
  if (baseLsnRaw > BigInt(Number.MAX_SAFE_INTEGER)) {
    return { ok: false, problem: "lsn", detail: `segment base lsn ${baseLsnRaw} out of range` };
  }
  return { ok: true, header: { baseLsn: Number(baseLsnRaw), sealed: (flags & FLAG_SEALED) !== 0 } };
}
