// Tests of writing snapshots: round trips (every value kind, an empty graph, a large graph
// written and read in bounded chunks, a record larger than a chunk), refusals that leave no
// file behind, and crash safety: a crash at every file-system call of a write leaves either
// no new snapshot or a complete one, never a damaged one under the final name.
import { test } from "node:test";
import assert from "node:assert/strict";
import { SkeinError } from "../internal/errors.js";
import type { DirLockHandle, FileHandle, FileSystem, OpenMode } from "../internal/fs.js";
import type { Properties } from "../store/index.js";
import {
  Float,
  binary,
  date,
  dateTime,
  duration,
  float,
  localDateTime,
  localTime,
  point,
  time,
  valuesEqual,
  vector,
} from "../store/index.js";
import { MemFs, type FsOp } from "../testing/mem-fs.js";
import { CHUNK_BYTES, type SnapshotNode, type SnapshotRelationship } from "./format.js";
import type { SnapshotHeader } from "./format.js";
import { listSnapshots, readSnapshot } from "./reader.js";
import { writeSnapshot, type SnapshotContents } from "./writer.js";

const DIR = "/db/snapshots";

function freshFs(): MemFs {
  const fs = new MemFs();
  fs.mkdirp(DIR);
  return fs;
}

function contentsOf(
  nodes: SnapshotNode[],
  rels: SnapshotRelationship[],
  fenceLsn = 7,
): SnapshotContents {
  return {
    fenceLsn,
    nextNodeId: nodes.reduce((m, n) => Math.max(m, n.id + 1), 0),
    nextRelationshipId: rels.reduce((m, r) => Math.max(m, r.id + 1), 0),
    nodeCount: nodes.length,
    relationshipCount: rels.length,
    nodes: () => nodes,
    relationships: () => rels,
  };
}

interface ReadBack {
  header: SnapshotHeader;
  nodes: SnapshotNode[];
  rels: SnapshotRelationship[];
}

function readBack(fs: FileSystem, path: string): ReadBack {
  const nodes: SnapshotNode[] = [];
  const rels: SnapshotRelationship[] = [];
  const header = readSnapshot(fs, path, {
    node: (n) => nodes.push(n),
    relationship: (r) => rels.push(r),
  });
  return { header, nodes, rels };
}

const EVERY_KIND: Properties = {
  null: null,
  true: true,
  false: false,
  int: 42,
  negative: -7,
  maxSafe: Number.MAX_SAFE_INTEGER,
  bigInt: 2n ** 62n,
  minInt64: -(2n ** 63n),
  float: 1.5,
  integralFloat: float(3),
  negativeZero: float(-0),
  nan: NaN,
  infinity: -Infinity,
  string: "héllo 😀 \uffff",
  empty: "",
  list: [1, "x", [null, float(2)], []],
  map: { nested: { deep: [true, { e: 1 }] }, empty: {} },
  ...(JSON.parse('{"__proto__": {"constructor": 1}}') as Properties),
  date: date({ year: -44, month: 3, day: 15 }),
  localTime: localTime({ hour: 23, minute: 59, second: 59, nanosecond: 999_999_999 }),
  time: time({ hour: 12, minute: 34, second: 56, nanosecond: 5e8, offsetSeconds: -64800 }),
  localDateTime: localDateTime({ year: 2024, month: 2, day: 29, hour: 3 }),
  dateTime: dateTime({ year: 1, month: 12, day: 31, hour: 0, offsetSeconds: 3600 }),
  duration: duration({ months: 14, days: -3, seconds: 2n ** 63n - 1n, nanoseconds: 5 }),
  point2d: point({ x: 1.5, y: -2, srid: 7203 }),
  point3d: point({ x: NaN, y: 0, z: -0, srid: 9157 }),
  float64s: vector({ elementType: "float64", values: [0.1, -0, Infinity] }),
  float32s: vector({ elementType: "float32", values: [1.5, -1e30] }),
  int64s: vector({ elementType: "int64", values: [2n ** 63n - 1n, -5] }),
  int32s: vector({ elementType: "int32", values: [2 ** 31 - 1, -(2 ** 31)] }),
  int16s: vector({ elementType: "int16", values: [32767, -32768] }),
  int8s: vector({ elementType: "int8", values: [127, -128] }),
  binary: binary({ segments: [new Uint8Array([1, 2]), new Uint8Array(0)] }),
  raw: new Uint8Array([9, 8, 7]),
};

