// The snapshot file format: a point-in-time copy of the graph, stamped with the log's fence
// so recovery loads it and replays only the log above the fence. This file owns the bytes
// (header, records, trailer), the file names, and the corruption error; writer.ts and
// reader.ts own the I/O and the order of work. It does no I/O itself, so every rule about
// bytes is in one place and testable without a file system.
//
// Integers are little-endian. str = u64 byte length + UTF-8; properties = the LW1 property
// map of src/store/lw1-values.ts, so a value has one encoding in the log and in snapshots.
//
//   file      header · nodeCount node records · relationshipCount relationship records ·
//             trailer; nothing else
//   header    [0..8)    magic "SKEINSNP"
//             [8..12)   u32 format version (1)
//             [12..20)  u64 fence LSN: the snapshot holds every commit at or below it
//             [20..28)  u64 next node id (every node id in the file is below it)
//             [28..36)  u64 next relationship id (likewise)
//             [36..44)  u64 node count
//             [44..52)  u64 relationship count
//   record    [0..4)    u32 body length n
//             [4..4+n)  body, one of:
//     node          [0..1) u8 kind 1 · [1..9) u64 id · [9..17) u64 label count ·
//                   [17..) labels, str each · properties
//     relationship  [0..1) u8 kind 2 · [1..9) u64 id · [9..17) u64 source node id ·
//                   [17..25) u64 target node id · [25..) str type · properties
//   trailer   the file's last 12 bytes:
//             [0..4)    u32 CRC-32/IEEE of every byte before the trailer
//             [4..12)   magic "SKEINEND"
//
// Why a length per record: the reader frames a record with two bounded reads (length, then
// body) and decodes the body from memory, so records may straddle read chunks without the
// value decoder knowing about files. Why one CRC over the whole file rather than one per
// record: a snapshot is written once and read whole; the reader verifies it end to end
// before decoding anything, so nothing from a damaged file reaches the graph.
//
// Names: `snapshot-<fence, 16 digits>.skein`, so a listing sorts by fence; `<name>.tmp`
// while being written (see writer.ts).
import { ByteReader, ByteWriter } from "../internal/bytes.js";
import { SkeinError } from "../internal/errors.js";
import type { Properties } from "../store/index.js";
import { readProperties, writeProperties } from "../store/index.js";

export const SNAPSHOT_VERSION = 1;
export const HEADER_BYTES = 52;
export const TRAILER_BYTES = 12;
/** Writes and reads move at most this many bytes per file-system call. */
export const CHUNK_BYTES = 1024 * 1024;
/** A body holds kind, id, label count and an empty property map at least. */
export const MIN_NODE_BODY_BYTES = 1 + 8 + 8 + 8;
/** Kind, id, source, target, type length and an empty property map at least. */
export const MIN_RELATIONSHIP_BODY_BYTES = 1 + 8 + 8 + 8 + 8 + 8;
export const TEMP_SUFFIX = ".tmp";

const MAGIC = new TextEncoder().encode("SKEINSNP");
const TRAILER_MAGIC = new TextEncoder().encode("SKEINEND");
const NODE_KIND = 1;
const RELATIONSHIP_KIND = 2;
const MAX_BODY_BYTES = 0xffff_ffff;
const NAME = /^snapshot-(\d{16})\.skein$/;

export interface SnapshotHeader {
  fenceLsn: number;
  nextNodeId: number;
  nextRelationshipId: number;
  nodeCount: number;
  relationshipCount: number;
}

export interface SnapshotNode {
  id: number;
  labels: string[];
  properties: Properties;
}

export interface SnapshotRelationship {
  id: number;
  src: number;
  dst: number;
  type: string;
  properties: Properties;
}

/** A snapshot that cannot be trusted: where, so recovery can name it and fall back. */
export class SnapshotCorruptionError extends SkeinError {
  readonly snapshotPath: string;
  readonly offsetBytes: number;

  constructor(snapshotPath: string, offsetBytes: number, detail: string, cause?: unknown) {
    super(
      "SNAPSHOT_CORRUPTION",
      `damaged snapshot ${snapshotPath} at byte ${offsetBytes}: ${detail}`,
      cause === undefined ? undefined : { cause },
    );
    this.name = "SnapshotCorruptionError";
    this.snapshotPath = snapshotPath;
    this.offsetBytes = offsetBytes;
  }
}

// ---- names -------------------------------------------------------------------------------

export function snapshotFileName(fenceLsn: number): string {
  return `snapshot-${String(fenceLsn).padStart(16, "0")}.skein`;
}

