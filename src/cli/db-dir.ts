// What the data commands (stats, checkpoint, export, import) share about a database
// directory: refusing to open one that is not there (openDatabase would create it, and a
// stats of a mistyped path should not leave an empty database behind), timing the open
// (recovery), and the sizes of the files in it, read from the documented layout:
// `<dir>/wal/<10 digits>.wal` segments (docs/wal-format.md) and
// `<dir>/snapshots/snapshot-<16 digits>.skein` snapshots (docs/snapshot-format.md).
// It reads the directory listing only; it never opens a segment or snapshot itself.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { openDatabase, type Database } from "../index.js";
import { CommandFailure } from "./command-support.js";

/** Throws CommandFailure unless `dir` holds a database (a directory with a `wal` folder). */
export function requireDatabaseDir(dir: string): string {
  const root = resolve(dir);
  if (!existsSync(root)) throw new CommandFailure(`no database at ${root}: it does not exist`);
  if (!statSync(root).isDirectory()) {
    throw new CommandFailure(`no database at ${root}: it is not a directory`);
  }
  if (!existsSync(join(root, "wal"))) {
    throw new CommandFailure(`no database at ${root}: it has no wal directory`);
  }
  return root;
}

/** Open the database, measuring how long opening (recovery) took. */
export async function openTimed(dir: string): Promise<{ db: Database; openMs: number }> {
  const started = performance.now();
  const db = await openDatabase(dir);
  return { db, openMs: performance.now() - started };
}

export interface FileSize {
  readonly path: string;
  readonly bytes: number;
}

export interface StorageFiles {
  readonly segments: readonly (FileSize & { readonly id: number })[];
  readonly snapshots: readonly (FileSize & { readonly fenceLsn: number })[];
}

const SEGMENT_RE = /^(\d+)\.wal$/;
const SNAPSHOT_RE = /^snapshot-(\d{16})\.skein$/;

function listMatching(dir: string, re: RegExp): { path: string; bytes: number; n: number }[] {
  if (!existsSync(dir)) return [];
  const out: { path: string; bytes: number; n: number }[] = [];
  for (const name of readdirSync(dir)) {
    const m = re.exec(name);
    if (m === null) continue;
    const path = join(dir, name);
    out.push({ path, bytes: statSync(path).size, n: Number(m[1]) });
  }
  return out.sort((a, b) => a.n - b.n);
}

/** WAL segments (by id) and snapshots (by fence, oldest first) with their sizes. */
export function storageFiles(dir: string): StorageFiles {
  return {
    segments: listMatching(join(dir, "wal"), SEGMENT_RE).map(({ n, ...f }) => ({ ...f, id: n })),
    snapshots: listMatching(join(dir, "snapshots"), SNAPSHOT_RE).map(({ n, ...f }) => ({
      ...f,
      fenceLsn: n,
    })),
  };
}

export function totalBytes(files: readonly FileSize[]): number {
  return files.reduce((sum, f) => sum + f.bytes, 0);
}
