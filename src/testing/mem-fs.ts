// An in-memory FileSystem for tests: it counts every call by kind, fails the Nth call of a
// kind on request (EIO, ENOSPC; once or from then on), and models what a crash keeps.
// Each file remembers its content at its last fsync and the writes and truncations made
// since; each directory its entries at its last fsync and the creations, renames and
// unlinks made since. `crash()` returns a new file system holding only the durable state,
// as after power loss; `durabilityModel()` hands the pending operations to
// crash-states.ts, which builds every other state a crash may leave. Not shipped.
import { basename, dirname, posix } from "node:path";
import { SkeinError } from "../internal/errors.js";
import type { DirLockHandle, FileHandle, FileSystem, OpenMode } from "../internal/fs.js";

export type FsOp =
  | "open"
  | "read"
  | "write"
  | "fsync"
  | "truncate"
  | "close"
  | "mkdir"
  | "list"
  | "stat"
  | "readFile"
  | "rename"
  | "unlink"
  | "syncDir";

export interface Fault {
  readonly op: FsOp;
  /** 1-based: the Nth call of this kind fails. */
  readonly nth: number;
  readonly errno: "EIO" | "ENOSPC";
  /** Fail every call of the kind from the Nth on, not just the Nth. */
  readonly persistent?: boolean;
}

/** A change to a file's bytes not yet made durable by an fsync. */
export type DataOp =
  | { readonly kind: "write"; readonly position: number; readonly bytes: Uint8Array }
  | { readonly kind: "truncate"; readonly lengthBytes: number };

/** A change to a directory's entries not yet made durable by a directory fsync. */
export type NameOp =
  | { readonly kind: "link"; readonly name: string; readonly inode: Inode }
  | { readonly kind: "unlink"; readonly name: string };

export class Inode {
  data: Uint8Array;
  durable: Uint8Array;
  pending: DataOp[] = [];
  constructor(data = new Uint8Array(0), durable = new Uint8Array(0)) {
    this.data = data;
    this.durable = durable;
  }
}

class DirNode {
  entries = new Map<string, Inode>();
  durableEntries = new Map<string, Inode>();
  pending: NameOp[] = [];
}

/** What a crash may keep: per directory and per file, the durable state and the pending ops. */
export interface DurabilityModel {
  readonly dirs: ReadonlyMap<
    string,
    { readonly durable: ReadonlyMap<string, Inode>; readonly pending: readonly NameOp[] }
  >;
}

/** Thrown by every call after `dieAtCall`: the simulated process is gone. */
export class ProcessDied extends Error {
  constructor(callIndex: number) {
    super(`simulated process death at file-system call ${callIndex}`);
    this.name = "ProcessDied";
  }
}

function errnoError(errno: string, op: string, path: string): SkeinError {
  const cause = Object.assign(new Error(`${errno}: injected ${op} failure, ${path}`), {
    code: errno,
  });
  return new SkeinError("IO", `${op} failed for ${path}: ${errno}`, { cause });
}

export class MemFs implements FileSystem {
  readonly #dirs = new Map<string, DirNode>();
  readonly #locks = new Set<string>();
  #faults: Fault[] = [];
  readonly counts: Record<FsOp, number> = {
    open: 0,
    read: 0,
    write: 0,
    fsync: 0,
    truncate: 0,
    close: 0,
    mkdir: 0,
    list: 0,
    stat: 0,
    readFile: 0,
    rename: 0,
    unlink: 0,
    syncDir: 0,
  };

  #calls = 0;
  #deadFrom = Infinity;

  /** Every call from the `callIndex`-th (1-based, of any kind) on fails: the process "died". */
  dieAtCall(callIndex: number): void {
    this.#deadFrom = callIndex;
  }

  /** How many calls were made so far. */
  get callCount(): number {
    return this.#calls;
  }

  /** Fail a future call (see Fault). */
  inject(fault: Fault): void {
    this.#faults.push(fault);
  }