/** The fence a snapshot's name encodes, or null when the name is not a snapshot's. */
export function parseSnapshotFileName(name: string): number | null {
  const digits = NAME.exec(name)?.[1];
  if (digits === undefined) return null;
  const fence = Number(digits);
  return Number.isSafeInteger(fence) ? fence : null;
}

export function isSnapshotTempName(name: string): boolean {
  return name.endsWith(TEMP_SUFFIX) && NAME.test(name.slice(0, -TEMP_SUFFIX.length));
}

// ---- encoding ----------------------------------------------------------------------------

export function writeHeader(w: ByteWriter, h: SnapshotHeader): void {
  w.bytes(MAGIC);
  w.u32(SNAPSHOT_VERSION);
  w.u64(h.fenceLsn);
  w.u64(h.nextNodeId);
  w.u64(h.nextRelationshipId);
  w.u64(h.nodeCount);
  w.u64(h.relationshipCount);
}

export function writeNodeRecord(
  w: ByteWriter,
  node: { id: number; labels: readonly string[]; properties: Readonly<Properties> },
  nextNodeId: number,
): void {
  const start = w.reserve(4);
  w.u8(NODE_KIND);
  writeId(w, node.id, "node id", nextNodeId, "next node id");
  const labels: unknown = node.labels;
  if (!Array.isArray(labels)) throw invalid(`node ${node.id} labels are not an array`);
  w.u64(labels.length);
  for (const label of labels) writeText(w, label, `node ${node.id} label`);
  writeProperties(w, node.properties);
  patchLength(w, start);
}

export function writeRelationshipRecord(
  w: ByteWriter,
  rel: { id: number; src: number; dst: number; type: string; properties: Readonly<Properties> },
  nextRelationshipId: number,
  nextNodeId: number,
): void {
  const start = w.reserve(4);
  w.u8(RELATIONSHIP_KIND);
  writeId(w, rel.id, "relationship id", nextRelationshipId, "next relationship id");
  writeId(w, rel.src, `relationship ${rel.id} source node id`, nextNodeId, "next node id");
  writeId(w, rel.dst, `relationship ${rel.id} target node id`, nextNodeId, "next node id");
  writeText(w, rel.type, `relationship ${rel.id} type`);
  writeProperties(w, rel.properties);
  patchLength(w, start);
}

export function encodeTrailer(crc: number): Uint8Array {
  const w = new ByteWriter(TRAILER_BYTES);
  w.u32(crc >>> 0);
  w.bytes(TRAILER_MAGIC);
  return w.toBytes();
}

function invalid(message: string): SkeinError {
  return new SkeinError("INVALID_ARGUMENT", message);
}

/** A value named for a message: strings quoted, numbers as written, anything else by type. */
function show(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "number" || typeof v === "bigint") return String(v);
  if (v === null || v === undefined) return String(v);
  return typeof v === "object" ? "an object" : `a ${typeof v}`;
}

function writeId(w: ByteWriter, id: unknown, what: string, next: number, nextWhat: string): void {
  if (typeof id !== "number" || !Number.isSafeInteger(id) || id < 0) {
    throw invalid(`${what} ${show(id)} is not a non-negative safe integer`);
  }
  if (id >= next) throw invalid(`${what} ${id} is not below the ${nextWhat} ${next}`);
  w.u64(id);
}

function writeText(w: ByteWriter, s: unknown, what: string): void {
  if (typeof s !== "string") throw invalid(`${what} ${show(s)} is not a string`);
  // A lone surrogate would come back as U+FFFD: refuse rather than change the data.
  if (!(s as string & { isWellFormed(): boolean }).isWellFormed()) {
    throw invalid(`${what} ${show(s)} has a lone surrogate`);
  }
  w.string(s);
}

function patchLength(w: ByteWriter, start: number): void {
  const bodyBytes = w.length - start - 4;
  if (bodyBytes > MAX_BODY_BYTES) {
    throw invalid(`a record of ${bodyBytes} bytes exceeds the ${MAX_BODY_BYTES} a record may hold`);
  }
  w.patchU32(start, bodyBytes);
}

// ---- decoding ----------------------------------------------------------------------------

/**
 * The header from the file's first HEADER_BYTES, checked against the file: magic, version,
 * ids that fit, and counts whose smallest records fit in `recordBytes`.
 */
