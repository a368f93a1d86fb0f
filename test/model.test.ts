// Model-based property test of the Database on MemFs. A seeded generator drives random
// steps (writes of every mutation kind, some failing on purpose; bursts of writes in
// flight together; checkpoints; syncs; close and reopen with new options; power loss)
// against the database and against a model of the graph kept in plain Maps, written apart
// from src/store/graph.ts so the graph is never used to check itself. After every step the
// whole graph is compared: entities, counts, the label and type indexes, adjacency.
//
// What power loss may lose: in perCommit nothing acknowledged; in group and none, commits
// after the last point known durable (a checkpoint, a sync, a close), but only whole ones,
// oldest last: the recovered graph must equal the model after SOME commit from that point
// on. The model is then reset to that commit and the run continues. A killed process
// loses nothing it acknowledged in any mode (acknowledged writes were handed to the file
// system); writes still in flight may be lost, whole and newest first. New ids must
// never reuse an id a surviving commit handed out.
//
// Every run prints its seed. SKEIN_MODEL_SEED=<n> reruns one seed; SKEIN_MODEL_RUNS and
// SKEIN_MODEL_STEPS make a longer campaign. The group flusher runs on real timers, so a
// failure that depends on when it fired may need a few reruns to reproduce.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { inspect } from "node:util";
import {
  Float,
  SkeinError,
  binary,
  date,
  dateTime,
  duration,
  float,
  isTaggedValue,
  localDateTime,
  localTime,
  openDatabase,
  point,
  time,
  valuesEqual,
  vector,
  type Database,
  type DatabaseOptions,
  type GraphView,
  type PropertyValue,
  type WriteTransaction,
} from "../src/index.js";
import { MemFs } from "../src/testing/mem-fs.js";
import { Prng } from "../src/testing/prng.js";

const DIR = "/db";
const LABELS = ["Person", "City", "Tag", "Thing"];
const TYPES = ["KNOWS", "IN", "LIKES"];
const KEYS = ["name", "n", "score", "tags", "meta", "kind", "__proto__", "constructor"];
const STRINGS = ["", "Ada", "héllo wörld", "日本語", "😀", "__proto__", "a\u0000b", "x".repeat(50)];
const MISSING_LABEL = "Nobody";
const MISSING_TYPE = "NEVER";
const SAFE_MIN = BigInt(Number.MIN_SAFE_INTEGER);
const SAFE_MAX = BigInt(Number.MAX_SAFE_INTEGER);

// ---------------------------------------------------------------------------------------
// The model: plain Maps. Committed models are never changed in place (a write works on a
// clone), so the history can hold them as they are.

type Props = Map<string, PropertyValue>;
interface MNode {
  readonly labels: Set<string>;
  readonly props: Props;
}
interface MRel {
  readonly src: number;
  readonly dst: number;
  readonly type: string;
  readonly props: Props;
}

class Model {
  readonly nodes = new Map<number, MNode>();
  readonly rels = new Map<number, MRel>();

  clone(): Model {
    const m = new Model();
    for (const [id, n] of this.nodes) {
      m.nodes.set(id, { labels: new Set(n.labels), props: new Map(n.props) });
    }
    for (const [id, r] of this.rels) m.rels.set(id, { ...r, props: new Map(r.props) });
    return m;
  }

  relsOf(nodeId: number): number[] {
    return [...this.rels].filter(([, r]) => r.src === nodeId || r.dst === nodeId).map(([id]) => id);
  }
}

/** Top-level nulls are absent properties. */
function propsOf(record: Record<string, PropertyValue>): Props {
  return new Map(Object.entries(record).filter(([, v]) => v !== null));
}

// ---------------------------------------------------------------------------------------
// Operations, as data, so one description drives the database, the model and the messages.

type Op =
  | { kind: "createNode"; labels: string[]; props: Record<string, PropertyValue> }
  | {
      kind: "createRelationship";
      src: number;
      dst: number;
      type: string;
      props: Record<string, PropertyValue>;
    }
  | {
      kind: "setNodeProperty" | "setRelationshipProperty";
      id: number;
      key: string;
      value: PropertyValue;
    }
  | { kind: "removeNodeProperty" | "removeRelationshipProperty"; id: number; key: string }
  | { kind: "addNodeLabel" | "removeNodeLabel"; id: number; label: string }
  | { kind: "deleteRelationship" | "deleteNode" | "detachDeleteNode"; id: number }
  | { kind: "clear" }
  | { kind: "throw" };

/** How an operation must fail: with a SkeinError code, an error class, or on purpose. */
type Failure = { code: string } | { type: "TypeError" | "RangeError" } | { deliberate: true };

