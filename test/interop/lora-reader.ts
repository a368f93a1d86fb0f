// lora-reader: opens a WAL directory with LoraDB 0.15 itself (@loradb/lora-node) and
// prints, as graph-json, the graph LoraDB recovers from it. Usage:
//   node build/test/interop/lora-reader.js <dir>
// Opening replays the log; the script only reads (LoraDB changes no byte of the segments
// when nothing is written), then closes.
//
// Why one query per value: LoraDB's JS results blur what the interop test must see.
// Ints and Floats both arrive as JS numbers (3 and 3.0 alike, int64 rounded past 2^53),
// temporal values arrive as ISO strings only, a user map shaped like a tagged value looks
// like one, and a map key "__proto__" is lost by the result decoder. So the script walks
// each property with Cypher: `type.of(x)` names the kind, `toString(x)` gives an Int's
// exact digits, `keys(x)`/`size(x)` drive the walk into maps and lists, and only leaves
// are returned as JS values. Dates and datetimes are read with `temporal.fields(x)` (their
// ISO text rounds an offset to whole minutes); times, local times and local datetimes
// from their ISO text. A duration's ISO text drops the fraction of a second when its
// whole seconds (of the minute) are not 0; its nanoseconds are then read back from
// `datetime('1970-01-01T00:00:00Z') + x`.
//
// Known blind spots (LoraDB 0.15 offers no exact read for them): a Time's offset below a
// whole minute (3723 s reads as 3720 s), and a duration whose nanoseconds have the
// opposite sign of its seconds.
import { existsSync } from "node:fs";
import {
  openWalDatabase,
  type Database,
  type LoraParams,
  type LoraPoint,
  type LoraValue,
  type LoraVector,
} from "@loradb/lora-node";
import {
  floatToJson,
  formatGraph,
  jsonBinary,
  jsonInt,
  sortEntries,
  type DurationJson,
  type JsonEntries,
  type JsonGraph,
  type JsonNode,
  type JsonRelationship,
  type JsonValue,
  type LocalTimeJson,
  type VectorElementType,
} from "./graph-json.js";

const ELEMENT_TYPES: Record<LoraVector["coordinateType"], VectorElementType> = {
  FLOAT64: "float64",
  FLOAT32: "float32",
  INTEGER: "int64",
  INTEGER32: "int32",
  INTEGER16: "int16",
  INTEGER8: "int8",
};

/** Reads the properties of one node or relationship, one Cypher query per step. */
class PropertyWalker {
  readonly #db: Database;
  readonly #anchor: string;
  readonly #id: number;

  /** `anchor` matches the entity by `$id` and binds its properties map to `p`. */
  constructor(db: Database, anchor: string, id: number) {
    this.#db = db;
    this.#anchor = anchor;
    this.#id = id;
  }

