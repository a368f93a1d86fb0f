// Finding and reading snapshots.
//
// `readSnapshot` makes two streamed passes, never holding the file whole. The first checks
// the file end to end (size, magic, version, header bounds, trailer, CRC) before anything
// is decoded, so a damaged snapshot never feeds half a graph to the caller. The second
// decodes the records into the caller's sink, checking what the CRC cannot: record
// framing, kinds, ids below the header's next ids, no id twice, relationships between
// nodes the snapshot holds, counts that match, no bytes after the last record. Records
// straddle read chunks; ChunkCursor reassembles them, and one larger than a chunk gets its
// own buffer, bounded by the bytes that remain. Every damage is a SnapshotCorruptionError
// (SNAPSHOT_CORRUPTION) naming the path and byte offset; I/O errors stay SkeinError("IO");
// an error the sink throws passes through unchanged.
//
// It does not decide which snapshot to load or what to do with a damaged one (src/db
// does), and changes nothing on disk.
import { basename, join } from "node:path";
import { crc32 } from "node:zlib";
import { ByteReader } from "../internal/bytes.js";
import type { FileHandle, FileSystem } from "../internal/fs.js";
import { IdSet } from "../store/index.js";
import type { SnapshotHeader, SnapshotNode, SnapshotRelationship } from "./format.js";
import { CHUNK_BYTES, HEADER_BYTES, MIN_NODE_BODY_BYTES } from "./format.js";
import { MIN_RELATIONSHIP_BODY_BYTES, SnapshotCorruptionError, TRAILER_BYTES } from "./format.js";
import { checkTrailer, decodeHeader, decodeNodeBody, decodeRelationshipBody } from "./format.js";
import { parseSnapshotFileName } from "./format.js";

/** Receives the records of a verified snapshot, nodes first, in file order. */
export interface SnapshotSink {
  node(node: SnapshotNode): void;
  relationship(relationship: SnapshotRelationship): void;
}

export interface SnapshotListing {
  path: string;
  fenceLsn: number;
}

/** The snapshots in `dir`, newest (highest fence) first; other files and `.tmp`s ignored. */
export function listSnapshots(fs: FileSystem, dir: string): SnapshotListing[] {
  const found: SnapshotListing[] = [];
  for (const name of fs.list(dir)) {
    const fenceLsn = parseSnapshotFileName(name);
    if (fenceLsn !== null) found.push({ path: join(dir, name), fenceLsn });
  }
  return found.sort((a, b) => b.fenceLsn - a.fenceLsn);
}

/** Verifies the whole file, then streams its records into `sink`; returns its header. */
export function readSnapshot(fs: FileSystem, path: string, sink: SnapshotSink): SnapshotHeader {
  const handle = fs.open(path, "read");
  let header: SnapshotHeader;
  try {
    const sizeBytes = handle.size();
    const minBytes = HEADER_BYTES + TRAILER_BYTES;
    if (sizeBytes < minBytes) {
      const detail = `the file has ${sizeBytes} bytes, fewer than the ${minBytes} of an empty snapshot`;
      throw new SnapshotCorruptionError(path, sizeBytes, detail);
    }
    const buf = new Uint8Array(Math.min(CHUNK_BYTES, sizeBytes));
    header = verify(handle, path, buf, sizeBytes);
    const cursor = new ChunkCursor(handle, path, buf, HEADER_BYTES, sizeBytes - TRAILER_BYTES);
    decodeRecords(cursor, path, header, sink);
  } catch (err) {
    try {
      handle.close();
    } catch {
      // the first error is the one to report
    }
    throw err;
  }
  handle.close();
  return header;
}

/** Pass one: header, then the CRC over every chunk, then the trailer. */
function verify(
  handle: FileHandle,
  path: string,
  buf: Uint8Array,
  sizeBytes: number,
): SnapshotHeader {
  const recordsEnd = sizeBytes - TRAILER_BYTES;
  readFully(handle, path, buf, HEADER_BYTES, 0);
  const header = decodeHeader(buf, path, recordsEnd - HEADER_BYTES);
  const named = parseSnapshotFileName(basename(path));
  if (named !== null && named !== header.fenceLsn) {
    const detail = `fence lsn ${header.fenceLsn} differs from the ${named} of the file name`;
    throw new SnapshotCorruptionError(path, 12, detail);
  }
  let crc = 0;
  for (let at = 0; at < recordsEnd;) {
    const n = Math.min(buf.length, recordsEnd - at);
    readFully(handle, path, buf, n, at);
    crc = crc32(buf.subarray(0, n), crc);
    at += n;
  }
  readFully(handle, path, buf, TRAILER_BYTES, recordsEnd);
  checkTrailer(buf, path, recordsEnd, crc);
  return header;
}

