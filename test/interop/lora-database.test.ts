// A WAL directory written by LoraDB 0.15 itself (@loradb/lora-node) opens as a Skein
// Database with the same graph, and a Database that wrote into it stays readable by
// LoraDB. The Database keeps its log in `<dir>/wal`, so lora-writer.js (compiled beside
// this file) writes `<tmp>/wal` and prints the graph it meant to write as graph-json;
// the test opens `<tmp>` with `openDatabase` and compares every node and relationship
// (ids, labels, type, endpoints, properties with their exact value kinds), writes with
// Skein, closes, and reopens with Skein and with LoraDB (lora-reader.js).
//
// Why the expected graph is turned into Skein values rather than the other way round:
// graph-json.ts already decodes and validates the writer's text, and a value built by
// the package's own factories is what the contract says a read gives back (a safe Int
// as a number, a wider one as a bigint, an integral Float as a `Float`, a non-integral
// one as a plain number, tagged kinds as their classes), so `deepStrictEqual`, which
// compares prototypes and tells 3 from Float(3) and 0 from -0, checks the kinds exactly.
// The writer's scenario (a clear, every value kind, two rotations, deletions) is
// described in lora-writer.ts; what LoraDB does is in NOTES.md.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import {
  binary,
  date,
  dateTime,
  duration,
  float,
  localDateTime,
  localTime,
  openDatabase,
  point,
  replayDir,
  time,
  vector,
  type Database,
  type Properties,
  type PropertyValue,
} from "../../src/index.js";
import {
  canonicalGraph,
  compareUtf8,
  floatFromJson,
  jsonFloat,
  jsonInt,
  jsonMap,
  parseGraph,
  type JsonEntries,
  type JsonFloat,
  type JsonGraph,
  type JsonValue,
} from "./graph-json.js";

const WRITER = fileURLToPath(new URL("./lora-writer.js", import.meta.url));
const READER = fileURLToPath(new URL("./lora-reader.js", import.meta.url));
const run = promisify(execFile);

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs a LoraDB script on `walDir` in a child process and parses the graph it prints. */
async function runScript(script: string, walDir: string): Promise<JsonGraph> {
  try {
    const { stdout } = await run(process.execPath, [script, walDir], { maxBuffer: 64 << 20 });
    return parseGraph(stdout);
  } catch (err) {
    const stderr = (err as { stderr?: string }).stderr ?? "";
    throw new Error(`${path.basename(script)} failed: ${String(err)}\n${stderr}`);
  }
}

function segmentBytes(walDir: string): Map<string, Buffer> {
  const files = fs.readdirSync(walDir).filter((f) => /^\d+\.wal$/.test(f));
  return new Map(files.sort().map((f) => [f, fs.readFileSync(path.join(walDir, f))]));
}

// ---------------------------------------------------------------------------------------
// graph-json → the Skein values a read must give back

const SAFE_MIN = BigInt(Number.MIN_SAFE_INTEGER);
const SAFE_MAX = BigInt(Number.MAX_SAFE_INTEGER);

function intOf(text: string): number | bigint {
  const n = BigInt(text);
  return n >= SAFE_MIN && n <= SAFE_MAX ? Number(n) : n;
}

function floatOf(f: JsonFloat): PropertyValue {
  const n = floatFromJson(f);
  return Number.isInteger(n) || Object.is(n, -0) ? float(n) : n;
}

