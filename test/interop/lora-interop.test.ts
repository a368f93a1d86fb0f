// Interoperability with LoraDB 0.15 itself (@loradb/lora-node): WAL directories written by
// either engine must open in the other with the same graph. LoraDB runs in child processes
// (lora-writer.js, lora-reader.js, compiled beside this file) and, for the last test, in
// this process. Both sides are compared as graph-json (graph-json.ts), which keeps Int vs
// Float, int64 and every tagged kind apart.
//
//   LoraDB → Skein   lora-writer's directory, replayed by replayDir and Wal.open, applied
//                    to a small map-based graph, equals the graph the writer meant; every
//                    MutationBatch payload LoraDB wrote re-encodes to the same bytes
//   Skein → LoraDB   a directory written with Wal (rotations, single and batch mutation
//                    records, an abort, an unfinished tail) is seen by lora-reader as the
//                    graph Skein's events describe
//   mixed logs       Skein appends to a LoraDB directory and LoraDB sees it; LoraDB appends
//                    to a Skein directory and Skein replays it
//
// Value kinds are checked strictly against the contract: a safe Int reads back as a
// number, a larger one as a bigint, an integral Float (3.0, -0, 2^60) as a Float instance,
// other Floats as plain numbers, tagged kinds as instances of their classes with exactly
// their fields. Findings about LoraDB itself are in NOTES.md.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { isUint8Array } from "node:util/types";
import { openWalDatabase } from "@loradb/lora-node";
import {
  BinaryValue,
  DateTimeValue,
  DateValue,
  DurationValue,
  Float,
  LocalDateTimeValue,
  LocalTimeValue,
  MUTATION_EVENT_KINDS,
  PointValue,
  TimeValue,
  VectorValue,
  Wal,
  binary,
  date,
  decodeBatchPayload,
  encodeBatchPayload,
  dateTime,
  duration,
  float,
  localDateTime,
  localTime,
  point,
  replayDir,
  time,
  vector,
  type MutationEvent,
  type Properties,
  type PropertyValue,
} from "../../src/index.js";
import {
  canonicalGraph,
  floatToJson,
  jsonBinary,
  jsonFloat,
  jsonInt,
  parseGraph,
  sortEntries,
  type JsonEntries,
  type JsonGraph,
  type JsonValue,
} from "./graph-json.js";

const WRITER = fileURLToPath(new URL("./lora-writer.js", import.meta.url));
const READER = fileURLToPath(new URL("./lora-reader.js", import.meta.url));
const run = promisify(execFile);

const dirs: string[] = [];
function tempDir(name: string): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `skein-lora-${name}-`)));
  dirs.push(dir);
  return dir;
}
after(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs a LoraDB script on `dir` in a child process and parses the graph it prints. */
async function runScript(script: string, dir: string): Promise<JsonGraph> {
  try {
    const { stdout } = await run(process.execPath, [script, dir], { maxBuffer: 64 << 20 });
    return parseGraph(stdout);
  } catch (err) {
    const stderr = (err as { stderr?: string }).stderr ?? "";
    throw new Error(`${path.basename(script)} failed: ${String(err)}\n${stderr}`);
  }
}

function segmentFiles(dir: string): string[] {
  return fs.readdirSync(dir).filter((f) => /^\d+\.wal$/.test(f));
}

// ---------------------------------------------------------------------------------------
// Skein values → graph-json. "read" is strict: it refuses any representation the contract
// does not give reads (a plain integral number for a Float, a bigint for a safe Int, a
// bare Uint8Array, extra fields). "write" accepts everything a writer may pass.

type Mode = "read" | "write";

const SAFE = (n: bigint): boolean =>
  n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER);

function int64Text(v: unknown, where: string, mode: Mode): string {
  if (typeof v === "number" && Number.isSafeInteger(v)) {
    if (mode === "read") assert.ok(!Object.is(v, -0), `${where}: Int read back as -0`);
    return String(v === 0 ? 0 : v);
  }
  if (typeof v === "bigint" && (mode === "write" || !SAFE(v))) return v.toString();
  return assert.fail(`${where}: ${String(v)} (${typeof v}) is not an Int as reads give it`);
}

function exactKeys(v: object, keys: string[], where: string): void {
  assert.deepEqual(Object.keys(v).sort(), [...keys].sort(), `${where}: fields`);
}