/** Pass two: every record, checked against the header and the records before it. */
function decodeRecords(
  cursor: ChunkCursor,
  path: string,
  header: SnapshotHeader,
  sink: SnapshotSink,
): void {
  // Bitmaps, not hash sets: a million ids cost 128 KiB and no rehashing.
  const nodeIds = new IdSet();
  for (let i = 0; i < header.nodeCount; i++) {
    const at = cursor.position;
    const body = cursor.record(MIN_NODE_BODY_BYTES, "node");
    let node: SnapshotNode;
    try {
      node = decodeNodeBody(body);
    } catch (cause) {
      throw undecodable(path, at, `node record ${i}`, cause);
    }
    checkId(path, at, "node", node.id, header.nextNodeId, nodeIds);
    sink.node(node);
  }
  const relIds = new IdSet();
  for (let i = 0; i < header.relationshipCount; i++) {
    const at = cursor.position;
    const body = cursor.record(MIN_RELATIONSHIP_BODY_BYTES, "relationship");
    let rel: SnapshotRelationship;
    try {
      rel = decodeRelationshipBody(body);
    } catch (cause) {
      throw undecodable(path, at, `relationship record ${i}`, cause);
    }
    checkId(path, at, "relationship", rel.id, header.nextRelationshipId, relIds);
    const missing = !nodeIds.has(rel.src) ? rel.src : !nodeIds.has(rel.dst) ? rel.dst : null;
    if (missing !== null) {
      const detail = `relationship ${rel.id} joins node ${missing}, which the snapshot does not hold`;
      throw new SnapshotCorruptionError(path, at, detail);
    }
    sink.relationship(rel);
  }
  if (cursor.remaining !== 0) {
    const detail = `${cursor.remaining} bytes after the last of the records the header counts`;
    throw new SnapshotCorruptionError(path, cursor.position, detail);
  }
}

/** Any failure to decode checksummed bytes is damage, whatever raised it. */
function undecodable(path: string, at: number, what: string, cause: unknown): Error {
  const why = cause instanceof Error ? cause.message : String(cause);
  return new SnapshotCorruptionError(path, at, `${what}: ${why}`, cause);
}

function checkId(
  path: string,
  at: number,
  what: string,
  id: number,
  next: number,
  seen: IdSet,
): void {
  if (id >= next) {
    throw new SnapshotCorruptionError(
      path,
      at,
      `${what} id ${id} is not below the next ${what} id ${next}`,
    );
  }
  if (seen.has(id)) throw new SnapshotCorruptionError(path, at, `${what} id ${id} appears twice`);
  seen.add(id);
}

/** Reads exactly `length` bytes at `position` into buf[0..), in calls of at most a chunk. */
function readFully(
  handle: FileHandle,
  path: string,
  buf: Uint8Array,
  length: number,
  position: number,
  offset = 0,
): void {
  for (let done = 0; done < length;) {
    const n = handle.read(
      buf,
      offset + done,
      Math.min(CHUNK_BYTES, length - done),
      position + done,
    );
    if (n === 0) {
      const detail = `the file ends ${length - done} bytes early (it changed while being read)`;
      throw new SnapshotCorruptionError(path, position + done, detail);
    }
    done += n;
  }
}

/** Sequential access to [start, end) of the file through one reusable buffer. */
class ChunkCursor {
  readonly #handle: FileHandle;
  readonly #path: string;
  readonly #buf: Uint8Array;
  readonly #end: number;
  #position: number;
  #bufStart: number; // file offset of buf[0]
  #bufLength = 0;
  readonly #reader: ByteReader;

  constructor(handle: FileHandle, path: string, buf: Uint8Array, start: number, end: number) {
    this.#handle = handle;
    this.#path = path;
    this.#buf = buf;
    this.#reader = new ByteReader(buf);
    this.#position = start;
    this.#bufStart = start;
    this.#end = end;
  }

  get position(): number {
    return this.#position;
  }

  get remaining(): number {
    return this.#end - this.#position;
  }

  /**
   * One record's body, as a reader over exactly its bytes: its u32 length is checked,
   * then that many bytes are made available. The reader is reused from call to call.
   */
  record(minBodyBytes: number, what: string): ByteReader {
    const at = this.#position;
    const p = this.#available(4, `${what} record length`);
    const buf = this.#buf;
    const length = (buf[p]! | (buf[p + 1]! << 8) | (buf[p + 2]! << 16)) + buf[p + 3]! * 0x100_0000;
    this.#position = at + 4;
    if (length < minBodyBytes) {
      const detail = `${what} record length ${length} is below the ${minBodyBytes} bytes of the smallest`;
      throw new SnapshotCorruptionError(this.#path, at, detail);
    }
    if (length > buf.length) {
      // Larger than a chunk: its own buffer, bounded by the bytes that remain.
      this.#checkRemaining(length, `${what} record`);
      const own = new Uint8Array(length);
      readFully(this.#handle, this.#path, own, length, this.#position);
      this.#position += length;
      return new ByteReader(own);
    }
    const start = this.#available(length, `${what} record`);
    this.#position += length;
    return this.#reader.window(start, start + length);
  }

  /**
   * Where the next `n` bytes (at most a chunk) start in the buffer, refilling it when they
   * are not all there. Bounded by the bytes before the trailer, before anything is read.
   */
  #available(n: number, what: string): number {
    const at = this.#position;
    this.#checkRemaining(n, what);
    const inBuf = at - this.#bufStart;
    if (inBuf + n <= this.#bufLength) return inBuf;
    this.#refill(at);
    return 0;
  }

  #checkRemaining(n: number, what: string): void {
    const at = this.#position;
    if (n > this.#end - at) {
      const detail = `${what} needs ${n} bytes, ${this.#end - at} remain before the trailer`;
      throw new SnapshotCorruptionError(this.#path, at, detail);
    }
  }

  /** Moves the unread buffered bytes to the front, then fills the rest from the file. */
  #refill(at: number): void {
    const kept = Math.max(0, this.#bufStart + this.#bufLength - at);
    if (kept > 0) this.#buf.copyWithin(0, at - this.#bufStart, this.#bufLength);
    const want = Math.min(this.#buf.length, this.#end - at);
    readFully(this.#handle, this.#path, this.#buf, want - kept, at + kept, kept);
    this.#bufStart = at;
    this.#bufLength = want;
  }
}
