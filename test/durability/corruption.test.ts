// Damaged files at the Database level, on MemFs. A base database (seven transactions over
// four segments, a checkpoint with its snapshot) is damaged in many ways and opened with
// fresh options; each opening must end in one of two ways: the graph equals the model
// after some prefix of the transactions, or a typed SkeinError (WAL_CORRUPTION,
// WAL_MALFORMED, WAL_UNSUPPORTED_EVENT, SNAPSHOT_CORRUPTION, DECODE) — never a
// RangeError, TypeError or any other crash. Beyond that:
//   - a segment cut anywhere in its last records is a torn tail: exactly the transactions
//     committed before the cut come back, and the log takes new writes after it;
//   - a flipped bit never costs a transaction committed before the damaged record, and a
//     damaged record followed by intact ones is corruption, not a torn tail (replay.ts);
//   - garbage appended as a new segment, or a garbage snapshot newer than the real one,
//     costs nothing;
//   - opening a 1 MiB garbage file, or a file whose length prefix claims up to 4 GiB,
//     grows memory by less than MEMORY_BOUND_BYTES.
// The case counts are printed.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { runInNewContext } from "node:vm";
import { setFlagsFromString } from "node:v8";
import { crc32 } from "node:zlib";
import { openDatabase, SkeinError, type DatabaseOptions } from "../../src/index.js";
import { MemFs } from "../../src/testing/mem-fs.js";
import { Prng } from "../../src/testing/prng.js";
import {
  DIR,
  ScriptRun,
  SNAPSHOT_DIR,
  WAL_DIR,
  baseOptions,
  describeError,
  expectPrefix,
  fingerprintDb,
  prefixOf,
  recordSpans,
  writeTransaction,
  type RecordSpan,
  type Step,
} from "./workload.js";

const OPTIONS: DatabaseOptions = baseOptions("perCommit", 400);
const TYPED = [
  "WAL_CORRUPTION",
  "WAL_MALFORMED",
  "WAL_UNSUPPORTED_EVENT",
  "SNAPSHOT_CORRUPTION",
  "DECODE",
];
/** The most memory opening one damaged file may add (heap and external, and peak RSS). */
const MEMORY_BOUND_BYTES = 16 * 1024 * 1024;
const MiB = 1024 * 1024;

const counts = { truncations: 0, bitFlips: 0, garbageSegments: 0, garbageSnapshots: 0, memory: 0 };

// ---------------------------------------------------------------------------------------
// The base database and how an opening ended.

interface Base {
  readonly fs: MemFs;
  readonly total: number;
  /** Segment paths, oldest first, and their records. */
  readonly segments: readonly { path: string; records: readonly RecordSpan[] }[];
  readonly snapshotPath: string;
  readonly maxLsn: number;
}

const BASE_STEPS: readonly Step[] = [
  "open",
  "write",
  "write",
  "write",
  "checkpoint",
  "write",
  "write",
  "write",
  "write",
  "close",
];

async function buildBase(): Promise<Base> {
  const fs = new MemFs();
  const run = new ScriptRun(fs, OPTIONS);
  for (const step of BASE_STEPS) {
    const outcome = await run.step(step);
    assert.equal(outcome.error, null, describeError(outcome.error));
  }
  const segments = fs
    .list(WAL_DIR)
    .filter((n) => n.endsWith(".wal"))
    .sort()
    .map((n) => `${WAL_DIR}/${n}`)
    .map((path) => ({ path, records: recordSpans(fs.bytesOf(path)) }));
  const snapshots = fs.list(SNAPSHOT_DIR);
  assert.equal(snapshots.length, 1);
  assert.ok(segments.length >= 4, "several segments");
  assert.ok(segments.at(-1)!.records.length >= 6, "the last segment holds two transactions");
  const maxLsn = Math.max(...segments.flatMap((s) => s.records.map((r) => r.lsn)));
  return {
    fs: fs.crash(),
    total: run.acked,
    segments,
    snapshotPath: `${SNAPSHOT_DIR}/${snapshots[0]}`,
    maxLsn,
  };
}

const basePromise = buildBase();

/** Transactions whose commit record ends at or before `offset` of segment `index`. */
function committedBefore(base: Base, index: number, offset: number): number {
  let n = 0;
  base.segments.forEach((s, i) => {
    for (const r of s.records) {
      if (r.kind === 3 && (i < index || (i === index && r.offset + r.length <= offset))) n++;
    }
  });
  return n;
}

