// The file-system seam. Every byte the log and the snapshots read or write goes through
// `FileSystem`, so tests can swap in an implementation that fails the Nth call or loses
// what was never fsynced (src/testing/mem-fs.ts). This file holds the interface and the
// real implementation over node:fs; it wraps each OS error exactly once, as
// SkeinError("IO") with the errno error kept in `cause`. It decides no policy: a failed
// fsync is reported here and poisoned by the caller.
import * as fs from "node:fs";
import { SkeinError } from "./errors.js";

/** How a file is opened: read only, read-write existing, or create-exclusive read-write. */
export type OpenMode = "read" | "readWrite" | "createExclusive";

export interface FileHandle {
  readonly path: string;
  /** Read up to `length` bytes at `position` into `buf[offset..)`; returns bytes read. */
  read(buf: Uint8Array, offset: number, length: number, position: number): number;
  /** Write all of `bytes` at `position`. */
  write(bytes: Uint8Array, position: number): void;
  /** Make the file's data durable (fdatasync: sizes are data here). */
  sync(): void;
  /** The same, on the thread pool, without blocking the event loop. */
  syncAsync(): Promise<void>;
  truncate(lengthBytes: number): void;
  size(): number;
  close(): void;
}

/** A held directory lock; releasing twice is harmless. */
export interface DirLockHandle {
  release(): void;
}

export interface FileSystem {
  open(path: string, mode: OpenMode): FileHandle;
  /** Create the directory and its parents. */
  mkdirp(path: string): void;
  /** Entry names in a directory; [] when it does not exist. */
  list(dir: string): string[];
  /** Size of a file, or null when it does not exist. */
  sizeOf(path: string): number | null;
  readFile(path: string): Uint8Array;
  rename(from: string, to: string): void;
  unlink(path: string): void;
  /** Make the directory's entries (creations, renames, unlinks) durable. */
  syncDir(dir: string): void;
  /** Take the exclusive lock on a directory, or throw WAL_ALREADY_OPEN. */
  lockDir(dir: string): DirLockHandle;
}

function ioError(op: string, path: string, cause: unknown): SkeinError {
  const code = (cause as NodeJS.ErrnoException | null)?.code ?? "unknown";
  return new SkeinError("IO", `${op} failed for ${path}: ${code}`, { cause });
}

function wrap<T>(op: string, path: string, fn: () => T): T {
  try {
    return fn();
  } catch (cause) {
    if (cause instanceof SkeinError) throw cause;
    throw ioError(op, path, cause);
  }
}

const FLAGS: Record<OpenMode, string> = { read: "r", readWrite: "r+", createExclusive: "wx+" };

class NodeFileHandle implements FileHandle {
  readonly path: string;
  #fd: number;

  constructor(path: string, fd: number) {
    this.path = path;
    this.#fd = fd;
  }

  read(buf: Uint8Array, offset: number, length: number, position: number): number {
    return wrap("read", this.path, () => fs.readSync(this.#fd, buf, offset, length, position));
  }

  write(bytes: Uint8Array, position: number): void {
    wrap("write", this.path, () => {
      let done = 0;
      while (done < bytes.length) {
        done += fs.writeSync(this.#fd, bytes, done, bytes.length - done, position + done);
      }
    });
  }

  sync(): void {
    wrap("fsync", this.path, () => fs.fdatasyncSync(this.#fd));
  }

  syncAsync(): Promise<void> {
    return new Promise((resolve, reject) => {
      fs.fdatasync(this.#fd, (err) => (err ? reject(ioError("fsync", this.path, err)) : resolve()));
    });
  }

  truncate(lengthBytes: number): void {
    wrap("truncate", this.path, () => fs.ftruncateSync(this.#fd, lengthBytes));
  }

  size(): number {
    return wrap("stat", this.path, () => fs.fstatSync(this.#fd).size);
  }

  close(): void {
    if (this.#fd < 0) return;
    const fd = this.#fd;
    this.#fd = -1;
    wrap("close", this.path, () => fs.closeSync(fd));
  }
}

/** The real file system. `lockDir` is supplied by the caller (see src/wal/lock.ts). */
export class NodeFileSystem implements FileSystem {
  readonly #lockDir: (dir: string) => DirLockHandle;

  constructor(lockDir: (dir: string) => DirLockHandle) {
    this.#lockDir = lockDir;
  }

  open(path: string, mode: OpenMode): FileHandle {
    const fd = wrap("open", path, () => fs.openSync(path, FLAGS[mode], 0o644));
    return new NodeFileHandle(path, fd);
  }

  mkdirp(path: string): void {
    wrap("mkdir", path, () => fs.mkdirSync(path, { recursive: true }));
  }

  list(dir: string): string[] {
    try {
      return fs.readdirSync(dir);
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw ioError("readdir", dir, cause);
    }
  }

  sizeOf(path: string): number | null {
    try {
      return fs.statSync(path).size;
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw ioError("stat", path, cause);
    }
  }

  readFile(path: string): Uint8Array {
    return wrap("read", path, () => fs.readFileSync(path));
  }

  rename(from: string, to: string): void {
    wrap("rename", from, () => fs.renameSync(from, to));
  }

  unlink(path: string): void {
    wrap("unlink", path, () => fs.unlinkSync(path));
  }

  syncDir(dir: string): void {
    wrap("fsync", dir, () => {
      const fd = fs.openSync(dir, "r");
      try {
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
    });
  }

  lockDir(dir: string): DirLockHandle {
    return this.#lockDir(dir);
  }
}