void test("a graph carrying every value kind round-trips", () => {
  const fs = freshFs();
  const nodes: SnapshotNode[] = [
    { id: 0, labels: ["Person", "Émigré"], properties: EVERY_KIND },
    { id: 5, labels: [], properties: {} },
    { id: 3, labels: ["😀"], properties: { name: "c" } },
  ];
  const rels: SnapshotRelationship[] = [
    { id: 2, src: 0, dst: 5, type: "KNOWS", properties: EVERY_KIND },
    { id: 0, src: 3, dst: 3, type: "SELF", properties: {} },
  ];
  const written = writeSnapshot(fs, DIR, contentsOf(nodes, rels, 41));
  assert.equal(written.path, `${DIR}/snapshot-0000000000000041.skein`);
  assert.equal(written.sizeBytes, fs.sizeOf(written.path));
  const back = readBack(fs, written.path);
  assert.deepEqual(back.header, {
    fenceLsn: 41,
    nextNodeId: 6,
    nextRelationshipId: 3,
    nodeCount: 3,
    relationshipCount: 2,
  });
  // A bare Uint8Array reads back as the one-segment BinaryValue it stands for.
  const canonical = { ...EVERY_KIND, raw: binary({ segments: [new Uint8Array([9, 8, 7])] }) };
  assert.deepEqual(back.nodes, [{ ...nodes[0], properties: canonical }, nodes[1], nodes[2]]);
  assert.deepEqual(back.rels, [{ ...rels[0], properties: canonical }, rels[1]]);
  assert.ok(valuesEqual(back.nodes[0]?.properties ?? {}, EVERY_KIND));
  assert.ok(back.nodes[0]?.properties["integralFloat"] instanceof Float);
  assert.deepEqual(
    Object.keys(back.nodes[0]?.properties ?? {}).sort(),
    Object.keys(EVERY_KIND).sort(),
  );
  assert.equal(Object.getPrototypeOf(back.nodes[0]?.properties), Object.prototype);
  assert.deepEqual(listSnapshots(fs, DIR), [{ path: written.path, fenceLsn: 41 }]);
  assert.deepEqual(fs.list(DIR), ["snapshot-0000000000000041.skein"]);
});

void test("an empty graph round-trips", () => {
  const fs = freshFs();
  const written = writeSnapshot(fs, DIR, {
    fenceLsn: 0,
    nextNodeId: 0,
    nextRelationshipId: 0,
    nodeCount: 0,
    relationshipCount: 0,
    nodes: () => [],
    relationships: () => [],
  });
  assert.equal(written.sizeBytes, 52 + 12);
  const back = readBack(fs, written.path);
  assert.deepEqual(back, {
    header: {
      fenceLsn: 0,
      nextNodeId: 0,
      nextRelationshipId: 0,
      nodeCount: 0,
      relationshipCount: 0,
    },
    nodes: [],
    rels: [],
  });
  // Ids handed out before and since deleted stay handed out.
  const later = writeSnapshot(fs, DIR, {
    fenceLsn: 2 ** 53 - 1,
    nextNodeId: 1000,
    nextRelationshipId: 2000,
    nodeCount: 0,
    relationshipCount: 0,
    nodes: () => [],
    relationships: () => [],
  });
  assert.equal(readBack(fs, later.path).header.nextRelationshipId, 2000);
  assert.deepEqual(
    listSnapshots(fs, DIR).map((s) => s.fenceLsn),
    [2 ** 53 - 1, 0],
  );
});

/** A FileSystem over MemFs that records the size of every write and read. */
class RecordingFs implements FileSystem {
  readonly inner: MemFs;
  readonly writeBytes: number[] = [];
  readonly readBytes: number[] = [];

  constructor(inner: MemFs) {
    this.inner = inner;
  }

  open(path: string, mode: OpenMode): FileHandle {
    const h = this.inner.open(path, mode);
    const writes = this.writeBytes;
    const reads = this.readBytes;
    return {
      path: h.path,
      read(buf, offset, length, position) {
        reads.push(length);
        return h.read(buf, offset, length, position);
      },
      write(bytes, position) {
        writes.push(bytes.length);
        h.write(bytes, position);
      },
      sync: () => h.sync(),
      syncAsync: () => h.syncAsync(),
      truncate: (n) => h.truncate(n),
      size: () => h.size(),
      close: () => h.close(),
    };
  }
  mkdirp(path: string): void {
    this.inner.mkdirp(path);
  }
  list(dir: string): string[] {
    return this.inner.list(dir);
  }
  sizeOf(path: string): number | null {
    return this.inner.sizeOf(path);
  }
  readFile(path: string): Uint8Array {
    throw new Error(`snapshots must not read ${path} whole`);
  }
  rename(from: string, to: string): void {
    this.inner.rename(from, to);
  }
  unlink(path: string): void {
    this.inner.unlink(path);
  }
  syncDir(dir: string): void {
    this.inner.syncDir(dir);
  }
  lockDir(dir: string): DirLockHandle {
    return this.inner.lockDir(dir);
  }
}

