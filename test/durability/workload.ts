// Shared helpers of the durability tests: a deterministic scripted workload, a graph model
// kept in plain Maps (written apart from src/store/graph.ts, so the graph is never used to
// check itself), a fingerprint that compares the two, a runner that plays a script against
// a Database and keeps the ledger of what each sync mode promised, and a parser of segment
// framing for the corruption tests.
//
// The transactions form one chain: transaction i is written only on top of the graph after
// transactions 0..i-1, so every state the database may recover is "the model after some
// prefix of the chain". The prefix states are pairwise different (checked at load), so a
// recovered graph names its prefix unambiguously, and a partial transaction (each one
// changes several things) matches none.
//
// It decides nothing about what a test asserts beyond the ledger; the tests do.
import assert from "node:assert/strict";
import {
  Float,
  SkeinError,
  date,
  float,
  isTaggedValue,
  openDatabase,
  type Database,
  type DatabaseOptions,
  type GraphView,
  type PropertyValue,
  type SyncMode,
  type WriteTransaction,
} from "../../src/index.js";
import type { DirLockHandle } from "../../src/internal/fs.js";
import { MemFs, type FsOp } from "../../src/testing/mem-fs.js";

export const DIR = "/db";
export const WAL_DIR = `${DIR}/wal`;
export const SNAPSHOT_DIR = `${DIR}/snapshots`;
export const MODES: readonly SyncMode[] = ["perCommit", "group", "none"];

// ---------------------------------------------------------------------------------------
// Values: one canonical text per value, the same for what a test writes and what the
// database reads back (an Int is a safe-integer number or a bigint; a Float is a Float
// instance or a non-integral number).

export function encodeValue(v: unknown): string {
  if (v === null) return "null";
  switch (typeof v) {
    case "boolean":
      return String(v);
    case "number":
      return Number.isInteger(v) ? `i${v}` : `f${v}`;
    case "bigint":
      return `i${v}`;
    case "string":
      return JSON.stringify(v);
  }
  if (v instanceof Float) return `f${v.value}`;
  if (Array.isArray(v)) return `[${v.map(encodeValue).join(",")}]`;
  if (isTaggedValue(v)) {
    const fields = Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1));
    return `<${fields.map(([k, x]) => `${k}=${encodeValue(x)}`).join(",")}>`;
  }
  if (typeof v === "object") {
    const keys = Object.keys(v).sort();
    const map = v as Record<string, unknown>;
    return `{${keys.map((k) => `${JSON.stringify(k)}:${encodeValue(map[k])}`).join(",")}}`;
  }
  throw new TypeError(`no encoding for ${typeof v}`);
}

// ---------------------------------------------------------------------------------------
// Operations as data: one description drives the database and the model.

export type Props = Record<string, PropertyValue>;
export type Op =
  | { readonly op: "createNode"; readonly labels: string[]; readonly props?: Props }
  | {
      readonly op: "createRelationship";
      readonly src: number;
      readonly dst: number;
      readonly type: string;
      readonly props?: Props;
    }
  | {
      readonly op: "setNodeProperty";
      readonly id: number;
      readonly key: string;
      readonly value: PropertyValue;
    }
  | { readonly op: "removeNodeProperty"; readonly id: number; readonly key: string }
  | { readonly op: "addNodeLabel" | "removeNodeLabel"; readonly id: number; readonly label: string }
  | {
      readonly op: "setRelationshipProperty";
      readonly id: number;
      readonly key: string;
      readonly value: PropertyValue;
    }
  | { readonly op: "deleteRelationship" | "deleteNode" | "detachDeleteNode"; readonly id: number };

export const LABELS = ["Person", "Admin", "City", "Capital", "Gone", "Tag"];
export const TYPES = ["KNOWS", "LIVES_IN", "HOSTS", "TAGGED"];