const CALENDAR = ["kind", "year", "month", "day"];
const CLOCK = ["hour", "minute", "second", "nanosecond"];

function toJson(v: unknown, where: string, mode: Mode): JsonValue {
  if (v === null || typeof v === "boolean" || typeof v === "string") return v;
  if (typeof v === "number") {
    if (Number.isSafeInteger(v) && !Object.is(v, -0)) return jsonInt(v);
    if (mode === "read" && (Number.isInteger(v) || Object.is(v, -0))) {
      assert.fail(`${where}: integral Float ${v} read back as a plain number, not a Float`);
    }
    return jsonFloat(v);
  }
  if (typeof v === "bigint") return jsonInt(int64Text(v, where, mode));
  if (Array.isArray(v)) return v.map((x, i) => toJson(x, `${where}[${i}]`, mode));
  if (isUint8Array(v)) {
    if (mode === "read") assert.fail(`${where}: a bare Uint8Array, reads give a BinaryValue`);
    return jsonBinary([v]);
  }
  if (typeof v !== "object") return assert.fail(`${where}: ${typeof v} is not a value`);
  return taggedToJson(v, where, mode);
}

function taggedToJson(v: object, where: string, mode: Mode): JsonValue {
  if (v instanceof Float) {
    if (mode === "read" && !Number.isInteger(v.value) && !Object.is(v.value, -0)) {
      assert.fail(`${where}: non-integral Float ${v.value} read back as a Float instance`);
    }
    return jsonFloat(v.value);
  }
  if (v instanceof DateValue) {
    exactKeys(v, CALENDAR, where);
    return { $date: { year: v.year, month: v.month, day: v.day } };
  }
  if (v instanceof LocalTimeValue) {
    exactKeys(v, ["kind", ...CLOCK], where);
    return { $localTime: clockOf(v) };
  }
  if (v instanceof TimeValue) {
    exactKeys(v, ["kind", ...CLOCK, "offsetSeconds"], where);
    return { $time: { ...clockOf(v), offsetSeconds: v.offsetSeconds } };
  }
  if (v instanceof LocalDateTimeValue) {
    exactKeys(v, [...CALENDAR, ...CLOCK], where);
    return { $localDateTime: { year: v.year, month: v.month, day: v.day, ...clockOf(v) } };
  }
  if (v instanceof DateTimeValue) {
    exactKeys(v, [...CALENDAR, ...CLOCK, "offsetSeconds"], where);
    const d = { year: v.year, month: v.month, day: v.day, ...clockOf(v) };
    return { $dateTime: { ...d, offsetSeconds: v.offsetSeconds } };
  }
  if (v instanceof DurationValue) {
    exactKeys(v, ["kind", "months", "days", "seconds", "nanoseconds"], where);
    const f = (k: "months" | "days" | "seconds" | "nanoseconds"): string =>
      int64Text(v[k], `${where}.${k}`, mode);
    return {
      $duration: {
        months: f("months"),
        days: f("days"),
        seconds: f("seconds"),
        nanoseconds: f("nanoseconds"),
      },
    };
  }
  return otherTaggedToJson(v, where, mode);
}

function otherTaggedToJson(v: object, where: string, mode: Mode): JsonValue {
  if (v instanceof PointValue) {
    const hasZ = "z" in v && v.z !== undefined;
    exactKeys(v, hasZ ? ["kind", "x", "y", "z", "srid"] : ["kind", "x", "y", "srid"], where);
    const base = { x: floatToJson(v.x), y: floatToJson(v.y) };
    return {
      $point: hasZ ? { ...base, z: floatToJson(v.z), srid: v.srid } : { ...base, srid: v.srid },
    };
  }
  if (v instanceof VectorValue) {
    exactKeys(v, ["kind", "elementType", "values"], where);
    const isFloat = v.elementType === "float64" || v.elementType === "float32";
    const values = v.values.map((x, i) => {
      if (isFloat) {
        assert.equal(typeof x, "number", `${where}.values[${i}]`);
        return floatToJson(x as number);
      }
      return int64Text(x, `${where}.values[${i}]`, mode);
    });
    return { $vector: { elementType: v.elementType, values } };
  }
  if (v instanceof BinaryValue) {
    exactKeys(v, ["kind", "segments"], where);
    return jsonBinary([...v.segments]);
  }
  const proto: unknown = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) {
    assert.fail(
      `${where}: ${Object.prototype.toString.call(v)} is neither a map nor a value class`,
    );
  }
  return { $map: entriesOf(v as Record<string, unknown>, where, mode) };
}