function expectedFailure(op: Op, m: Model): Failure | null {
  const nodeMissing = (id: number) => !m.nodes.has(id);
  switch (op.kind) {
    case "throw":
      return { deliberate: true };
    case "createNode":
      return op.labels.includes("") ? { code: "INVALID_ARGUMENT" } : null;
    case "createRelationship":
      return nodeMissing(op.src) || nodeMissing(op.dst) ? { code: "NOT_FOUND" } : null;
    case "setNodeProperty":
      return nodeMissing(op.id) ? { code: "NOT_FOUND" } : invalidValue(op.value);
    case "setRelationshipProperty":
      return m.rels.has(op.id) ? invalidValue(op.value) : { code: "NOT_FOUND" };
    case "removeRelationshipProperty":
    case "deleteRelationship":
      return m.rels.has(op.id) ? null : { code: "NOT_FOUND" };
    case "deleteNode":
      if (nodeMissing(op.id)) return { code: "NOT_FOUND" };
      return m.relsOf(op.id).length > 0 ? { code: "CONSTRAINT" } : null;
    case "clear":
      return null;
    default:
      return nodeMissing(op.id) ? { code: "NOT_FOUND" } : null;
  }
}

/** The invalid values the generator makes on purpose. */
function invalidValue(v: PropertyValue): Failure | null {
  if (v === "\ud800") return { type: "TypeError" };
  if (typeof v === "bigint" && v >= 2n ** 63n) return { type: "RangeError" };
  return null;
}

function runOp(tx: WriteTransaction, op: Op): number | void {
  switch (op.kind) {
    case "createNode":
      return tx.createNode(op.labels, op.props);
    case "createRelationship":
      return tx.createRelationship(op.src, op.dst, op.type, op.props);
    case "setNodeProperty":
      return tx.setNodeProperty(op.id, op.key, op.value);
    case "setRelationshipProperty":
      return tx.setRelationshipProperty(op.id, op.key, op.value);
    case "removeNodeProperty":
      return tx.removeNodeProperty(op.id, op.key);
    case "removeRelationshipProperty":
      return tx.removeRelationshipProperty(op.id, op.key);
    case "addNodeLabel":
      return tx.addNodeLabel(op.id, op.label);
    case "removeNodeLabel":
      return tx.removeNodeLabel(op.id, op.label);
    case "deleteRelationship":
      return tx.deleteRelationship(op.id);
    case "deleteNode":
      return tx.deleteNode(op.id);
    case "detachDeleteNode":
      return tx.detachDeleteNode(op.id);
    case "clear":
      return tx.clear();
    case "throw":
      throw new Error("deliberate failure in the write callback");
  }
}

/** Apply a successful operation to the model; `id` is what a create returned. */
function applyOp(m: Model, op: Op, id: number | void): void {
  switch (op.kind) {
    case "createNode":
      m.nodes.set(id!, { labels: new Set(op.labels), props: propsOf(op.props) });
      return;
    case "createRelationship":
      m.rels.set(id!, { src: op.src, dst: op.dst, type: op.type, props: propsOf(op.props) });
      return;
    case "setNodeProperty":
    case "setRelationshipProperty": {
      const props = (op.kind === "setNodeProperty" ? m.nodes : m.rels).get(op.id)!.props;
      if (op.value === null) props.delete(op.key);
      else props.set(op.key, op.value);
      return;
    }
    case "removeNodeProperty":
      m.nodes.get(op.id)!.props.delete(op.key);
      return;
    case "removeRelationshipProperty":
      m.rels.get(op.id)!.props.delete(op.key);
      return;
    case "addNodeLabel":
      m.nodes.get(op.id)!.labels.add(op.label);
      return;
    case "removeNodeLabel":
      m.nodes.get(op.id)!.labels.delete(op.label);
      return;
    case "deleteRelationship":
      m.rels.delete(op.id);
      return;
    case "detachDeleteNode":
      for (const r of m.relsOf(op.id)) m.rels.delete(r);
      m.nodes.delete(op.id);
      return;
    case "deleteNode":
      m.nodes.delete(op.id);
      return;
    case "clear":
      m.nodes.clear();
      m.rels.clear();
      return;
    case "throw":
      return;
  }
}

function show(x: unknown): string {
  return inspect(x, { depth: 4, breakLength: Infinity, maxStringLength: 60 });
}

function describeOp(op: Op): string {
  const { kind, ...args } = op;
  return `${kind}${Object.keys(args).length > 0 ? show(args) : ""}`;
}

// ---------------------------------------------------------------------------------------
// Random values and operations.

