// The write-ahead log: allocation of LSNs, appends of framed records to the active
// segment, durability per sync mode, rotation at transaction boundaries, truncation of
// old segments, and the poison latch. Opening locks the directory and replays it
// (replay.ts and damage.ts decide what damage means; open-recovery.ts acts on it: removes
// an unfinished last segment, cuts a torn tail). Record bytes are framed in record.ts,
// fsync sharing is shared-sync.ts, the timer is flusher.ts. It knows nothing of graphs
// beyond handing events to the LW1 codec.
import type { DirLockHandle, FileSystem } from "../internal/fs.js";
import { NodeFileSystem } from "../internal/fs.js";
import { SkeinError } from "../internal/errors.js";
import type { KeepProperties, MutationEvent } from "../store/index.js";
import { writeBatchPayload, writeEventPayload } from "../store/index.js";
import type { EventBatch } from "../store/lw1-codec.js";
import { GroupFlusher } from "./flusher.js";
import { RecordKind, SEGMENT_HEADER_BYTES } from "./format.js";
import { acquireDirLock } from "./lock.js";
import { MAX_LSN, checkLsnArgument } from "./lsn.js";
import { crashPoint } from "../internal/crash-point.js";
import {
  ensureDurableDir,
  openActiveSegment,
  recoveryReport,
  removeTempSegments,
  type WalRecovery,
} from "./open-recovery.js";
import {
  resolveWalOptions,
  type ResolvedWalOptions,
  type SyncMode,
  type WalOptions,
} from "./options.js";
import { encodeRecord } from "./record.js";
import { replaySegments, type CommitSink, type ReplayOutcome } from "./replay.js";
import { SegmentWriter } from "./segment.js";
import { listSegments, segmentPath } from "./segment-dir.js";
import { SharedSync } from "./shared-sync.js";
import type { ByteWriter } from "../internal/bytes.js";

/** Buffered bytes past which appends are written out early, to bound memory. */
const WRITE_OUT_THRESHOLD_BYTES = 1024 * 1024;
/** A segment that took fewer commits than this was filled by bulk writes: see #preallocateNextBytes. */
const PREALLOCATE_MIN_COMMITS = 64;

export function defaultFileSystem(): FileSystem {
  return new NodeFileSystem(acquireDirLock);
}

export class Wal {
  readonly dir: string;
  readonly #fs: FileSystem;
  readonly #opts: ResolvedWalOptions;
  readonly #lock: DirLockHandle;
  readonly #recovery: WalRecovery;
  readonly #bases = new Map<number, number>();
  readonly #shared: SharedSync;
  #writer: SegmentWriter;
  /** Commits appended to the active segment: whether the next one is worth preallocating. */
  #commitsInSegment = 0;
  #activeId: number;
  #oldestId: number;
  #nextLsn: number;
  #writtenLsn: number;
  #durableLsn: number;
  /** Highest LSN actually fsynced; `sync()` waits on this, whatever the mode. */
  #syncedLsn: number;
  #poison: string | null = null;
  /** Transactions begun by this handle and not yet ended: begin LSN → segment id. */
  readonly #openTx = new Map<number, number>();
  #closed = false;
  #flusher: GroupFlusher | null = null;

  private constructor(
    dir: string,
    fs: FileSystem,
    opts: ResolvedWalOptions,
    lock: DirLockHandle,
    outcome: ReplayOutcome,
  ) {
    this.dir = dir;
    this.#fs = fs;
    this.#opts = opts;
    this.#lock = lock;
    for (const s of outcome.segments) this.#bases.set(s.id, s.baseLsn);
    this.#nextLsn = Math.max(outcome.maxLsn + 1, opts.checkpointLsn + 1);
    const first = opts.preallocate ? opts.segmentTargetBytes : 0;
    const opened = openActiveSegment(fs, dir, outcome, this.#nextLsn, first);
    // New when it was just created; a reopened segment's base is already there, unchanged.
    this.#bases.set(opened.id, opened.writer.baseLsn);
    this.#writer = opened.writer;
    this.#activeId = opened.id;
    this.#nextLsn = Math.max(this.#nextLsn, opened.writer.baseLsn);
    this.#oldestId = outcome.segments[0]?.id ?? opened.id;
    this.#writtenLsn = outcome.maxLsn;
    this.#durableLsn = outcome.maxLsn;
    this.#syncedLsn = outcome.maxLsn;
    this.#recovery = recoveryReport(outcome, opened);
    this.#shared = new SharedSync(
      {
        appendedLsn: () => this.#nextLsn - 1,
        writeOut: () => this.#writeOut(),
        syncAsync: () => this.#writer.syncAsync(),
        syncBlocking: () => this.#writer.sync(),
        onDurable: (lsn) => this.#markSynced(lsn),
        onFailure: (err) => this.#poisonWith("fsync failed", err),
        checkUsable: () => this.#checkWritable(),
        syncedLsn: () => this.#syncedLsn,
      },
      opts.syncMode === "perCommit",
    );
  }

