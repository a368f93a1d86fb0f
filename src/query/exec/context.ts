// What one execution of a compiled query carries: the graph it reads (and the transaction
// it writes through, for a mutating query), the parameters, the clock of the time limit,
// and the entities the query deleted so far. Operators and compiled expressions receive it
// as their second argument. It does not plan or evaluate anything itself.
import { QueryError } from "../../internal/errors.js";
import type { WriteTransaction } from "../../db/transaction.js";
import type { GraphView } from "../../store/graph.js";
import type { Value } from "../runtime/types.js";
import { viewVersion, type PropertyIndexes } from "./property-index.js";

/** One row of a running query: the value of every variable slot, indexed by slot. */
export type Row = Value[];

/** How often (in steps) the clock is read: a power of two minus one, used as a mask. */
const CLOCK_MASK = 1023;

export class ExecContext {
  readonly view: GraphView;
  /** The transaction of a mutating query; null when the query only reads. */
  readonly tx: WriteTransaction | null;
  readonly params: Readonly<Record<string, Value>>;
  /** For rand(); functions receive this context as their FunctionContext. */
  readonly random: () => number = Math.random;
  /** Nodes and relationships deleted by this query: reading their data is an error. */
  readonly deletedNodes = new Set<number>();
  readonly deletedRelationships = new Set<number>();
  /**
   * Nodes and relationships whose labels or properties this query changed: only their
   * snapshots can be stale, so only they are read again from the transaction.
   */
  readonly changedNodes = new Set<number>();
  readonly changedRelationships = new Set<number>();
  /**
   * Nodes a DELETE removed while relationships were still attached: deleted at the end
   * of the query, when those relationships must be gone too (openCypher checks then).
   */
  readonly pendingNodeDeletes = new Set<number>();
  /** The database's equality indexes; null to always scan. */
  readonly indexes: PropertyIndexes | null;
  /** The view's version when the query started (null: the store keeps none). */
  readonly #startVersion: number | null;
  readonly #deadline: number;
  readonly #timeoutMs: number;
  #steps = 0;

  constructor(
    view: GraphView,
    tx: WriteTransaction | null,
    params: Readonly<Record<string, Value>>,
    timeoutMs: number | undefined,
    startedMs: number = performance.now(),
    indexes: PropertyIndexes | null = null,
  ) {
    this.indexes = indexes;
    this.#startVersion = viewVersion(view);
    this.view = view;
    this.tx = tx;
    this.params = params;
    this.#timeoutMs = timeoutMs ?? Infinity;
    this.#deadline = timeoutMs === undefined ? Infinity : startedMs + timeoutMs;
  }

  /** Count one unit of work (a row, an expansion step); every so often, read the clock. */
  tick(): void {
    if ((++this.#steps & CLOCK_MASK) === 0) this.checkTime();
  }

  /** Raise QUERY_TIMEOUT once the time limit has passed. */
  checkTime(): void {
    if (this.#deadline !== Infinity && performance.now() > this.#deadline) {
      throw new QueryError(
        "QUERY_TIMEOUT",
        `query exceeded its time limit of ${this.#timeoutMs} ms`,
        {
          phase: "runtime",
        },
      );
    }
  }

  /** Whether an index may be built now: always in a read, before the first write otherwise. */
  mayBuildIndex(): boolean {
    return this.tx === null || viewVersion(this.view) === this.#startVersion;
  }

  /** The write transaction; planning guarantees that only mutating queries ask. */
  writer(): WriteTransaction {
    if (this.tx === null) throw new Error("a read-only query tried to write");
    return this.tx;
  }
}