function randomScalar(rng: Prng): PropertyValue {
  switch (rng.int(0, 13)) {
    case 0:
      return rng.chance(0.5);
    case 1:
      return rng.int(-1000, 1000);
    case 2:
      return rng.pick([0, -0, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, 2 ** 31]);
    case 3:
      return rng.pick([2n ** 53n, -(2n ** 63n), 2n ** 63n - 1n, 42n]);
    case 4:
      return float(rng.int(-3, 3));
    case 5:
      return (rng.int(-4000, 4000) * 2 + 1) / 8; // never integral
    case 6:
      return rng.pick([NaN, Infinity, -Infinity, float(-0), 2 ** 60, 1e300]);
    case 7:
      return rng.chance(0.5) ? rng.pick(STRINGS) : `s${rng.int(0, 99)}`;
    case 8:
      return date({ year: rng.int(-50, 2400), month: rng.int(1, 12), day: rng.int(1, 28) });
    case 9:
      return rng.chance(0.5)
        ? point({ x: rng.next() * 10, y: -0, srid: 7203 })
        : point({ x: 1.5, y: rng.int(-90, 90), z: 12, srid: 4979 });
    case 10:
      return duration({ months: rng.int(-30, 30), days: 2n ** 40n, seconds: -7, nanoseconds: 5 });
    case 11:
      return rng.chance(0.5)
        ? vector({ elementType: "float32", values: [0.1, rng.next(), -2] })
        : vector({ elementType: "int8", values: [rng.int(-128, 127), 0] });
    case 12:
      return rng.chance(0.5)
        ? Uint8Array.from([rng.int(0, 255), 0, 255])
        : binary({ segments: [Uint8Array.of(1, 2), new Uint8Array(0)] });
    default:
      return rng.pick([
        localTime({ hour: rng.int(0, 23), nanosecond: 999_999_999 }),
        time({ hour: 1, minute: 2, second: 3, offsetSeconds: -3600 }),
        localDateTime({ year: 2000, month: 2, day: 29, hour: rng.int(0, 23) }),
        dateTime({ year: 1969, month: 12, day: 31, hour: 23, offsetSeconds: 18 * 3600 }),
      ]);
  }
}

function randomValue(rng: Prng, depth = 0): PropertyValue {
  const r = rng.next();
  if (depth < 2 && r < 0.1) {
    return Array.from({ length: rng.int(0, 3) }, () =>
      rng.chance(0.15) ? null : randomValue(rng, depth + 1),
    );
  }
  if (depth < 2 && r < 0.18) {
    return Object.fromEntries(
      Array.from({ length: rng.int(0, 3) }, () => [
        rng.pick(KEYS),
        rng.chance(0.15) ? null : randomValue(rng, depth + 1),
      ]),
    );
  }
  return randomScalar(rng);
}

/** Properties with own keys only (`__proto__` included, as data). */
function randomProps(rng: Prng): Record<string, PropertyValue> {
  const props = Object.fromEntries(
    Array.from({ length: rng.int(0, 4) }, () => [
      rng.pick(KEYS),
      rng.chance(0.1) ? null : randomValue(rng),
    ]),
  ) as Record<string, PropertyValue>;
  return props;
}

interface IdPools {
  /** Ids no longer (or never) in the graph, to aim failing operations at. */
  goneNodes: number[];
  goneRels: number[];
}

function missingId(rng: Prng, gone: number[], present: Map<number, unknown>): number {
  const candidates = gone.filter((id) => !present.has(id));
  return candidates.length > 0 && rng.chance(0.6) ? rng.pick(candidates) : rng.int(1e6, 2e6);
}

/** An operation aimed at an id that is not there, or an invalid argument, or a throw. */
function failingOp(rng: Prng, m: Model, pools: IdPools): Op {
  const node = missingId(rng, pools.goneNodes, m.nodes);
  const rel = missingId(rng, pools.goneRels, m.rels);
  const ops: Op[] = [
    { kind: "throw" },
    { kind: "throw" },
    { kind: "setNodeProperty", id: node, key: "name", value: 1 },
    { kind: "removeNodeProperty", id: node, key: "name" },
    { kind: "addNodeLabel", id: node, label: "Person" },
    { kind: "removeNodeLabel", id: node, label: "Person" },
    { kind: "deleteNode", id: node },
    { kind: "detachDeleteNode", id: node },
    { kind: "setRelationshipProperty", id: rel, key: "n", value: 2 },
    { kind: "removeRelationshipProperty", id: rel, key: "n" },
    { kind: "deleteRelationship", id: rel },
    { kind: "createNode", labels: ["Person", ""], props: {} },
  ];
  if (m.nodes.size > 0) {
    // Which check comes first is not the contract's business: one thing wrong at a time.
    const some = rng.pick([...m.nodes.keys()]);
    ops.push(
      { kind: "createRelationship", src: some, dst: node, type: "KNOWS", props: {} },
      { kind: "createRelationship", src: node, dst: some, type: "IN", props: {} },
      { kind: "setNodeProperty", id: some, key: "bad", value: "\ud800" },
      { kind: "setNodeProperty", id: some, key: "bad", value: 2n ** 64n },
    );
  }
  return rng.pick(ops);
}

const OP_WEIGHTS = {
  createNode: 22,
  createRelationship: 18,
  setNodeProperty: 12,
  removeNodeProperty: 5,
  addNodeLabel: 6,
  removeNodeLabel: 5,
  setRelationshipProperty: 7,
  removeRelationshipProperty: 4,
  deleteRelationship: 6,
  deleteNode: 6,
  detachDeleteNode: 4,
  clear: 0.4,
};