/**
 * The chain. Transaction 0 carries a 1,200-byte string, so its batch record spans several
 * 512-byte sectors and a torn write can cut it; transaction 1 creates and deletes a node,
 * so the next node id is more than the highest live id; later ones delete and re-link.
 */
export const TRANSACTIONS: readonly (readonly Op[])[] = [
  [
    {
      op: "createNode",
      labels: ["Person"],
      props: { name: "Ada", born: date({ year: 1815, month: 12, day: 10 }), bio: "x".repeat(1200) },
    },
    {
      op: "createNode",
      labels: ["Person", "Admin"],
      props: { name: "Bob", score: 1.5, n: float(3) },
    },
    { op: "createRelationship", src: 0, dst: 1, type: "KNOWS", props: { since: 1833 } },
  ],
  [
    {
      op: "createNode",
      labels: ["City"],
      props: { name: "London", big: 2n ** 60n, tags: ["a", "b"] },
    },
    { op: "createRelationship", src: 0, dst: 2, type: "LIVES_IN" },
    { op: "setNodeProperty", id: 1, key: "score", value: 2.5 },
    { op: "addNodeLabel", id: 2, label: "Capital" },
    { op: "createNode", labels: ["Gone"] },
    { op: "deleteNode", id: 3 },
  ],
  [
    { op: "setRelationshipProperty", id: 0, key: "since", value: 1834 },
    { op: "removeNodeLabel", id: 1, label: "Admin" },
    { op: "removeNodeProperty", id: 0, key: "bio" },
    {
      op: "createRelationship",
      src: 2,
      dst: 1,
      type: "HOSTS",
      props: { meta: { a: 1, b: [true, "x"] } },
    },
  ],
  [
    { op: "createNode", labels: ["Tag"], props: { name: "t4" } },
    { op: "createRelationship", src: 4, dst: 0, type: "TAGGED" },
    { op: "detachDeleteNode", id: 1 },
  ],
  [
    { op: "deleteRelationship", id: 1 },
    { op: "setNodeProperty", id: 2, key: "pop", value: 8_900_000 },
    { op: "createNode", labels: ["Person"], props: { name: "Cy" } },
  ],
  [
    { op: "createRelationship", src: 5, dst: 2, type: "LIVES_IN", props: { w: float(1) } },
    { op: "addNodeLabel", id: 5, label: "Admin" },
    { op: "setNodeProperty", id: 4, key: "n", value: -7 },
  ],
  [
    { op: "createNode", labels: ["Tag", "Gone"], props: { s: "日本語" } },
    { op: "removeNodeLabel", id: 6, label: "Gone" },
    { op: "createRelationship", src: 6, dst: 6, type: "TAGGED" },
  ],
  [
    { op: "detachDeleteNode", id: 0 },
    { op: "setNodeProperty", id: 5, key: "name", value: "Cyd" },
    { op: "createNode", labels: ["City"], props: { name: "Paris" } },
  ],
];

/** Write transaction `index` of the chain as one database write. */
export async function writeTransaction(db: Database, index: number): Promise<void> {
  const ops = TRANSACTIONS[index] ?? assert.fail(`the chain has no transaction ${index}`);
  await db.write((tx) => {
    for (const o of ops) applyToTx(tx, o);
  });
}

/** Apply one operation to a write transaction; returns a created id, else -1. */
function applyToTx(tx: WriteTransaction, o: Op): number {
  switch (o.op) {
    case "createNode":
      return tx.createNode(o.labels, o.props);
    case "createRelationship":
      return tx.createRelationship(o.src, o.dst, o.type, o.props);
    case "setNodeProperty":
      tx.setNodeProperty(o.id, o.key, o.value);
      return -1;
    case "removeNodeProperty":
      tx.removeNodeProperty(o.id, o.key);
      return -1;
    case "addNodeLabel":
      tx.addNodeLabel(o.id, o.label);
      return -1;
    case "removeNodeLabel":
      tx.removeNodeLabel(o.id, o.label);
      return -1;
    case "setRelationshipProperty":
      tx.setRelationshipProperty(o.id, o.key, o.value);
      return -1;
    case "deleteRelationship":
      tx.deleteRelationship(o.id);
      return -1;
    case "deleteNode":
      tx.deleteNode(o.id);
      return -1;
    case "detachDeleteNode":
      tx.detachDeleteNode(o.id);
      return -1;
  }
}

