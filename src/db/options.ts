// The database's options: the public interface with defaults, validated once at open.
import type { FileSystem } from "../internal/fs.js";
import { resolveWalOptions, type ResolvedWalOptions, type WalOptions } from "../wal/index.js";

export interface DatabaseOptions extends Omit<WalOptions, "checkpointLsn"> {
  /**
   * Take a checkpoint automatically after this many commits. Default 10,000. 0 means only
   * explicit `checkpoint()` calls. Lower: faster recovery and a shorter log, more snapshot
   * writes (a checkpoint writes the whole graph and pauses writes while it does).
   */
  snapshotEveryCommits?: number;
  /**
   * How many snapshots to keep, newest first. Default 2, at least 1. The log is kept back
   * to the oldest kept snapshot, so with 2 a damaged newest snapshot still recovers from
   * the one before it with a longer replay; with 1 it cannot.
   */
  snapshotsToKeep?: number;
  /** The file system to use: for fault-injection tests. Default: the real one. */
  fileSystem?: FileSystem;
}

export interface ResolvedDatabaseOptions {
  readonly wal: Omit<ResolvedWalOptions, "checkpointLsn">;
  readonly snapshotEveryCommits: number;
  readonly snapshotsToKeep: number;
}

function integerAtLeast(name: string, v: unknown, min: number): number {
  if (typeof v !== "number" || !Number.isSafeInteger(v)) {
    throw new TypeError(`${name} must be an integer, got ${String(v)}`);
  }
  if (v < min) throw new RangeError(`${name} must be at least ${min}, got ${v}`);
  return v;
}

export function resolveDatabaseOptions(options: DatabaseOptions = {}): ResolvedDatabaseOptions {
  if (typeof options !== "object" || options === null) {
    throw new TypeError("database options must be an object");
  }
  const { snapshotEveryCommits, snapshotsToKeep, fileSystem: _fs, ...walOptions } = options;
  const { checkpointLsn: _fence, ...wal } = resolveWalOptions(walOptions);
  return {
    wal,
    snapshotEveryCommits: integerAtLeast("snapshotEveryCommits", snapshotEveryCommits ?? 10_000, 0),
    snapshotsToKeep: integerAtLeast("snapshotsToKeep", snapshotsToKeep ?? 2, 1),
  };
}