function clockOf(v: { hour: number; minute: number; second: number; nanosecond: number }) {
  return { hour: v.hour, minute: v.minute, second: v.second, nanosecond: v.nanosecond };
}

function entriesOf(map: Record<string, unknown>, where: string, mode: Mode): JsonEntries {
  assert.deepEqual(Object.getOwnPropertySymbols(map), [], `${where}: symbol keys`);
  return sortEntries(Object.keys(map).map((k) => [k, toJson(map[k], `${where}.${k}`, mode)]));
}

// ---------------------------------------------------------------------------------------
// A map-based graph that applies mutation events as the contract defines them.

interface ModelNode {
  labels: Set<string>;
  props: Map<string, JsonValue>;
}
interface ModelRelationship {
  src: number;
  dst: number;
  type: string;
  props: Map<string, JsonValue>;
}

class GraphModel {
  readonly nodes = new Map<number, ModelNode>();
  readonly rels = new Map<number, ModelRelationship>();
  #mode: Mode = "read";

  /** Applies `events`; `mode` is "read" for replayed events, "write" for written ones. */
  applyAll(events: readonly MutationEvent[], mode: Mode): this {
    this.#mode = mode;
    events.forEach((e, i) => this.apply(e, `event ${i} (${e.kind})`));
    return this;
  }

  apply(e: MutationEvent, where: string): void {
    switch (e.kind) {
      case "createNode":
        assert.ok(!this.nodes.has(e.id), `${where}: node ${e.id} exists`);
        this.nodes.set(e.id, {
          labels: new Set(e.labels),
          props: this.#props(e.properties, where),
        });
        return;
      case "createRelationship":
        assert.ok(!this.rels.has(e.id), `${where}: relationship ${e.id} exists`);
        this.#node(e.src, where);
        this.#node(e.dst, where);
        this.rels.set(e.id, {
          src: e.src,
          dst: e.dst,
          type: e.type,
          props: this.#props(e.properties, where),
        });
        return;
      case "setNodeProperty":
        this.#node(e.nodeId, where).props.set(e.key, toJson(e.value, `${where}.value`, this.#mode));
        return;
      case "removeNodeProperty":
        this.#node(e.nodeId, where).props.delete(e.key);
        return;
      case "addNodeLabel":
        this.#node(e.nodeId, where).labels.add(e.label);
        return;
      case "removeNodeLabel":
        this.#node(e.nodeId, where).labels.delete(e.label);
        return;
      default:
        this.#applyRest(e, where);
    }
  }

  #applyRest(e: MutationEvent, where: string): void {
    switch (e.kind) {
      case "setRelationshipProperty":
        this.#rel(e.relId, where).props.set(e.key, toJson(e.value, `${where}.value`, this.#mode));
        return;
      case "removeRelationshipProperty":
        this.#rel(e.relId, where).props.delete(e.key);
        return;
      case "deleteRelationship":
        this.#rel(e.relId, where);
        this.rels.delete(e.relId);
        return;
      case "deleteNode":
        this.#node(e.nodeId, where);
        for (const r of this.rels.values()) {
          assert.ok(r.src !== e.nodeId && r.dst !== e.nodeId, `${where}: node has relationships`);
        }
        this.nodes.delete(e.nodeId);
        return;
      case "detachDeleteNode":
        // LoraDB logs it after DeleteNode: the node may already be gone.
        this.nodes.delete(e.nodeId);
        for (const [id, r] of this.rels) {
          if (r.src === e.nodeId || r.dst === e.nodeId) this.rels.delete(id);
        }
        return;
      case "clear":
        this.nodes.clear();
        this.rels.clear();
        return;
      default:
        assert.fail(`${where}: unexpected event kind ${e.kind}`);
    }
  }

  #props(p: Properties, where: string): Map<string, JsonValue> {
    return new Map(entriesOf(p, `${where}.properties`, this.#mode));
  }

  #node(id: number, where: string): ModelNode {
    const n = this.nodes.get(id);
    assert.ok(n !== undefined, `${where}: no node ${id}`);
    return n;
  }

  #rel(id: number, where: string): ModelRelationship {
    const r = this.rels.get(id);
    assert.ok(r !== undefined, `${where}: no relationship ${id}`);
    return r;
  }

  graph(): JsonGraph {
    return canonicalGraph({
      nodes: [...this.nodes].map(([id, n]) => ({
        id,
        labels: [...n.labels],
        properties: [...n.props],
      })),
      relationships: [...this.rels].map(([id, r]) => ({
        id,
        src: r.src,
        dst: r.dst,
        type: r.type,
        properties: [...r.props],
      })),
    });
  }
}