// ---------------------------------------------------------------------------------------
// The model.

interface MNode {
  readonly labels: Set<string>;
  readonly props: Map<string, string>;
}
interface MRel {
  readonly src: number;
  readonly dst: number;
  readonly type: string;
  readonly props: Map<string, string>;
}

function propMap(props: Props | undefined): Map<string, string> {
  return new Map(Object.entries(props ?? {}).map(([k, v]) => [k, encodeValue(v)]));
}

export class GraphModel {
  readonly nodes = new Map<number, MNode>();
  readonly rels = new Map<number, MRel>();
  nextNodeId = 0;
  nextRelationshipId = 0;

  clone(): GraphModel {
    const m = new GraphModel();
    for (const [id, n] of this.nodes) {
      m.nodes.set(id, { labels: new Set(n.labels), props: new Map(n.props) });
    }
    for (const [id, r] of this.rels) m.rels.set(id, { ...r, props: new Map(r.props) });
    m.nextNodeId = this.nextNodeId;
    m.nextRelationshipId = this.nextRelationshipId;
    return m;
  }

  /** Apply one operation; returns a created id, else -1. Throws on an op the chain never makes. */
  apply(o: Op): number {
    const node = (id: number) => this.nodes.get(id) ?? assert.fail(`model: no node ${id}`);
    const rel = (id: number) => this.rels.get(id) ?? assert.fail(`model: no relationship ${id}`);
    switch (o.op) {
      case "createNode": {
        const id = this.nextNodeId++;
        this.nodes.set(id, { labels: new Set(o.labels), props: propMap(o.props) });
        return id;
      }
      case "createRelationship": {
        node(o.src);
        node(o.dst);
        const id = this.nextRelationshipId++;
        this.rels.set(id, { src: o.src, dst: o.dst, type: o.type, props: propMap(o.props) });
        return id;
      }
      case "setNodeProperty":
        node(o.id).props.set(o.key, encodeValue(o.value));
        return -1;
      case "removeNodeProperty":
        node(o.id).props.delete(o.key);
        return -1;
      case "addNodeLabel":
        node(o.id).labels.add(o.label);
        return -1;
      case "removeNodeLabel":
        node(o.id).labels.delete(o.label);
        return -1;
      case "setRelationshipProperty":
        rel(o.id).props.set(o.key, encodeValue(o.value));
        return -1;
      case "deleteRelationship":
        rel(o.id);
        this.rels.delete(o.id);
        return -1;
      case "deleteNode":
        node(o.id);
        assert.ok(![...this.rels.values()].some((r) => r.src === o.id || r.dst === o.id));
        this.nodes.delete(o.id);
        return -1;
      case "detachDeleteNode":
        node(o.id);
        for (const [id, r] of this.rels) if (r.src === o.id || r.dst === o.id) this.rels.delete(id);
        this.nodes.delete(o.id);
        return -1;
    }
  }

