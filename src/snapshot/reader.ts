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
import { SkeinError } from "../internal/errors.js";
import { IdSet, sameItems, skipProperties, type Properties } from "../store/index.js";
import type { SnapshotHeader, SnapshotNode, SnapshotRelationship } from "./format.js";
import { CHUNK_BYTES, HEADER_BYTES, MIN_NODE_BODY_BYTES } from "./format.js";
import { MIN_RELATIONSHIP_BODY_BYTES, SnapshotCorruptionError, TRAILER_BYTES } from "./format.js";
import { checkTrailer, decodeHeader, decodeNodeBody, decodeRelationshipBody } from "./format.js";
import { decodeNodeHead, decodeRelationshipHead, parseSnapshotFileName } from "./format.js";

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

/**
 * Receives the records of a verified snapshot, nodes first, in file order, with their
 * properties left encoded where the file was small enough to be held (see loadSnapshot):
 * then each is the offset of its map in the file's bytes handed to `begin`, its framing
 * already checked (src/store/property-arena.ts keeps such bytes); otherwise the built map
 * (and `begin` has no bytes).
 */
export interface EncodedSnapshotSink {
  /** Before any record, once the file checked out. */
  begin(header: SnapshotHeader, fileBytes: Uint8Array | null): void;
  node(id: number, labels: readonly string[], properties: Properties | number): void;
  relationship(
    id: number,
    src: number,
    dst: number,
    type: string,
    properties: Properties | number,
  ): void;
}

/**
 * Snapshots up to this size are read into memory whole by loadSnapshot, once, and their
 * bytes kept as the arena; offsets stay small integers below it.
 */
export const RESIDENT_MAX_BYTES = 2 ** 30;

/** Verifies the whole file, then streams its records into `sink`; returns its header. */
export function readSnapshot(fs: FileSystem, path: string, sink: SnapshotSink): SnapshotHeader {
  return verifiedRead(fs, path, 0, (cursor, header) =>
    decodeRecords(cursor, path, header, new Decoded(sink)),
  );
}

/**
 * What recovery uses. A file of at most `residentMaxBytes` is read into memory once,
 * verified there, then decoded from there with its property maps left in place, encoded
 * (their framing checked): an open builds no map nobody reads, and the file's bytes stay
 * as the maps' arena. A larger file is streamed and decoded like readSnapshot. Either
 * way nothing reaches the sink before the whole file checked out. Labels arrive as one
 * shared array per run of nodes with equal labels.
 */
export function loadSnapshot(
  fs: FileSystem,
  path: string,
  sink: EncodedSnapshotSink,
  residentMaxBytes = RESIDENT_MAX_BYTES,
): SnapshotHeader {
  return verifiedRead(fs, path, residentMaxBytes, (cursor, header) => {
    if (cursor.resident) {
      sink.begin(header, cursor.bytes);
      decodeRecords(cursor, path, header, new Encoded(sink));
      return;
    }
    sink.begin(header, null);
    const decoded = new Decoded({
      node: (n) => sink.node(n.id, n.labels, n.properties),
      relationship: (r) => sink.relationship(r.id, r.src, r.dst, r.type, r.properties),
    });
    decodeRecords(cursor, path, header, decoded);
  });
}