/** An event with its values as graph-json, for comparing written with replayed events. */
function eventJson(e: MutationEvent, mode: Mode): unknown {
  if ("properties" in e) {
    return { ...e, properties: entriesOf(e.properties, `${e.kind} ${e.id}`, mode) };
  }
  if ("value" in e) return { ...e, value: toJson(e.value, `${e.kind} ${e.key}`, mode) };
  return e;
}

function assertSameGraph(actual: JsonGraph, expected: JsonGraph, message: string): void {
  const [a, e] = [canonicalGraph(actual), canonicalGraph(expected)];
  assert.deepEqual(
    a.nodes.map((n) => n.id),
    e.nodes.map((n) => n.id),
    `${message}: node ids`,
  );
  assert.deepEqual(
    a.relationships.map((r) => r.id),
    e.relationships.map((r) => r.id),
    `${message}: relationship ids`,
  );
  e.nodes.forEach((n, i) => assert.deepStrictEqual(a.nodes[i], n, `${message}: node ${n.id}`));
  e.relationships.forEach((r, i) =>
    assert.deepStrictEqual(a.relationships[i], r, `${message}: relationship ${r.id}`),
  );
}

// ---------------------------------------------------------------------------------------
// LoraDB → Skein

let loraDir = "";
let loraExpected: JsonGraph = { nodes: [], relationships: [] };

before(async () => {
  loraDir = tempDir("lora");
  loraExpected = await runScript(WRITER, loraDir);
});

test("a LoraDB directory replays in Skein to the graph LoraDB wrote", () => {
  assert.ok(segmentFiles(loraDir).length >= 3, "the writer rotated twice");
  const replay = replayDir(loraDir);
  assert.equal(replay.tornTail, null);
  assert.equal(replay.checkpointLsnObserved, null);
  const kinds = new Set(replay.events.map((e) => e.kind));
  assert.deepEqual(
    [...MUTATION_EVENT_KINDS].filter((k) => !kinds.has(k)),
    [],
    "kinds not logged",
  );
  assertSameGraph(
    new GraphModel().applyAll(replay.events, "read").graph(),
    loraExpected,
    "replayDir",
  );

  const { wal, events } = Wal.open(loraDir);
  try {
    assert.deepStrictEqual(events, replay.events, "Wal.open returns what replayDir returns");
    assert.equal(wal.nextLsn, replay.maxLsn + 1);
    assert.equal(wal.activeSegmentId, segmentFiles(loraDir).length);
    assert.equal(wal.oldestSegmentId, 1);
  } finally {
    wal.close();
  }
});

test("Skein encodes every event LoraDB logged to the same bytes", () => {
  let batches = 0;
  for (const file of segmentFiles(loraDir).sort()) {
    const bytes = fs.readFileSync(path.join(loraDir, file));
    // Records from byte 32: [0..4) length u32 · [4] kind · ... · payload [21..length-4).
    for (let at = 32; at < bytes.length; at += bytes.readUInt32LE(at)) {
      if (bytes[at + 4] !== 6) continue;
      const payload = bytes.subarray(at + 21, at + bytes.readUInt32LE(at) - 4);
      const reencoded = encodeBatchPayload(decodeBatchPayload(payload));
      assert.ok(
        Buffer.from(reencoded).equals(payload),
        `${file} @${at}: batch re-encodes differently`,
      );
      batches++;
    }
  }
  assert.ok(batches >= 30, `only ${batches} batches found`);
});

test("LoraDB reads its own directory back as it wrote it (the oracle is sound)", async () => {
  const copy = tempDir("lora-copy");
  fs.cpSync(loraDir, copy, { recursive: true });
  assertSameGraph(await runScript(READER, copy), loraExpected, "lora-reader");
});

