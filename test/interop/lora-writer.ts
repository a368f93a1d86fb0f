// lora-writer: writes a WAL directory with LoraDB 0.15 itself (@loradb/lora-node) and
// prints, as graph-json, the graph it meant to write. Usage:
//   node build/test/interop/lora-writer.js <dir>
// The interop test replays <dir> with Skein and compares with the printed graph.
//
// What the directory holds: a clear, every value kind LoraDB accepts (as node and
// relationship properties, nested in lists and maps too), property and label updates, a
// commit of several statements, two rotations (LoraDB's segment target is a fixed 8 MiB,
// so two ~8.4 MB strings force them; both are deleted again), two failed transactions
// (which LoraDB does not log at all), ids handed out again after the clear, and a
// DETACH DELETE.
//
// Values are written as Cypher expressions built from graph-json values, not as plain JS
// parameters: a JS number parameter is an Int when it is a safe integer and a Float
// otherwise, so `toFloat`/`toInteger` and literals carry the exact kind. Tagged kinds go
// in as LoraDB's tagged parameter objects. The script does not read the graph back (the
// reader does), except for counts, as a sanity check.
import { mkdirSync, readdirSync } from "node:fs";
import {
  binary,
  cartesian,
  cartesian3d,
  openWalDatabase,
  vector,
  wgs84,
  wgs84_3d,
  type Database,
  type LoraError,
  type LoraParam,
  type LoraParams,
  type LoraPoint,
  type LoraVectorCoordinateType,
} from "@loradb/lora-node";
import {
  floatFromJson,
  floatToJson,
  formatGraph,
  jsonBinary,
  jsonFloat,
  jsonInt,
  jsonMap,
  type DurationJson,
  type JsonFloat,
  type JsonGraph,
  type JsonValue,
  type LocalTimeJson,
  type PointJson,
  type VectorJson,
} from "./graph-json.js";

/** A little more than LoraDB's fixed 8 MiB segment target. */
const ROTATION_FILLER_BYTES = 8_400_000;
const INT64_MIN = -(2n ** 63n);

type Props = Record<string, JsonValue>;

/** One Cypher statement under construction: values become parameters `$p0`, `$p1`, ... */
class Statement {
  readonly params: LoraParams = {};
  #count = 0;
  param(v: LoraParam): string {
    const name = `p${this.#count++}`;
    this.params[name] = v;
    return `$${name}`;
  }
}

function ident(name: string): string {
  // LoraDB 0.15 does not parse a doubled backtick inside a quoted name.
  if (name.includes("`")) throw new RangeError(`name ${JSON.stringify(name)} has a backtick`);
  return "`" + name + "`";
}

/** The Cypher expression that makes LoraDB store exactly `v`. */
function expr(v: JsonValue, st: Statement): string {
  if (v === null) return "null";
  if (typeof v === "boolean") return String(v);
  if (typeof v === "string") return st.param(v);
  if (Array.isArray(v)) return `[${v.map((x) => expr(x, st)).join(", ")}]`;
  if ("$int" in v) return intExpr(BigInt(v.$int), st);
  if ("$float" in v) return floatExpr(v.$float, st);
  if ("$map" in v) return `{${v.$map.map(([k, x]) => `${ident(k)}: ${expr(x, st)}`).join(", ")}}`;
  return st.param(taggedParam(v));
}

function intExpr(n: bigint, st: Statement): string {
  if (n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER)) {
    return st.param(Number(n));
  }
  // toInteger('-9223372036854775808') fails in LoraDB 0.15; one less than the next works.
  if (n === INT64_MIN) return `(toInteger(${st.param((n + 1n).toString())}) - 1)`;
  return `toInteger(${st.param(n.toString())})`;
}

