// openDatabase: validate options, and either make an in-memory database or lock the
// directory and recover it (recovery.ts). The directory lock is taken before any
// snapshot is read, so no other handle can checkpoint under our feet.
import { resolve } from "node:path";
import type { FileSystem } from "../internal/fs.js";
import { settle } from "../internal/settle.js";
import { Graph } from "../store/graph.js";
import { defaultFileSystem, ensureDurableDir } from "../wal/index.js";
import { Database, type QueryEngine } from "./database.js";
import { resolveDatabaseOptions, type DatabaseOptions } from "./options.js";
import { recover } from "./recovery.js";

/**
 * Open a database. Without `dir` it lives in memory only. With `dir`, `<dir>/wal` holds
 * the log segments and `<dir>/snapshots` the snapshots; the directory is locked for this
 * handle until `close()`.
 */
export function openDatabase(
  dir?: string,
  options?: DatabaseOptions,
  engine: QueryEngine | null = null,
): Promise<Database> {
  return settle(() => openDatabaseSync(dir, options, engine));
}

function openDatabaseSync(
  dir: string | undefined,
  options: DatabaseOptions | undefined,
  engine: QueryEngine | null,
): Database {
  const opts = resolveDatabaseOptions(options);
  if (dir === undefined) return new Database(new Graph(), null, opts, engine);
  if (typeof dir !== "string" || dir.length === 0) {
    throw new TypeError("database directory must be a non-empty string");
  }
  const root = resolve(dir);
  const fs: FileSystem = options?.fileSystem ?? defaultFileSystem();
  ensureDurableDir(fs, root);
  const lock = fs.lockDir(root);
  try {
    const { graph, wal, report } = recover(fs, root, opts);
    for (const d of report.damagedSnapshots) {
      process.emitWarning(`${d.message}; passed over and set aside as ${d.path}.damaged`, {
        code: "SKEIN_SNAPSHOT_DAMAGED",
      });
    }
    return new Database(graph, { fs, dir: root, wal, lock, report }, opts, engine);
  } catch (err) {
    lock.release();
    throw err;
  }
}
