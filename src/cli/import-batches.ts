// Committing an import: items read from the input files, grouped into batches of
// `batchSize` lines, each batch one `db.write`. A batch with a bad line is rejected whole
// (nothing of it is committed: the write callback throws and the database rolls it back),
// so the report can say exactly which lines are in the database: the committed ranges.
// With `maxErrors` 0 the import stops at the first bad line; with N it stops at the N+1st.
//
// Node keys (the input's ids) map to the database's own ids: a node's key is remembered
// when its batch commits, and a relationship names its endpoints by key. Only this
// import's nodes can be named, and a node must come before the relationships that use it
// (its own batch or an earlier one). The map holds one entry per keyed node, the one thing
// an import keeps that grows with the input; the lines themselves stream through.
//
// It does not read or parse files (the sources do: jsonl-source.ts, csv-source.ts) and
// prints nothing; import.ts turns the report into output.
import { SkeinError, type Database, type PropertyMap, type WriteTransaction } from "../index.js";

/**
 * A node's key in the input: an integer id is a number (cheaper to map than text), any
 * other id is its text. `nodeKey` makes "7" and 7 the same key.
 */
export type NodeKey = string | number;

export type ImportItem =
  | { kind: "node"; key: NodeKey | null; labels: string[]; properties: PropertyMap }
  | { kind: "relationship"; src: NodeKey; dst: NodeKey; type: string; properties: PropertyMap };

const CANONICAL_INT_RE = /^(?:0|-?[1-9]\d{0,15})$/;

/** The key of an id given as text: a canonical safe integer ("7", not "07") is a number. */
export function nodeKey(text: string): NodeKey {
  if (!CANONICAL_INT_RE.test(text)) return text;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : text;
}

/** One record of the input: an item, or why the line is bad. Blank lines are not entries. */
export type SourceEntry =
  | { readonly line: number; readonly item: ImportItem; readonly error?: undefined }
  | { readonly line: number; readonly error: string };

/** One input file's entries, in order, in chunks (a chunk per read, for speed). */
export interface Source {
  readonly file: string;
  entries(): AsyncIterable<readonly SourceEntry[]>;
}

export interface LineRange {
  readonly file: string;
  readonly firstLine: number;
  readonly lastLine: number;
  readonly batches: number;
}

export interface LineError {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

export interface ImportReport {
  nodesCreated: number;
  relationshipsCreated: number;
  /** Entries read (blank lines and CSV headers are not entries). */
  entriesRead: number;
  batchesCommitted: number;
  batchesRejected: number;
  /** Line ranges in the database, contiguous committed batches merged. */
  readonly committed: LineRange[];
  readonly rejected: LineRange[];
  readonly errors: LineError[];
  /** Whether it stopped early: more bad lines than `maxErrors`. */
  stopped: boolean;
}

export interface BatchOptions {
  readonly batchSize: number;
  readonly maxErrors: number;
  /** Called after each chunk of entries with the number of entries read so far. */
  readonly onProgress?: (entriesRead: number) => void;
}

interface Batch {
  readonly file: string;
  readonly entries: SourceEntry[];
  bad: boolean;
}

/** Thrown inside the write callback to roll a batch back; never escapes this file. */
class RejectBatch extends Error {}

export class BatchImporter {
  readonly report: ImportReport = {
    nodesCreated: 0,
    relationshipsCreated: 0,
    entriesRead: 0,
    batchesCommitted: 0,
    batchesRejected: 0,
    committed: [],
    rejected: [],
    errors: [],
    stopped: false,
  };
  readonly #db: Database;
  readonly #opts: BatchOptions;
  readonly #keys = new Map<NodeKey, number>();
  /** The list the previous batch went to: a range grows only across contiguous batches. */
  #previous: LineRange[] | null = null;

  constructor(db: Database, opts: BatchOptions) {
    this.#db = db;
    this.#opts = opts;
  }

  /** Import one source; returns false when the import stopped (too many bad lines). */
  async run(source: Source): Promise<boolean> {
    try {
      return await this.#run(source);
    } finally {
      // Bad lines are found while reading and while writing: list them in line order.
      const errors = this.report.errors;
      const first = errors.findIndex((e) => e.file === source.file);
      if (first >= 0) errors.push(...errors.splice(first).sort((a, b) => a.line - b.line));
    }
  }