/** A random operation on what the model holds (falls back to createNode on an empty graph). */
function randomOp(rng: Prng, m: Model): Op {
  const kind = rng.weighted(OP_WEIGHTS);
  const nodeIds = [...m.nodes.keys()];
  const relIds = [...m.rels.keys()];
  if (kind === "clear") return { kind };
  const needsRel = kind.includes("Relationship") && kind !== "createRelationship";
  if (kind === "createNode" || nodeIds.length === 0 || (needsRel && relIds.length === 0)) {
    const labels = rng.subset(LABELS, 0.35);
    if (rng.chance(0.1)) labels.push(...labels); // duplicates collapse
    return { kind: "createNode", labels, props: randomProps(rng) };
  }
  const id = needsRel ? rng.pick(relIds) : rng.pick(nodeIds);
  const value = () => (rng.chance(0.1) ? null : randomValue(rng));
  switch (kind) {
    case "createRelationship":
      return {
        kind,
        src: id,
        dst: rng.pick(nodeIds),
        type: rng.pick(TYPES),
        props: randomProps(rng),
      };
    case "setNodeProperty":
    case "setRelationshipProperty":
      return { kind, id, key: rng.pick(KEYS), value: value() };
    case "removeNodeProperty":
    case "removeRelationshipProperty":
      return { kind, id, key: rng.pick(KEYS) };
    case "addNodeLabel":
    case "removeNodeLabel":
      return { kind, id, label: rng.pick(LABELS) };
    case "deleteNode": {
      // Mostly a node that can go; sometimes one that still has relationships (CONSTRAINT).
      const free = nodeIds.filter((n) => m.relsOf(n).length === 0);
      return { kind, id: free.length > 0 && rng.chance(0.85) ? rng.pick(free) : id };
    }
    default:
      return { kind, id };
  }
}

function randomOptions(rng: Prng): DatabaseOptions {
  return {
    syncMode: rng.pick(["perCommit", "group", "none"] as const),
    groupIntervalMs: rng.pick([1, 5, 50]),
    segmentTargetBytes: rng.pick([256, 512, 512, 2048]),
    snapshotEveryCommits: rng.pick([0, 0, 3, 8]),
    snapshotsToKeep: rng.int(1, 3),
  };
}

// ---------------------------------------------------------------------------------------
// Reading the database and comparing it with the model.

class Mismatch extends Error {
  override name = "Mismatch";
}

interface ReadState {
  nodes: Map<number, { labels: readonly string[]; props: Record<string, PropertyValue> }>;
  rels: Map<
    number,
    { src: number; dst: number; type: string; props: Record<string, PropertyValue> }
  >;
}

/** Checks a read value has the contract's representation (apart from the Float rule below). */
function checkRepresentation(v: PropertyValue, where: string): void {
  const fail = (why: string) => {
    throw new Mismatch(`${where}: ${show(v)} ${why}`);
  };
  if (typeof v === "number" && Number.isInteger(v) && !Number.isSafeInteger(v)) {
    fail("is an integral float read as a plain number, not a Float");
  }
  if (typeof v === "bigint" && v >= SAFE_MIN && v <= SAFE_MAX)
    fail("is a safe integer as a bigint");
  if (v instanceof Uint8Array) fail("is a bare Uint8Array; reads give a BinaryValue");
  if (v instanceof Float && !Number.isInteger(v.value)) fail("is a non-integral Float");
  if (Array.isArray(v)) v.forEach((x, i) => checkRepresentation(x, `${where}[${i}]`));
  else if (typeof v === "object" && v !== null && !isTaggedValue(v)) {
    const proto: unknown = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) fail("is a map with a foreign prototype");
    const map = v as Record<string, PropertyValue>;
    for (const k of Object.keys(map)) checkRepresentation(map[k]!, `${where}.${k}`);
  }
}

function readProps(props: Record<string, PropertyValue>, where: string) {
  for (const k of Object.keys(props)) checkRepresentation(props[k]!, `${where}.${k}`);
  return props;
}

function readState(view: GraphView): ReadState {
  const state: ReadState = { nodes: new Map(), rels: new Map() };
  for (const n of view.nodes()) {
    if (n.kind !== "node") throw new Mismatch(`node ${n.id} has kind ${String(n.kind)}`);
    if (state.nodes.has(n.id)) throw new Mismatch(`node ${n.id} is listed twice`);
    if (new Set(n.labels).size !== n.labels.length) {
      throw new Mismatch(`node ${n.id} has duplicate labels ${show(n.labels)}`);
    }
    state.nodes.set(n.id, { labels: n.labels, props: readProps(n.properties, `node ${n.id}`) });
  }
  for (const r of view.relationships()) {
    if (r.kind !== "relationship") throw new Mismatch(`relationship ${r.id} has a wrong kind`);
    if (state.rels.has(r.id)) throw new Mismatch(`relationship ${r.id} is listed twice`);
    const props = readProps(r.properties, `relationship ${r.id}`);
    state.rels.set(r.id, { src: r.src, dst: r.dst, type: r.type, props });
  }
  return state;
}

function propsDiff(actual: Record<string, PropertyValue>, expected: Props): string | null {
  const keys = Object.keys(actual);
  const want = [...expected.keys()];
  if (keys.length !== want.length || !want.every((k) => Object.hasOwn(actual, k))) {
    return `keys ${show(keys.sort())}, expected ${show(want.sort())}`;
  }
  for (const [k, v] of expected) {
    if (!valuesEqual(actual[k]!, v)) return `${k} = ${show(actual[k])}, expected ${show(v)}`;
  }
  return null;
}

