// Tests of reading snapshots: listing, and damage of every kind always reported as
// SNAPSHOT_CORRUPTION naming path and offset (truncation at every offset, every bit
// flipped, random garbage, hostile counts and lengths behind a valid checksum, and the
// checks only decoding can make), with nothing passed to the sink from a file that fails
// verification.
import { test } from "node:test";
import assert from "node:assert/strict";
import { inspect } from "node:util";
import { ByteWriter } from "../internal/bytes.js";
import { SkeinError } from "../internal/errors.js";
import { crc32 } from "../internal/crc.js";
import { MemFs } from "../testing/mem-fs.js";
import { PropertyArena, date, float } from "../store/index.js";
import {
  SnapshotCorruptionError,
  encodeTrailer,
  writeHeader,
  writeNodeRecord,
  writeRelationshipRecord,
  type SnapshotHeader,
  type SnapshotNode,
  type SnapshotRelationship,
} from "./format.js";
import { listSnapshots, loadSnapshot, readSnapshot } from "./reader.js";
import { writeSnapshot } from "./writer.js";

const DIR = "/db/snapshots";
const PATH = `${DIR}/snapshot-0000000000000005.skein`;

function freshFs(): MemFs {
  const fs = new MemFs();
  fs.mkdirp(DIR);
  return fs;
}

const NODES: SnapshotNode[] = [
  {
    id: 0,
    labels: ["A"],
    properties: { n: 1, f: float(2), d: date({ year: 2024, month: 1, day: 1 }) },
  },
  { id: 1, labels: [], properties: { s: "x", l: [true, null] } },
];
const RELS: SnapshotRelationship[] = [{ id: 0, src: 0, dst: 1, type: "R", properties: { w: 0.5 } }];

/** The bytes of a small valid snapshot at fence 5. */
function smallSnapshot(): Uint8Array {
  const fs = freshFs();
  writeSnapshot(fs, DIR, {
    fenceLsn: 5,
    nextNodeId: 2,
    nextRelationshipId: 1,
    nodeCount: 2,
    relationshipCount: 1,
    nodes: () => NODES,
    relationships: () => RELS,
  });
  return fs.bytesOf(PATH).slice();
}

/** Builds a snapshot's bytes from parts, with a valid trailer: damage the checksum cannot see. */
function sealed(header: SnapshotHeader, build: (w: ByteWriter) => void): Uint8Array {
  const w = new ByteWriter();
  writeHeader(w, header);
  build(w);
  w.bytes(encodeTrailer(crc32(w.view())));
  return w.toBytes();
}

interface Outcome {
  error: unknown;
  sunk: number;
}

function readBytes(bytes: Uint8Array, path = PATH): Outcome {
  const fs = freshFs();
  fs.setBytes(path, bytes);
  let sunk = 0;
  try {
    readSnapshot(fs, path, { node: () => sunk++, relationship: () => sunk++ });
    return { error: null, sunk };
  } catch (error) {
    return { error, sunk };
  }
}

/** What loadSnapshot delivers, resident (properties left encoded) or streamed. */
interface Loaded {
  error: unknown;
  begun: number;
  nodes: { id: number; labels: readonly string[]; properties: unknown }[];
  rels: { id: number; src: number; dst: number; type: string; properties: unknown }[];
}

function loadBytes(bytes: Uint8Array, resident: boolean, path = PATH): Loaded {
  const fs = freshFs();
  fs.setBytes(path, bytes);
  const out: Loaded = { error: null, begun: 0, nodes: [], rels: [] };
  const arena = new PropertyArena();
  // Encoded maps are decoded as they arrive, as a first read would.
  const built = (p: unknown) => (typeof p === "number" ? arena.properties(p) : p);
  try {
    loadSnapshot(
      fs,
      path,
      {
        begin: (_header, fileBytes) => {
          out.begun++;
          assert.equal(fileBytes !== null, resident, "the file's bytes exactly when resident");
          if (fileBytes) arena.adopt(fileBytes);
        },
        node: (id, labels, p) => out.nodes.push({ id, labels: [...labels], properties: built(p) }),
        relationship: (id, src, dst, type, p) =>
          out.rels.push({ id, src, dst, type, properties: built(p) }),
      },
      resident ? undefined : 0,
    );
  } catch (error) {
    out.error = error;
  }
  return out;
}

