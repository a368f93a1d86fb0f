// Writing a snapshot: the graph streamed into a new file that appears under its final name
// only once it is complete and durable.
//
// Protocol: remove a stale `<final>.tmp`, create it exclusively, stream header and records
// through one reusable ByteWriter that is written out (positional writes of at most
// CHUNK_BYTES) whenever it passes CHUNK_BYTES, so the file is never whole in memory; the
// CRC is carried across chunks. Then the trailer, fsync, close, rename to the final name,
// fsync the directory. A crash at any point leaves either no new snapshot or a complete
// one under the final name; a `.tmp` left behind is ignored by readers and removed by
// retention. Any failure before the rename (an I/O error, an invalid record, iterators
// that yield more or fewer records than declared) removes the temporary file and throws.
//
// It is synchronous on purpose: the caller takes the fence and the snapshot without
// yielding, so no write can slip in between. It does not choose which snapshots to keep
// (retention.ts) and trusts the graph for what only a whole pass could check (unique ids,
// relationships whose nodes exist); the reader checks those.
import { join } from "node:path";
import { crc32 } from "node:zlib";
import { ByteWriter } from "../internal/bytes.js";
import { SkeinError } from "../internal/errors.js";
import type { FileHandle, FileSystem } from "../internal/fs.js";
import type { Properties } from "../store/index.js";
import type { SnapshotHeader } from "./format.js";
import { CHUNK_BYTES, TEMP_SUFFIX, encodeTrailer, snapshotFileName } from "./format.js";
import { writeHeader, writeNodeRecord, writeRelationshipRecord } from "./format.js";
import { crashPoint } from "../internal/crash-point.js";

/** What a snapshot holds; the iterators must yield exactly the declared counts. */
export interface SnapshotContents {
  /** The log's fence: every commit at or below it is in the snapshot. */
  fenceLsn: number;
  nextNodeId: number;
  nextRelationshipId: number;
  nodeCount: number;
  relationshipCount: number;
  nodes(): Iterable<{ id: number; labels: readonly string[]; properties: Readonly<Properties> }>;
  relationships(): Iterable<{
    id: number;
    src: number;
    dst: number;
    type: string;
    properties: Readonly<Properties>;
  }>;
}

/** Writes `<dir>/snapshot-<fence>.skein` durably; see the header for the protocol. */
export function writeSnapshot(
  fs: FileSystem,
  dir: string,
  contents: SnapshotContents,
): { path: string; sizeBytes: number } {
  const header = checkedHeader(contents);
  const path = join(dir, snapshotFileName(header.fenceLsn));
  const temp = path + TEMP_SUFFIX;
  if (fs.sizeOf(temp) !== null) fs.unlink(temp);
  const handle = fs.open(temp, "createExclusive");
  let sizeBytes: number;
  try {
    sizeBytes = writeContents(handle, header, contents);
    handle.sync();
    handle.close();
    crashPoint("snapshot.write.beforeRename");
    fs.rename(temp, path);
  } catch (err) {
    discard(fs, handle, temp);
    throw err;
  }
  fs.syncDir(dir);
  return { path, sizeBytes };
}

function checkedHeader(c: SnapshotContents): SnapshotHeader {
  const header: SnapshotHeader = {
    fenceLsn: c.fenceLsn,
    nextNodeId: c.nextNodeId,
    nextRelationshipId: c.nextRelationshipId,
    nodeCount: c.nodeCount,
    relationshipCount: c.relationshipCount,
  };
  for (const [name, value] of Object.entries(header)) {
    if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
      throw new SkeinError(
        "INVALID_ARGUMENT",
        `snapshot ${name} ${String(value)} is not a non-negative safe integer`,
      );
    }
  }
  return header;
}

/** Streams everything after the open; returns the file's size. */
function writeContents(handle: FileHandle, h: SnapshotHeader, c: SnapshotContents): number {
  const out = new ChunkedOutput(handle);
  writeHeader(out.writer, h);
  let nodes = 0;
  for (const node of c.nodes()) {
    if (++nodes > h.nodeCount) throw countMismatch("nodes", h.nodeCount, "more");
    writeNodeRecord(out.writer, node, h.nextNodeId);
    out.flushIfFull();
  }
  if (nodes !== h.nodeCount) throw countMismatch("nodes", h.nodeCount, String(nodes));
  let rels = 0;
  for (const rel of c.relationships()) {
    if (++rels > h.relationshipCount)
      throw countMismatch("relationships", h.relationshipCount, "more");
    writeRelationshipRecord(out.writer, rel, h.nextRelationshipId, h.nextNodeId);
    out.flushIfFull();
  }
  if (rels !== h.relationshipCount) {
    throw countMismatch("relationships", h.relationshipCount, String(rels));
  }
  return out.finish();
}

function countMismatch(what: "nodes" | "relationships", declared: number, got: string): SkeinError {
  return new SkeinError(
    "INVALID_ARGUMENT",
    `snapshot declares ${declared} ${what} but ${what}() yielded ${got}`,
  );
}

/** Best effort: the original error is what the caller needs to see. */
function discard(fs: FileSystem, handle: FileHandle, temp: string): void {
  try {
    handle.close();
  } catch {
    // already reporting a failure; a close error adds nothing
  }
  try {
    if (fs.sizeOf(temp) !== null) fs.unlink(temp);
  } catch {
    // a leftover .tmp is harmless: readers ignore it, retention and the next write remove it
  }
}

/** One reusable chunk: bytes go to the file each time it passes CHUNK_BYTES. */
class ChunkedOutput {
  readonly #handle: FileHandle;
  #writer = new ByteWriter(2 * CHUNK_BYTES);
  #positionBytes = 0;
  #crc = 0;

  constructor(handle: FileHandle) {
    this.#handle = handle;
  }

  get writer(): ByteWriter {
    return this.#writer;
  }

  flushIfFull(): void {
    if (this.#writer.length >= CHUNK_BYTES) this.#flush();
  }

  /** Writes what is left and the trailer; returns the file's size. */
  finish(): number {
    this.#flush();
    const trailer = encodeTrailer(this.#crc);
    this.#handle.write(trailer, this.#positionBytes);
    return this.#positionBytes + trailer.length;
  }

  #flush(): void {
    const bytes = this.#writer.view();
    for (let at = 0; at < bytes.length; at += CHUNK_BYTES) {
      const part = bytes.subarray(at, Math.min(at + CHUNK_BYTES, bytes.length));
      this.#handle.write(part, this.#positionBytes + at);
    }
    this.#crc = crc32(bytes, this.#crc);
    this.#positionBytes += bytes.length;
    // A record far larger than a chunk grew the buffer; do not hold that memory to the end.
    if (bytes.length > 2 * CHUNK_BYTES) this.#writer = new ByteWriter(2 * CHUNK_BYTES);
    else this.#writer.reset();
  }
}