/** The first difference between what was read and the model, or null. */
function stateDiff(s: ReadState, m: Model): string | null {
  for (const id of s.nodes.keys()) if (!m.nodes.has(id)) return `unexpected node ${id}`;
  for (const id of s.rels.keys()) if (!m.rels.has(id)) return `unexpected relationship ${id}`;
  for (const [id, want] of m.nodes) {
    const got = s.nodes.get(id);
    if (!got) return `node ${id} is missing`;
    const labels = [...want.labels].sort();
    if (show([...got.labels].sort()) !== show(labels)) {
      return `node ${id} labels ${show(got.labels)}, expected ${show(labels)}`;
    }
    const d = propsDiff(got.props, want.props);
    if (d !== null) return `node ${id} properties: ${d}`;
  }
  for (const [id, want] of m.rels) {
    const got = s.rels.get(id);
    if (!got) return `relationship ${id} is missing`;
    if (got.src !== want.src || got.dst !== want.dst || got.type !== want.type) {
      return `relationship ${id} is ${got.src}-[${got.type}]->${got.dst}, expected ${want.src}-[${want.type}]->${want.dst}`;
    }
    const d = propsDiff(got.props, want.props);
    if (d !== null) return `relationship ${id} properties: ${d}`;
  }
  return null;
}

function idsOf(items: Iterable<{ id: number }>): number[] {
  return [...items].map((x) => x.id).sort((a, b) => a - b);
}

function sortedIds(ids: Iterable<number>): number[] {
  return [...ids].sort((a, b) => a - b);
}

function expectIds(got: number[], want: number[], what: string): void {
  if (show(got) !== show(want)) throw new Mismatch(`${what}: ${show(got)}, expected ${show(want)}`);
}

/** Compares everything a GraphView shows with the model; throws Mismatch on a difference. */
function checkView(view: GraphView, m: Model, rng: Prng, where: string): void {
  const s = readState(view);
  const d = stateDiff(s, m);
  if (d !== null) throw new Mismatch(`${where}: ${d}`);
  if (view.nodeCount !== m.nodes.size || view.relationshipCount !== m.rels.size) {
    throw new Mismatch(
      `${where}: counts ${view.nodeCount}/${view.relationshipCount}, expected ${m.nodes.size}/${m.rels.size}`,
    );
  }
  const relIds = (pred: (r: MRel) => boolean) =>
    sortedIds([...m.rels].filter(([, r]) => pred(r)).map(([id]) => id));
  for (const label of [...LABELS, MISSING_LABEL]) {
    const want = sortedIds([...m.nodes].filter(([, n]) => n.labels.has(label)).map(([id]) => id));
    expectIds(idsOf(view.nodes({ label })), want, `${where}: nodes({label: ${label}})`);
  }
  for (const type of [...TYPES, MISSING_TYPE]) {
    const want = relIds((r) => r.type === type);
    expectIds(
      idsOf(view.relationships({ type })),
      want,
      `${where}: relationships({type: ${type}})`,
    );
  }
  const nodeIds = [...m.nodes.keys()];
  const sample = Array.from({ length: Math.min(6, nodeIds.length) }, () => rng.pick(nodeIds));
  sample.push(rng.int(1e6, 2e6));
  for (const id of sample) {
    for (const type of [undefined, ...TYPES, MISSING_TYPE]) {
      const ofType = (r: MRel) => type === undefined || r.type === type;
      const out = relIds((r) => r.src === id && ofType(r));
      const inc = relIds((r) => r.dst === id && ofType(r));
      expectIds(idsOf(view.outgoing(id, type)), out, `${where}: outgoing(${id}, ${type})`);
      expectIds(idsOf(view.incoming(id, type)), inc, `${where}: incoming(${id}, ${type})`);
    }
  }
  if (view.node(rng.int(1e6, 2e6)) !== null || view.relationship(rng.int(1e6, 2e6)) !== null) {
    throw new Mismatch(`${where}: an id never handed out reads as present`);
  }
}

// ---------------------------------------------------------------------------------------
// One run: the database, the model, the history of committed models, and the steps.

interface Commit {
  readonly model: Model;
  /** How many entries of `issuedNodes`/`issuedRels` this commit's prefix handed out. */
  readonly issuedNodes: number;
  readonly issuedRels: number;
}

class Run {
  readonly rng: Prng;
  fs = new MemFs();
  db!: Database;
  opts!: DatabaseOptions;
  model = new Model();
  /** Every committed model, oldest first; [0] is the empty graph. */
  readonly history: Commit[] = [{ model: this.model, issuedNodes: 0, issuedRels: 0 }];
  /** Index into history of the newest commit known durable whatever the sync mode. */
  floor = 0;
  /** Index into history of the newest commit whose write promise has resolved. */
  acked = 0;
  /** Bumped at every open: a write of an earlier handle acknowledges nothing here. */
  generation = 0;
  /** Ids handed out by commits, in order, and as sets for lookups. */
  readonly issuedNodes: number[] = [];
  readonly issuedRels: number[] = [];
  issuedNodeSet = new Set<number>();
  issuedRelSet = new Set<number>();
  readonly pools: IdPools = { goneNodes: [], goneRels: [] };
  checkpointLsn = 0;
  /** What the run went through, for its report. */
  readonly stats = {
    commits: 0,
    failedWrites: 0,
    crashes: 0,
    lostCommits: 0,
    kills: 0,
    maxNodes: 0,
  };