// ---------------------------------------------------------------------------------------
// Skein → LoraDB

/** A map with own keys in this order, `__proto__` included as data. */
function mapOf(entries: Array<[string, PropertyValue]>): Properties {
  const m: Properties = {};
  for (const [k, v] of entries)
    Object.defineProperty(m, k, { value: v, enumerable: true, writable: true, configurable: true });
  return m;
}

const SCALARS: Properties = {
  nothing: null,
  yes: true,
  no: false,
  zero: 0,
  answer: 42,
  negative: -7,
  aboveSafe: 9007199254740993n,
  int64Max: 2n ** 63n - 1n,
  int64Min: -(2n ** 63n),
  three: float(3),
  tenth: 0.1,
  negHalf: -2.5,
  huge: 1e300,
  tiny: 5e-324,
  twoPow60: 2 ** 60,
  negZero: float(-0),
  nan: NaN,
  inf: Infinity,
  negInf: -Infinity,
  empty: "",
  text: "héllo 🌍 \"double\" 'single' `tick`\nline two",
};

const TEMPORALS: Properties = {
  date: date({ year: 2024, month: 2, day: 29 }),
  bce: date({ year: -44, month: 3, day: 15 }),
  farFuture: date({ year: 12345, month: 1, day: 1 }),
  localTime: localTime({ hour: 23, minute: 59, second: 59, nanosecond: 1000 }),
  time: time({ hour: 12, minute: 34, second: 56, nanosecond: 123456789, offsetSeconds: 5400 }),
  timeWest: time({ hour: 0, minute: 0, second: 0, nanosecond: 0, offsetSeconds: -12600 }),
  localDateTime: localDateTime({
    year: 2024,
    month: 1,
    day: 15,
    hour: 12,
    minute: 34,
    second: 56,
    nanosecond: 7,
  }),
  dateTime: dateTime({
    year: 1999,
    month: 12,
    day: 31,
    hour: 23,
    minute: 59,
    second: 59,
    nanosecond: 999999999,
    offsetSeconds: -43200,
  }),
  dateTimeOddOffset: dateTime({ year: 2024, month: 1, day: 1, hour: 0, offsetSeconds: -45 }),
  duration: duration({ months: 14, days: 3, seconds: 14706, nanoseconds: 0 }),
  durationNanos: duration({ nanoseconds: 1 }),
  durationHidden: duration({ months: 1, days: 2, seconds: 3, nanoseconds: 4 }),
  durationNegative: duration({ months: -14, days: -3, seconds: -61, nanoseconds: -5 }),
  durationMixed: duration({ months: 1, days: -1, seconds: 59, nanoseconds: 999999999 }),
};

const SPATIAL: Properties = {
  cartesian: point({ x: 1.5, y: -2, srid: 7203 }),
  cartesian3d: point({ x: 1, y: 2, z: 3, srid: 9157 }),
  wgs84: point({ x: 13.4, y: 52.5, srid: 4326 }),
  wgs84_3d: point({ x: 13.4, y: 52.5, z: 34, srid: 4979 }),
  otherSrid: point({ x: -0.5, y: 1e-9, srid: 1234 }),
};

const VECTORS: Properties = {
  f64: vector({ elementType: "float64", values: [1.5, 2, -3.25, 0.1] }),
  f32: vector({ elementType: "float32", values: [1.5, Math.fround(0.1), -0.25] }),
  i64: vector({ elementType: "int64", values: [1, -2, 2n ** 62n, -(2n ** 63n)] }),
  i32: vector({ elementType: "int32", values: [2147483647, -2147483648] }),
  i16: vector({ elementType: "int16", values: [32767, -32768] }),
  i8: vector({ elementType: "int8", values: [127, -128, 0] }),
  two: binary({ segments: [Uint8Array.of(1, 2, 3), Uint8Array.of(255, 0)] }),
  emptySegment: binary({ segments: [new Uint8Array(0)] }),
  none: binary({ segments: [] }),
  bare: Uint8Array.of(9, 8, 7),
};