  async #run(source: Source): Promise<boolean> {
    let batch: Batch = { file: source.file, entries: [], bad: false };
    for await (const chunk of source.entries()) {
      for (const entry of chunk) {
        this.report.entriesRead++;
        batch.entries.push(entry);
        if (entry.error !== undefined) {
          batch.bad = true;
          if (this.#addError(source.file, entry.line, entry.error)) {
            this.#reject(batch);
            return false;
          }
        }
        if (batch.entries.length >= this.#opts.batchSize) {
          if (!(await this.#flush(batch))) return false;
          batch = { file: source.file, entries: [], bad: false };
        }
      }
      this.#opts.onProgress?.(this.report.entriesRead);
    }
    return batch.entries.length === 0 || this.#flush(batch);
  }

  /** Records an error; true when it is one too many and the import must stop. */
  #addError(file: string, line: number, message: string): boolean {
    this.report.errors.push({ file, line, message });
    if (this.report.errors.length <= this.#opts.maxErrors) return false;
    this.report.stopped = true;
    return true;
  }

  /**
   * Writes the batch, or rolls it back when a line is bad. A batch already known to be bad
   * (a line that did not parse) is still applied and rolled back, so the report names
   * every bad line in it, not just the first.
   */
  async #flush(batch: Batch): Promise<boolean> {
    const added: NodeKey[] = [];
    const counts = { nodes: 0, relationships: 0 };
    let stop = false;
    try {
      await this.#db.write((tx) => {
        for (const entry of batch.entries) {
          if (entry.error !== undefined) continue; // not in a batch that is written
          try {
            this.#apply(tx, entry.item, added, counts);
          } catch (err) {
            batch.bad = true;
            if (this.#addError(batch.file, entry.line, messageOf(err))) {
              stop = true;
              break;
            }
          }
        }
        if (batch.bad) throw new RejectBatch();
      });
    } catch (err) {
      for (const key of added) this.#keys.delete(key); // the batch's nodes are gone
      if (!(err instanceof RejectBatch)) throw err;
      this.#reject(batch);
      return !stop;
    }
    this.report.nodesCreated += counts.nodes;
    this.report.relationshipsCreated += counts.relationships;
    this.report.batchesCommitted++;
    this.#addRange(this.report.committed, batch);
    return true;
  }

  #apply(
    tx: WriteTransaction,
    item: ImportItem,
    added: NodeKey[],
    counts: { nodes: number; relationships: number },
  ): void {
    if (item.kind === "node") {
      if (item.key !== null && this.#keys.has(item.key)) {
        throw new Error(`duplicate node id ${describeKey(item.key)}`);
      }
      const id = tx.createNode(item.labels, item.properties);
      if (item.key !== null) {
        this.#keys.set(item.key, id);
        added.push(item.key);
      }
      counts.nodes++;
      return;
    }
    const src = this.#resolve(item.src, "start");
    const dst = this.#resolve(item.dst, "end");
    tx.createRelationship(src, dst, item.type, item.properties);
    counts.relationships++;
  }

  #resolve(key: NodeKey, end: string): number {
    const id = this.#keys.get(key);
    if (id === undefined) {
      throw new Error(
        `${end} node ${describeKey(key)} is not a node of this import (or of a rejected batch); nodes must come before the relationships that use them`,
      );
    }
    return id;
  }

  #reject(batch: Batch): void {
    if (batch.entries.length === 0) return;
    this.report.batchesRejected++;
    this.#addRange(this.report.rejected, batch);
  }

  /** Adds the batch's lines to `ranges`, extending the last range when contiguous. */
  #addRange(ranges: LineRange[], batch: Batch): void {
    const firstLine = batch.entries[0]!.line;
    const lastLine = batch.entries[batch.entries.length - 1]!.line;
    const last = ranges[ranges.length - 1];
    const contiguous = this.#previous === ranges && last !== undefined && last.file === batch.file;
    this.#previous = ranges;
    if (contiguous) ranges[ranges.length - 1] = { ...last, lastLine, batches: last.batches + 1 };
    else ranges.push({ file: batch.file, firstLine, lastLine, batches: 1 });
  }
}

/** A key as the input wrote it; a CSV id group shows as "group:id". */
function describeKey(key: NodeKey): string {
  return typeof key === "number" ? String(key) : JSON.stringify(key.replace("\u0000", ":"));
}

function messageOf(err: unknown): string {
  if (err instanceof SkeinError) return `${err.code}: ${err.message}`;
  return err instanceof Error ? err.message : String(err);
}