  constructor(seed: number) {
    this.rng = new Prng(seed);
  }

  async open(): Promise<string> {
    this.generation++;
    this.opts = randomOptions(this.rng);
    this.db = await openDatabase(DIR, { ...this.opts, fileSystem: this.fs });
    this.checkpointLsn = this.db.status().lastCheckpointLsn;
    return `open ${show(this.opts)}`;
  }

  get last(): number {
    return this.history.length - 1;
  }

  /** Record a commit, as its write returns: durable or not is the floor's business. */
  commit(model: Model, nodes: number[], rels: number[]): void {
    this.issuedNodes.push(...nodes);
    this.issuedRels.push(...rels);
    nodes.forEach((id) => this.issuedNodeSet.add(id));
    rels.forEach((id) => this.issuedRelSet.add(id));
    for (const [id] of this.model.nodes) if (!model.nodes.has(id)) this.pools.goneNodes.push(id);
    for (const [id] of this.model.rels) if (!model.rels.has(id)) this.pools.goneRels.push(id);
    this.model = model;
    this.stats.commits++;
    this.stats.maxNodes = Math.max(this.stats.maxNodes, model.nodes.size);
    this.history.push({
      model,
      issuedNodes: this.issuedNodes.length,
      issuedRels: this.issuedRels.length,
    });
    // An automatic checkpoint fsyncs the log up to here, whatever the mode.
    const lsn = this.db.status().lastCheckpointLsn;
    if (lsn !== this.checkpointLsn) [this.checkpointLsn, this.floor] = [lsn, this.last];
  }

  /** Forget commits after `at`: a crash lost them. */
  resetTo(at: number): void {
    const c = this.history[at]!;
    this.history.length = at + 1;
    this.model = c.model;
    this.issuedNodes.length = c.issuedNodes;
    this.issuedRels.length = c.issuedRels;
    this.issuedNodeSet = new Set(this.issuedNodes);
    this.issuedRelSet = new Set(this.issuedRels);
    this.floor = at;
    this.acked = Math.min(this.acked, at);
  }
}

/** A created id must be new: never one a surviving commit, or this transaction, handed out. */
function checkNewId(run: Run, op: Op, id: unknown, created: number[]): number {
  const issued = op.kind === "createNode" ? run.issuedNodeSet : run.issuedRelSet;
  if (typeof id !== "number" || !Number.isSafeInteger(id) || id < 0) {
    throw new Mismatch(`${op.kind} returned ${show(id)}, not an id`);
  }
  if (issued.has(id) || created.includes(id)) {
    throw new Mismatch(`${op.kind} returned id ${id}, which was handed out before`);
  }
  created.push(id);
  return id;
}

/** Run an operation the model says must fail; returns the error the write must reject with. */
function runFailing(tx: WriteTransaction, op: Op, failure: Failure): Error {
  try {
    runOp(tx, op);
  } catch (err) {
    const ok =
      "deliberate" in failure ||
      ("code" in failure
        ? err instanceof SkeinError && err.code === failure.code
        : err instanceof Error && err.name === failure.type);
    if (ok && err instanceof Error) return err;
    throw new Mismatch(`${describeOp(op)} threw ${show(err)}, expected ${show(failure)}`);
  }
  throw new Mismatch(`${describeOp(op)} succeeded, expected ${show(failure)}`);
}

/**
 * Start one write of 1–6 operations. Its callback runs now, synchronously; when it did not
 * fail on purpose the commit is recorded at once (later writes in a burst build on it).
 * Returns the promise to settle and what it must settle to.
 */
function launchWrite(run: Run, trail: string[]): Promise<void> {
  const { rng, db } = run;
  const count = rng.int(1, 6);
  const failAt = rng.chance(0.12) ? rng.int(0, count - 1) : -1;
  const staged = run.model.clone();
  const nodes: number[] = [];
  const rels: number[] = [];
  const ops: string[] = [];
  let expected: Error | undefined;
  const lsnBefore = db.status().nextLsn;
  const pending = db.write((tx) => {
    for (let i = 0; i < count; i++) {
      const op = i === failAt ? failingOp(rng, staged, run.pools) : randomOp(rng, staged);
      ops.push(describeOp(op));
      const failure = expectedFailure(op, staged);
      if (failure !== null) throw (expected = runFailing(tx, op, failure));
      let id: number | void;
      try {
        id = runOp(tx, op);
      } catch (err) {
        throw new Mismatch(`${describeOp(op)} threw ${show(err)}; the model expected success`);
      }
      if (op.kind === "createNode") id = checkNewId(run, op, id, nodes);
      if (op.kind === "createRelationship") id = checkNewId(run, op, id, rels);
      applyOp(staged, op, id);
    }
    if (rng.chance(0.2)) checkView(tx, staged, rng, "inside the transaction");
    return [...nodes, ...rels];
  });
  trail.push(`write [${ops.join("; ")}]${expected === undefined ? "" : " (must fail)"}`);
  if (expected !== undefined) {
    run.stats.failedWrites++;
    assert.equal(db.status().nextLsn, lsnBefore, "a failed write logged nothing");
    return pending.then(
      () => assert.fail("the write resolved, but its callback threw"),
      (err: unknown) => {
        if (err !== expected) throw err;
      },
    );
  }
  run.commit(staged, nodes, rels);
  const index = run.last;
  const generation = run.generation;
  return pending.then((result) => {
    assert.deepEqual(result, [...nodes, ...rels]);
    if (run.generation === generation) run.acked = Math.max(run.acked, index);
  });
}