  fingerprint(): string {
    const lines: string[] = [];
    const nodeIds = [...this.nodes.keys()].sort((a, b) => a - b);
    const relIds = [...this.rels.keys()].sort((a, b) => a - b);
    for (const id of nodeIds) {
      const n = this.nodes.get(id)!;
      lines.push(nodeLine(id, [...n.labels], n.props));
    }
    for (const id of relIds) {
      const r = this.rels.get(id)!;
      lines.push(relLine(id, r.src, r.dst, r.type, r.props));
    }
    lines.push(`counts ${nodeIds.length} ${relIds.length}`);
    for (const label of LABELS) {
      const ids = nodeIds.filter((id) => this.nodes.get(id)!.labels.has(label));
      lines.push(`label ${label}: ${ids.join(",")}`);
    }
    for (const type of TYPES) {
      lines.push(
        `type ${type}: ${relIds.filter((id) => this.rels.get(id)!.type === type).join(",")}`,
      );
    }
    for (const id of nodeIds) {
      const out = relIds.filter((r) => this.rels.get(r)!.src === id);
      const inc = relIds.filter((r) => this.rels.get(r)!.dst === id);
      lines.push(`adj ${id}: out ${out.join(",")} in ${inc.join(",")}`);
    }
    return lines.join("\n");
  }
}

function nodeLine(id: number, labels: string[], props: Map<string, string>): string {
  const p = [...props].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${k}=${v}`);
  return `node ${id} [${labels.sort().join(",")}] {${p.join(";")}}`;
}

function relLine(
  id: number,
  src: number,
  dst: number,
  type: string,
  props: Map<string, string>,
): string {
  const p = [...props].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${k}=${v}`);
  return `rel ${id} ${src}->${dst} ${type} {${p.join(";")}}`;
}

function entriesOf(props: Readonly<Record<string, unknown>>): Map<string, string> {
  return new Map(Object.keys(props).map((k) => [k, encodeValue(props[k])]));
}

const sortIds = (ids: Iterable<{ id: number }>) => [...ids].map((x) => x.id).sort((a, b) => a - b);

/** The same text as GraphModel.fingerprint, read through the database's view. */
export function fingerprintView(v: GraphView): string {
  const lines: string[] = [];
  const nodes = [...v.nodes()].sort((a, b) => a.id - b.id);
  const rels = [...v.relationships()].sort((a, b) => a.id - b.id);
  for (const n of nodes) lines.push(nodeLine(n.id, [...n.labels], entriesOf(n.properties)));
  for (const r of rels) lines.push(relLine(r.id, r.src, r.dst, r.type, entriesOf(r.properties)));
  lines.push(`counts ${v.nodeCount} ${v.relationshipCount}`);
  for (const label of LABELS)
    lines.push(`label ${label}: ${sortIds(v.nodes({ label })).join(",")}`);
  for (const type of TYPES) {
    lines.push(`type ${type}: ${sortIds(v.relationships({ type })).join(",")}`);
  }
  for (const n of nodes) {
    lines.push(
      `adj ${n.id}: out ${sortIds(v.outgoing(n.id)).join(",")} in ${sortIds(v.incoming(n.id)).join(",")}`,
    );
  }
  return lines.join("\n");
}

export function fingerprintDb(db: Database): string {
  return db.read(fingerprintView);
}

/** The model after each prefix of the chain: states[i] holds transactions 0..i-1. */
export interface ChainStates {
  readonly fingerprints: readonly string[];
  readonly nextNodeIds: readonly number[];
}

function buildStates(): ChainStates {
  let m = new GraphModel();
  const fingerprints = [m.fingerprint()];
  const nextNodeIds = [0];
  for (const ops of TRANSACTIONS) {
    m = m.clone();
    for (const o of ops) m.apply(o);
    fingerprints.push(m.fingerprint());
    nextNodeIds.push(m.nextNodeId);
  }
  assert.equal(new Set(fingerprints).size, fingerprints.length, "prefix states must differ");
  return { fingerprints, nextNodeIds };
}

export const STATES: ChainStates = buildStates();

/** Which prefix of the chain the graph equals, or -1 when none does. */
export function prefixOf(fingerprint: string): number {
  return STATES.fingerprints.indexOf(fingerprint);
}

/** The prefix the database holds; fails, showing the graph, when it equals none. */
export function expectPrefix(db: Database, context: string): number {
  const fp = fingerprintDb(db);
  const j = prefixOf(fp);
  if (j < 0) {
    assert.fail(`${context}: the graph equals no prefix of the chain (partial or foreign):\n${fp}`);
  }
  return j;
}

