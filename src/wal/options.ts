// The log's options: the public interface with its defaults, and their validation, done
// once when the log opens. Everything below the edge receives `ResolvedWalOptions`.

/** How commits become durable. See README.md for what each mode survives. */
export type SyncMode = "perCommit" | "group" | "none";

export interface WalOptions {
  /**
   * When `flush()` fsyncs. "perCommit" (default): every flush writes and fsyncs — nothing
   * acknowledged is lost, even on power loss, at the price of one fsync per flush.
   * "group": flush only writes; a background flusher fsyncs every `groupIntervalMs` — a
   * killed process loses nothing written, power loss may lose the last interval.
   * "none": flush writes and never fsyncs — fastest; power loss may lose anything the
   * operating system had not written back.
   */
  syncMode?: SyncMode;
  /** Interval of the background fsync in "group" mode, in ms. Default 50. Shorter: less at
   * risk on power loss, more fsyncs. */
  groupIntervalMs?: number;
  /** Rotate to a new segment before a transaction once the active one reaches this size.
   * Default 8 MiB. Smaller: finer truncation after checkpoints, more files. */
  segmentTargetBytes?: number;
  /** Replay fence: transactions committed at or below this LSN are already in a snapshot
   * and are not returned by replay. Default 0 (replay everything). */
  checkpointLsn?: number;
  /**
   * Fill each new segment with zeros up to `segmentTargetBytes` (and make that durable)
   * before appending to it, so an fsync after an append has no file size to record and
   * costs less: the way past the growing-file fsync rate. Default true (after a segment
   * that took fewer than 64 commits, a bulk load, the next one is not). The zero tail is
   * cut when a segment is sealed or the log closes; after a crash, replay reads it as the
   * end of the log. false: segments grow with every append, as LoraDB's do.
   */
  preallocate?: boolean;
}

export interface ResolvedWalOptions {
  readonly syncMode: SyncMode;
  readonly groupIntervalMs: number;
  readonly segmentTargetBytes: number;
  readonly checkpointLsn: number;
  readonly preallocate: boolean;
}

export const DEFAULT_WAL_OPTIONS: ResolvedWalOptions = {
  syncMode: "perCommit",
  groupIntervalMs: 50,
  segmentTargetBytes: 8 * 1024 * 1024,
  checkpointLsn: 0,
  preallocate: true,
};

const SYNC_MODES: readonly SyncMode[] = ["perCommit", "group", "none"];

function positiveInteger(name: string, v: unknown, min: number): number {
  if (typeof v !== "number" || !Number.isSafeInteger(v)) {
    throw new TypeError(`${name} must be an integer, got ${String(v)}`);
  }
  if (v < min) throw new RangeError(`${name} must be at least ${min}, got ${v}`);
  return v;
}

function flag(name: string, v: unknown): boolean {
  if (typeof v !== "boolean") throw new TypeError(`${name} must be a boolean, got ${String(v)}`);
  return v;
}

export function resolveWalOptions(options: WalOptions = {}): ResolvedWalOptions {
  if (typeof options !== "object" || options === null) {
    throw new TypeError("wal options must be an object");
  }
  const d = DEFAULT_WAL_OPTIONS;
  const syncMode = options.syncMode ?? d.syncMode;
  if (!SYNC_MODES.includes(syncMode)) {
    throw new TypeError(
      `syncMode must be one of ${SYNC_MODES.join(", ")}, got ${String(syncMode)}`,
    );
  }
  return {
    syncMode,
    groupIntervalMs: positiveInteger(
      "groupIntervalMs",
      options.groupIntervalMs ?? d.groupIntervalMs,
      1,
    ),
    segmentTargetBytes: positiveInteger(
      "segmentTargetBytes",
      options.segmentTargetBytes ?? d.segmentTargetBytes,
      1,
    ),
    checkpointLsn: positiveInteger("checkpointLsn", options.checkpointLsn ?? d.checkpointLsn, 0),
    preallocate: flag("preallocate", options.preallocate ?? d.preallocate),
  };
}