/** Opens, verifies (pass one), then hands a cursor over the records to `decode`. */
function verifiedRead(
  fs: FileSystem,
  path: string,
  residentMaxBytes: number,
  decode: (cursor: ChunkCursor, header: SnapshotHeader) => void,
): SnapshotHeader {
  const handle = fs.open(path, "read");
  let header: SnapshotHeader;
  try {
    const sizeBytes = handle.size();
    const minBytes = HEADER_BYTES + TRAILER_BYTES;
    if (sizeBytes < minBytes) {
      const detail = `the file has ${sizeBytes} bytes, fewer than the ${minBytes} of an empty snapshot`;
      throw new SnapshotCorruptionError(path, sizeBytes, detail);
    }
    // Resident: the whole file, read once by pass one; else one chunk, reused.
    const resident = sizeBytes <= residentMaxBytes;
    const buf = resident
      ? new Uint8Array(Buffer.allocUnsafeSlow(sizeBytes).buffer, 0, sizeBytes)
      : new Uint8Array(Math.min(CHUNK_BYTES, sizeBytes));
    header = verify(handle, path, buf, sizeBytes);
    const end = sizeBytes - TRAILER_BYTES;
    const cursor = new ChunkCursor(handle, path, buf, HEADER_BYTES, end, resident);
    decode(cursor, header);
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

/**
 * Pass one: header, then the CRC over every chunk, then the trailer. A buffer as large as
 * the file receives all of it (each chunk at its own offset); a smaller one is reused.
 */
function verify(
  handle: FileHandle,
  path: string,
  buf: Uint8Array,
  sizeBytes: number,
): SnapshotHeader {
  const recordsEnd = sizeBytes - TRAILER_BYTES;
  const whole = buf.length >= sizeBytes;
  readFully(handle, path, buf, HEADER_BYTES, 0);
  const header = decodeHeader(buf, path, recordsEnd - HEADER_BYTES);
  const named = parseSnapshotFileName(basename(path));
  if (named !== null && named !== header.fenceLsn) {
    const detail = `fence lsn ${header.fenceLsn} differs from the ${named} of the file name`;
    throw new SnapshotCorruptionError(path, 12, detail);
  }
  let crc = 0;
  for (let at = 0; at < recordsEnd;) {
    const n = Math.min(whole ? CHUNK_BYTES : buf.length, recordsEnd - at);
    const into = whole ? at : 0;
    readFully(handle, path, buf, n, at, into);
    crc = crc32(buf.subarray(into, into + n), crc);
    at += n;
  }
  const trailerAt = whole ? recordsEnd : 0;
  readFully(handle, path, buf, TRAILER_BYTES, recordsEnd, trailerAt);
  checkTrailer(buf.subarray(trailerAt), path, recordsEnd, crc);
  return header;
}

/**
 * How record bodies become what a sink receives: `node` and `relationship` decode the body
 * the cursor has just framed (throwing on malformed bytes) and return what the checks
 * need; `deliver` hands the last decoded record to the sink once they passed.
 */
interface RecordDecoder {
  node(body: ByteReader, cursor: ChunkCursor): number;
  relationship(body: ByteReader, cursor: ChunkCursor): { id: number; src: number; dst: number };
  deliver(): void;
}

/** Whole records, properties built: readSnapshot's. */
class Decoded implements RecordDecoder {
  readonly #sink: SnapshotSink;
  #node: SnapshotNode | null = null;
  #rel: SnapshotRelationship | null = null;

  constructor(sink: SnapshotSink) {
    this.#sink = sink;
  }

  node(body: ByteReader): number {
    this.#node = decodeNodeBody(body);
    return this.#node.id;
  }

  relationship(body: ByteReader): SnapshotRelationship {
    this.#node = null;
    return (this.#rel = decodeRelationshipBody(body));
  }

  deliver(): void {
    if (this.#node !== null) this.#sink.node(this.#node);
    else this.#sink.relationship(this.#rel!);
  }
}

/** Properties left encoded where they lie in the resident file: loadSnapshot's. */
class Encoded implements RecordDecoder {
  readonly #sink: EncodedSnapshotSink;
  readonly #labelsRead: string[] = [];
  /** The labels last delivered, handed again while nodes repeat them. */
  #labels: readonly string[] = [];
  readonly #head = { id: 0, src: 0, dst: 0, type: "" };
  #isNode = true;
  #start = 0;

  constructor(sink: EncodedSnapshotSink) {
    this.#sink = sink;
  }

  node(body: ByteReader, cursor: ChunkCursor): number {
    const read = this.#labelsRead;
    const id = (this.#head.id = decodeNodeHead(body, read));
    const last = this.#labels;
    if (!sameItems(read, last)) this.#labels = [...read];
    this.#isNode = true;
    this.#properties(body, cursor);
    return id;
  }

  relationship(body: ByteReader, cursor: ChunkCursor): { id: number; src: number; dst: number } {
    decodeRelationshipHead(body, this.#head);
    this.#isNode = false;
    this.#properties(body, cursor);
    return this.#head;
  }

  /** The rest of the body must be exactly one well-framed property map. */
  #properties(body: ByteReader, cursor: ChunkCursor): void {
    this.#start = cursor.bodyStart + body.position;
    const end = skipProperties(cursor.bytes, this.#start, cursor.bodyEnd);
    if (end !== cursor.bodyEnd) {
      throw new SkeinError("DECODE", `${cursor.bodyEnd - end} trailing bytes after the properties`);
    }
  }

  deliver(): void {
    const location = this.#start;
    if (this.#isNode) {
      this.#sink.node(this.#head.id, this.#labels, location);
    } else {
      const h = this.#head;
      this.#sink.relationship(h.id, h.src, h.dst, h.type, location);
    }
  }
}

/** Pass two: every record, checked against the header and the records before it. */
function decodeRecords(
  cursor: ChunkCursor,
  path: string,
  header: SnapshotHeader,
  decoder: RecordDecoder,
): void {
  // Bitmaps, not hash sets: a million ids cost 128 KiB and no rehashing.
  const nodeIds = new IdSet();
  for (let i = 0; i < header.nodeCount; i++) {
    const at = cursor.position;
    const body = cursor.record(MIN_NODE_BODY_BYTES, "node");
    let id: number;
    try {
      id = decoder.node(body, cursor);
    } catch (cause) {
      throw undecodable(path, at, `node record ${i}`, cause);
    }
    checkId(path, at, "node", id, header.nextNodeId, nodeIds);
    decoder.deliver();
  }
  const relIds = new IdSet();
  for (let i = 0; i < header.relationshipCount; i++) {
    const at = cursor.position;
    const body = cursor.record(MIN_RELATIONSHIP_BODY_BYTES, "relationship");
    let rel: { id: number; src: number; dst: number };
    try {
      rel = decoder.relationship(body, cursor);
    } catch (cause) {
      throw undecodable(path, at, `relationship record ${i}`, cause);
    }
    checkId(path, at, "relationship", rel.id, header.nextRelationshipId, relIds);
    const missing = !nodeIds.has(rel.src) ? rel.src : !nodeIds.has(rel.dst) ? rel.dst : null;
    if (missing !== null) {
      const detail = `relationship ${rel.id} joins node ${missing}, which the snapshot does not hold`;
      throw new SnapshotCorruptionError(path, at, detail);
    }
    decoder.deliver();
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
  /** Where the last record's body lies in `bytes` (resident cursors only). */
  #bodyStart = 0;
  #bodyEnd = 0;
  /** The whole file is in the buffer, at its own offsets; nothing is read again. */
  readonly resident: boolean;

  constructor(
    handle: FileHandle,
    path: string,
    buf: Uint8Array,
    start: number,
    end: number,
    resident: boolean,
  ) {
    this.#handle = handle;
    this.#path = path;
    this.#buf = buf;
    this.#reader = new ByteReader(buf);
    this.#position = start;
    this.#bufStart = resident ? 0 : start;
    this.#bufLength = resident ? end : 0;
    this.#end = end;
    this.resident = resident;
  }

  get position(): number {
    return this.#position;
  }

  get remaining(): number {
    return this.#end - this.#position;
  }

  /** The buffer records are framed in: the whole file when resident. */
  get bytes(): Uint8Array {
    return this.#buf;
  }

  get bodyStart(): number {
    return this.#bodyStart;
  }

  get bodyEnd(): number {
    return this.#bodyEnd;
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
    this.#bodyStart = start;
    this.#bodyEnd = start + length;
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