// ---------------------------------------------------------------------------------------
// A file system that reports every call before making it, so a runner can read the
// database's durable LSN at the exact moment of a simulated death; that fails or kills at
// calls chosen by what they are rather than by their index, so a regression test still
// aims at the same step when a fix adds or removes calls; and that can drop the directory
// locks of a simulated process that is gone.

export class WatchedFs extends MemFs {
  /** Called before every call. */
  watch: (() => void) | null = null;
  /** Fails a call with EIO when it returns true (after the call is counted and traced). */
  failOn: ((op: FsOp, path: string) => boolean) | null = null;
  /** Called after every call that succeeded. */
  afterCall: ((op: FsOp, path: string) => void) | null = null;
  readonly #locks: DirLockHandle[] = [];

  override tick(op: FsOp, path: string, traceAs?: string): void {
    this.watch?.();
    super.tick(op, path, traceAs);
    if (this.failOn?.(op, path) === true) {
      const cause = Object.assign(new Error(`EIO: injected ${op} failure, ${path}`), {
        code: "EIO",
      });
      throw new SkeinError("IO", `${op} failed for ${path}: EIO`, { cause });
    }
    this.afterCall?.(op, path);
  }

  override lockDir(dir: string): DirLockHandle {
    const handle = super.lockDir(dir);
    this.#locks.push(handle);
    return handle;
  }

  /** The process that held the locks is gone (killed): the OS drops them. */
  releaseLocks(): void {
    for (const handle of this.#locks.splice(0)) handle.release();
  }
}

/** The file-system op of a traced call ("fsyncAsync" is counted as an fsync). */
export function opOfTrace(entry: string): FsOp {
  const name = entry.slice(0, entry.indexOf(" "));
  return (name === "fsyncAsync" ? "fsync" : name) as FsOp;
}

export function pathOfTrace(entry: string): string {
  return entry.slice(entry.indexOf(" ") + 1);
}

/**
 * A copy of what the files hold now, written or not, as a killed process (not a power
 * loss) leaves them. Built from the durability model, so it makes no file-system call and
 * works on a file system whose process died.
 */
export function currentContents(fs: MemFs): MemFs {
  const dirs = new Map<string, Map<string, Uint8Array>>();
  for (const [path, dir] of fs.durabilityModel().dirs) {
    const entries = new Map(dir.durable);
    for (const op of dir.pending) {
      if (op.kind === "link") entries.set(op.name, op.inode);
      else entries.delete(op.name);
    }
    dirs.set(path, new Map([...entries].map(([name, inode]) => [name, inode.data.slice()])));
  }
  return MemFs.fromContents(dirs);
}

// ---------------------------------------------------------------------------------------
// Scripts and the runner.

/** "writePair": two writes issued together, in flight at once (they share fsyncs). */
export type Step = "open" | "write" | "writePair" | "sync" | "checkpoint" | "close";

/** Options every test opens with (the file system is added per run). */
export function baseOptions(syncMode: SyncMode, segmentTargetBytes: number): DatabaseOptions {
  return {
    syncMode,
    groupIntervalMs: 3_600_000, // never fires during a test: only explicit syncs fsync
    segmentTargetBytes,
    snapshotEveryCommits: 0,
    snapshotsToKeep: 1, // so one checkpoint truncates the log
  };
}

export interface StepOutcome {
  readonly step: Step;
  readonly error: unknown;
  /** Calls made before the step and after it. */
  readonly callsBefore: number;
  readonly callsAfter: number;
}

/**
 * Plays a script on one file system and keeps the ledger. Chain counts are prefix lengths:
 * `attempted` bounds what the log may hold, `acked` is the longest prefix whose last write
 * resolved, `explicit` the longest covered by a resolved sync(), checkpoint() or close(),
 * and `lsnCovered()` the longest whose commit LSN is at or below the highest durableLsn
 * the database reported (read at every file-system call, so also just before a death).
 */
export class ScriptRun {
  readonly fs: MemFs;
  readonly options: DatabaseOptions;
  db: Database | null = null;
  /** Transactions the open database's graph holds: the next write is TRANSACTIONS[chain]. */
  chain = 0;
  attempted = 0;
  acked = 0;
  explicit = 0;
  maxDurableLsn = 0;
  /** Commit LSN of the transaction that makes the prefix this long. */
  readonly commitLsns = new Map<number, number>();
  readonly outcomes: StepOutcome[] = [];