/** What a killed process leaves: every byte written, fsynced or not, under current names. */
function processKill(fs: MemFs): MemFs {
  const next = new MemFs();
  for (const dir of [DIR, `${DIR}/wal`, `${DIR}/snapshots`]) {
    next.mkdirp(dir);
    for (const name of fs.list(dir)) next.setBytes(`${dir}/${name}`, fs.bytesOf(`${dir}/${name}`));
  }
  return next;
}

/**
 * A killed process loses nothing it acknowledged, in every mode: acknowledged writes were
 * handed to the file system. Writes still in flight (issued, not yet resolved) may or may
 * not have been, but only whole and oldest first.
 */
async function kill(run: Run): Promise<string> {
  const survivor = processKill(run.fs);
  // What was acknowledged when the process died; closing the old handle below would
  // acknowledge more, but those writes happen after the death, on the lost process.
  const acked = run.acked;
  run.generation++;
  await run.db.close().catch(() => undefined);
  run.fs = survivor;
  run.stats.kills++;
  const opened = await run.open();
  const at = recoveredCommit(run, Math.max(run.floor, acked), "a kill");
  run.resetTo(at);
  run.floor = at;
  return `process killed in ${run.opts.syncMode} mode: recovered commit #${at}; ${opened}`;
}

/** The commit from `floor` on that the reopened graph equals; a mismatch if there is none. */
function recoveredCommit(run: Run, floor: number, after: string): number {
  const state = run.db.read(readState);
  for (let i = floor; i <= run.last; i++) {
    if (stateDiff(state, run.history[i]!.model) === null) return i;
  }
  const newest = stateDiff(state, run.model);
  const oldest = stateDiff(state, run.history[floor]!.model);
  throw new Mismatch(
    `after ${after} in ${run.opts.syncMode} mode the graph matches no commit from #${floor} to #${run.last}` +
      `; against the newest: ${newest}; against #${floor}: ${oldest}`,
  );
}

/** Power loss: only what was fsynced survives. */
async function crash(run: Run): Promise<string> {
  const mode = run.opts.syncMode;
  const crashed = run.fs.crash();
  await run.db.close().catch(() => undefined); // the old handle writes to the lost machine
  run.fs = crashed;
  const opened = await run.open();
  const at = recoveredCommit(run, run.floor, "a crash");
  const lost = run.last - at;
  run.stats.crashes++;
  run.stats.lostCommits += lost;
  run.resetTo(at);
  return `crash in ${mode} mode: recovered commit #${at} (${lost} lost); ${opened}`;
}

/** A checkpoint runs synchronously when called: every commit so far is durable after it. */
function checkpoint(run: Run, trail: string[]): Promise<void> {
  const pending = run.db.checkpoint();
  const taken = run.db.status().lastCheckpointLsn;
  [run.checkpointLsn, run.floor] = [taken, run.last];
  trail.push(`checkpoint after commit #${run.last}`);
  return pending.then(({ lsn }) => assert.equal(lsn, taken));
}

/**
 * Writes in flight together (perCommit shares fsyncs between them), sometimes with a
 * checkpoint among them, or closed or crashed before they are acknowledged.
 */
async function burst(run: Run, trail: string[]): Promise<void> {
  const n = run.rng.int(2, 5);
  const ending = run.rng.weighted({ settle: 6, checkpoint: 2, close: 1, crash: 1, kill: 1 });
  const checkpointAt = ending === "checkpoint" ? run.rng.int(0, n - 1) : -1;
  const all: Promise<void>[] = [];
  for (let i = 0; i < n; i++) {
    all.push(launchWrite(run, trail));
    if (i === checkpointAt) all.push(checkpoint(run, trail));
  }
  if (ending === "close") {
    await Promise.all([...all, run.db.close()]);
    run.floor = run.last;
    trail.push(`close with writes in flight; ${await run.open()}`);
    return;
  }
  if (ending === "crash") trail.push(`with writes in flight: ${await crash(run)}`);
  if (ending === "kill") trail.push(`with writes in flight: ${await kill(run)}`);
  await Promise.all(all);
}