void test("a large graph is written and read in chunks of at most 1 MiB", () => {
  const fs = new RecordingFs(freshFs());
  const n = 50_000;
  function* nodes(): Iterable<SnapshotNode> {
    for (let i = 0; i < n; i++) {
      yield {
        id: i,
        labels: ["Person"],
        properties: { name: `person ${i}`, age: i % 90, score: i / 7 },
      };
    }
  }
  function* rels(): Iterable<SnapshotRelationship> {
    for (let i = 0; i < n; i++) {
      yield {
        id: i,
        src: i,
        dst: (i * 7919) % n,
        type: "KNOWS",
        properties: { since: 2000 + (i % 25) },
      };
    }
  }
  const written = writeSnapshot(fs, DIR, {
    fenceLsn: 123_456,
    nextNodeId: n,
    nextRelationshipId: n,
    nodeCount: n,
    relationshipCount: n,
    nodes,
    relationships: rels,
  });
  assert.ok(written.sizeBytes > 4 * CHUNK_BYTES, `size ${written.sizeBytes}`);
  assert.ok(
    Math.max(...fs.writeBytes) <= CHUNK_BYTES,
    `largest write ${Math.max(...fs.writeBytes)}`,
  );
  assert.ok(fs.writeBytes.length >= written.sizeBytes / CHUNK_BYTES);
  assert.equal(
    fs.writeBytes.reduce((a, b) => a + b, 0),
    written.sizeBytes,
  );
  let nodeCount = 0;
  let relCount = 0;
  let ageSum = 0;
  const header = readSnapshot(fs, written.path, {
    node: (node) => {
      assert.equal(node.id, nodeCount++);
      ageSum += node.properties["age"] as number;
    },
    relationship: (rel) => {
      assert.equal(rel.dst, (relCount++ * 7919) % n);
    },
  });
  assert.equal(header.nodeCount, n);
  assert.equal(nodeCount, n);
  assert.equal(relCount, n);
  assert.equal(
    ageSum,
    [...nodes()].reduce((s, x) => s + (x.properties["age"] as number), 0),
  );
  assert.ok(Math.max(...fs.readBytes) <= CHUNK_BYTES, `largest read ${Math.max(...fs.readBytes)}`);
  // Two passes over the file, each in chunks.
  const readTotal = fs.readBytes.reduce((a, b) => a + b, 0);
  assert.ok(readTotal >= 2 * (written.sizeBytes - 64), `read ${readTotal}`);
  assert.ok(fs.readBytes.length >= (2 * written.sizeBytes) / CHUNK_BYTES);
});

void test("records larger than a chunk and records across chunk boundaries round-trip", () => {
  const fs = new RecordingFs(freshFs());
  const big = new Uint8Array(3 * CHUNK_BYTES + 17).map((_, i) => i % 251);
  const nodes: SnapshotNode[] = [];
  for (let i = 0; i < 40; i++) {
    const filler = "x".repeat(40_000 + i * 977); // records that end at varied offsets
    nodes.push({ id: i, labels: ["F"], properties: { filler } });
  }
  nodes.push({ id: 40, labels: ["Big"], properties: { blob: big, after: "end" } });
  nodes.push({ id: 41, labels: [], properties: { small: 1 } });
  const rels: SnapshotRelationship[] = [
    { id: 0, src: 40, dst: 41, type: "R", properties: { blob: big } },
  ];
  const written = writeSnapshot(fs, DIR, contentsOf(nodes, rels));
  assert.ok(Math.max(...fs.writeBytes) <= CHUNK_BYTES);
  const back = readBack(fs, written.path);
  assert.ok(Math.max(...fs.readBytes) <= CHUNK_BYTES);
  assert.equal(back.nodes.length, 42);
  for (let i = 0; i < 40; i++)
    assert.equal(back.nodes[i]?.properties["filler"], nodes[i]?.properties["filler"]);
  const blob = binary({ segments: [big] });
  assert.deepEqual(back.nodes[40]?.properties, { blob, after: "end" });
  assert.deepEqual(back.rels[0]?.properties, { blob });
});