/** A map with own keys in this order, `__proto__` included as data. */
function mapOf(entries: JsonEntries): Properties {
  const m: Properties = {};
  for (const [k, v] of entries) {
    Object.defineProperty(m, k, {
      value: valueOf(v),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return m;
}

function valueOf(v: JsonValue): PropertyValue {
  if (v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.map(valueOf);
  if ("$int" in v) return intOf(v.$int);
  if ("$float" in v) return floatOf(v.$float);
  if ("$map" in v) return mapOf(v.$map);
  if ("$date" in v) return date(v.$date);
  if ("$localTime" in v) return localTime(v.$localTime);
  if ("$time" in v) return time(v.$time);
  if ("$localDateTime" in v) return localDateTime(v.$localDateTime);
  if ("$dateTime" in v) return dateTime(v.$dateTime);
  if ("$duration" in v) {
    const d = v.$duration;
    return duration({
      months: intOf(d.months),
      days: intOf(d.days),
      seconds: intOf(d.seconds),
      nanoseconds: intOf(d.nanoseconds),
    });
  }
  if ("$point" in v) {
    const p = v.$point;
    const xy = { x: floatFromJson(p.x), y: floatFromJson(p.y), srid: p.srid };
    return point(p.z === undefined ? xy : { ...xy, z: floatFromJson(p.z) });
  }
  if ("$vector" in v) {
    const { elementType, values } = v.$vector;
    const isFloat = elementType === "float64" || elementType === "float32";
    return vector({
      elementType,
      values: values.map((x) => (isFloat ? floatFromJson(x as JsonFloat) : intOf(String(x)))),
    });
  }
  return binary({ segments: v.$binary.map((hex) => new Uint8Array(Buffer.from(hex, "hex"))) });
}

// ---------------------------------------------------------------------------------------
// Comparing a Database with a graph-json description

function assertSameGraph(db: Database, expected: JsonGraph, where: string): void {
  const want = canonicalGraph(expected);
  db.read((view) => {
    assert.equal(view.nodeCount, want.nodes.length, `${where}: node count`);
    assert.equal(view.relationshipCount, want.relationships.length, `${where}: rel count`);
    const nodeIds = [...view.nodes()].map((n) => n.id).sort((a, b) => a - b);
    assert.deepEqual(
      nodeIds,
      want.nodes.map((n) => n.id),
      `${where}: node ids`,
    );
    const relIds = [...view.relationships()].map((r) => r.id).sort((a, b) => a - b);
    assert.deepEqual(
      relIds,
      want.relationships.map((r) => r.id),
      `${where}: relationship ids`,
    );
    for (const w of want.nodes) {
      const n = view.node(w.id);
      assert.ok(n !== null, `${where}: node ${w.id} missing`);
      assert.deepEqual([...n.labels].sort(compareUtf8), w.labels, `${where}: node ${w.id} labels`);
      assert.deepStrictEqual(
        n.properties,
        mapOf(w.properties),
        `${where}: node ${w.id} properties`,
      );
    }
    for (const w of want.relationships) {
      const r = view.relationship(w.id);
      assert.ok(r !== null, `${where}: relationship ${w.id} missing`);
      const at = `${where}: relationship ${w.id}`;
      assert.deepEqual([r.src, r.dst, r.type], [w.src, w.dst, w.type], `${at} endpoints, type`);
      assert.deepStrictEqual(r.properties, mapOf(w.properties), `${at} properties`);
      assert.ok(
        [...view.outgoing(w.src, w.type)].some((x) => x.id === w.id),
        `${at} outgoing`,
      );
      assert.ok(
        [...view.incoming(w.dst, w.type)].some((x) => x.id === w.id),
        `${at} incoming`,
      );
    }
  });
}

/** One past the highest node and relationship id any committed transaction created. */
function nextIdsInLog(walDir: string): { node: number; relationship: number } {
  let node = 0;
  let relationship = 0;
  for (const e of replayDir(walDir).events) {
    if (e.kind === "createNode") node = Math.max(node, e.id + 1);
    if (e.kind === "createRelationship") relationship = Math.max(relationship, e.id + 1);
  }
  return { node, relationship };
}

// ---------------------------------------------------------------------------------------

test("a LoraDB WAL directory opens as a Database with the same graph, and stays LoraDB's", async () => {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "skein-lora-db-")));
  dirs.push(root);
  const walDir = path.join(root, "wal");
  const loraGraph = await runScript(WRITER, walDir);
  assert.ok(loraGraph.nodes.length >= 8 && loraGraph.relationships.length >= 5);
  const written = segmentBytes(walDir);
  assert.ok(written.size >= 3, "the writer's log rotated");

  // LoraDB → Skein: open, compare, close without writing.
  const db = await openDatabase(root);
  try {
    const report = db.status().recovery;
    assert.ok(report !== null);
    assert.equal(report.snapshotPath, null);
    assert.equal(report.tornTailCut, false);
    assert.ok(report.replayedTransactions > 0);
    assertSameGraph(db, loraGraph, "Skein opening LoraDB's directory");
  } finally {
    await db.close();
  }
  assert.deepEqual(segmentBytes(walDir), written, "opening without writing changed no byte");

  // Skein writes into LoraDB's directory: a new node with kinds LoraDB's JS results would
  // blur, a relationship to one of LoraDB's nodes, and a property on that node.
  const scalars = loraGraph.nodes.find((n) => n.labels.includes("Scalars"));
  assert.ok(scalars !== undefined);
  const next = nextIdsInLog(walDir);
  const again = await openDatabase(root);
  let added: { node: number; relationship: number };
  try {
    added = await again.write((tx) => {
      const node = tx.createNode(["FromSkein"], {
        f: float(2),
        big: 2n ** 60n,
        half: 0.5,
        when: date({ year: 2025, month: 5, day: 5 }),
        nested: { list: [1, float(3)] },
      });
      const relationship = tx.createRelationship(node, scalars.id, "APPENDED", { w: float(1) });
      tx.setNodeProperty(scalars.id, "skein", "was here");
      return { node, relationship };
    });
  } finally {
    await again.close();
  }
  assert.deepEqual(added, next, "new ids follow every id LoraDB's committed writes created");

  const expected: JsonGraph = {
    nodes: [
      ...loraGraph.nodes.map((n) =>
        n.id === scalars.id
          ? { ...n, properties: [...n.properties, ["skein", "was here"] as [string, JsonValue]] }
          : n,
      ),
      {
        id: added.node,
        labels: ["FromSkein"],
        properties: [
          ["f", jsonFloat(2)],
          ["big", jsonInt(2n ** 60n)],
          ["half", jsonFloat(0.5)],
          ["when", { $date: { year: 2025, month: 5, day: 5 } }],
          ["nested", jsonMap({ list: [jsonInt(1), jsonFloat(3)] })],
        ],
      },
    ],
    relationships: [
      ...loraGraph.relationships,
      {
        id: added.relationship,
        src: added.node,
        dst: scalars.id,
        type: "APPENDED",
        properties: [["w", jsonFloat(1)]],
      },
    ],
  };

  const reopened = await openDatabase(root);
  try {
    assertSameGraph(reopened, expected, "Skein reopening after its write");
  } finally {
    await reopened.close();
  }
  assert.deepStrictEqual(
    canonicalGraph(await runScript(READER, walDir)),
    canonicalGraph(expected),
    "LoraDB reading the directory after Skein's write",
  );
});