  constructor(fs: MemFs, options: DatabaseOptions) {
    this.fs = fs;
    this.options = options;
    if (fs instanceof WatchedFs) fs.watch = () => this.observe();
  }

  observe(): void {
    if (this.db === null) return;
    try {
      this.maxDurableLsn = Math.max(this.maxDurableLsn, this.db.status().durableLsn);
    } catch {
      // closed: the last reading stands
    }
  }

  lsnCovered(): number {
    let covered = 0;
    for (let n = 1; n <= this.attempted; n++) {
      const lsn = this.commitLsns.get(n);
      if (lsn !== undefined && lsn <= this.maxDurableLsn) covered = n;
    }
    return covered;
  }

  /** The longest prefix power loss must keep, as the sync mode promises. */
  requiredAfterPowerLoss(): number {
    const mode = this.options.syncMode ?? "perCommit";
    if (mode === "perCommit") return Math.max(this.acked, this.explicit, this.lsnCovered());
    if (mode === "group") return Math.max(this.explicit, this.lsnCovered());
    return this.explicit;
  }

  /** Run one step; a failure is recorded and returned, never thrown. */
  async step(step: Step): Promise<StepOutcome> {
    const callsBefore = this.fs.callCount;
    let error: unknown = null;
    try {
      await this.#run(step);
    } catch (err) {
      error = err;
    }
    this.observe();
    const outcome = { step, error, callsBefore, callsAfter: this.fs.callCount };
    this.outcomes.push(outcome);
    return outcome;
  }

  async #run(step: Step): Promise<void> {
    if (step === "open") return this.#open();
    const db = this.db ?? assert.fail(`${step} without an open database`);
    const covered = this.chain;
    switch (step) {
      case "write":
        return this.#write(db);
      case "writePair":
        return this.#writePair(db);
      case "sync":
        await db.sync();
        break;
      case "checkpoint":
        await db.checkpoint();
        break;
      case "close": {
        // A poisoned log is not fsynced again, so its close covers nothing.
        const poisoned = db.status().bgFailure !== null;
        this.db = null;
        await db.close();
        if (poisoned) return;
        break;
      }
    }
    this.explicit = Math.max(this.explicit, covered);
  }

