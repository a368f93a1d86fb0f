// Group commit for `sync()`: callers that overlap share fsyncs. At most one fsync runs
// at a time; whoever asks while it runs waits for the next one, which then covers all of
// them. So N concurrent callers cost two fsyncs (and two writes), not N. The callers
// waiting for the same round also share one promise, so a caller costs no allocation:
// thousands may be waiting at once. It is handed a narrow interface to the log (write out,
// sync the active segment, report the outcome), not the log itself.
// A failed fsync is final: every waiter is rejected and the failure is reported once, to
// be latched as poison by the owner; it is never retried.
import { crashPoint } from "../internal/crash-point.js";

export interface SyncTarget {
  /** The highest LSN appended so far, written out or still buffered. */
  appendedLsn(): number;
  /** Write buffered records out; returns the highest LSN now in the file. */
  writeOut(): number;
  /** Start an fsync of the active segment on the thread pool. */
  syncAsync(): Promise<void>;
  /** Fsync the active segment on this thread. */
  syncBlocking(): void;
  /** Everything up to `lsn` is fsynced. */
  onDurable(lsn: number): void;
  /** The fsync failed; the owner poisons itself. Returns the error waiters receive. */
  onFailure(err: unknown): unknown;
  /** Throws when the log can no longer sync (poisoned or closed). */
  checkUsable(): void;
  /** Highest LSN known fsynced (in "none" mode this trails the mode's durableLsn). */
  syncedLsn(): number;
}

/** Callers waiting together: those whose records the same write-out covers. */
interface Waiters {
  /** The highest LSN one of them waits for. */
  lsn: number;
  readonly promise: Promise<number>;
  readonly resolve: (lsn: number) => void;
  readonly reject: (err: unknown) => void;
}

function newWaiters(lsn: number): Waiters {
  let resolve!: (lsn: number) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<number>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { lsn, promise, resolve, reject };
}

export class SharedSync {
  readonly #target: SyncTarget;
  /** Oldest first: the ones the running round covers, then those who came after its write-out. */
  #waiting: Waiters[] = [];
  /** Those the next write-out will cover; callers join them until it happens. */
  #joining: Waiters | null = null;
  #inFlight: Promise<void> | null = null;
  /** How many fsyncs this has issued; for tests and status. */
  fsyncCount = 0;

  /**
   * Where the fsync runs. On the thread pool the event loop stays free, at the cost of a
   * thread hand-off per round. Blocking, the round runs in a microtask on this thread: the
   * callers of the current tick all join it, and a lone caller waits only for the fsync
   * itself (the hand-off costs more than a fast fsync does). The group flusher always uses
   * the thread pool; perCommit's waiting writers choose blocking.
   */
  readonly #blocking: boolean;

  constructor(target: SyncTarget, blocking = false) {
    this.#target = target;
    this.#blocking = blocking;
  }

  /** Resolves once every record appended before the call is durable. */
  request(): Promise<number> {
    try {
      this.#target.checkUsable();
      // Nothing is written here: the next fsync round writes out everything buffered by
      // then in one call, so N callers while an fsync runs cost no system call each.
      const lsn = this.#target.appendedLsn();
      if (lsn <= this.#target.syncedLsn()) return Promise.resolve(this.#target.syncedLsn());
      let joining = this.#joining;
      if (joining === null) {
        joining = this.#joining = newWaiters(lsn);
        this.#waiting.push(joining);
      } else {
        joining.lsn = Math.max(joining.lsn, lsn);
      }
      if (this.#inFlight === null) this.#start();
      return joining.promise;
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }

  /** Settles once no fsync is running (used before closing the file under it). */
  async idle(): Promise<void> {
    while (this.#inFlight !== null) await this.#inFlight;
  }

  get busy(): boolean {
    return this.#inFlight !== null;
  }

  #start(): void {
    this.fsyncCount++;
    const round = this.#blocking ? this.#blockingRound() : this.#threadPoolRound();
    this.#inFlight = round.then(
      (covered) => this.#done(covered),
      (err: unknown) => this.#fail(err),
    );
  }

  /** Write out and fsync on the thread pool; resolves with the LSN the fsync covers. */
  #threadPoolRound(): Promise<number> {
    try {
      const covered = this.#writeOut();
      return this.#target.syncAsync().then(() => covered);
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }

  /** Write out and fsync in a microtask, after the callers of this tick have appended. */
  #blockingRound(): Promise<number> {
    return Promise.resolve().then(() => {
      const covered = this.#writeOut();
      this.#target.syncBlocking();
      return covered;
    });
  }

  /** Write out for a round: whoever asks from now on waits for the round after it. */
  #writeOut(): number {
    this.#joining = null;
    return this.#target.writeOut();
  }

  #done(covered: number): void {
    crashPoint("wal.sync.afterFsync");
    this.#inFlight = null;
    this.#target.onDurable(covered);
    const durable = this.#target.syncedLsn();
    // Made durable by another path before their write-out: later callers may not join them.
    if (this.#joining !== null && this.#joining.lsn <= durable) this.#joining = null;
    const still: Waiters[] = [];
    for (const w of this.#waiting) {
      if (w.lsn <= durable) w.resolve(durable);
      else still.push(w);
    }
    this.#waiting = still;
    if (still.length > 0) this.#start();
  }

  #fail(err: unknown): void {
    this.#inFlight = null;
    const reported = this.#target.onFailure(err);
    const waiting = this.#waiting;
    this.#waiting = [];
    this.#joining = null;
    for (const w of waiting) w.reject(reported);
  }
}