  /**
   * Open (or create) the log in `dir`: lock it, replay it, repair a torn tail, start the
   * flusher. Returns the events of committed transactions above the fence.
   */
  static open(
    dir: string,
    options?: WalOptions,
    fs: FileSystem = defaultFileSystem(),
  ): { wal: Wal; events: MutationEvent[] } {
    const events: MutationEvent[] = [];
    const wal = Wal.openWithSink(
      dir,
      options,
      (evs) => {
        for (const ev of evs) events.push(ev);
      },
      fs,
    );
    return { wal, events };
  }

  /**
   * As `open`, but hands each committed transaction to `sink` instead of collecting them;
   * with `keepProperties`, creates' property maps are kept encoded (see CommitSink).
   */
  static openWithSink(
    dir: string,
    options: WalOptions | undefined,
    sink: CommitSink,
    fs: FileSystem = defaultFileSystem(),
    keepProperties?: KeepProperties,
  ): Wal {
    if (typeof dir !== "string" || dir.length === 0) {
      throw new TypeError("wal directory must be a non-empty string");
    }
    const opts = resolveWalOptions(options);
    ensureDurableDir(fs, dir);
    const lock = fs.lockDir(dir);
    try {
      removeTempSegments(fs, dir);
      const segments = listSegments(fs, dir);
      const outcome = replaySegments(fs, segments, opts.checkpointLsn, sink, keepProperties);
      const wal = new Wal(dir, fs, opts, lock, outcome);
      wal.#startFlusher();
      return wal;
    } catch (err) {
      lock.release();
      throw err;
    }
  }

  #startFlusher(): void {
    if (this.#opts.syncMode !== "group") return;
    this.#flusher = new GroupFlusher(this.#opts.groupIntervalMs, () => this.#backgroundTick());
    this.#flusher.start();
  }

  async #backgroundTick(): Promise<void> {
    if (this.#closed || this.#poison !== null) return;
    if (!this.#writer.hasPending && this.#writtenLsn <= this.#syncedLsn) return;
    try {
      await this.#shared.request();
    } catch (err) {
      this.#latchBackgroundFailure(err);
    }
  }

  /** A failed background fsync is reported as such; a foreground one keeps its own words. */
  #latchBackgroundFailure(err: unknown): void {
    const current: string | null = this.#poison;
    if (current === null || current === describe(err))
      this.#poison = `bg fsync failed: ${describe(err)}`;
    this.#flusher?.stop();
  }

  get syncMode(): SyncMode {
    return this.#opts.syncMode;
  }
  get durableLsn(): number {
    return this.#durableLsn;
  }
  get nextLsn(): number {
    return this.#nextLsn;
  }
  get activeSegmentId(): number {
    return this.#activeId;
  }
  get oldestSegmentId(): number {
    return this.#oldestId;
  }
  /** Why the log refuses writes after an I/O failure (background or not), or null. */
  get bgFailure(): string | null {
    return this.#poison;
  }
  get closed(): boolean {
    return this.#closed;
  }
  /** What opening found and repaired. */
  get recovery(): WalRecovery {
    return this.#recovery;
  }
  /** Number of fsyncs issued by `sync()` and the group flusher. */
  get sharedFsyncCount(): number {
    return this.#shared.fsyncCount;
  }

  begin(): number {
    this.#checkWritable();
    this.#checkLsnLeft();
    this.#maybeRotate();
    const lsn = this.#appendRecord(RecordKind.TxBegin, 0);
    this.#openTx.set(lsn, this.#activeId);
    return lsn;
  }