  clearFaults(): void {
    this.#faults = [];
  }

  /** Every call in order, as "op path" (syncAsync is traced as "fsyncAsync"). */
  readonly trace: string[] = [];

  /** Count the call and throw when a fault is armed for it. */
  tick(op: FsOp, path: string, traceAs: string = op): void {
    if (++this.#calls >= this.#deadFrom) throw new ProcessDied(this.#calls);
    this.trace.push(`${traceAs} ${path}`);
    const n = ++this.counts[op];
    for (const f of this.#faults) {
      if (f.op === op && (n === f.nth || (f.persistent === true && n > f.nth))) {
        throw errnoError(f.errno, op === "syncDir" ? "fsync" : op, path);
      }
    }
  }

  #norm(path: string): string {
    return posix.normalize(path);
  }

  #dir(path: string): DirNode {
    const d = this.#dirs.get(this.#norm(path));
    if (!d) throw errnoError("ENOENT", "open", path);
    return d;
  }

  #lookup(path: string): Inode | undefined {
    return this.#dirs.get(this.#norm(dirname(path)))?.entries.get(basename(path));
  }

  open(path: string, mode: OpenMode): FileHandle {
    this.tick("open", path);
    const dir = this.#dir(dirname(path));
    let inode = dir.entries.get(basename(path));
    if (mode === "createExclusive") {
      if (inode) throw errnoError("EEXIST", "open", path);
      inode = new Inode();
      dir.entries.set(basename(path), inode);
      dir.pending.push({ kind: "link", name: basename(path), inode });
    } else if (!inode) {
      throw errnoError("ENOENT", "open", path);
    }
    return new MemHandle(this, path, inode);
  }

  mkdirp(path: string): void {
    this.tick("mkdir", path);
    let p = this.#norm(path);
    const chain: string[] = [];
    while (!this.#dirs.has(p)) {
      chain.push(p);
      const parent = dirname(p);
      if (parent === p) break;
      p = parent;
    }
    for (const d of chain) this.#dirs.set(d, new DirNode());
  }

  list(dir: string): string[] {
    this.tick("list", dir);
    return [...(this.#dirs.get(this.#norm(dir))?.entries.keys() ?? [])];
  }

  sizeOf(path: string): number | null {
    this.tick("stat", path);
    return this.#lookup(path)?.data.length ?? null;
  }

  readFile(path: string): Uint8Array {
    this.tick("readFile", path);
    const inode = this.#lookup(path);
    if (!inode) throw errnoError("ENOENT", "read", path);
    return inode.data.slice();
  }

  rename(from: string, to: string): void {
    this.tick("rename", from);
    const src = this.#dir(dirname(from));
    const inode = src.entries.get(basename(from));
    if (!inode) throw errnoError("ENOENT", "rename", from);
    src.entries.delete(basename(from));
    const dst = this.#dir(dirname(to));
    dst.entries.set(basename(to), inode);
    // Within one directory a rename is one atomic step: the new name first, then the old
    // one goes, so no prefix of these ops loses the file.
    dst.pending.push({ kind: "link", name: basename(to), inode });
    src.pending.push({ kind: "unlink", name: basename(from) });
  }

  unlink(path: string): void {
    this.tick("unlink", path);
    const dir = this.#dir(dirname(path));
    if (!dir.entries.delete(basename(path))) throw errnoError("ENOENT", "unlink", path);
    dir.pending.push({ kind: "unlink", name: basename(path) });
  }

  syncDir(path: string): void {
    this.tick("syncDir", path);
    const dir = this.#dir(path);
    dir.durableEntries = new Map(dir.entries);
    dir.pending = [];
  }

  lockDir(dir: string): DirLockHandle {
    const key = this.#norm(dir);
    if (this.#locks.has(key)) {
      throw new SkeinError("WAL_ALREADY_OPEN", `wal directory ${dir} is already open`);
    }
    this.#locks.add(key);
    return { release: () => void this.#locks.delete(key) };
  }

  /** The durable state only, as after power loss: a new file system, with no locks held. */
  crash(): MemFs {
    const dirs = new Map<string, Map<string, Uint8Array>>();
    for (const [path, dir] of this.#dirs) {
      dirs.set(path, new Map([...dir.durableEntries].map(([n, i]) => [n, i.durable])));
    }
    return MemFs.fromContents(dirs);
  }

  /** A file system holding exactly these directories and files, all durable. */
  static fromContents(dirs: ReadonlyMap<string, ReadonlyMap<string, Uint8Array>>): MemFs {
    const next = new MemFs();
    for (const [path, files] of dirs) {
      const d = new DirNode();
      for (const [name, bytes] of files) {
        d.entries.set(name, new Inode(bytes.slice(), bytes.slice()));
      }
      d.durableEntries = new Map(d.entries);
      next.#dirs.set(path, d);
    }
    return next;
  }

  /** The durable state and the pending operations a crash may or may not keep. */
  durabilityModel(): DurabilityModel {
    return {
      dirs: new Map(
        [...this.#dirs].map(([p, d]) => [p, { durable: d.durableEntries, pending: d.pending }]),
      ),
    };
  }

  /** Current bytes of a file (tests inspect and damage files through these two). */
  bytesOf(path: string): Uint8Array {
    const inode = this.#lookup(path);
    if (!inode) throw new Error(`no file ${path}`);
    return inode.data;
  }

  /** Replace a file's content, durably (as a test's deliberate damage). */
  setBytes(path: string, bytes: Uint8Array): void {
    let inode = this.#lookup(path);
    const dir = this.#dir(dirname(path));
    if (!inode) {
      inode = new Inode();
      dir.entries.set(basename(path), inode);
      dir.durableEntries.set(basename(path), inode);
    }
    inode.data = bytes.slice();
    inode.durable = bytes.slice();
    inode.pending = [];
  }
}

class MemHandle implements FileHandle {
  readonly path: string;
  readonly #fs: MemFs;
  readonly #inode: Inode;
  #closed = false;

  constructor(fs: MemFs, path: string, inode: Inode) {
    this.#fs = fs;
    this.path = path;
    this.#inode = inode;
  }

  #check(op: FsOp, traceAs: string = op): void {
    if (this.#closed) throw errnoError("EBADF", op, this.path);
    this.#fs.tick(op, this.path, traceAs);
  }

  read(buf: Uint8Array, offset: number, length: number, position: number): number {
    this.#check("read");
    const src = this.#inode.data.subarray(position, position + length);
    buf.set(src, offset);
    return src.length;
  }

  write(bytes: Uint8Array, position: number): void {
    this.#check("write");
    const inode = this.#inode;
    const end = position + bytes.length;
    if (end > inode.data.length) {
      const grown = new Uint8Array(Math.max(end, inode.data.length * 2));
      grown.set(inode.data);
      inode.data = grown.subarray(0, end);
    }
    inode.data.set(bytes, position);
    inode.pending.push({ kind: "write", position, bytes: bytes.slice() });
  }

  sync(): void {
    this.#check("fsync");
    this.#inode.durable = this.#inode.data.slice();
    this.#inode.pending = [];
  }

  syncAsync(): Promise<void> {
    try {
      this.#check("fsync", "fsyncAsync");
      this.#inode.durable = this.#inode.data.slice();
      this.#inode.pending = [];
      return new Promise((resolve) => setImmediate(resolve));
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }

  truncate(lengthBytes: number): void {
    this.#check("truncate");
    const next = new Uint8Array(lengthBytes);
    next.set(this.#inode.data.subarray(0, lengthBytes));
    this.#inode.data = next;
    this.#inode.pending.push({ kind: "truncate", lengthBytes });
  }

  size(): number {
    this.#check("stat");
    return this.#inode.data.length;
  }

  close(): void {
    if (this.#closed) return;
    this.#fs.tick("close", this.path);
    this.#closed = true;
  }
}