function assertCorruption(error: unknown, label: string, path: string): void {
  assert.ok(error instanceof SnapshotCorruptionError, `${label}: ${inspect(error)}`);
  assert.equal(error.code, "SNAPSHOT_CORRUPTION", label);
  assert.equal(error.snapshotPath, path, label);
  assert.ok(error.message.startsWith(`damaged snapshot ${path} at byte ${error.offsetBytes}: `));
}

/**
 * Reading must fail with SNAPSHOT_CORRUPTION naming the path, and loading too, resident
 * or streamed, with nothing delivered when the checksum is what fails; returns the
 * reading's error.
 */
function corrupt(bytes: Uint8Array, label: string, path = PATH): SnapshotCorruptionError {
  const { error, sunk } = readBytes(bytes, path);
  assertCorruption(error, label, path);
  for (const resident of [true, false]) {
    const loaded = loadBytes(bytes, resident, path);
    assertCorruption(loaded.error, `${label} (loaded, resident ${resident})`, path);
    const delivered = loaded.nodes.length + loaded.rels.length;
    assert.ok(delivered <= sunk, `${label}: ${delivered} records loaded, ${sunk} read`);
  }
  return error as SnapshotCorruptionError;
}

void test("listSnapshots lists newest first and ignores everything else", () => {
  const fs = freshFs();
  for (const name of [
    "snapshot-0000000000000005.skein",
    "snapshot-0000000000000100.skein",
    "snapshot-0000000000000042.skein",
    "snapshot-0000000000000200.skein.tmp",
    "snapshot-7.skein",
    "notes.txt",
    "00000000000000000001.wal",
  ]) {
    fs.setBytes(`${DIR}/${name}`, new Uint8Array(1));
  }
  assert.deepEqual(listSnapshots(fs, DIR), [
    { path: `${DIR}/snapshot-0000000000000100.skein`, fenceLsn: 100 },
    { path: `${DIR}/snapshot-0000000000000042.skein`, fenceLsn: 42 },
    { path: `${DIR}/snapshot-0000000000000005.skein`, fenceLsn: 5 },
  ]);
  assert.deepEqual(listSnapshots(fs, "/nowhere"), []);
});

void test("a snapshot truncated at any offset is corrupt, and nothing reaches the sink", () => {
  const bytes = smallSnapshot();
  assert.equal(readBytes(bytes).error, null);
  for (let end = 0; end < bytes.length; end++) {
    corrupt(bytes.subarray(0, end), `truncated to ${end}`);
    assert.equal(readBytes(bytes.subarray(0, end)).sunk, 0);
  }
  const short = corrupt(bytes.subarray(0, 63), "short");
  assert.equal(
    short.message,
    `damaged snapshot ${PATH} at byte 63: the file has 63 bytes, fewer than the 64 of an empty snapshot`,
  );
});

void test("every single bit flipped is detected before anything reaches the sink", () => {
  const bytes = smallSnapshot();
  for (let bit = 0; bit < bytes.length * 8; bit++) {
    const copy = bytes.slice();
    copy[bit >> 3] = (copy[bit >> 3] ?? 0) ^ (1 << (bit & 7));
    corrupt(copy, `bit ${bit}`);
    assert.equal(readBytes(copy).sunk, 0, `bit ${bit}`);
  }
});

