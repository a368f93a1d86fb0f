// The Database: a graph in memory, kept by a write-ahead log and snapshots when it has a
// directory. `write` runs a synchronous callback as one atomic transaction (rolled back
// whole if it throws), logs its events as one TxBegin + MutationBatch + TxCommit, and
// resolves once the commit is as durable as the sync mode promises; in perCommit mode,
// writes in flight together share fsyncs through the log's group commit. Opening and
// recovery are open.ts and recovery.ts; checkpoints are checkpoint.ts.
import type { DirLockHandle, FileSystem } from "../internal/fs.js";
import { SkeinError } from "../internal/errors.js";
import { settle } from "../internal/settle.js";
import { crashPoint } from "../internal/crash-point.js";
import type { Graph, GraphView } from "../store/graph.js";
import type { Wal } from "../wal/index.js";
import { runCheckpoint } from "./checkpoint.js";
import type { ResolvedDatabaseOptions } from "./options.js";
import { snapshotDirOf, type RecoveryReport } from "./recovery.js";
import { WriteTx, type WriteTransaction } from "./transaction.js";
import { EventBatch } from "../store/lw1-codec.js";
import { ReadView } from "./read-view.js";

/** What `execute` returns: column names in order, and one record per row. */
export interface QueryResult {
  readonly columns: string[];
  readonly rows: Array<Record<string, unknown>>;
}

export interface ExecuteOptions {
  /**
   * Stop the query with QUERY_TIMEOUT once it has run this long. Default: no limit. The
   * check is cooperative (between rows and expansion steps), so a query overruns it by at
   * most one step; a mutating query that times out changes nothing.
   */
  timeoutMs?: number;
}

/** The database as a query engine sees it: reads, and atomic synchronous writes. */
export interface QueryAccess {
  read<T>(fn: (view: GraphView) => T): T;
  write<T>(fn: (tx: WriteTransaction) => T): Promise<T>;
}

/** What runs Cypher for a database: given at open, so db/ does not depend on query/. */
export interface QueryEngine {
  execute(
    access: QueryAccess,
    query: string,
    params: Record<string, unknown>,
    options: ExecuteOptions,
  ): Promise<QueryResult>;
}

export interface DatabaseStatus {
  /** The directory, or null for an in-memory database. */
  readonly dir: string | null;
  readonly syncMode: string;
  readonly durableLsn: number;
  readonly nextLsn: number;
  readonly activeSegmentId: number;
  readonly oldestSegmentId: number;
  /** Why writes are refused after an I/O failure, or null. */
  readonly bgFailure: string | null;
  /** Fence of the newest checkpoint (this session's, or the snapshot recovered from). */
  readonly lastCheckpointLsn: number;
  readonly nodeCount: number;
  readonly relationshipCount: number;
  readonly commitsSinceCheckpoint: number;
  /** The last automatic checkpoint's failure, or null. */
  readonly checkpointFailure: string | null;
  readonly recovery: RecoveryReport | null;
}

/** What a Database with a directory holds besides its graph. */
export interface Storage {
  readonly fs: FileSystem;
  readonly dir: string;
  readonly wal: Wal;
  readonly lock: DirLockHandle;
  readonly report: RecoveryReport;
}

export class Database {
  readonly #graph: Graph;
  readonly #view: ReadView;
  readonly #storage: Storage | null;
  readonly #opts: ResolvedDatabaseOptions;
  readonly #engine: QueryEngine | null;
  #closed = false;
  #commitsSinceCheckpoint = 0;
  #lastCheckpointLsn: number;
  #checkpointFailure: string | null = null;
  #checkpointing = false;
  /** Set while a write callback runs: the database may not be re-entered from inside it. */
  #inCallback = false;
  /** The events of the write under way, encoded for the log; one buffer serves every write. */
  readonly #batch = new EventBatch();