async function step(run: Run, trail: string[]): Promise<void> {
  const kind = run.rng.weighted({
    write: 62,
    burst: 8,
    checkpoint: 5,
    sync: 4,
    reopen: 7,
    crash: 8,
    kill: 3,
    pause: 2,
  });
  switch (kind) {
    case "write":
      return launchWrite(run, trail);
    case "burst":
      return burst(run, trail);
    case "checkpoint":
      await checkpoint(run, trail);
      return;
    case "sync":
      await run.db.sync();
      run.floor = run.last;
      trail.push("sync");
      return;
    case "reopen":
      await run.db.close();
      run.floor = run.last;
      trail.push(`close; ${await run.open()}`);
      return;
    case "kill":
      trail.push(await kill(run));
      return;
    case "crash":
      trail.push(await crash(run));
      return;
    case "pause":
      await new Promise((resolve) => setTimeout(resolve, run.rng.int(1, 3)));
      trail.push("pause");
      return;
  }
}

function checkStatus(run: Run): void {
  const s = run.db.status();
  if (s.checkpointFailure !== null) throw new Mismatch(`checkpoint failed: ${s.checkpointFailure}`);
  if (s.bgFailure !== null) throw new Mismatch(`the log is poisoned: ${s.bgFailure}`);
  if (s.nodeCount !== run.model.nodes.size || s.relationshipCount !== run.model.rels.size) {
    throw new Mismatch(`status counts ${s.nodeCount}/${s.relationshipCount} differ from the model`);
  }
  if (run.opts.syncMode === "perCommit") run.floor = run.last;
}

async function runSeed(seed: number, steps: number): Promise<Run["stats"]> {
  const run = new Run(seed);
  const trail: string[] = [];
  let at = 0;
  try {
    trail.push(await run.open());
    for (at = 1; at <= steps; at++) {
      await step(run, trail);
      checkStatus(run);
      checkView(
        run.db.read((v) => v),
        run.model,
        run.rng,
        "after the step",
      );
    }
    // The end: a clean close must keep everything, whatever the mode.
    await run.db.close();
    run.floor = run.last;
    trail.push(`close; ${await run.open()}`);
    checkView(
      run.db.read((v) => v),
      run.model,
      run.rng,
      "after the final reopen",
    );
    await run.db.close();
    return run.stats;
  } catch (err) {
    await run.db?.close().catch(() => undefined);
    const msg = err instanceof Error ? err.message : String(err);
    throw new Error(
      `seed ${seed} step ${at}: ${msg}\n  rerun: SKEIN_MODEL_SEED=${seed} SKEIN_MODEL_STEPS=${steps}` +
        `\n  last steps:\n    ${trail.slice(-6).join("\n    ")}`,
      { cause: err },
    );
  }
}

function envInt(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return undefined;
  const n = Number(raw);
  if (!Number.isSafeInteger(n)) throw new Error(`${name} must be an integer, got ${raw}`);
  return n;
}

const seedOverride = envInt("SKEIN_MODEL_SEED");
const RUNS = envInt("SKEIN_MODEL_RUNS") ?? (seedOverride === undefined ? 30 : 1);
const STEPS = envInt("SKEIN_MODEL_STEPS") ?? 150;
const FIRST_SEED = seedOverride ?? 0x5eed;

describe("model-based: the database against a model of the graph", () => {
  for (let i = 0; i < RUNS; i++) {
    const seed = FIRST_SEED + i;
    test(`seed ${seed}, ${STEPS} steps`, async (t) => {
      t.diagnostic(`seed ${seed} (rerun with SKEIN_MODEL_SEED=${seed})`);
      t.diagnostic(show(await runSeed(seed, STEPS)));
    });
  }
});

test("a non-integral Float reads back as a plain number, before and after reopening", async () => {
  // Contract, Values: "Non-integral floats, NaN and ±Infinity read back as plain numbers";
  // writing a Float stores a Float, and that is what a read must show as well.
  const fs = new MemFs();
  const written = { half: float(1.5), nan: float(NaN), inf: float(-Infinity), three: float(3) };
  const db = await openDatabase(DIR, { fileSystem: fs });
  const id = await db.write((tx) => tx.createNode([], written));
  const live = db.read((v) => v.node(id)!.properties);
  await db.close();
  const again = await openDatabase(DIR, { fileSystem: fs });
  const reopened = again.read((v) => v.node(id)!.properties);
  await again.close();
  assert.deepEqual(reopened, { half: 1.5, nan: NaN, inf: -Infinity, three: float(3) });
  assert.deepEqual(live, reopened, "reads before and after reopening agree");
});

test("a `__proto__` property survives a create that also has a null", async () => {
  // Contract, Values: "`__proto__` and friends are data, never prototype changes"; and a
  // top-level null is an absent property.
  const db = await openDatabase();
  const props = Object.fromEntries([
    ["__proto__", 7],
    ["gone", null],
  ]) as Record<string, PropertyValue>;
  const id = await db.write((tx) => tx.createNode([], props));
  assert.deepEqual(Object.keys(db.read((v) => v.node(id)!.properties)), ["__proto__"]);
  const withPoint = Object.fromEntries([
    ["__proto__", point({ x: 1, y: 2, srid: 7203 })],
    ["gone", null],
  ]) as Record<string, PropertyValue>;
  const other = await db.write((tx) => tx.createNode([], withPoint));
  await db.write((tx) => tx.createRelationship(id, other, "R", props));
  assert.deepEqual(Object.keys(db.read((v) => v.relationship(0)!.properties)), ["__proto__"]);
  await db.close();
});