function refuses(fn: () => unknown, code: string, message: string | RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof SkeinError, `not a SkeinError: ${String(err)}`);
    assert.equal(err.code, code);
    if (typeof message === "string") assert.equal(err.message, message);
    else assert.match(err.message, message);
    return true;
  });
}

void test("iterators that yield more or fewer records than declared are refused, no file left", () => {
  const nodes: SnapshotNode[] = [
    { id: 0, labels: [], properties: {} },
    { id: 1, labels: [], properties: {} },
  ];
  const rels: SnapshotRelationship[] = [{ id: 0, src: 0, dst: 1, type: "R", properties: {} }];
  const cases: [Partial<SnapshotContents>, string][] = [
    [{ nodeCount: 1 }, "snapshot declares 1 nodes but nodes() yielded more"],
    [{ nodeCount: 3 }, "snapshot declares 3 nodes but nodes() yielded 2"],
    [
      { relationshipCount: 0 },
      "snapshot declares 0 relationships but relationships() yielded more",
    ],
    [{ relationshipCount: 2 }, "snapshot declares 2 relationships but relationships() yielded 1"],
  ];
  for (const [change, message] of cases) {
    const fs = freshFs();
    refuses(
      () => writeSnapshot(fs, DIR, { ...contentsOf(nodes, rels), ...change }),
      "INVALID_ARGUMENT",
      message,
    );
    assert.deepEqual(fs.list(DIR), [], message);
  }
});

void test("invalid contents are refused before or while writing, no file left", () => {
  const node = (id: number, extra: Partial<SnapshotNode> = {}): SnapshotNode => ({
    id,
    labels: [],
    properties: {},
    ...extra,
  });
  const base = contentsOf([node(0), node(1)], []);
  const cases: [SnapshotContents, string, string | RegExp][] = [
    [
      { ...base, fenceLsn: -1 },
      "INVALID_ARGUMENT",
      "snapshot fenceLsn -1 is not a non-negative safe integer",
    ],
    [
      { ...base, nodeCount: 1.5 },
      "INVALID_ARGUMENT",
      "snapshot nodeCount 1.5 is not a non-negative safe integer",
    ],
    [
      { ...base, nextNodeId: 2 ** 53 },
      "INVALID_ARGUMENT",
      "snapshot nextNodeId 9007199254740992 is not a non-negative safe integer",
    ],
    [{ ...base, nextNodeId: 1 }, "INVALID_ARGUMENT", "node id 1 is not below the next node id 1"],
    [
      { ...base, nodes: () => [node(0), node(-1)] },
      "INVALID_ARGUMENT",
      "node id -1 is not a non-negative safe integer",
    ],
    [
      { ...base, nodes: () => [node(0), node(1, { labels: [7 as unknown as string] })] },
      "INVALID_ARGUMENT",
      "node 1 label 7 is not a string",
    ],
    [
      { ...base, nodes: () => [node(0), node(1, { labels: ["\ud800"] })] },
      "INVALID_ARGUMENT",
      'node 1 label "\\ud800" has a lone surrogate',
    ],
    [
      {
        ...base,
        relationshipCount: 1,
        nextRelationshipId: 1,
        relationships: () => [{ id: 0, src: 0, dst: 2, type: "R", properties: {} }],
      },
      "INVALID_ARGUMENT",
      "relationship 0 target node id 2 is not below the next node id 2",
    ],
  ];
  for (const [contents, code, message] of cases) {
    const fs = freshFs();
    refuses(() => writeSnapshot(fs, DIR, contents), code, message);
    assert.deepEqual(fs.list(DIR), [], String(message));
  }
  const fs = freshFs();
  const bad = {
    ...base,
    nodes: () => [node(0), node(1, { properties: { f: () => 1 } as unknown as Properties })],
  };
  assert.throws(() => writeSnapshot(fs, DIR, bad), TypeError);
  assert.deepEqual(fs.list(DIR), []);
});

void test("a stale temporary file is replaced and a snapshot at the same fence is overwritten", () => {
  const fs = freshFs();
  const name = "snapshot-0000000000000007.skein";
  fs.setBytes(`${DIR}/${name}.tmp`, new Uint8Array([1, 2, 3]));
  const first = writeSnapshot(fs, DIR, contentsOf([{ id: 0, labels: ["A"], properties: {} }], []));
  assert.deepEqual(fs.list(DIR), [name]);
  writeSnapshot(fs, DIR, contentsOf([{ id: 0, labels: ["B"], properties: {} }], []));
  assert.deepEqual(fs.list(DIR), [name]);
  assert.deepEqual(readBack(fs, first.path).nodes[0]?.labels, ["B"]);
});