  async properties(): Promise<JsonEntries> {
    const keys = await this.#value([], (x) => `keys(${x})`);
    const out: JsonEntries = [];
    for (const key of keys as string[]) out.push([key, await this.#describe([key])]);
    return sortEntries(out);
  }

  /** Runs `<anchor> RETURN <f(x)> AS v`, x being the value at `path`, and returns v. */
  async #value(path: Array<string | number>, f: (x: string) => string): Promise<LoraValue> {
    const params: LoraParams = { id: this.#id };
    let x = "p";
    path.forEach((step, i) => {
      params[`k${i}`] = step;
      x += `[$k${i}]`;
    });
    const result = await this.#db.execute(`${this.#anchor} RETURN ${f(x)} AS v`, params);
    const row = result.rows[0];
    if (result.rows.length !== 1 || row === undefined) {
      throw new Error(`entity ${this.#id} gave ${result.rows.length} rows`);
    }
    return row["v"] ?? null;
  }

  async #describe(path: Array<string | number>): Promise<JsonValue> {
    const type = await this.#value(path, (x) => `type.of(${x})`);
    if (typeof type !== "string") throw new Error(`type.of gave ${JSON.stringify(type)}`);
    const leaf = (): Promise<LoraValue> => this.#value(path, (x) => x);
    if (type.startsWith("LIST")) {
      const size = await this.#value(path, (x) => `size(${x})`);
      const items: JsonValue[] = [];
      for (let i = 0; i < (size as number); i++) items.push(await this.#describe([...path, i]));
      return items;
    }
    if (type.startsWith("VECTOR<")) return this.#vector(path, (await leaf()) as LoraVector);
    switch (type) {
      case "NULL":
        return null;
      case "BOOLEAN":
      case "STRING":
        return (await leaf()) as boolean | string;
      case "INTEGER":
        return jsonInt((await this.#value(path, (x) => `toString(${x})`)) as string);
      case "FLOAT":
        return { $float: floatToJson((await leaf()) as number) };
      case "MAP": {
        const keys = (await this.#value(path, (x) => `keys(${x})`)) as string[];
        const entries: JsonEntries = [];
        for (const k of keys) entries.push([k, await this.#describe([...path, k])]);
        return { $map: sortEntries(entries) };
      }
      case "DURATION":
        return this.#duration(path, iso(await leaf()));
      case "DATE":
      case "DATETIME":
        return this.#fields(path, type);
      case "POINT":
        return point((await leaf()) as LoraPoint);
      case "BINARY":
        return jsonBinary(((await leaf()) as { segments: number[][] }).segments);
      default:
        return temporal(type, iso(await leaf()));
    }
  }

  async #vector(path: Array<string | number>, v: LoraVector): Promise<JsonValue> {
    const elementType = ELEMENT_TYPES[v.coordinateType];
    if (elementType === "int64") {
      // Int64 elements arrive as JS numbers, rounded past 2^53: read their digits.
      const digits = await this.#value(
        path,
        (x) => `[c IN vector.coordinates(${x}, 'INTEGER') | toString(c)]`,
      );
      return { $vector: { elementType, values: digits as string[] } };
    }
    const isFloat = elementType === "float64" || elementType === "float32";
    const values = v.values.map((n) => (isFloat ? floatToJson(n) : String(n)));
    return { $vector: { elementType, values } };
  }

  async #duration(path: Array<string | number>, text: string): Promise<JsonValue> {
    const m = DURATION_ISO.exec(text);
    if (m === null) throw new Error(`unexpected duration ${text}`);
    const n = (i: number): bigint => BigInt(m[i] ?? "0");
    const secondsText = m[7] ?? "0";
    const negative = secondsText.startsWith("-");
    let nanoseconds = BigInt((m[8] ?? "").padEnd(9, "0")) * (negative ? -1n : 1n);
    if (m[8] === undefined && n(7) !== 0n) {
      // The nanosecond of epoch + x is the duration's nanoseconds modulo 10^9; this
      // assumes they carry the sign of the seconds, as LoraDB's own durations do.
      const shifted = await this.#value(
        path,
        (x) => `temporal.fields(datetime('1970-01-01T00:00:00Z') + ${x})`,
      );
      nanoseconds = BigInt((shifted as { nanosecond: number }).nanosecond);
      if (negative && nanoseconds !== 0n) nanoseconds -= 1_000_000_000n;
    }
    const d: DurationJson = {
      months: (n(1) * 12n + n(2)).toString(),
      days: (n(3) * 7n + n(4)).toString(),
      seconds: (n(5) * 3600n + n(6) * 60n + n(7)).toString(),
      nanoseconds: nanoseconds.toString(),
    };
    return { $duration: d };
  }

  /** Dates and datetimes have exact fields (the ISO text rounds offsets to minutes). */
  async #fields(path: Array<string | number>, type: "DATE" | "DATETIME"): Promise<JsonValue> {
    const f = (await this.#value(path, (x) => `temporal.fields(${x})`)) as Record<string, number>;
    const field = (k: string): number => {
      const v = f[k];
      if (typeof v !== "number") throw new Error(`temporal.fields gave no ${k}`);
      return v;
    };
    const date = { year: field("year"), month: field("month"), day: field("day") };
    if (type === "DATE") return { $date: date };
    return {
      $dateTime: {
        ...date,
        hour: field("hour"),
        minute: field("minute"),
        second: field("second"),
        nanosecond: field("nanosecond"),
        offsetSeconds: field("offset_seconds"),
      },
    };
  }
}

// LoraDB renders durations as P[nY][nM][nW][nD][T[nH][nM][n[.f]S]], e.g. P1Y2M3DT4H5M6S.
const DURATION_ISO =
  /^P(?:(-?\d+)Y)?(?:(-?\d+)M)?(?:(-?\d+)W)?(?:(-?\d+)D)?(?:T(?:(-?\d+)H)?(?:(-?\d+)M)?(?:(-?\d+)(?:\.(\d{1,9}))?S)?)?$/;
const DATE_ISO = /^([+-]?\d+)-(\d{2})-(\d{2})/;
const CLOCK_ISO = /(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2}(?::\d{2})?)?$/;

function iso(v: LoraValue): string {
  const text = (v as { iso?: unknown } | null)?.iso;
  if (typeof text !== "string")
    throw new Error(`expected a temporal value, got ${JSON.stringify(v)}`);
  return text;
}

function point(p: LoraPoint): JsonValue {
  const base = { x: floatToJson(p.x), y: floatToJson(p.y) };
  return {
    $point: "z" in p ? { ...base, z: floatToJson(p.z), srid: p.srid } : { ...base, srid: p.srid },
  };
}

function parseClock(text: string): { clock: LocalTimeJson; offsetSeconds: number | null } {
  const m = CLOCK_ISO.exec(text);
  if (m === null) throw new Error(`unexpected time ${text}`);
  const clock = {
    hour: Number(m[1]),
    minute: Number(m[2]),
    second: Number(m[3]),
    nanosecond: Number((m[4] ?? "").padEnd(9, "0")),
  };
  const offset = m[5];
  if (offset === undefined) return { clock, offsetSeconds: null };
  if (offset === "Z") return { clock, offsetSeconds: 0 };
  const [h, min, s] = offset.slice(1).split(":").map(Number);
  const seconds = (h ?? 0) * 3600 + (min ?? 0) * 60 + (s ?? 0);
  return { clock, offsetSeconds: offset.startsWith("-") && seconds !== 0 ? -seconds : seconds };
}

function parseDate(text: string): { year: number; month: number; day: number } {
  const m = DATE_ISO.exec(text);
  if (m === null) throw new Error(`unexpected date ${text}`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

function temporal(type: string, text: string): JsonValue {
  const needOffset = (o: number | null): number => {
    if (o === null) throw new Error(`${type} ${text} has no offset`);
    return o;
  };
  switch (type) {
    case "LOCAL_TIME":
      return { $localTime: parseClock(text).clock };
    case "TIME": {
      const t = parseClock(text);
      return { $time: { ...t.clock, offsetSeconds: needOffset(t.offsetSeconds) } };
    }
    case "LOCAL_DATETIME":
      return { $localDateTime: { ...parseDate(text), ...parseClock(text).clock } };
    default:
      throw new Error(`no graph-json encoding for LoraDB type ${type}`);
  }
}

async function readGraph(db: Database): Promise<JsonGraph> {
  const nodes: JsonNode[] = [];
  const nodeRows = await db.execute(
    "MATCH (n) RETURN id(n) AS id, labels(n) AS labels ORDER BY id",
  );
  for (const row of nodeRows.rows) {
    const id = row["id"] as number;
    const walker = new PropertyWalker(
      db,
      "MATCH (n) WHERE id(n) = $id WITH properties(n) AS p",
      id,
    );
    nodes.push({ id, labels: row["labels"] as string[], properties: await walker.properties() });
  }
  const relationships: JsonRelationship[] = [];
  const relRows = await db.execute(
    "MATCH (a)-[r]->(b) RETURN id(r) AS id, id(a) AS src, id(b) AS dst, type(r) AS type ORDER BY id",
  );
  for (const row of relRows.rows) {
    const id = row["id"] as number;
    const walker = new PropertyWalker(
      db,
      "MATCH ()-[r]->() WHERE id(r) = $id WITH properties(r) AS p",
      id,
    );
    relationships.push({
      id,
      src: row["src"] as number,
      dst: row["dst"] as number,
      type: row["type"] as string,
      properties: await walker.properties(),
    });
  }
  const [nodeCount, relCount] = [await db.nodeCount(), await db.relationshipCount()];
  if (nodeCount !== nodes.length || relCount !== relationships.length) {
    throw new Error(
      `LoraDB counts ${nodeCount}/${relCount}, MATCH found ${nodes.length}/${relationships.length}`,
    );
  }
  return { nodes, relationships };
}

async function main(): Promise<void> {
  const dir = process.argv[2];
  if (dir === undefined) throw new Error("usage: lora-reader <dir>");
  // openWalDatabase would create a missing directory and call that an empty graph.
  if (!existsSync(dir)) throw new Error(`${dir} does not exist`);
  const db = await openWalDatabase({ walDir: dir });
  try {
    process.stdout.write(formatGraph(await readGraph(db)));
  } finally {
    db.dispose();
  }
}

await main();