const CONTAINERS: Properties = {
  mixed: [1, float(2), "a", null, true, [3, []], { k: 4 }],
  emptyList: [],
  emptyMap: {},
  nested: {
    when: date({ year: 2024, month: 2, day: 29 }),
    where: point({ x: 1, y: 2, z: 3, srid: 9157 }),
    v: vector({ elementType: "int8", values: [1, 2] }),
    bytes: binary({ segments: [Uint8Array.of(7)] }),
    deeper: {
      list: [float(3), 3, 2.5],
      dur: duration({ months: 1, days: 2, seconds: 3, nanoseconds: 125000000 }),
    },
  },
  oddKeys: mapOf([
    ["", 0],
    ["kéy 🌍", 1],
    ["__proto__", 2],
    ["$int", "not a tag"],
    ["kind", "date"],
  ]),
};

/** One transaction; `single` writes one Mutation record per event instead of a batch. */
function commit(wal: Wal, events: MutationEvent[], single = false): void {
  const tx = wal.begin();
  if (single) for (const e of events) wal.append(tx, e);
  else wal.appendBatch(tx, events);
  wal.commit(tx);
  wal.flush();
}

/** Writes the Skein scenario into `dir` and returns the committed events. */
function writeSkeinLog(dir: string): MutationEvent[] {
  const committed: MutationEvent[] = [];
  const { wal } = Wal.open(dir, { segmentTargetBytes: 1024 });
  const tx = (events: MutationEvent[], single = false): void => {
    commit(wal, events, single);
    committed.push(...events);
  };
  const node = (id: number, labels: string[], properties: Properties = {}): MutationEvent => ({
    kind: "createNode",
    id,
    labels,
    properties,
  });
  const rel = (
    id: number,
    src: number,
    dst: number,
    type: string,
    properties: Properties = {},
  ): MutationEvent => ({
    kind: "createRelationship",
    id,
    src,
    dst,
    type,
    properties,
  });
  try {
    tx([node(0, ["Doomed"], { n: 1 })]);
    tx([{ kind: "clear" }]);
    tx([
      node(0, ["Scalars", "Kinds"], SCALARS),
      node(1, ["Temporals"], TEMPORALS),
      node(2, ["Spatial", "ünï"], SPATIAL),
      node(3, ["Vectors"], VECTORS),
      node(4, ["Lab el"], CONTAINERS),
      node(5, []),
    ]);
    tx([
      rel(0, 0, 1, "KNOWS", {
        since: date({ year: 2020, month: 6, day: 1 }),
        weight: 0.5,
        tags: ["a", "b"],
      }),
      rel(1, 1, 2, "LINKS"),
      rel(2, 2, 2, "SELF", { n: 1 }),
      rel(3, 4, 0, "TYPE WITH SPACE", { ...SCALARS, ...TEMPORALS }),
      rel(4, 5, 4, "HOLDS", CONTAINERS),
      rel(5, 3, 3, "CARRIES", VECTORS),
    ]);
    tx(
      [
        { kind: "setNodeProperty", nodeId: 0, key: "answer", value: 43 },
        { kind: "setNodeProperty", nodeId: 0, key: "three", value: 3 },
        { kind: "setNodeProperty", nodeId: 1, key: "nothing2", value: null },
        { kind: "removeNodeProperty", nodeId: 0, key: "negative" },
        { kind: "addNodeLabel", nodeId: 0, label: "Extra" },
        { kind: "addNodeLabel", nodeId: 0, label: "Temp" },
        { kind: "removeNodeLabel", nodeId: 0, label: "Temp" },
        { kind: "setRelationshipProperty", relId: 0, key: "weight", value: float(1) },
        { kind: "removeRelationshipProperty", relId: 0, key: "tags" },
      ],
      true,
    );
    const aborted = wal.begin();
    wal.appendBatch(aborted, [node(6, ["Ghost"]), { kind: "deleteNode", nodeId: 5 }]);
    wal.abort(aborted);
    wal.flush();
    tx([node(6, ["Hub"]), rel(6, 6, 0, "OUT"), rel(7, 1, 6, "IN"), rel(8, 6, 6, "LOOP")]);
    // DETACH DELETE as LoraDB logs it, then as a lone event with relationships in place.
    tx([
      { kind: "deleteRelationship", relId: 6 },
      { kind: "deleteRelationship", relId: 7 },
      { kind: "deleteRelationship", relId: 8 },
      { kind: "deleteNode", nodeId: 6 },
      { kind: "detachDeleteNode", nodeId: 6 },
    ]);
    tx([node(7, ["Hub2"]), rel(9, 7, 0, "OUT"), rel(10, 2, 7, "IN")]);
    tx([{ kind: "detachDeleteNode", nodeId: 7 }], true);
    tx([{ kind: "deleteRelationship", relId: 5 }]);
    tx([node(8, ["Short"], { x: 1 })]);
    tx([{ kind: "deleteNode", nodeId: 8 }]);
    const unfinished = wal.begin();
    wal.appendBatch(unfinished, [node(9, ["Unfinished"]), { kind: "clear" }]);
    wal.flush();
  } finally {
    wal.close();
  }
  return committed;
}

