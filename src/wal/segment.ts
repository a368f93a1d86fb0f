// One segment file being appended to. Records are encoded into an in-memory buffer and
// written to the file by `writeOut`, so a transaction costs one write system call rather
// than one per record; `sync` makes what was written durable. Creation builds the segment
// under a temporary name and renames it into place only once its header is durable, so a
// crash never leaves a half-made segment under a real name. This file does not decide
// when to write, sync or rotate: the log does.
import { ByteWriter } from "../internal/bytes.js";
import type { FileHandle, FileSystem } from "../internal/fs.js";
import { SkeinError } from "../internal/errors.js";
import { SEGMENT_HEADER_BYTES, encodeSegmentHeader } from "./format.js";
import { TEMP_SUFFIX } from "./segment-dir.js";
import { dirname } from "node:path";
import { crashPoint } from "../internal/crash-point.js";

export class SegmentWriter {
  readonly path: string;
  readonly baseLsn: number;
  readonly #handle: FileHandle;
  /** Bytes already in the file (header included). */
  #fileBytes: number;
  readonly #pending = new ByteWriter(64 * 1024);

  private constructor(handle: FileHandle, baseLsn: number, fileBytes: number) {
    this.path = handle.path;
    this.#handle = handle;
    this.baseLsn = baseLsn;
    this.#fileBytes = fileBytes;
  }

  /** Create a new, empty segment at `path`; fails if one exists. File, then directory, fsynced. */
  static create(fs: FileSystem, path: string, baseLsn: number): SegmentWriter {
    if (fs.sizeOf(path) !== null) {
      throw new SkeinError("WAL_MALFORMED", `segment ${path} already exists`);
    }
    const tempPath = path + TEMP_SUFFIX;
    if (fs.sizeOf(tempPath) !== null) fs.unlink(tempPath);
    const temp = fs.open(tempPath, "createExclusive");
    try {
      temp.write(encodeSegmentHeader({ baseLsn, sealed: false }), 0);
      temp.sync();
    } finally {
      temp.close();
    }
    crashPoint("segment.create.beforeRename");
    fs.rename(tempPath, path);
    crashPoint("segment.create.afterRename");
    fs.syncDir(dirname(path));
    return new SegmentWriter(fs.open(path, "readWrite"), baseLsn, SEGMENT_HEADER_BYTES);
  }

  /** Reopen an existing segment for appending after its last good byte. */
  static reopen(fs: FileSystem, path: string, baseLsn: number, endBytes: number): SegmentWriter {
    return new SegmentWriter(fs.open(path, "readWrite"), baseLsn, endBytes);
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
  }

  /** Mark the segment sealed: header rewritten in place, then fsynced. Data must be durable. */
  seal(): void {
    this.#handle.write(encodeSegmentHeader({ baseLsn: this.baseLsn, sealed: true }), 0);
    this.#handle.sync();
  }

  close(): void {
    this.#handle.close();
  }
}