void test("the write protocol: temp file, fsync, close, rename, directory fsync", () => {
  const fs = freshFs();
  fs.trace.length = 0;
  writeSnapshot(fs, DIR, contentsOf([{ id: 0, labels: [], properties: {} }], []));
  const temp = `${DIR}/snapshot-0000000000000007.skein.tmp`;
  assert.deepEqual(fs.trace, [
    `stat ${temp}`,
    `open ${temp}`,
    `write ${temp}`,
    `write ${temp}`,
    `fsync ${temp}`,
    `close ${temp}`,
    `rename ${temp}`,
    `syncDir ${DIR}`,
  ]);
});

// ---- crash safety --------------------------------------------------------------------------

const OLD: SnapshotNode[] = [{ id: 0, labels: ["Old"], properties: { v: 1 } }];
const NEW_NODES: SnapshotNode[] = Array.from({ length: 30 }, (_, i) => ({
  id: i,
  labels: ["New"],
  properties: { i, text: "t".repeat(60_000) }, // about 1.8 MB: more than one chunk
}));
const NEW_RELS: SnapshotRelationship[] = [
  { id: 0, src: 1, dst: 2, type: "R", properties: { w: 0.5 } },
];

/** A directory holding one durable older snapshot (fence 3). */
function crashFixture(): MemFs {
  const fs = freshFs();
  writeSnapshot(fs, DIR, contentsOf(OLD, [], 3));
  return fs;
}

/** The crashed state must hold the old snapshot and, if any, a complete new one. */
function checkCrashedState(fs: MemFs, label: string): "absent" | "present" {
  const listed = listSnapshots(fs, DIR);
  const fences = listed.map((s) => s.fenceLsn);
  assert.ok(fences.includes(3), `${label}: old snapshot lost`);
  assert.deepEqual(readBack(fs, `${DIR}/snapshot-0000000000000003.skein`).nodes, OLD);
  if (!fences.includes(50)) return "absent";
  const back = readBack(fs, `${DIR}/snapshot-0000000000000050.skein`);
  assert.equal(back.nodes.length, NEW_NODES.length, label);
  assert.deepEqual(back.rels, NEW_RELS, label);
  return "present";
}

void test("a crash at every file-system call of a write leaves no snapshot or a complete one", () => {
  const probe = crashFixture();
  const before = probe.trace.length;
  writeSnapshot(probe, DIR, contentsOf(NEW_NODES, NEW_RELS, 50));
  const calls = probe.trace.slice(before);
  assert.ok(calls.filter((c) => c.startsWith("write ")).length >= 2, calls.join("\n"));
  const outcomes = { absent: 0, present: 0 };
  for (let k = before; k < probe.trace.length; k++) {
    const op = (probe.trace[k] ?? "").split(" ")[0] as FsOp;
    const nth = probe.trace.slice(0, k + 1).filter((c) => c.startsWith(`${op} `)).length;
    for (const persistent of [false, true]) {
      const label = `fault at ${probe.trace[k]} (${op} #${nth}${persistent ? ", persistent" : ""})`;
      const fs = crashFixture();
      fs.inject({ op, nth, errno: "EIO", persistent });
      assert.throws(
        () => writeSnapshot(fs, DIR, contentsOf(NEW_NODES, NEW_RELS, 50)),
        SkeinError,
        label,
      );
      const names = fs.list(DIR);
      if (op !== "syncDir" && !persistent) {
        // Refused before the rename took effect: nothing new remains, not even the .tmp.
        assert.deepEqual(names, ["snapshot-0000000000000003.skein"], label);
      }
      const crashed = fs.crash();
      outcomes[checkCrashedState(crashed, label)]++;
      // The next write after recovery succeeds whatever was left behind.
      const again = writeSnapshot(crashed, DIR, contentsOf(NEW_NODES, NEW_RELS, 50));
      assert.equal(readBack(crashed, again.path).nodes.length, NEW_NODES.length, label);
      assert.equal(checkCrashedState(crashed.crash(), label), "present", label);
    }
  }
  assert.ok(outcomes.absent > 0, JSON.stringify(outcomes));
  const done = crashFixture();
  writeSnapshot(done, DIR, contentsOf(NEW_NODES, NEW_RELS, 50));
  assert.equal(checkCrashedState(done.crash(), "after the write"), "present");
});