void test("the checks of the first pass name what is wrong and where", () => {
  const bytes = smallSnapshot();
  const trailerAt = bytes.length - 12;
  const cases: [(b: Uint8Array) => void, string][] = [
    [
      (b) => b.set(Buffer.from("SKEINSNQ")),
      'at byte 0: bad magic 0x534b45494e534e51 (expected "SKEINSNP")',
    ],
    [(b) => (b[8] = 2), "at byte 8: unsupported format version 2 (expected 1)"],
    [(b) => (b[19] = 0x40), "at byte 12: fence lsn does not fit a safe integer"],
    [(b) => (b[12] = 6), "at byte 12: fence lsn 6 differs from the 5 of the file name"],
    [
      (b) => (b[bytes.length - 1] = 0),
      'bad trailer magic 0x534b45494e454e00 (expected "SKEINEND")',
    ],
    [(b) => (b[60] = (b[60] ?? 0) ^ 1), "does not match"],
  ];
  for (const [damage, message] of cases) {
    const copy = bytes.slice();
    damage(copy);
    const err = corrupt(copy, message);
    assert.ok(err.message.includes(message), `${err.message} should include ${message}`);
  }
  const copy = bytes.slice();
  copy[60] = (copy[60] ?? 0) ^ 1;
  const err = corrupt(copy, "crc");
  assert.equal(err.offsetBytes, trailerAt);
  assert.match(
    err.message,
    new RegExp(
      `^damaged snapshot ${PATH} at byte ${trailerAt}: checksum 0x[0-9a-f]{8} does not match 0x[0-9a-f]{8} computed over the ${trailerAt} bytes before it$`,
    ),
  );
});

