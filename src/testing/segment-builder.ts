// Builds segment bytes record by record, for tests that need logs the log itself would
// never write (malformed structure, hostile lengths, LSNs near the limit).
import { ByteWriter } from "../internal/bytes.js";
import type { MutationEvent } from "../store/index.js";
import { writeBatchPayload } from "../store/index.js";
import { RecordKind, encodeSegmentHeader } from "../wal/format.js";
import { encodeRecord } from "../wal/record.js";

export class SegmentBuilder {
  readonly #w = new ByteWriter();
  /** Start offset of each record, in order. */
  readonly offsets: number[] = [];

  constructor(baseLsn: number, sealed = false) {
    this.#w.bytes(encodeSegmentHeader({ baseLsn, sealed }));
  }

  record(kind: RecordKind, lsn: number, txBeginLsn = 0, events?: MutationEvent[]): this {
    this.offsets.push(this.#w.length);
    encodeRecord(
      this.#w,
      kind,
      lsn,
      txBeginLsn,
      events ? (w) => writeBatchPayload(w, events) : undefined,
    );
    return this;
  }

  /** TxBegin, MutationBatch, TxCommit at lsn, lsn+1, lsn+2. */
  tx(lsn: number, events: MutationEvent[]): this {
    return this.record(RecordKind.TxBegin, lsn)
      .record(RecordKind.MutationBatch, lsn + 1, lsn, events)
      .record(RecordKind.TxCommit, lsn + 2, lsn);
  }

  raw(bytes: Uint8Array): this {
    this.#w.bytes(bytes);
    return this;
  }

  bytes(): Uint8Array {
    return this.#w.toBytes();
  }
}