export function decodeHeader(bytes: Uint8Array, path: string, recordBytes: number): SnapshotHeader {
  if (!MAGIC.every((b, i) => bytes[i] === b)) {
    const hex = Buffer.from(bytes.subarray(0, MAGIC.length)).toString("hex");
    throw new SnapshotCorruptionError(path, 0, `bad magic 0x${hex} (expected "SKEINSNP")`);
  }
  const r = new ByteReader(bytes, MAGIC.length, HEADER_BYTES);
  const version = r.u32("version");
  if (version !== SNAPSHOT_VERSION) {
    throw new SnapshotCorruptionError(
      path,
      8,
      `unsupported format version ${version} (expected ${SNAPSHOT_VERSION})`,
    );
  }
  const fenceLsn = safeField(r, path, "fence lsn");
  const nextNodeId = safeField(r, path, "next node id");
  const nextRelationshipId = safeField(r, path, "next relationship id");
  const nodeCount = r.u64("node count");
  const relationshipCount = r.u64("relationship count");
  const needed =
    nodeCount * BigInt(4 + MIN_NODE_BODY_BYTES) +
    relationshipCount * BigInt(4 + MIN_RELATIONSHIP_BODY_BYTES);
  if (needed > BigInt(recordBytes)) {
    throw new SnapshotCorruptionError(
      path,
      36,
      `node count ${nodeCount} and relationship count ${relationshipCount} need at least ` +
        `${needed} bytes of records, the file holds ${recordBytes}`,
    );
  }
  return {
    fenceLsn,
    nextNodeId,
    nextRelationshipId,
    nodeCount: Number(nodeCount),
    relationshipCount: Number(relationshipCount),
  };
}

function safeField(r: ByteReader, path: string, what: string): number {
  const at = r.position;
  try {
    return r.safeU64(what);
  } catch (cause) {
    throw new SnapshotCorruptionError(path, at, `${what} does not fit a safe integer`, cause);
  }
}

/** The trailer (at `offset`) must carry its magic and the CRC of every byte before it. */
export function checkTrailer(bytes: Uint8Array, path: string, offset: number, crc: number): void {
  if (!TRAILER_MAGIC.every((b, i) => bytes[4 + i] === b)) {
    const hex = Buffer.from(bytes.subarray(4, TRAILER_BYTES)).toString("hex");
    throw new SnapshotCorruptionError(
      path,
      offset + 4,
      `bad trailer magic 0x${hex} (expected "SKEINEND")`,
    );
  }
  const stored = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true);
  if (stored !== crc >>> 0) {
    throw new SnapshotCorruptionError(
      path,
      offset,
      `checksum 0x${hex32(stored)} does not match 0x${hex32(crc)} computed over the ${offset} bytes before it`,
    );
  }
}

function hex32(n: number): string {
  return (n >>> 0).toString(16).padStart(8, "0");
}

/** A node record's body; malformed bytes throw SkeinError DECODE (the reader adds where). */
export function decodeNodeBody(body: Uint8Array | ByteReader): SnapshotNode {
  const r = body instanceof ByteReader ? body : new ByteReader(body);
  const labels: string[] = [];
  const id = decodeNodeHead(r, labels);
  const properties = readProperties(r);
  r.expectEnd("node record");
  return { id, labels, properties };
}

/**
 * A node record's body up to its properties, where it leaves `r`: the id is returned and
 * the labels replace the contents of `labels`, so a loader can reuse one array.
 */
export function decodeNodeHead(r: ByteReader, labels: string[]): number {
  expectKind(r, NODE_KIND, "node");
  const id = r.safeU64("node id");
  const count = r.count("label count", 8);
  for (let i = 0; i < count; i++) labels[i] = r.string("label");
  if (labels.length !== count) labels.length = count;
  return id;
}

export function decodeRelationshipBody(body: Uint8Array | ByteReader): SnapshotRelationship {
  const r = body instanceof ByteReader ? body : new ByteReader(body);
  const head = { id: 0, src: 0, dst: 0, type: "" };
  decodeRelationshipHead(r, head);
  const properties = readProperties(r);
  r.expectEnd("relationship record");
  return { ...head, properties };
}

/** A relationship record's body up to its properties, into `head` (reused by a loader). */
export function decodeRelationshipHead(
  r: ByteReader,
  head: Omit<SnapshotRelationship, "properties">,
): void {
  expectKind(r, RELATIONSHIP_KIND, "relationship");
  head.id = r.safeU64("relationship id");
  head.src = r.safeU64("source node id");
  head.dst = r.safeU64("target node id");
  head.type = r.string("relationship type");
}

function expectKind(r: ByteReader, kind: number, what: string): void {
  const found = r.u8("record kind");
  if (found !== kind) {
    throw new SkeinError("DECODE", `record kind ${found} where a ${what} record (${kind}) belongs`);
  }
}