/** mulberry32: a small seeded PRNG, so a failure reproduces. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

void test("random garbage is corrupt, even behind a valid magic and checksum", () => {
  const random = prng(0x5eed);
  const bytesOf = (n: number): Uint8Array => Uint8Array.from({ length: n }, () => random() * 256);
  for (let i = 0; i < 300; i++) corrupt(bytesOf(Math.floor(random() * 400)), `garbage ${i}`);
  let decoded = 0;
  for (let i = 0; i < 2000; i++) {
    const header: SnapshotHeader = {
      fenceLsn: 5,
      nextNodeId: Math.floor(random() * 4),
      nextRelationshipId: Math.floor(random() * 4),
      nodeCount: Math.floor(random() * 3),
      relationshipCount: Math.floor(random() * 2),
    };
    const body = bytesOf(Math.floor(random() * 200));
    // Some bodies start like records: plausible lengths and kinds, random inside.
    if (random() < 0.5 && body.length > 5) {
      new DataView(body.buffer).setUint32(0, Math.floor(random() * body.length), true);
      body[4] = 1 + Math.floor(random() * 2);
    }
    const { error } = readBytes(sealed(header, (w) => w.bytes(body)));
    if (error === null) decoded++;
    else
      assert.ok(error instanceof SnapshotCorruptionError, `sealed garbage ${i}: ${inspect(error)}`);
  }
  assert.ok(decoded < 2000);
});

const HEADER: SnapshotHeader = {
  fenceLsn: 5,
  nextNodeId: 10,
  nextRelationshipId: 10,
  nodeCount: 2,
  relationshipCount: 1,
};

const node = (id: number): SnapshotNode => ({ id, labels: [], properties: {} });

void test("hostile counts and lengths are refused before anything is allocated", () => {
  // Counts beyond what the file could hold, behind a valid checksum.
  for (const count of [2n ** 62n, 2n ** 64n - 1n, 2n ** 32n, 3n]) {
    const w = new ByteWriter();
    writeHeader(w, { ...HEADER, nodeCount: 0, relationshipCount: 0 });
    w.bytes(new Uint8Array(29 * 2)); // room for two smallest node records, not three
    w.patchU32(36, Number(count & 0xffff_ffffn));
    w.patchU32(40, Number(count >> 32n));
    w.bytes(encodeTrailer(crc32(w.view())));
    const err = corrupt(w.toBytes(), `count ${count}`);
    assert.equal(err.offsetBytes, 36);
    assert.match(
      err.message,
      new RegExp(
        `: node count ${count} and relationship count 0 need at least ${BigInt(29) * count} bytes of records, the file holds 58$`,
      ),
    );
  }
  // A record length far beyond the file.
  const huge = sealed({ ...HEADER, nodeCount: 1, relationshipCount: 0 }, (w) => {
    w.u32(0xffff_fff0);
    w.bytes(new Uint8Array(25));
  });
  assert.equal(
    corrupt(huge, "record length").message,
    `damaged snapshot ${PATH} at byte 56: node record needs 4294967280 bytes, 25 remain before the trailer`,
  );
  // A label count inside a record beyond the record.
  const labels = sealed({ ...HEADER, nodeCount: 1, relationshipCount: 0 }, (w) => {
    w.u32(25);
    w.u8(1);
    w.u64(0);
    w.u64(2n ** 60n);
    w.u64(0);
  });
  assert.match(
    corrupt(labels, "label count").message,
    /^damaged snapshot \S+ at byte 52: node record 0: label count 1152921504606846976 at byte 9 exceeds the 8 bytes that remain$/,
  );
});

void test("damage only decoding can see is corrupt too", () => {
  const rel = (id: number, src: number, dst: number): SnapshotRelationship => ({
    id,
    src,
    dst,
    type: "R",
    properties: {},
  });
  const cases: [SnapshotHeader, (w: ByteWriter) => void, string][] = [
    [
      HEADER,
      (w) => {
        writeNodeRecord(w, node(1), 10);
        writeNodeRecord(w, node(1), 10);
        writeRelationshipRecord(w, rel(0, 1, 1), 10, 10);
      },
      "at byte 81: node id 1 appears twice",
    ],
    [
      HEADER,
      (w) => {
        writeNodeRecord(w, node(1), 10);
        writeNodeRecord(w, node(2), 10);
        writeRelationshipRecord(w, rel(0, 1, 3), 10, 10);
      },
      "at byte 110: relationship 0 joins node 3, which the snapshot does not hold",
    ],
    [
      { ...HEADER, nextNodeId: 2 },
      (w) => {
        writeNodeRecord(w, node(1), 10);
        writeNodeRecord(w, node(2), 10);
        writeRelationshipRecord(w, rel(0, 1, 1), 10, 10);
      },
      "at byte 81: node id 2 is not below the next node id 2",
    ],
    [
      { ...HEADER, relationshipCount: 2 },
      (w) => {
        writeNodeRecord(w, node(1), 10);
        writeNodeRecord(w, node(2), 10);
        writeRelationshipRecord(w, rel(4, 1, 2), 10, 10);
        writeRelationshipRecord(w, rel(4, 2, 1), 10, 10);
      },
      "at byte 156: relationship id 4 appears twice",
    ],
    [
      HEADER,
      (w) => {
        writeNodeRecord(w, node(1), 10);
        writeRelationshipRecord(w, rel(0, 1, 1), 10, 10);
        writeRelationshipRecord(w, rel(1, 1, 1), 10, 10);
      },
      "at byte 81: node record 1: record kind 2 where a node record (1) belongs",
    ],
    [
      { ...HEADER, relationshipCount: 0 },
      (w) => {
        writeNodeRecord(w, node(1), 10);
        writeNodeRecord(w, node(2), 10);
        writeRelationshipRecord(w, rel(0, 1, 2), 10, 10);
      },
      "at byte 110: 46 bytes after the last of the records the header counts",
    ],
    [
      { ...HEADER, nodeCount: 1, relationshipCount: 0 },
      (w) => {
        w.u32(24);
        w.bytes(new Uint8Array(30));
      },
      "at byte 52: node record length 24 is below the 25 bytes of the smallest",
    ],
    [
      { ...HEADER, nodeCount: 1, relationshipCount: 0 },
      (w) => {
        w.u32(26);
        w.u8(1);
        w.bytes(new Uint8Array(25));
      },
      "at byte 52: node record 0: 1 trailing bytes after node record at byte 25",
    ],
    [
      { ...HEADER, nodeCount: 1, relationshipCount: 0 },
      (w) => {
        w.u32(25 + 9 + 2);
        w.u8(1);
        w.u64(0);
        w.u64(0);
        w.u64(1);
        w.u64(1);
        w.u8(0x61);
        w.u8(1);
        w.u8(7); // bool byte 7
      },
      "at byte 52: node record 0: bool value byte 7 at byte 35 is not 0 or 1",
    ],
  ];
  for (const [header, build, message] of cases) {
    const err = corrupt(sealed(header, build), message);
    assert.equal(err.message, `damaged snapshot ${PATH} ${message}`);
  }
});

void test("a file that shrinks while it is read is corrupt, not a crash", () => {
  const fs = freshFs();
  const nodes = Array.from({ length: 5 }, (_, id) => ({
    id,
    labels: [],
    properties: { text: "t".repeat(600_000) },
  }));
  writeSnapshot(fs, DIR, {
    fenceLsn: 5,
    nextNodeId: 5,
    nextRelationshipId: 0,
    nodeCount: 5,
    relationshipCount: 0,
    nodes: () => nodes,
    relationships: () => [],
  });
  const bytes = fs.bytesOf(PATH).slice();
  let shrunk = false;
  const err = (() => {
    try {
      readSnapshot(fs, PATH, {
        node: () => {
          if (!shrunk) fs.setBytes(PATH, bytes.subarray(0, 1_500_000));
          shrunk = true;
        },
        relationship: () => undefined,
      });
    } catch (error) {
      return error;
    }
    return null;
  })();
  assert.ok(err instanceof SnapshotCorruptionError, inspect(err));
  assert.match(err.message, /: the file ends \d+ bytes early \(it changed while being read\)$/);
});

void test("an error thrown by the sink passes through unchanged", () => {
  const fs = freshFs();
  fs.setBytes(PATH, smallSnapshot());
  const mine = new Error("sink refused");
  assert.throws(
    () =>
      readSnapshot(fs, PATH, {
        node: () => {
          throw mine;
        },
        relationship: () => undefined,
      }),
    (err: unknown) => err === mine,
  );
  // The handle was closed: every open has its close.
  const opens = fs.trace.filter((t) => t.startsWith("open ")).length;
  const closes = fs.trace.filter((t) => t.startsWith("close ")).length;
  assert.equal(opens, closes);
});

void test("loading delivers what reading does, resident or streamed", () => {
  const bytes = smallSnapshot();
  const read = { nodes: [] as SnapshotNode[], rels: [] as SnapshotRelationship[] };
  const fs = freshFs();
  fs.setBytes(PATH, bytes);
  readSnapshot(fs, PATH, {
    node: (n) => read.nodes.push(n),
    relationship: (r) => read.rels.push(r),
  });
  for (const resident of [true, false]) {
    const loaded = loadBytes(bytes, resident);
    assert.equal(loaded.error, null);
    assert.equal(loaded.begun, 1);
    assert.deepEqual(loaded.nodes, read.nodes, `nodes, resident ${resident}`);
    assert.deepEqual(loaded.rels, read.rels, `relationships, resident ${resident}`);
  }
});

void test("resident loading leaves to the first read what only building a value checks", () => {
  // A date's month of 13 behind a valid checksum: the framing holds, the value does not.
  const bytes = sealed({ ...HEADER, nodeCount: 1, relationshipCount: 0 }, (w) =>
    writeNodeRecord(
      w,
      { id: 1, labels: [], properties: { d: date({ year: 1, month: 1, day: 1 }) } },
      10,
    ),
  );
  const monthAt = bytes.length - 12 - 8;
  assert.equal(bytes[monthAt], 1);
  bytes[monthAt] = 13;
  const damaged = sealed({ ...HEADER, nodeCount: 1, relationshipCount: 0 }, (w) =>
    w.bytes(bytes.subarray(52, bytes.length - 12)),
  );
  // readSnapshot and streamed loading refuse it at once.
  assertCorruption(readBytes(damaged).error, "read", PATH);
  assertCorruption(loadBytes(damaged, false).error, "streamed", PATH);
  // Resident loading delivers the node; decoding its map is what fails, as damage.
  const fs = freshFs();
  fs.setBytes(PATH, damaged);
  let location = -1;
  const arena = new PropertyArena();
  loadSnapshot(fs, PATH, {
    begin: (_h, fileBytes) => arena.adopt(fileBytes!),
    node: (_id, _labels, p) => (location = p as number),
    relationship: () => assert.fail("no relationships"),
  });
  assert.throws(
    () => arena.properties(location),
    (e: unknown) => e instanceof SkeinError && e.code === "SNAPSHOT_CORRUPTION",
  );
});
