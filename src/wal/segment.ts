// One segment file being appended to. Records are encoded into an in-memory buffer and
// written to the file by `writeOut`, so a transaction costs one write system call rather
// than one per record; `sync` makes what was written durable. Creation builds the segment
// under a temporary name and renames it into place only once its header is durable, so a
// crash never leaves a half-made segment under a real name. A segment may be created
// preallocated: filled with zeros up to a size, made durable before it gets its name, so
// appends overwrite blocks the file already has and an fsync has no file size to record.
// The zero tail is cut (`trim`) before sealing and on a clean close. This file does not
// decide when to write, sync or rotate: the log does.
import { ByteWriter } from "../internal/bytes.js";
import type { FileHandle, FileSystem } from "../internal/fs.js";
import { SkeinError } from "../internal/errors.js";
import { SEGMENT_HEADER_BYTES, encodeSegmentHeader } from "./format.js";
import { TEMP_SUFFIX } from "./segment-dir.js";
import { dirname } from "node:path";
import { crashPoint } from "../internal/crash-point.js";

const ZERO_CHUNK_BYTES = 1024 * 1024;

/**
 * Fill a new segment with zeros from its header up to `bytes`, a chunk per write; returns
 * its size. Preallocation only makes appends cheaper: on a full disk the file goes back to
 * its header and grows as records come, as it would without it.
 */
function preallocate(handle: FileHandle, bytes: number): number {
  if (bytes <= SEGMENT_HEADER_BYTES) return SEGMENT_HEADER_BYTES;
  const zeros = new Uint8Array(Math.min(ZERO_CHUNK_BYTES, bytes - SEGMENT_HEADER_BYTES));
  try {
    for (let at = SEGMENT_HEADER_BYTES; at < bytes; at += zeros.length) {
      handle.write(zeros.subarray(0, Math.min(zeros.length, bytes - at)), at);
    }
    return bytes;
  } catch (err) {
    const errno = (err as { cause?: { code?: unknown } }).cause?.code;
    if (!(err instanceof SkeinError && err.code === "IO" && errno === "ENOSPC")) throw err;
    handle.truncate(SEGMENT_HEADER_BYTES);
    return SEGMENT_HEADER_BYTES;
  }
}

export class SegmentWriter {
  readonly path: string;
  readonly baseLsn: number;
  readonly #handle: FileHandle;
  /** Bytes of records in the file (header included): where the next write goes. */
  #fileBytes: number;
  /** The file's size: past #fileBytes when a zero tail is preallocated. */
  #physicalBytes: number;
  readonly #pending = new ByteWriter(64 * 1024);

  private constructor(
    handle: FileHandle,
    baseLsn: number,
    fileBytes: number,
    physicalBytes: number,
  ) {
    this.path = handle.path;
    this.#handle = handle;
    this.baseLsn = baseLsn;
    this.#fileBytes = fileBytes;
    this.#physicalBytes = Math.max(fileBytes, physicalBytes);
  }

  /**
   * Create a new, empty segment at `path`; fails if one exists. With `preallocateBytes`
   * above the header's size, zeros fill the file up to it. File, then directory, fsynced.
   */
  static create(
    fs: FileSystem,
    path: string,
    baseLsn: number,
    preallocateBytes = 0,
  ): SegmentWriter {
    if (fs.sizeOf(path) !== null) {
      throw new SkeinError("WAL_MALFORMED", `segment ${path} already exists`);
    }
    const tempPath = path + TEMP_SUFFIX;
    if (fs.sizeOf(tempPath) !== null) fs.unlink(tempPath);
    const temp = fs.open(tempPath, "createExclusive");
    let physicalBytes = SEGMENT_HEADER_BYTES;
    try {
      temp.write(encodeSegmentHeader({ baseLsn, sealed: false }), 0);
      physicalBytes = preallocate(temp, preallocateBytes);
      temp.sync();
    } finally {
      temp.close();
    }
    crashPoint("segment.create.beforeRename");
    fs.rename(tempPath, path);
    crashPoint("segment.create.afterRename");
    fs.syncDir(dirname(path));
    const handle = fs.open(path, "readWrite");
    return new SegmentWriter(handle, baseLsn, SEGMENT_HEADER_BYTES, physicalBytes);
  }

  /**
   * Reopen an existing segment for appending after its last good byte; a zero tail past
   * it (a preallocated segment the last process did not close) is written over.
   */
  static reopen(fs: FileSystem, path: string, baseLsn: number, endBytes: number): SegmentWriter {
    const handle = fs.open(path, "readWrite");
    return new SegmentWriter(handle, baseLsn, endBytes, handle.size());
  }

  /** The buffer records are encoded into; `writeOut` moves it to the file. */
  get pending(): ByteWriter {
    return this.#pending;
  }

  /** File bytes plus buffered bytes: the size the segment will have once written out. */
  get sizeBytes(): number {
    return this.#fileBytes + this.#pending.length;
  }

  get hasPending(): boolean {
    return this.#pending.length > 0;
  }

  /** Write buffered records to the file (no fsync). */
  writeOut(): void {
    if (this.#pending.length === 0) return;
    this.#handle.write(this.#pending.view(), this.#fileBytes);
    this.#fileBytes += this.#pending.length;
    // One huge transaction must not pin its buffer for the life of the log.
    this.#pending.reset(4 * 1024 * 1024);
  }

  sync(): void {
    this.#handle.sync();
  }

  syncAsync(): Promise<void> {
    return this.#handle.syncAsync();
  }

  /** Cut the file at `offsetBytes` (a torn tail) and make the cut durable. */
  truncateTo(offsetBytes: number): void {
    this.#handle.truncate(offsetBytes);
    this.#handle.sync();
    this.#fileBytes = offsetBytes;
    this.#physicalBytes = offsetBytes;
  }

  /** Cut a preallocated zero tail, durably; nothing to do without one. Records must be written. */
  trim(): void {
    if (this.#physicalBytes > this.#fileBytes) this.truncateTo(this.#fileBytes);
  }

  /**
   * Mark the segment sealed: header rewritten in place, then fsynced. Data must be durable.
   * The zero tail is cut durably first: a sealed segment never has one, so in a sealed
   * segment zeros after the records stay damage.
   */
  seal(): void {
    this.trim();
    this.#handle.write(encodeSegmentHeader({ baseLsn: this.baseLsn, sealed: true }), 0);
    this.#handle.sync();
  }

  close(): void {
    this.#handle.close();
  }
}