  /** A transaction LSN argument must name a transaction this handle began and did not end. */
  #checkOpenTx(txBeginLsn: number): void {
    checkLsnArgument("txBeginLsn", txBeginLsn);
    if (!this.#openTx.has(txBeginLsn)) {
      throw new SkeinError(
        "INVALID_ARGUMENT",
        `no open transaction begun at lsn ${txBeginLsn} in wal ${this.dir}`,
      );
    }
  }

  append(txBeginLsn: number, event: MutationEvent): number {
    this.#checkWritable();
    this.#checkOpenTx(txBeginLsn);
    return this.#appendRecord(RecordKind.Mutation, txBeginLsn, (w) => writeEventPayload(w, event));
  }

  appendBatch(txBeginLsn: number, events: readonly MutationEvent[]): number {
    this.#checkWritable();
    this.#checkOpenTx(txBeginLsn);
    if (!Array.isArray(events)) throw new TypeError("events must be an array");
    return this.#appendRecord(RecordKind.MutationBatch, txBeginLsn, (w) =>
      writeBatchPayload(w, events),
    );
  }

  /**
   * As `appendBatch`, for events the caller encoded as it made them (the database's
   * write path; EventBatch is not part of the package's API, so neither is this).
   * @internal
   */
  appendEventBatch(txBeginLsn: number, batch: EventBatch): number {
    this.#checkWritable();
    this.#checkOpenTx(txBeginLsn);
    return this.#appendRecord(RecordKind.MutationBatch, txBeginLsn, (w) => batch.writePayload(w));
  }

  commit(txBeginLsn: number): number {
    this.#checkWritable();
    this.#checkOpenTx(txBeginLsn);
    const lsn = this.#appendRecord(RecordKind.TxCommit, txBeginLsn);
    this.#openTx.delete(txBeginLsn);
    this.#commitsInSegment++;
    return lsn;
  }

  abort(txBeginLsn: number): number {
    this.#checkWritable();
    this.#checkOpenTx(txBeginLsn);
    const lsn = this.#appendRecord(RecordKind.TxAbort, txBeginLsn);
    this.#openTx.delete(txBeginLsn);
    return lsn;
  }

  checkpointMarker(snapshotLsn: number): number {
    this.#checkWritable();
    checkLsnArgument("snapshotLsn", snapshotLsn);
    return this.#appendRecord(RecordKind.Checkpoint, snapshotLsn);
  }

  /** Write buffered records; in perCommit also fsync; in perCommit and none advance durableLsn. */
  flush(): void {
    this.#checkWritable();
    const mode = this.#opts.syncMode;
    if (mode === "perCommit") return this.#syncNow();
    this.#writeOut();
    if (mode === "none") this.#markDurable(this.#writtenLsn);
  }

  /** Write and fsync whatever the sync mode, and advance durableLsn. */
  forceFsync(): void {
    this.#checkWritable();
    this.#syncNow();
  }

  /** One fsync covering everything appended before the call; overlapping callers share it. */
  sync(): Promise<number> {
    return this.#shared.request();
  }

  /**
   * Delete sealed segments whose every record is at or below `fenceLsn`. The active
   * segment and the one before it are always kept, so the log never shrinks to a bare
   * header right after a rotation: a reader takes the next LSN from the highest one it
   * reads. A segment holding the begin of a transaction still open is kept too.
   */
  truncateUpTo(fenceLsn: number): void {
    this.#checkWritable();
    checkLsnArgument("fenceLsn", fenceLsn);
    const entries = listSegments(this.#fs, this.dir);
    const keepFromId = Math.min(this.#activeId - 1, ...this.#openTx.values());
    let removed = false;
    for (let i = 0; i + 1 < entries.length; i++) {
      const entry = entries[i]!;
      const next = entries[i + 1]!;
      if (entry.id >= keepFromId) break;
      const nextBase = this.#bases.get(next.id);
      if (nextBase === undefined || nextBase - 1 > fenceLsn) break;
      this.#guard("unlink", () => this.#fs.unlink(entry.path));
      crashPoint("wal.truncate.afterUnlink");
      this.#bases.delete(entry.id);
      this.#oldestId = next.id;
      removed = true;
    }
    if (removed) this.#guard("fsync of directory", () => this.#fs.syncDir(this.dir));
  }

  /** Final write and fsync, flusher stopped, lock released. Idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#flusher?.stop();
    try {
      // A poisoned log is not synced again: the failed fsync is never retried.
      if (this.#poison === null) {
        this.#syncNow();
        // The next process would write over the zero tail anyway; cut for other readers.
        this.#guard("trim", () => this.#writer.trim());
      }
    } finally {
      this.#closed = true;
      this.#retire(this.#writer);
      this.#lock.release();
    }
  }

  /**
   * Close a segment file once no fsync runs on it any more. Its records are durable by
   * then (rotation and close fsync first), so a failing close loses nothing and is not
   * reported: above all, never as an unhandled rejection.
   */
  #retire(writer: SegmentWriter): void {
    const closeQuietly = (): void => {
      try {
        writer.close();
      } catch {
        // nothing to do: the file's data was fsynced before it was retired
      }
    };
    if (this.#shared.busy) void this.#shared.idle().then(closeQuietly, closeQuietly);
    else closeQuietly();
  }

  /**
   * How far the next segment is filled with zeros ahead of its records: 0 when not at all.
   * Zeros pay off when many small commits each fsync into the segment; a segment filled by
   * a few large transactions (a bulk load) would only be written twice, so after one the
   * next segment grows instead. The first segment a log opens with is preallocated.
   */
  get #preallocateNextBytes(): number {
    if (!this.#opts.preallocate || this.#commitsInSegment < PREALLOCATE_MIN_COMMITS) return 0;
    return this.#opts.segmentTargetBytes;
  }

  #checkWritable(): void {
    if (this.#closed) throw new SkeinError("CLOSED", `wal ${this.dir} is closed`);
    if (this.#poison !== null) {
      throw new SkeinError("WAL_POISONED", `wal ${this.dir} is poisoned: ${this.#poison}`);
    }
  }

  #checkLsnLeft(): void {
    if (this.#nextLsn > MAX_LSN) {
      throw new SkeinError(
        "WAL_LSN_EXHAUSTED",
        `lsn space exhausted: ${MAX_LSN} is the largest lsn the wal ${this.dir} can allocate`,
      );
    }
  }

  #appendRecord(kind: RecordKind, txBeginLsn: number, payload?: (w: ByteWriter) => void): number {
    this.#checkLsnLeft();
    const lsn = this.#nextLsn;
    encodeRecord(this.#writer.pending, kind, lsn, txBeginLsn, payload);
    this.#nextLsn = lsn + 1;
    if (this.#writer.pending.length >= WRITE_OUT_THRESHOLD_BYTES) this.#writeOut();
    return lsn;
  }

  /** Write buffered records to the file; returns the highest LSN in the file. */
  #writeOut(): number {
    if (this.#writer.hasPending) {
      this.#guard("write", () => this.#writer.writeOut());
      this.#writtenLsn = this.#nextLsn - 1;
      crashPoint("wal.append.afterWriteOut");
    }
    return this.#writtenLsn;
  }

  #syncNow(): void {
    const lsn = this.#writeOut();
    this.#guard("fsync", () => this.#writer.sync());
    this.#markSynced(lsn);
  }

  #markDurable(lsn: number): void {
    if (lsn > this.#durableLsn) this.#durableLsn = lsn;
  }

  #markSynced(lsn: number): void {
    if (lsn > this.#syncedLsn) this.#syncedLsn = lsn;
    this.#markDurable(lsn);
  }

  #maybeRotate(): void {
    const w = this.#writer;
    if (w.sizeBytes < this.#opts.segmentTargetBytes || w.sizeBytes <= SEGMENT_HEADER_BYTES) return;
    this.#syncNow();
    this.#guard("seal", () => w.seal());
    crashPoint("wal.rotate.afterSeal");
    const id = this.#activeId + 1;
    const next = this.#guard("segment creation", () =>
      SegmentWriter.create(
        this.#fs,
        segmentPath(this.dir, id),
        this.#nextLsn,
        this.#preallocateNextBytes,
      ),
    );
    this.#bases.set(id, next.baseLsn);
    this.#writer = next;
    this.#activeId = id;
    this.#commitsInSegment = 0;
    this.#retire(w);
  }

  /** Run an I/O step; a failure poisons the log for good (it is never retried). */
  #guard<T>(what: string, fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      this.#poisonWith(`${what} failed`, err);
      throw err;
    }
  }

  #poisonWith(what: string, err: unknown): unknown {
    // An I/O error from the seam already says what failed ("fsync failed for <path>: EIO").
    const reason =
      err instanceof SkeinError && err.code === "IO" ? err.message : `${what}: ${describe(err)}`;
    if (this.#poison === null) this.#poison = reason;
    return err;
  }
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