test("a Skein directory opens in LoraDB with the graph Skein wrote", async () => {
  const dir = tempDir("skein");
  const events = writeSkeinLog(dir);
  assert.ok(segmentFiles(dir).length >= 3, "the log rotated");
  const expected = new GraphModel().applyAll(events, "write").graph();

  const replay = replayDir(dir);
  assert.deepStrictEqual(
    replay.events.map((e) => eventJson(e, "read")),
    events.map((e) => eventJson(e, "write")),
    "Skein replays its own events",
  );
  assert.equal(replay.tornTail, null);

  const before = new Map(segmentFiles(dir).map((f) => [f, fs.readFileSync(path.join(dir, f))]));
  assertSameGraph(await runScript(READER, dir), expected, "lora-reader");
  for (const [f, bytes] of before) {
    assert.ok(bytes.equals(fs.readFileSync(path.join(dir, f))), `LoraDB left ${f} unchanged`);
  }
});

// ---------------------------------------------------------------------------------------
// Mixed logs

test("Skein appends to a LoraDB directory and LoraDB reads the result", async () => {
  const dir = tempDir("lora-then-skein");
  fs.cpSync(loraDir, dir, { recursive: true });
  const activeBefore = segmentFiles(dir).length;
  const added: MutationEvent[] = [
    { kind: "setNodeProperty", nodeId: 0, key: "skein", value: "was here" },
    {
      kind: "createNode",
      id: 100,
      labels: ["FromSkein"],
      properties: { f: float(2), i: 2n ** 60n },
    },
    { kind: "createRelationship", id: 100, src: 100, dst: 0, type: "APPENDED", properties: {} },
  ];
  const { wal, events } = Wal.open(dir);
  try {
    const lsn = wal.nextLsn;
    commit(wal, added);
    assert.equal(wal.nextLsn, lsn + 3, "TxBegin, MutationBatch, TxCommit");
    assert.equal(wal.activeSegmentId, activeBefore, "appended to LoraDB's active segment");
  } finally {
    wal.close();
  }
  const expected = new GraphModel().applyAll(events, "read").applyAll(added, "write").graph();
  assertSameGraph(await runScript(READER, dir), expected, "lora-reader after Skein's commit");
});

test("LoraDB appends to a Skein directory and Skein replays the result", async () => {
  const dir = tempDir("skein-then-lora");
  const events = writeSkeinLog(dir);
  const db = await openWalDatabase({ walDir: dir });
  let created: number;
  try {
    await db.execute("MATCH (n) WHERE id(n) = 0 SET n.lora = 'was here', n.f = 2.0");
    const result = await db.execute("CREATE (n:FromLora {x: 1.5}) RETURN id(n) AS id");
    created = result.rows[0]?.["id"] as number;
    await db.sync();
  } finally {
    db.dispose();
  }
  const replay = replayDir(dir);
  assert.deepStrictEqual(
    replay.events.slice(0, events.length).map((e) => eventJson(e, "read")),
    events.map((e) => eventJson(e, "write")),
    "Skein's events first",
  );
  const model = new GraphModel().applyAll(events, "write");
  const zero = model.nodes.get(0);
  assert.ok(zero !== undefined);
  zero.props.set("lora", "was here");
  zero.props.set("f", { $float: 2 });
  model.nodes.set(created, {
    labels: new Set(["FromLora"]),
    props: new Map([["x", jsonFloat(1.5)]]),
  });
  const replayed = new GraphModel().applyAll(replay.events, "read");
  assertSameGraph(replayed.graph(), model.graph(), "replayDir");
});