function floatExpr(f: JsonFloat, st: Statement): string {
  // A -0 parameter arrives as +0; the literal keeps the sign.
  if (f === "-0") return "-0.0";
  return `toFloat(${st.param(f)})`;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");
const clockIso = (t: LocalTimeJson): string =>
  `${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}.${pad(t.nanosecond, 9)}`;

function offsetIso(seconds: number): string {
  if (seconds % 60 !== 0) throw new RangeError(`LoraDB parameters take whole-minute offsets`);
  const abs = Math.abs(seconds) / 60;
  return `${seconds < 0 ? "-" : "+"}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

function durationIso(d: DurationJson): string {
  if ([d.months, d.days, d.seconds, d.nanoseconds].some((x) => x.startsWith("-"))) {
    throw new RangeError("LoraDB parameters take no negative duration fields");
  }
  return `P${d.months}M${d.days}DT${d.seconds}.${d.nanoseconds.padStart(9, "0")}S`;
}

/** LoraDB's tagged parameter object for a date, time, duration, point, vector or binary. */
function taggedParam(v: Exclude<JsonValue, null | boolean | string | JsonValue[]>): LoraParam {
  if ("$date" in v) {
    const d = v.$date;
    return { kind: "date", iso: `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}` };
  }
  if ("$localTime" in v) return { kind: "localtime", iso: clockIso(v.$localTime) };
  if ("$time" in v) {
    return { kind: "time", iso: clockIso(v.$time) + offsetIso(v.$time.offsetSeconds) };
  }
  if ("$localDateTime" in v) {
    const d = v.$localDateTime;
    return {
      kind: "localdatetime",
      iso: `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}T${clockIso(d)}`,
    };
  }
  if ("$dateTime" in v) {
    const d = v.$dateTime;
    const iso = `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}T${clockIso(d)}`;
    return { kind: "datetime", iso: iso + offsetIso(d.offsetSeconds) };
  }
  if ("$duration" in v) return { kind: "duration", iso: durationIso(v.$duration) };
  if ("$point" in v) return pointParam(v.$point);
  if ("$vector" in v) return vectorParam(v.$vector);
  if ("$binary" in v) return binary(v.$binary.map((hex) => [...Buffer.from(hex, "hex")]));
  throw new TypeError(`no LoraDB parameter for ${JSON.stringify(v)}`);
}

function pointParam(p: PointJson): LoraPoint {
  const [x, y] = [floatFromJson(p.x), floatFromJson(p.y)];
  const z = p.z === undefined ? undefined : floatFromJson(p.z);
  if (p.srid === 7203 && z === undefined) return cartesian(x, y);
  if (p.srid === 9157 && z !== undefined) return cartesian3d(x, y, z);
  if (p.srid === 4326 && z === undefined) return wgs84(x, y);
  if (p.srid === 4979 && z !== undefined) return wgs84_3d(x, y, z);
  throw new RangeError(
    `LoraDB names no CRS for srid ${p.srid} with${z === undefined ? "out" : ""} z`,
  );
}

const COORDINATE_TYPES: Record<VectorJson["elementType"], LoraVectorCoordinateType> = {
  float64: "FLOAT64",
  float32: "FLOAT32",
  int64: "INTEGER",
  int32: "INTEGER32",
  int16: "INTEGER16",
  int8: "INTEGER8",
};

function vectorParam(v: VectorJson): LoraParam {
  const isFloat = v.elementType === "float64" || v.elementType === "float32";
  const values = v.values.map((x) => {
    if (isFloat) return floatFromJson(x as JsonFloat);
    const n = Number(x);
    if (!Number.isSafeInteger(n))
      throw new RangeError(`vector element ${x} cannot be passed exactly`);
    return n;
  });
  return vector(values, values.length, COORDINATE_TYPES[v.elementType]);
}

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

/** Drives LoraDB one commit per call and keeps the graph each commit should leave. */
class Writer {
  readonly #db: Database;
  readonly nodes = new Map<number, ModelNode>();
  readonly rels = new Map<number, ModelRelationship>();

  constructor(db: Database) {
    this.#db = db;
  }

  async #run(cypher: string, st: Statement): Promise<number | null> {
    const result = await this.#db.execute(cypher, st.params);
    const id = result.rows[0]?.["id"];
    return typeof id === "number" ? id : null;
  }

  async createNode(labels: string[], props: Props): Promise<number> {
    const st = new Statement();
    const body = Object.entries(props).map(([k, v]) => `${ident(k)}: ${expr(v, st)}`);
    const id = await this.#run(
      `CREATE (n${labels.map((l) => ":" + ident(l)).join("")} {${body.join(", ")}}) RETURN id(n) AS id`,
      st,
    );
    if (id === null) throw new Error("CREATE returned no node id");
    this.nodes.set(id, { labels: new Set(labels), props: new Map(Object.entries(props)) });
    return id;
  }

  async createRelationship(src: number, dst: number, type: string, props: Props): Promise<number> {
    const st = new Statement();
    const body = Object.entries(props).map(([k, v]) => `${ident(k)}: ${expr(v, st)}`);
    const id = await this.#run(
      `MATCH (a), (b) WHERE id(a) = ${st.param(src)} AND id(b) = ${st.param(dst)} ` +
        `CREATE (a)-[r:${ident(type)} {${body.join(", ")}}]->(b) RETURN id(r) AS id`,
      st,
    );
    if (id === null) throw new Error("CREATE returned no relationship id");
    this.rels.set(id, { src, dst, type, props: new Map(Object.entries(props)) });
    return id;
  }

  /** SET on a node (`n.k = v`, labels) and REMOVE (keys, labels), as one commit. */
  async updateNode(
    id: number,
    change: { set?: Props; remove?: string[]; addLabels?: string[]; removeLabels?: string[] },
  ): Promise<void> {
    const st = new Statement();
    const sets = Object.entries(change.set ?? {}).map(([k, v]) => `n.${ident(k)} = ${expr(v, st)}`);
    for (const l of change.addLabels ?? []) sets.push(`n:${ident(l)}`);
    const removes = (change.remove ?? []).map((k) => `n.${ident(k)}`);
    for (const l of change.removeLabels ?? []) removes.push(`n:${ident(l)}`);
    await this.#run(
      `MATCH (n) WHERE id(n) = ${st.param(id)}` +
        (sets.length > 0 ? ` SET ${sets.join(", ")}` : "") +
        (removes.length > 0 ? ` REMOVE ${removes.join(", ")}` : ""),
      st,
    );
    const node = this.#node(id);
    for (const [k, v] of Object.entries(change.set ?? {})) node.props.set(k, v);
    for (const k of change.remove ?? []) node.props.delete(k);
    for (const l of change.addLabels ?? []) node.labels.add(l);
    for (const l of change.removeLabels ?? []) node.labels.delete(l);
  }

  async updateRelationship(id: number, change: { set?: Props; remove?: string[] }): Promise<void> {
    const st = new Statement();
    const sets = Object.entries(change.set ?? {}).map(([k, v]) => `r.${ident(k)} = ${expr(v, st)}`);
    const removes = (change.remove ?? []).map((k) => `r.${ident(k)}`);
    await this.#run(
      `MATCH ()-[r]->() WHERE id(r) = ${st.param(id)}` +
        (sets.length > 0 ? ` SET ${sets.join(", ")}` : "") +
        (removes.length > 0 ? ` REMOVE ${removes.join(", ")}` : ""),
      st,
    );
    const rel = this.rels.get(id);
    if (rel === undefined) throw new Error(`no relationship ${id} in the model`);
    for (const [k, v] of Object.entries(change.set ?? {})) rel.props.set(k, v);
    for (const k of change.remove ?? []) rel.props.delete(k);
  }

  async deleteRelationship(id: number): Promise<void> {
    const st = new Statement();
    await this.#run(`MATCH ()-[r]->() WHERE id(r) = ${st.param(id)} DELETE r`, st);
    this.rels.delete(id);
  }

  async deleteNode(id: number, detach: boolean): Promise<void> {
    const st = new Statement();
    await this.#run(
      `MATCH (n) WHERE id(n) = ${st.param(id)} ${detach ? "DETACH " : ""}DELETE n`,
      st,
    );
    this.nodes.delete(id);
    for (const [relId, r] of this.rels) if (r.src === id || r.dst === id) this.rels.delete(relId);
  }

  async clear(): Promise<void> {
    await this.#db.clear();
    this.nodes.clear();
    this.rels.clear();
  }

  /**
   * A node made by two statements of one LoraDB transaction (one commit in the log):
   * CREATE with `props`, then MATCH by `label` (which must be new) and SET `set`.
   */
  async createNodeInTwoStatements(label: string, props: Props, set: Props): Promise<number> {
    const [create, update] = [new Statement(), new Statement()];
    const body = Object.entries(props).map(([k, v]) => `${ident(k)}: ${expr(v, create)}`);
    const sets = Object.entries(set).map(([k, v]) => `n.${ident(k)} = ${expr(v, update)}`);
    const results = await this.#db.transaction([
      {
        query: `CREATE (n:${ident(label)} {${body.join(", ")}}) RETURN id(n) AS id`,
        params: create.params,
      },
      { query: `MATCH (n:${ident(label)}) SET ${sets.join(", ")}`, params: update.params },
    ]);
    const id = results[0]?.rows[0]?.["id"];
    if (typeof id !== "number") throw new Error("CREATE returned no node id");
    this.nodes.set(id, {
      labels: new Set([label]),
      props: new Map(Object.entries({ ...props, ...set })),
    });
    return id;
  }

  /** Runs `fn`, which must fail with `code`, and checks the graph did not change. */
  async expectFailure(code: string, fn: (db: Database) => Promise<unknown>): Promise<void> {
    const before = await this.#db.nodeCount();
    let failed: unknown = null;
    try {
      await fn(this.#db);
    } catch (err) {
      failed = err;
    }
    if ((failed as LoraError | null)?.code !== code) {
      throw new Error(`expected a ${code} failure, got ${String(failed)}`);
    }
    if ((await this.#db.nodeCount()) !== before)
      throw new Error("a failed write changed the graph");
  }

  #node(id: number): ModelNode {
    const node = this.nodes.get(id);
    if (node === undefined) throw new Error(`no node ${id} in the model`);
    return node;
  }

  graph(): JsonGraph {
    return {
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
    };
  }
}

const date = (year: number, month: number, day: number): JsonValue => ({
  $date: { year, month, day },
});
const clock = (
  hour: number,
  minute: number,
  second: number,
  nanosecond: number,
): LocalTimeJson => ({
  hour,
  minute,
  second,
  nanosecond,
});
const duration = (
  months: number,
  days: number,
  seconds: number,
  nanoseconds: number,
): JsonValue => ({
  $duration: {
    months: String(months),
    days: String(days),
    seconds: String(seconds),
    nanoseconds: String(nanoseconds),
  },
});
const point = (x: number, y: number, srid: number, z?: number): JsonValue => ({
  $point: z === undefined ? { x, y, srid } : { x, y, z, srid },
});
const vec = (
  elementType: VectorJson["elementType"],
  values: Array<number | string>,
): JsonValue => ({
  $vector: {
    elementType,
    values: values.map((x) =>
      elementType.startsWith("float") ? floatToJson(Number(x)) : String(x),
    ),
  },
});

const SCALARS: Props = {
  nothing: null,
  yes: true,
  no: false,
  zero: jsonInt(0),
  answer: jsonInt(42),
  negative: jsonInt(-7),
  aboveSafe: jsonInt("9007199254740993"),
  int64Max: jsonInt("9223372036854775807"),
  int64Min: jsonInt("-9223372036854775808"),
  three: jsonFloat(3),
  tenth: jsonFloat(0.1),
  negHalf: jsonFloat(-2.5),
  huge: jsonFloat(1e300),
  tiny: jsonFloat(5e-324),
  twoPow60: jsonFloat(2 ** 60),
  negZero: jsonFloat(-0),
  nan: jsonFloat(NaN),
  inf: jsonFloat(Infinity),
  negInf: jsonFloat(-Infinity),
  empty: "",
  text: "héllo 🌍 \"double\" 'single' `tick`\nline two",
};

const TEMPORALS: Props = {
  date: date(2024, 2, 29),
  dateEarly: date(1, 1, 1),
  localTime: { $localTime: clock(23, 59, 59, 1000) },
  time: { $time: { ...clock(12, 34, 56, 123456789), offsetSeconds: 5400 } },
  timeUtc: { $time: { ...clock(0, 0, 0, 0), offsetSeconds: 0 } },
  localDateTime: { $localDateTime: { year: 2024, month: 1, day: 15, ...clock(12, 34, 56, 7) } },
  dateTime: {
    $dateTime: {
      year: 2024,
      month: 1,
      day: 15,
      ...clock(12, 34, 56, 123456789),
      offsetSeconds: 7200,
    },
  },
  dateTimeWest: {
    $dateTime: {
      year: 1999,
      month: 12,
      day: 31,
      ...clock(23, 59, 59, 999999999),
      offsetSeconds: -43200,
    },
  },
  duration: duration(14, 3, 14706, 0),
  durationNanos: duration(0, 0, 0, 1),
  durationDayHours: duration(1, 400, 90000, 500000000),
  durationOddSeconds: duration(0, 0, 61, 250000000),
};

const SPATIAL: Props = {
  cartesian: point(1.5, -2, 7203),
  cartesian3d: point(1, 2, 9157, 3),
  wgs84: point(13.4, 52.5, 4326),
  wgs84_3d: point(13.4, 52.5, 4979, 34),
};

const VECTORS: Props = {
  f64: vec("float64", [1.5, 2, -3.25]),
  f32: vec("float32", [1.5, Math.fround(0.1), -0.25]),
  i64: vec("int64", [1, -2, Number.MAX_SAFE_INTEGER]),
  i32: vec("int32", [2147483647, -2147483648]),
  i16: vec("int16", [32767, -32768]),
  i8: vec("int8", [127, -128, 0]),
};

const BINARIES: Props = {
  two: jsonBinary([Uint8Array.of(1, 2, 3), Uint8Array.of(255, 0)]),
  emptySegment: jsonBinary([new Uint8Array(0)]),
  none: jsonBinary([]),
};

const CONTAINERS: Props = {
  mixed: [jsonInt(1), jsonFloat(2), "a", null, true, [jsonInt(3), []], jsonMap({ k: jsonInt(4) })],
  emptyList: [],
  emptyMap: jsonMap({}),
  nested: jsonMap({
    when: date(2024, 2, 29),
    where: point(1, 2, 9157, 3),
    v: vec("int8", [1, 2]),
    bytes: jsonBinary([Uint8Array.of(7)]),
    deeper: jsonMap({ list: [jsonFloat(3), jsonInt(3)], dur: duration(1, 2, 3, 125000000) }),
  }),
  oddKeys: jsonMap([
    ["", jsonInt(0)],
    ["kéy 🌍", jsonInt(1)],
    ["__proto__", jsonInt(2)],
    ["$int", "not a tag"],
    ["kind", "date"],
  ]),
  temporalList: [date(2024, 1, 1), { $localTime: clock(1, 2, 3, 4) }, duration(0, 1, 0, 0)],
};

async function writeScenario(w: Writer): Promise<void> {
  await w.createNode(["Doomed"], { n: jsonInt(1) });
  await w.clear();

  const scalars = await w.createNode(["Scalars", "Kinds"], SCALARS);
  const temporals = await w.createNode(["Temporals"], TEMPORALS);
  const spatial = await w.createNode(["Spatial"], SPATIAL);
  const vectors = await w.createNode(["Vectors"], VECTORS);
  const binaries = await w.createNode(["Binaries"], BINARIES);
  const containers = await w.createNode(["Lab el", "ünï", "Containers"], CONTAINERS);
  const bare = await w.createNode([], {});

  const knows = await w.createRelationship(scalars, temporals, "KNOWS", {
    since: date(2020, 6, 1),
    weight: jsonFloat(0.5),
    tags: ["a", "b"],
  });
  await w.createRelationship(temporals, spatial, "LINKS", {});
  await w.createRelationship(spatial, spatial, "SELF", { n: jsonInt(1), at: point(0, 0, 7203) });
  await w.createRelationship(containers, scalars, "TYPE WITH SPACE", {
    ...SCALARS,
    ...TEMPORALS,
    ...SPATIAL,
  });
  const doomed = await w.createRelationship(scalars, containers, "DOOMED", { x: jsonInt(1) });
  await w.createRelationship(vectors, binaries, "CARRIES", { ...VECTORS, ...BINARIES });
  await w.createRelationship(bare, containers, "HOLDS", CONTAINERS);

  // First rotation: the next commit starts segment 2.
  const filler1 = await w.createNode(["Filler"], { blob: "x".repeat(ROTATION_FILLER_BYTES) });
  await w.updateNode(scalars, {
    set: { answer: jsonInt(43), added: "new", nothing2: null, three: jsonInt(3) },
    remove: ["negative"],
    addLabels: ["Extra", "Temp"],
  });
  await w.updateNode(scalars, { removeLabels: ["Temp"] });
  await w.updateRelationship(knows, {
    set: { weight: jsonFloat(0.75), since: point(13.4, 52.5, 4326) },
    remove: ["tags"],
  });
  await w.deleteRelationship(doomed);
  await w.createNodeInTwoStatements(
    "Multi",
    { step: jsonInt(1), gone: "soon" },
    { step: jsonInt(2), when: date(2025, 5, 5) },
  );

  // Two failed writes; LoraDB logs neither.
  await w.expectFailure("LORA_FOREIGN_KEY", (db) =>
    db.transaction([
      { query: "CREATE (:Ghost {x: 1})" },
      { query: "MATCH (n) WHERE id(n) = $id DELETE n", params: { id: scalars } },
    ]),
  );
  await w.expectFailure("LORA_FOREIGN_KEY", (db) =>
    db.execute("CREATE (:Ghost) WITH 1 AS one MATCH (n) WHERE id(n) = $id DELETE n", {
      id: scalars,
    }),
  );

  // Second rotation, then both fillers go. LoraDB does not hand their ids out again.
  const filler2 = await w.createNode(["Filler"], { blob: "y".repeat(ROTATION_FILLER_BYTES) });
  await w.deleteNode(filler1, false);
  await w.deleteNode(filler2, false);
  await w.createNode(["Reborn"], { previousOwner: "filler2", f: jsonFloat(1.25) });

  const hub = await w.createNode(["Hub"], { name: "hub" });
  await w.createRelationship(hub, scalars, "OUT", {});
  await w.createRelationship(temporals, hub, "IN", { w: jsonInt(1) });
  await w.createRelationship(hub, hub, "LOOP", {});
  await w.deleteNode(hub, true);
}

async function main(): Promise<void> {
  const dir = process.argv[2];
  if (dir === undefined) throw new Error("usage: lora-writer <dir>");
  mkdirSync(dir, { recursive: true });
  if (readdirSync(dir).some((f) => f.endsWith(".wal"))) {
    throw new Error(`${dir} already holds WAL segments; give an empty directory`);
  }
  const db = await openWalDatabase({ walDir: dir });
  const w = new Writer(db);
  try {
    await writeScenario(w);
    await db.sync();
    const [nodes, rels] = [await db.nodeCount(), await db.relationshipCount()];
    if (nodes !== w.nodes.size || rels !== w.rels.size) {
      throw new Error(`LoraDB counts ${nodes}/${rels}, the model ${w.nodes.size}/${w.rels.size}`);
    }
  } finally {
    db.dispose();
  }
  process.stdout.write(formatGraph(w.graph()));
}

await main();