  async #open(): Promise<void> {
    if (this.db !== null) await this.db.close().catch(() => undefined);
    this.db = null;
    const db = await openDatabase(DIR, { ...this.options, fileSystem: this.fs });
    const j = expectPrefix(db, "reopen on the same files");
    try {
      assert.ok(
        j >= this.acked && j <= this.attempted,
        `reopen found prefix ${j}; acknowledged ${this.acked}, attempted ${this.attempted}`,
      );
    } catch (err) {
      await db.close().catch(() => undefined);
      throw err;
    }
    for (const n of [...this.commitLsns.keys()]) if (n > j) this.commitLsns.delete(n);
    this.chain = j;
    this.attempted = j;
    this.db = db;
  }

  async #write(db: Database): Promise<void> {
    return this.#writeMany(db, 1);
  }

  async #writePair(db: Database): Promise<void> {
    return this.#writeMany(db, 2);
  }

  /** Issue `count` writes of the chain at once, then wait for all of them. */
  async #writeMany(db: Database, count: number): Promise<void> {
    const first = this.chain;
    const pending: Promise<void>[] = [];
    const predicted: number[] = [];
    for (let index = first; index < first + count; index++) {
      const ops = TRANSACTIONS[index] ?? assert.fail(`the chain has no transaction ${index}`);
      predicted.push(db.status().nextLsn + 2);
      this.attempted = Math.max(this.attempted, index + 1);
      this.commitLsns.set(index + 1, predicted.at(-1)!);
      pending.push(
        db.write((tx) => {
          for (const o of ops) applyToTx(tx, o);
        }),
      );
    }
    const settled = await Promise.allSettled(pending);
    // What the handle holds in memory decides the next transaction of the chain.
    const held = this.#heldPrefix(db);
    if (held !== null) this.chain = held;
    settled.forEach((result, i) => {
      if (result.status !== "fulfilled") return;
      this.acked = Math.max(this.acked, first + i + 1);
      assert.ok(this.chain >= first + i + 1, "an acknowledged write is visible");
    });
    if (settled.every((r) => r.status === "fulfilled")) {
      assert.equal(db.status().nextLsn - 1, predicted.at(-1), "commit lsns as predicted");
    }
    const failed = settled.find((r) => r.status === "rejected");
    if (failed !== undefined) throw failed.reason;
  }

  #heldPrefix(db: Database): number | null {
    try {
      const j = prefixOf(fingerprintDb(db));
      return j < 0 ? null : j;
    } catch {
      return null;
    }
  }

  /** Close whatever is open, ignoring failures (a dead or poisoned handle). */
  async abandon(): Promise<void> {
    const db = this.db;
    this.db = null;
    if (db !== null) await db.close().catch(() => undefined);
  }
}

/** A typed failure the package raises on purpose. */
export function isSkeinError(err: unknown, ...codes: string[]): err is SkeinError {
  return err instanceof SkeinError && (codes.length === 0 || codes.includes(err.code));
}

export function describeError(err: unknown): string {
  if (err instanceof SkeinError) return `SkeinError ${err.code}: ${err.message}`;
  if (err instanceof Error) return `${err.name}: ${err.message}\n${err.stack ?? ""}`;
  return String(err);
}

/**
 * Open a recovered state and check it: it opens, holds a prefix of the chain no shorter
 * than `atLeast` and no longer than `atMost`, and hands out a new node id no lower than
 * the recovered prefix handed out. Returns the prefix.
 */
export async function checkRecovered(
  fs: MemFs,
  options: DatabaseOptions,
  atLeast: number,
  atMost: number,
  context: string,
): Promise<number> {
  let db: Database;
  try {
    db = await openDatabase(DIR, { ...options, fileSystem: fs });
  } catch (err) {
    return assert.fail(`${context}: does not open: ${describeError(err)}`);
  }
  try {
    const j = expectPrefix(db, context);
    assert.ok(
      j >= atLeast && j <= atMost,
      `${context}: recovered prefix ${j}, must be within [${atLeast}, ${atMost}]`,
    );
    const id = await db.write((tx) => tx.createNode(["Probe"]));
    assert.ok(
      id >= STATES.nextNodeIds[j]!,
      `${context}: new node id ${id} reuses an id of the recovered prefix ${j} (next id ${STATES.nextNodeIds[j]})`,
    );
    return j;
  } finally {
    await db.close();
  }
}

/**
 * A process died or failed on these files, and the machine stayed up: a new process opens
 * them as they stand (pending directory entries and unsynced bytes included), finds every
 * acknowledged write, writes the next transaction, closes; then power is lost. What the
 * second process recovered and acknowledged must survive, so its open must make durable
 * what it adopted. Revives `fs`, clears its faults and drops the first process's locks.
 */
