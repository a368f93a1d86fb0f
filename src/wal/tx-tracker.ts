// The transaction bookkeeping of replay, across all segments: which transactions are open,
// which records belong to which, and what a commit hands over. Records must come in
// increasing LSN order; a begin, payload, commit or abort that does not fit the open
// transactions is WAL_MALFORMED. Payloads are decoded only for the transactions replay
// returns (those committed above the fence), unless the caller asks for every payload.
//
// It does not read segments or judge damaged bytes (replay.ts, damage.ts): it sees only
// records that framed correctly, one at a time, and reports the first one that does not
// fit as a located `LogProblem` value, so the scan can stop there like any other problem.
import { SkeinError } from "../internal/errors.js";
import type { KeepProperties, MutationEvent } from "../store/index.js";
import { decodeBatchPayloadInto, decodeEventPayload } from "../store/index.js";
import type { LogProblem } from "./damage.js";
import { RecordKind } from "./format.js";
import type { RawRecord } from "./record.js";

/**
 * Receives each committed transaction above the fence, in commit order. With a
 * `keepProperties` hook, `kept[i]` is where the properties of event i (a create) were
 * kept, its `properties` then being empty, or -1; without one, every entry is -1.
 */
export type CommitSink = (
  events: MutationEvent[],
  commitLsn: number,
  kept: readonly number[],
) => void;

/** A payload record and the segment it was read from. */
interface Located {
  readonly rec: RawRecord;
  readonly segmentPath: string;
}

interface OpenTx {
  /** Payload records not decoded yet: replay decodes only what it returns. */
  readonly payloads: Located[];
  /** Events decoded as they were read (decodeAll), in record order. */
  readonly events: MutationEvent[];
  /** Where each event's properties were kept, or -1 (see CommitSink). */
  readonly kept: number[];
  /** An index or constraint change met while decoding eagerly, refused only on return. */
  unsupported: { readonly error: SkeinError; readonly at: Located } | null;
}

/** The transaction bookkeeping across all segments. */
export class TxTracker {
  readonly #open = new Map<number, OpenTx>();
  readonly #fence: number;
  readonly #sink: CommitSink;
  readonly #decodeAll: boolean;
  readonly #keep: KeepProperties | null;
  /** The payload being decoded when a decode fails: the problem is there, not at the commit. */
  #decoding: Located | null = null;
  lastLsn = 0;
  checkpointLsn: number | null = null;

  constructor(fence: number, sink: CommitSink, decodeAll: boolean, keep: KeepProperties | null) {
    this.#fence = fence;
    this.#sink = sink;
    this.#decodeAll = decodeAll;
    this.#keep = keep;
  }

  /** Take the next record; the problem it reveals, located, or null. */
  accept(rec: RawRecord, segmentPath: string): LogProblem | null {
    const lastGoodLsn = this.lastLsn;
    try {
      this.#accept(rec, segmentPath);
      return null;
    } catch (err) {
      if (!(err instanceof SkeinError)) throw err;
      const at = this.#decoding ?? { rec, segmentPath };
      return {
        kind: err.code === "WAL_UNSUPPORTED_EVENT" ? "unsupported" : "malformed",
        segmentPath: at.segmentPath,
        offsetBytes: at.rec.offsetBytes,
        lastGoodLsn,
        recordLsn: at.rec.lsn,
        message: err.message,
        error: err,
      };
    } finally {
      this.#decoding = null;
    }
  }

  #accept(rec: RawRecord, segmentPath: string): void {
    const where = `in segment ${segmentPath} at lsn ${rec.lsn}`;
    if (rec.kind === RecordKind.TxBegin && this.#open.has(rec.lsn)) {
      throw new SkeinError("WAL_MALFORMED", `duplicate tx begin ${where}`);
    }
    if (rec.lsn <= this.lastLsn) {
      throw new SkeinError(
        "WAL_MALFORMED",
        `lsn does not increase ${where} (previous lsn ${this.lastLsn})`,
      );
    }
    this.lastLsn = rec.lsn;
    switch (rec.kind) {
      case RecordKind.TxBegin:
        this.#open.set(rec.lsn, { payloads: [], events: [], kept: [], unsupported: null });
        return;
      case RecordKind.Mutation:
      case RecordKind.MutationBatch:
        this.#payload(this.#openTx(rec, where), { rec, segmentPath });
        return;
      case RecordKind.TxCommit:
        this.#commit(rec, where);
        return;
      case RecordKind.TxAbort:
        this.#openTx(rec, where);
        this.#open.delete(rec.txBeginLsn);
        return;
      case RecordKind.Checkpoint:
        this.checkpointLsn = Math.max(this.checkpointLsn ?? 0, rec.txBeginLsn);
        return;
    }
  }

  #payload(tx: OpenTx, at: Located): void {
    if (!this.#decodeAll) {
      tx.payloads.push(at);
      return;
    }
    this.#decoding = at;
    try {
      decodeInto(tx, at, this.#keep);
    } catch (err) {
      if (!(err instanceof SkeinError && err.code === "WAL_UNSUPPORTED_EVENT")) throw err;
      tx.unsupported ??= { error: err, at };
    }
    this.#decoding = null;
  }

  #openTx(rec: RawRecord, where: string): OpenTx {
    const tx = this.#open.get(rec.txBeginLsn);
    if (tx === undefined) {
      throw new SkeinError(
        "WAL_MALFORMED",
        `missing tx begin ${rec.txBeginLsn} for ${kindName(rec.kind)} ${where}`,
      );
    }
    return tx;
  }

  #commit(rec: RawRecord, where: string): void {
    const tx = this.#openTx(rec, where);
    this.#open.delete(rec.txBeginLsn);
    // A transaction belongs to the snapshot at the fence when it committed at or below it.
    if (rec.lsn <= this.#fence) return;
    if (tx.unsupported !== null) {
      this.#decoding = tx.unsupported.at;
      throw tx.unsupported.error;
    }
    for (const p of tx.payloads) {
      this.#decoding = p;
      decodeInto(tx, p, this.#keep);
    }
    this.#decoding = null;
    this.#sink(tx.events, rec.lsn, tx.kept);
  }
}

function kindName(kind: RecordKind): string {
  return kind === RecordKind.TxCommit
    ? "commit"
    : kind === RecordKind.TxAbort
      ? "abort"
      : "mutation";
}

function decodeInto(tx: OpenTx, { rec, segmentPath }: Located, keep: KeepProperties | null): void {
  try {
    if (rec.kind === RecordKind.Mutation) {
      tx.events.push(decodeEventPayload(rec.payload));
      tx.kept.push(-1);
    } else {
      decodeBatchPayloadInto(rec.payload, tx.events, tx.kept, keep);
    }
  } catch (err) {
    const where = `in segment ${segmentPath} at lsn ${rec.lsn}`;
    if (err instanceof SkeinError && err.code === "WAL_UNSUPPORTED_EVENT") {
      throw new SkeinError("WAL_UNSUPPORTED_EVENT", `${err.message} ${where}`, { cause: err });
    }
    const detail = err instanceof Error ? err.message : String(err);
    throw new SkeinError("WAL_MALFORMED", `undecodable mutation payload ${where}: ${detail}`, {
      cause: err,
    });
  }
}