  /** Use `openDatabase`. */
  constructor(
    graph: Graph,
    storage: Storage | null,
    opts: ResolvedDatabaseOptions,
    engine: QueryEngine | null = null,
  ) {
    this.#graph = graph;
    this.#engine = engine;
    this.#view = new ReadView(graph);
    this.#storage = storage;
    this.#opts = opts;
    this.#lastCheckpointLsn = storage?.report.snapshotFenceLsn ?? 0;
  }

  #checkOpen(): void {
    if (this.#closed) throw new SkeinError("CLOSED", "database is closed");
  }

  /** write, checkpoint and close may not run inside a write callback. */
  #checkNotInCallback(what: string): void {
    if (this.#inCallback) {
      throw new SkeinError(
        "INVALID_ARGUMENT",
        `${what} cannot be called inside a write callback: make the change through its transaction`,
      );
    }
  }

  /**
   * Run `fn` as one atomic transaction. If it throws, nothing is applied or logged and the
   * promise rejects with that error; otherwise the changes are visible at once and the
   * promise resolves when the commit is durable as the sync mode promises.
   *
   * Not an async function: a write waiting for its fsync holds only its result, not a
   * suspended frame with its transaction, and thousands may wait for the same fsync.
   */
  write<T>(fn: (tx: WriteTransaction) => T): Promise<T> {
    let result: T;
    let durable: Promise<number>;
    try {
      this.#checkOpen();
      this.#checkNotInCallback("write");
      if (typeof fn !== "function") throw new TypeError("write needs a callback function");
      const tx = new WriteTx(this.#graph, this.#storage === null ? null : this.#batch);
      result = this.#run(tx, fn);
      if (this.#storage === null || this.#batch.count === 0) return Promise.resolve(result);
      const wal = this.#storage.wal;
      this.#log(wal, tx);
      crashPoint("db.write.afterLog");
      if (wal.syncMode !== "perCommit") {
        wal.flush();
        this.#committed();
        return Promise.resolve(result);
      }
      durable = wal.sync();
    } catch (err) {
      // Whatever was thrown, as is: what an async function's promise would reject with.
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
      return Promise.reject(err);
    }
    return durable.then(() => {
      this.#committed();
      return result;
    });
  }

  /** Run the callback; if it throws, roll back and rethrow. */
  #run<T>(tx: WriteTx, fn: (tx: WriteTransaction) => T): T {
    this.#inCallback = true;
    try {
      const result = fn(tx);
      if (isThenable(result)) {
        void Promise.resolve(result).catch(() => undefined);
        throw new TypeError("the write callback must be synchronous; it returned a promise");
      }
      return result;
    } catch (err) {
      tx.rollback();
      throw err;
    } finally {
      this.#inCallback = false;
      tx.finish();
    }
  }

  /** A write's commit is as durable as the sync mode promises. */
  #committed(): void {
    this.#commitsSinceCheckpoint++;
    this.#maybeAutoCheckpoint();
  }

  /** Append the transaction; on refusal undo it, so memory matches the log. */
  #log(wal: Wal, tx: WriteTx): void {
    let begin = 0;
    try {
      begin = wal.begin();
      wal.appendEventBatch(begin, this.#batch);
      wal.commit(begin);
    } catch (err) {
      tx.rollback();
      if (begin > 0 && wal.bgFailure === null) {
        try {
          wal.abort(begin);
        } catch {
          // the log refuses writes now; replay drops the unterminated transaction anyway
        }
      }
      throw err;
    } finally {
      // The bytes are in the log's buffer now, or refused: a huge write's stay pinned no longer.
      this.#batch.clear();
    }
  }

  read<T>(fn: (view: GraphView) => T): T {
    this.#checkOpen();
    if (typeof fn !== "function") throw new TypeError("read needs a callback function");
    return fn(this.#view);
  }

  /**
   * Run a Cypher query with parameters. A query that changes the graph is one atomic write
   * (resolving when durable, like `write`); a read-only query writes nothing to the log.
   */
  execute(
    query: string,
    params: Record<string, unknown> = {},
    options: ExecuteOptions = {},
  ): Promise<QueryResult> {
    return settle(() => {
      this.#checkOpen();
      this.#checkNotInCallback("execute");
      if (this.#engine === null) {
        throw new SkeinError("INVALID_ARGUMENT", "this database was opened without a query engine");
      }
      if (typeof query !== "string") throw new TypeError("query must be a string");
      if (typeof params !== "object" || params === null || Array.isArray(params)) {
        throw new TypeError("query parameters must be an object");
      }
      return this.#engine.execute(this, query, params, options);
    });
  }

  /** Snapshot stamped with the log's fence, checkpoint marker, truncation of the log. */
  checkpoint(): Promise<{ lsn: number }> {
    return settle(() => {
      this.#checkOpen();
      this.#checkNotInCallback("checkpoint");
      if (this.#storage === null) return { lsn: 0 };
      const { lsn } = this.#checkpointNow();
      this.#checkpointFailure = null;
      return { lsn };
    });
  }

  #checkpointNow(): { lsn: number } {
    const s = this.#storage!;
    this.#checkpointing = true;
    try {
      // The snapshot counts from the moment it is durable, even if retention then fails.
      return runCheckpoint(s.fs, snapshotDirOf(s.dir), this.#graph, s.wal, {
        snapshotsToKeep: this.#opts.snapshotsToKeep,
        onSnapshotDurable: (fence) => {
          this.#lastCheckpointLsn = fence;
          this.#commitsSinceCheckpoint = 0;
        },
      });
    } finally {
      this.#checkpointing = false;
    }
  }

  #maybeAutoCheckpoint(): void {
    const every = this.#opts.snapshotEveryCommits;
    if (every === 0 || this.#commitsSinceCheckpoint < every || this.#checkpointing) return;
    if (this.#closed || this.#storage?.wal.bgFailure !== null) return;
    try {
      this.#checkpointNow();
      this.#checkpointFailure = null;
    } catch (err) {
      // The write itself is durable; the failure is reported, not thrown at the writer.
      this.#checkpointFailure = err instanceof Error ? err.message : String(err);
      process.emitWarning(`automatic checkpoint failed: ${this.#checkpointFailure}`, {
        code: "SKEIN_CHECKPOINT_FAILED",
      });
    }
  }

  /** One fsync covering every commit so far; resolves with the durable LSN. */
  sync(): Promise<number> {
    return settle(() => {
      this.#checkOpen();
      return this.#storage === null ? 0 : this.#storage.wal.sync();
    });
  }

  status(): DatabaseStatus {
    this.#checkOpen();
    const wal = this.#storage?.wal ?? null;
    return {
      dir: this.#storage?.dir ?? null,
      syncMode: wal?.syncMode ?? "memory",
      durableLsn: wal?.durableLsn ?? 0,
      nextLsn: wal?.nextLsn ?? 0,
      activeSegmentId: wal?.activeSegmentId ?? 0,
      oldestSegmentId: wal?.oldestSegmentId ?? 0,
      bgFailure: wal?.bgFailure ?? null,
      lastCheckpointLsn: this.#lastCheckpointLsn,
      nodeCount: this.#graph.nodeCount,
      relationshipCount: this.#graph.relationshipCount,
      commitsSinceCheckpoint: this.#commitsSinceCheckpoint,
      checkpointFailure: this.#checkpointFailure,
      recovery: this.#storage?.report ?? null,
    };
  }

  /** Flush, final fsync, stop the flusher, release the lock. Idempotent. */
  close(): Promise<void> {
    return settle(() => {
      if (this.#closed) return;
      this.#checkNotInCallback("close");
      this.#closed = true;
      const s = this.#storage;
      if (s === null) return;
      try {
        s.wal.close();
      } finally {
        s.lock.release();
      }
    });
  }
}

function isThenable(v: unknown): boolean {
  return (
    (typeof v === "object" || typeof v === "function") &&
    v !== null &&
    typeof (v as { then?: unknown }).then === "function"
  );
}