export async function checkReopenThenPowerLoss(
  fs: WatchedFs,
  options: DatabaseOptions,
  atLeast: number,
  atMost: number,
  context: string,
): Promise<void> {
  fs.dieAtCall(Infinity);
  fs.clearFaults();
  fs.releaseLocks();
  let db: Database;
  try {
    db = await openDatabase(DIR, { ...options, fileSystem: fs });
  } catch (err) {
    return assert.fail(`${context}, reopened: does not open: ${describeError(err)}`);
  }
  let j: number;
  try {
    j = expectPrefix(db, `${context}, reopened`);
    assert.ok(
      j >= atLeast && j <= atMost,
      `${context}, reopened: prefix ${j}, must be within [${atLeast}, ${atMost}]`,
    );
    await writeTransaction(db, j);
  } finally {
    await db.close();
  }
  const lost = `${context}, reopened, wrote transaction ${j}, closed, then power loss`;
  await checkRecovered(fs.crash(), options, j + 1, j + 1, lost);
}

/** Runs checks, keeping the first failure of each kind (its message without numbers). */
export class FailureLog {
  readonly #byKind = new Map<string, { first: string; count: number }>();
  checks = 0;

  async check(fn: () => Promise<unknown>): Promise<void> {
    this.checks++;
    try {
      await fn();
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const kind = message
        .split("\n")[0]!
        .replace(/\d+/g, "#")
        .replace(/EIO|ENOSPC/g, "E…")
        .replace(/ once| from then on/g, "")
        .replace(/state .*?, /g, "state …, ");
      const seen = this.#byKind.get(kind);
      if (seen) seen.count++;
      else this.#byKind.set(kind, { first: message, count: 1 });
    }
  }

  get failures(): number {
    return [...this.#byKind.values()].reduce((n, k) => n + k.count, 0);
  }

  /** One paragraph per kind of failure: how often, and the first one in full. */
  report(): string {
    return [...this.#byKind.values()]
      .map((k) => `${k.count} time(s), first: ${k.first.slice(0, 2000)}`)
      .join("\n\n");
  }

  /**
   * Run `fn` with unhandled rejections recorded here as failures instead of ending the
   * test (the runner's own listeners are set aside meanwhile), so a sweep runs to its end
   * and reports every kind of failure it met.
   */
  async catchingUnhandled(fn: () => Promise<void>): Promise<void> {
    const runners = process.listeners("unhandledRejection");
    process.removeAllListeners("unhandledRejection");
    const record = (reason: unknown) =>
      void this.check(() =>
        Promise.reject(new Error(`unhandled rejection: ${describeError(reason)}`)),
      );
    process.on("unhandledRejection", record);
    try {
      await fn();
      await new Promise((resolve) => setTimeout(resolve, 10)); // let late rejections surface
    } finally {
      process.off("unhandledRejection", record);
      for (const listener of runners) process.on("unhandledRejection", listener);
    }
  }

  assertNone(what: string): void {
    assert.equal(
      this.failures,
      0,
      `${what}: ${this.failures} of ${this.checks} checks failed\n${this.report()}`,
    );
  }
}

// ---------------------------------------------------------------------------------------
// Segment framing, read independently of src/wal, for tests that damage records.

const SEGMENT_HEADER_BYTES = 32;

export interface RecordSpan {
  readonly offset: number;
  readonly length: number;
  /** 1 Mutation, 2 TxBegin, 3 TxCommit, 4 TxAbort, 5 Checkpoint, 6 MutationBatch. */
  readonly kind: number;
  readonly lsn: number;
}

/** The records of an intact segment, by their length prefixes. */
export function recordSpans(bytes: Uint8Array): RecordSpan[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const spans: RecordSpan[] = [];
  for (let at = SEGMENT_HEADER_BYTES; at < bytes.length;) {
    const length = view.getUint32(at, true);
    assert.ok(length >= 25 && at + length <= bytes.length, `bad framing at ${at}`);
    spans.push({
      offset: at,
      length,
      kind: bytes[at + 4]!,
      lsn: Number(view.getBigUint64(at + 5, true)),
    });
    at += length;
  }
  return spans;
}