type Outcome = { readonly prefix: number } | { readonly error: SkeinError };

/** Open `fs` and say how it ended; fails on an untyped error or a graph that is no prefix. */
async function openOutcome(fs: MemFs, context: string): Promise<Outcome> {
  let db;
  try {
    db = await openDatabase(DIR, { ...OPTIONS, fileSystem: fs });
  } catch (err) {
    if (err instanceof SkeinError && TYPED.includes(err.code)) return { error: err };
    return assert.fail(`${context}: opening failed with ${describeError(err)}`);
  }
  try {
    const j = prefixOf(fingerprintDb(db));
    assert.ok(j >= 0, `${context}: opened with a graph that is no prefix of the transactions`);
    return { prefix: j };
  } finally {
    await db.close();
  }
}

/** How often each ending was seen: "prefix N" or the error code. */
class Endings {
  readonly #seen = new Map<string, number>();
  add(outcome: Outcome): void {
    const key = "prefix" in outcome ? `prefix ${outcome.prefix}` : outcome.error.code;
    this.#seen.set(key, (this.#seen.get(key) ?? 0) + 1);
  }
  toString(): string {
    return [...this.#seen].map(([k, n]) => `${k}: ${n}`).join(", ");
  }
}

function damaged(base: Base, path: string, bytes: Uint8Array): MemFs {
  const fs = base.fs.crash();
  fs.setBytes(path, bytes);
  return fs;
}

/** Damaged snapshots are reported by a process warning each; hundreds of them are noise. */
async function quietly<T>(fn: () => Promise<T>): Promise<T> {
  const original = process.emitWarning.bind(process);
  process.emitWarning = () => undefined;
  try {
    return await fn();
  } finally {
    process.emitWarning = original;
  }
}

// ---------------------------------------------------------------------------------------
// Bytes of the documented formats, written here apart from src so a test cannot share a bug.

function u32(v: DataView, at: number, x: number): void {
  v.setUint32(at, x >>> 0, true);
}

function segmentHeader(baseLsn: number, sealed = false): Uint8Array {
  const b = new Uint8Array(32);
  const v = new DataView(b.buffer);
  b.set(new TextEncoder().encode("LORAWAL\0"), 0);
  u32(v, 8, 1);
  v.setBigUint64(12, BigInt(baseLsn), true);
  u32(v, 20, sealed ? 1 : 0);
  u32(v, 28, crc32(b.subarray(0, 28)));
  return b;
}

/** One record with a correct CRC whatever its content. */
function frame(kind: number, lsn: number, txBeginLsn: number, payload: Uint8Array): Uint8Array {
  const length = 25 + payload.length;
  const b = new Uint8Array(length);
  const v = new DataView(b.buffer);
  u32(v, 0, length);
  b[4] = kind;
  v.setBigUint64(5, BigInt(lsn), true);
  v.setBigUint64(13, BigInt(txBeginLsn), true);
  b.set(payload, 21);
  u32(v, length - 4, crc32(b.subarray(0, length - 4)));
  return b;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A snapshot with a correct header, the given record bytes and a correct trailer. */
function snapshotBytes(
  fence: number,
  ids: { nextNodeId: number; nextRelationshipId: number; nodes: number; rels: number },
  records: Uint8Array,
): Uint8Array {
  const head = new Uint8Array(52);
  const v = new DataView(head.buffer);
  head.set(new TextEncoder().encode("SKEINSNP"), 0);
  u32(v, 8, 1);
  v.setBigUint64(12, BigInt(fence), true);
  v.setBigUint64(20, BigInt(ids.nextNodeId), true);
  v.setBigUint64(28, BigInt(ids.nextRelationshipId), true);
  v.setBigUint64(36, BigInt(ids.nodes), true);
  v.setBigUint64(44, BigInt(ids.rels), true);
  const body = concat(head, records);
  const trailer = new Uint8Array(12);
  u32(new DataView(trailer.buffer), 0, crc32(body));
  trailer.set(new TextEncoder().encode("SKEINEND"), 4);
  return concat(body, trailer);
}

function snapshotName(fence: number): string {
  return `${SNAPSHOT_DIR}/snapshot-${String(fence).padStart(16, "0")}.skein`;
}

function randomBytes(rng: Prng, length: number): Uint8Array {
  const b = new Uint8Array(length);
  for (let i = 0; i < length; i++) b[i] = rng.int(0, 255);
  return b;
}

// ---------------------------------------------------------------------------------------
// Memory. The gc is exposed so each measurement starts from a collected heap.

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

function footprint(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
}

async function measureOpen(fs: MemFs, context: string): Promise<number> {
  gc();
  const before = footprint();
  const rssBefore = process.resourceUsage().maxRSS * 1024;
  await openOutcome(fs, context);
  const grown = footprint() - before;
  const rssGrown = process.resourceUsage().maxRSS * 1024 - rssBefore;
  counts.memory++;
  assert.ok(grown < MEMORY_BOUND_BYTES, `${context}: heap and external grew ${grown} bytes`);
  assert.ok(rssGrown < MEMORY_BOUND_BYTES, `${context}: peak rss grew ${rssGrown} bytes`);
  return Math.max(grown, rssGrown);
}

describe("memory while opening damaged files", () => {
  test(`stays within ${MEMORY_BOUND_BYTES / MiB} MiB for 1 MiB of garbage and hostile lengths`, async (t) => {
    const base = await basePromise;
    const rng = new Prng(7);
    const last = base.segments.at(-1)!.path;
    const lastBytes = base.fs.bytesOf(last);
    const next = `${WAL_DIR}/${String(base.segments.length + 1).padStart(10, "0")}.wal`;
    const cases: [string, string, Uint8Array][] = [
      [
        "1 MiB of garbage after a segment header",
        next,
        concat(segmentHeader(base.maxLsn + 1), randomBytes(rng, MiB)),
      ],
      ["1 MiB of garbage as a segment", next, randomBytes(rng, MiB)],
      [
        "a record length prefix of 4 GiB - 1 at the tail",
        last,
        concat(lastBytes, Uint8Array.of(0xff, 0xff, 0xff, 0xff, 6), randomBytes(rng, 64)),
      ],
      [
        "a record length prefix of 256 MiB at the tail",
        last,
        concat(lastBytes, Uint8Array.of(0, 0, 0, 0x10, 6), randomBytes(rng, 64)),
      ],
    ];
    // Intact records whose LW1 payloads claim huge counts and lengths.
    const lsn = base.maxLsn + 1;
    const batch = (body: Uint8Array) =>
      concat(
        frame(2, lsn, 0, new Uint8Array(0)),
        frame(6, lsn + 1, lsn, body),
        frame(3, lsn + 2, lsn, new Uint8Array(0)),
      );
    const lw1 = (count: bigint, rest: Uint8Array) => {
      const b = new Uint8Array(12);
      new DataView(b.buffer).setUint32(0, 0x0031_574c, true);
      new DataView(b.buffer).setBigUint64(4, count, true);
      return concat(b, rest);
    };
    const hugeString = new Uint8Array(1 + 8 + 8);
    hugeString[0] = 1; // createNode
    new DataView(hugeString.buffer).setBigUint64(9, 2n ** 50n, true); // label count
    cases.push(
      [
        "a batch claiming 2^40 events",
        last,
        concat(lastBytes, batch(lw1(2n ** 40n, randomBytes(rng, 32)))),
      ],
      ["an event claiming 2^50 labels", last, concat(lastBytes, batch(lw1(1n, hugeString)))],
      ["1 MiB of garbage as a snapshot", snapshotName(base.maxLsn + 100), randomBytes(rng, MiB)],
    );
    const hostileRecord = new Uint8Array(8);
    new DataView(hostileRecord.buffer).setUint32(0, 0xffff_fff0, true);
    hostileRecord[4] = 1;
    cases.push([
      "a snapshot record length prefix of 4 GiB - 16",
      snapshotName(base.maxLsn + 100),
      snapshotBytes(
        base.maxLsn + 100,
        { nextNodeId: 10, nextRelationshipId: 10, nodes: 1, rels: 0 },
        hostileRecord,
      ),
    ]);
    let most = 0;
    await quietly(async () => {
      for (const [name, path, bytes] of cases) {
        most = Math.max(most, await measureOpen(damaged(base, path, bytes), name));
      }
    });
    t.diagnostic(
      `${cases.length} openings: the most any grew heap+external or peak rss was ` +
        `${(most / MiB).toFixed(1)} MiB (bound ${MEMORY_BOUND_BYTES / MiB} MiB)`,
    );
  });
});

// ---------------------------------------------------------------------------------------

describe("a log cut short", () => {
  test("the last segment cut at every byte keeps exactly the transactions before the cut", async (t) => {
    const base = await basePromise;
    const index = base.segments.length - 1;
    const { path } = base.segments[index]!;
    const bytes = base.fs.bytesOf(path);
    for (let cut = 0; cut <= bytes.length; cut++) {
      const context = `${path} cut to ${cut} of ${bytes.length} bytes`;
      const fs = damaged(base, path, bytes.slice(0, cut));
      const expected = committedBefore(base, index, cut);
      const outcome = await openOutcome(fs, context);
      assert.deepEqual(outcome, { prefix: expected }, context);
      // The cut tail was repaired: the log takes a write after it and replays it.
      const db = await openDatabase(DIR, { ...OPTIONS, fileSystem: fs });
      await writeTransaction(db, expected);
      await db.close();
      const again = await openDatabase(DIR, { ...OPTIONS, fileSystem: fs });
      assert.equal(expectPrefix(again, `${context}, written again`), expected + 1, context);
      await again.close();
      counts.truncations++;
    }
    t.diagnostic(`${bytes.length + 1} cuts of the last segment`);
  });

  test("an earlier segment cut at every byte opens a prefix or fails typed", async (t) => {
    const base = await basePromise;
    const index = base.segments.length - 2;
    const { path } = base.segments[index]!;
    const bytes = base.fs.bytesOf(path);
    for (let cut = 0; cut < bytes.length; cut++) {
      const context = `${path} (not the last) cut to ${cut} of ${bytes.length} bytes`;
      const outcome = await openOutcome(damaged(base, path, bytes.slice(0, cut)), context);
      if ("prefix" in outcome) {
        assert.ok(outcome.prefix >= committedBefore(base, index, cut), context);
      }
      counts.truncations++;
    }
    t.diagnostic(`${bytes.length} cuts of an earlier segment`);
  });
});

describe("flipped bits", () => {
  test("every bit of a header, a TxBegin, a MutationBatch and a TxCommit", async (t) => {
    const base = await basePromise;
    const lastIndex = base.segments.length - 1;
    const last = base.segments[lastIndex]!;
    const earlier = base.segments[lastIndex - 1]!;
    const firstOf = (kind: number) => last.records.find((r) => r.kind === kind)!;
    const samples: { name: string; index: number; offset: number; length: number }[] = [
      { name: "the last segment's header", index: lastIndex, offset: 0, length: 32 },
      { name: "an earlier segment's header", index: lastIndex - 1, offset: 0, length: 32 },
      { name: "a TxBegin", index: lastIndex, ...firstOf(2) },
      { name: "a MutationBatch", index: lastIndex, ...firstOf(6) },
      { name: "a TxCommit", index: lastIndex, ...firstOf(3) },
      { name: "the last TxCommit", index: lastIndex, ...last.records.at(-1)! },
      {
        name: "a MutationBatch of an earlier segment",
        index: lastIndex - 1,
        ...earlier.records.find((r) => r.kind === 6)!,
      },
    ];
    let flips = 0;
    for (const s of samples) {
      const { path } = base.segments[s.index]!;
      const bytes = base.fs.bytesOf(path);
      const intactAfter = s.index < lastIndex || s.offset + s.length < bytes.length;
      for (let bit = 0; bit < s.length * 8; bit++) {
        const copy = bytes.slice();
        copy[s.offset + (bit >> 3)]! ^= 1 << (bit & 7);
        const context = `${s.name} (${path} at ${s.offset}), bit ${bit} flipped`;
        const outcome = await openOutcome(damaged(base, path, copy), context);
        if ("prefix" in outcome) {
          assert.ok(
            !intactAfter,
            `${context}: damage followed by intact records opened as prefix ${outcome.prefix}`,
          );
          assert.ok(outcome.prefix >= committedBefore(base, s.index, s.offset), context);
        }
        flips++;
      }
    }
    counts.bitFlips += flips;
    t.diagnostic(`${flips} single-bit flips`);
  });
});

describe("garbage", () => {
  test("random segments, seeded: appended, replacing the last, after a header, framed with good CRCs", async (t) => {
    const base = await basePromise;
    const rng = new Prng(20_240_601);
    const lastIndex = base.segments.length - 1;
    const last = base.segments[lastIndex]!;
    const lastBytes = base.fs.bytesOf(last.path);
    const next = `${WAL_DIR}/${String(base.segments.length + 1).padStart(10, "0")}.wal`;
    const variants = ["appended", "replacing", "afterHeader", "framed", "afterRecords"] as const;
    const perVariant = 80;
    const endings = new Endings();
    for (const variant of variants) {
      for (let i = 0; i < perVariant; i++) {
        const context = `garbage segment ${variant} #${i} (seed ${rng.seed})`;
        let path = next;
        let bytes: Uint8Array;
        let atLeast = base.total; // nothing before the garbage may be lost
        switch (variant) {
          case "appended":
            bytes = randomBytes(rng, rng.int(0, 2048));
            break;
          case "replacing":
            path = last.path;
            bytes = randomBytes(rng, rng.int(0, 2048));
            atLeast = committedBefore(base, lastIndex, 0);
            break;
          case "afterHeader":
            bytes = concat(segmentHeader(base.maxLsn + 1), randomBytes(rng, rng.int(0, 2048)));
            break;
          case "framed":
            bytes = concat(segmentHeader(base.maxLsn + 1), ...randomFrames(rng, base.maxLsn + 1));
            break;
          case "afterRecords": {
            path = last.path;
            const keep = last.records[rng.int(0, last.records.length - 1)]!;
            const cut = keep.offset + keep.length;
            bytes = concat(lastBytes.slice(0, cut), randomBytes(rng, rng.int(1, 1024)));
            atLeast = committedBefore(base, lastIndex, cut);
            break;
          }
        }
        const outcome = await openOutcome(damaged(base, path, bytes), context);
        endings.add(outcome);
        if ("prefix" in outcome)
          assert.ok(outcome.prefix >= atLeast, `${context}: prefix ${outcome.prefix}`);
        counts.garbageSegments++;
      }
    }
    t.diagnostic(
      `${variants.length * perVariant} garbage segments; endings: ${endings.toString()}`,
    );
  });

  test("random snapshots, seeded: newer than the real one, replacing it, with good checksums", async (t) => {
    const base = await basePromise;
    const rng = new Prng(20_240_602);
    const fence = base.maxLsn + 100;
    const variants = ["newer", "replacing", "checksummed"] as const;
    const perVariant = 80;
    const endings = new Endings();
    await quietly(async () => {
      for (const variant of variants) {
        for (let i = 0; i < perVariant; i++) {
          const context = `garbage snapshot ${variant} #${i}`;
          let path = snapshotName(fence);
          let bytes: Uint8Array;
          if (variant === "replacing") {
            path = base.snapshotPath;
            bytes = randomBytes(rng, rng.int(0, 2048));
          } else if (variant === "newer") {
            bytes = randomBytes(rng, rng.int(0, 2048));
          } else {
            bytes = checksummedGarbageSnapshot(rng, fence);
          }
          const outcome = await openOutcome(damaged(base, path, bytes), context);
          endings.add(outcome);
          // The log still holds everything, so a damaged snapshot costs nothing.
          if ("prefix" in outcome) assert.equal(outcome.prefix, base.total, context);
          counts.garbageSnapshots++;
        }
      }
    });
    t.diagnostic(
      `${variants.length * perVariant} garbage snapshots; endings: ${endings.toString()}`,
    );
  });

  test("counts", (t) => {
    const total =
      counts.truncations +
      counts.bitFlips +
      counts.garbageSegments +
      counts.garbageSnapshots +
      counts.memory;
    t.diagnostic(
      `corruption cases: ${total} (${counts.truncations} truncations, ${counts.bitFlips} bit flips, ` +
        `${counts.garbageSegments} garbage segments, ${counts.garbageSnapshots} garbage snapshots, ` +
        `${counts.memory} memory measurements)`,
    );
    assert.ok(total > 0);
  });
});

/** Records with good CRCs and random content: kinds, LSNs (mostly rising) and payloads. */
function randomFrames(rng: Prng, firstLsn: number): Uint8Array[] {
  const frames: Uint8Array[] = [];
  let lsn = firstLsn;
  let open = 0;
  for (let n = rng.int(1, 8); n > 0; n--) {
    const kind = rng.int(1, 6);
    const txBegin = kind === 2 ? 0 : rng.chance(0.8) && open > 0 ? open : rng.int(0, lsn);
    const payload = kind === 1 || kind === 6 ? randomPayload(rng) : new Uint8Array(0);
    frames.push(frame(kind, lsn, txBegin, payload));
    if (kind === 2) open = lsn;
    lsn += rng.chance(0.9) ? 1 : rng.int(-2, 3);
    lsn = Math.max(lsn, 1);
  }
  return frames;
}

/** LW1-looking bytes: the magic, a small count, an event tag, then noise. */
function randomPayload(rng: Prng): Uint8Array {
  const head = new Uint8Array(13);
  const v = new DataView(head.buffer);
  v.setUint32(0, rng.chance(0.9) ? 0x0031_574c : rng.int(0, 0xffff_ffff), true);
  v.setBigUint64(4, BigInt(rng.int(0, 3)), true);
  head[12] = rng.int(0, 17);
  return concat(head, randomBytes(rng, rng.int(0, 64)));
}

/** A snapshot whose header, counts and checksum are right and whose records are noise. */
function checksummedGarbageSnapshot(rng: Prng, fence: number): Uint8Array {
  const records: Uint8Array[] = [];
  const nodes = rng.int(1, 3);
  const rels = rng.int(0, 2);
  for (let i = 0; i < nodes + rels; i++) {
    const body = randomBytes(rng, rng.int(25, 80));
    body[0] = i < nodes ? 1 : 2;
    const length = new Uint8Array(4);
    new DataView(length.buffer).setUint32(0, rng.chance(0.9) ? body.length : rng.int(0, 200), true);
    records.push(length, body);
  }
  return snapshotBytes(
    fence,
    { nextNodeId: rng.int(0, 20), nextRelationshipId: rng.int(0, 20), nodes, rels },
    concat(...records),
  );
}

describe("regressions", () => {
  test("a committed transaction missing from the middle of the log is corruption, not a silent gap", async () => {
    const fs = new MemFs();
    const db = await openDatabase(DIR, { fileSystem: fs, segmentTargetBytes: 64 });
    for (let i = 0; i < 4; i++) await db.write((tx) => tx.createNode(["N"], { i }));
    await db.close();
    const segment2 = `${WAL_DIR}/0000000002.wal`;
    const missing = fs.crash();
    missing.unlink(segment2);
    const emptied = fs.crash();
    emptied.setBytes(segment2, emptied.bytesOf(segment2).slice(0, 32)); // cut at a record boundary
    for (const [name, damagedFs] of [
      ["segment 2 missing", missing],
      ["segment 2 cut back to its header", emptied],
    ] as const) {
      const opened = await openDatabase(DIR, { fileSystem: damagedFs }).then(
        async (d) => {
          const seen = d.read((v) => [...v.nodes()].map((n) => n.properties.i));
          await d.close();
          return seen;
        },
        (err: unknown) => err,
      );
      assert.ok(
        opened instanceof SkeinError && TYPED.includes(opened.code),
        `${name}: opened with nodes ${JSON.stringify(opened)} though transaction 1 is gone`,
      );
    }
  });

  test("a crafted torn tail is still cut as a torn tail", async () => {
    const fs = new MemFs();
    const db = await openDatabase(DIR, { fileSystem: fs });
    await db.write((tx) => tx.createNode(["N"]));
    await db.close();
    const path = `${WAL_DIR}/0000000001.wal`;
    const size = 128 * 1024;
    const tail = new Uint8Array(size);
    // At every fifth byte a length that fits what remains and a valid kind: each is a
    // candidate record whose CRC covers the rest of the file, so a scan that checks each
    // candidate in full does work quadratic in the tail.
    for (let o = 0; o + 5 <= size; o += 5) {
      new DataView(tail.buffer).setUint32(o, size - o, true);
      tail[o + 4] = 2;
    }
    const crafted = fs.crash();
    crafted.setBytes(path, concat(fs.bytesOf(path), tail));
    const again = await openDatabase(DIR, { fileSystem: crafted });
    try {
      assert.equal(again.status().recovery?.tornTailCut, true);
      assert.equal(
        again.read((v) => v.nodeCount),
        1,
      );
    } finally {
      await again.close();
    }
  });
});
