// A checkpoint interrupted at every step. A database on MemFs is built the same way each
// time (data, a first snapshot, then more writes over several segments), and its next
// checkpoint is cut short at each of its file-system calls in turn:
//   - a fault from call N on (EIO, every call of any kind fails: the disk is gone), then
//     power loss;
//   - a fault at call N only, after which the same handle writes, syncs and checkpoints
//     again, then power loss;
//   - power loss right after call N succeeded (and before the first), the checkpoint
//     itself running to the end;
//   - a process crash right after call N: what was written survives, fsynced or not.
// After each, reopening must give the graph as it was before the checkpoint (plus what was
// acknowledged since), ids must not be reused, and the database must go on: write, reopen,
// checkpoint, lose power, reopen. MemFs's own faults count per kind of call; a wrapper
// here counts calls of every kind, the handles' included, in one sequence.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  SkeinError,
  date,
  float,
  openDatabase,
  point,
  type Database,
  type DatabaseOptions,
  type FileHandle,
  type FileSystem,
  type OpenMode,
  type DirLockHandle,
  type PropertyValue,
} from "../src/index.js";
import { MemFs } from "../src/testing/mem-fs.js";

const DIR = "/db";
const DIRS = [DIR, `${DIR}/wal`, `${DIR}/snapshots`];
const LABELS = ["A", "B", "After"];

function eio(op: string, path: string): SkeinError {
  const cause = Object.assign(new Error(`EIO: injected ${op} failure, ${path}`), { code: "EIO" });
  return new SkeinError("IO", `${op} failed for ${path}: EIO`, { cause });
}

/**
 * Counts every call, its handles' included, while `counting`; fails calls with EIO from
 * call `failAt` on (or at that call only, with `failOnce`); runs `afterCall` after each
 * counted call that succeeded. The directory lock is not I/O: never counted, never failed.
 */
class CountingFs implements FileSystem {
  readonly inner = new MemFs();
  counting = false;
  calls = 0;
  failAt = 0;
  failOnce = false;
  failed = 0;
  afterCall: ((n: number) => void) | null = null;

  call<T>(op: string, path: string, fn: () => T): T {
    if (!this.counting) return fn();
    const n = ++this.calls;
    if (this.failAt > 0 && (n === this.failAt || (!this.failOnce && n > this.failAt))) {
      this.failed++;
      throw eio(op, path);
    }
    const result = fn();
    this.afterCall?.(n);
    return result;
  }

  open(path: string, mode: OpenMode): FileHandle {
    return new CountingHandle(
      this,
      this.call("open", path, () => this.inner.open(path, mode)),
    );
  }
  mkdirp(path: string): void {
    this.call("mkdir", path, () => this.inner.mkdirp(path));
  }
  list(dir: string): string[] {
    return this.call("list", dir, () => this.inner.list(dir));
  }
  sizeOf(path: string): number | null {
    return this.call("stat", path, () => this.inner.sizeOf(path));
  }
  readFile(path: string): Uint8Array {
    return this.call("readFile", path, () => this.inner.readFile(path));
  }
  rename(from: string, to: string): void {
    this.call("rename", from, () => this.inner.rename(from, to));
  }
  unlink(path: string): void {
    this.call("unlink", path, () => this.inner.unlink(path));
  }
  syncDir(dir: string): void {
    this.call("syncDir", dir, () => this.inner.syncDir(dir));
  }
  lockDir(dir: string): DirLockHandle {
    return this.inner.lockDir(dir);
  }
}

class CountingHandle implements FileHandle {
  readonly #fs: CountingFs;
  readonly #h: FileHandle;

  constructor(fs: CountingFs, h: FileHandle) {
    this.#fs = fs;
    this.#h = h;
  }
  get path(): string {
    return this.#h.path;
  }
  read(buf: Uint8Array, offset: number, length: number, position: number): number {
    return this.#fs.call("read", this.path, () => this.#h.read(buf, offset, length, position));
  }
  write(bytes: Uint8Array, position: number): void {
    this.#fs.call("write", this.path, () => this.#h.write(bytes, position));
  }
  sync(): void {
    this.#fs.call("fsync", this.path, () => this.#h.sync());
  }
  syncAsync(): Promise<void> {
    try {
      return this.#fs.call("fsyncAsync", this.path, () => this.#h.syncAsync());
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }
  truncate(lengthBytes: number): void {
    this.#fs.call("truncate", this.path, () => this.#h.truncate(lengthBytes));
  }
  size(): number {
    return this.#fs.call("stat", this.path, () => this.#h.size());
  }
  close(): void {
    this.#fs.call("close", this.path, () => this.#h.close());
  }
}

/** What a process crash keeps: every byte written, fsynced or not, under the current names. */
function processCrash(fs: MemFs): MemFs {
  const next = new MemFs();
  for (const dir of DIRS) {
    next.mkdirp(dir);
    for (const name of fs.list(dir)) next.setBytes(`${dir}/${name}`, fs.bytesOf(`${dir}/${name}`));
  }
  return next;
}

// ---------------------------------------------------------------------------------------
// The graph, read whole (entities, indexes, adjacency), for exact comparison.

function sortedProps(p: Record<string, PropertyValue>): [string, PropertyValue][] {
  return Object.keys(p)
    .sort()
    .map((k) => [k, p[k]!]);
}

function dump(db: Database) {
  return db.read((v) => {
    const nodes = [...v.nodes()].sort((a, b) => a.id - b.id);
    const ids = (items: Iterable<{ id: number }>) =>
      [...items].map((x) => x.id).sort((a, b) => a - b);
    return {
      counts: [v.nodeCount, v.relationshipCount],
      nodes: nodes.map((n) => ({
        id: n.id,
        labels: [...n.labels].sort(),
        props: sortedProps(n.properties),
        out: ids(v.outgoing(n.id)),
        in: ids(v.incoming(n.id)),
      })),
      rels: [...v.relationships()]
        .sort((a, b) => a.id - b.id)
        .map((r) => ({ ...r, props: sortedProps(r.properties) })),
      byLabel: LABELS.map((label) => ids(v.nodes({ label }))),
      byType: ["R", "S"].map((type) => ids(v.relationships({ type }))),
    };
  });
}

type Dump = ReturnType<typeof dump>;

// ---------------------------------------------------------------------------------------
// The database under test, built the same way every time.

interface Config {
  readonly syncMode: "perCommit" | "none";
  readonly snapshotsToKeep: number;
}

interface Built {
  readonly fs: CountingFs;
  readonly db: Database;
  readonly before: Dump;
  readonly nodeIds: Set<number>;
  readonly relIds: Set<number>;
}

function options(config: Config, fs: FileSystem): DatabaseOptions {
  return {
    fileSystem: fs,
    syncMode: config.syncMode,
    segmentTargetBytes: 512,
    snapshotsToKeep: config.snapshotsToKeep,
    snapshotEveryCommits: 0,
  };
}

function props(i: number): Record<string, PropertyValue> {
  return {
    i,
    name: `node ${i}`,
    f: float(i),
    half: i + 0.5,
    big: 2n ** 60n + BigInt(i),
    list: [i, "x", null, [true]],
    map: { deep: { i }, kind: "not a tag" },
    ["__proto__"]: i,
    when: date({ year: 2000 + i, month: 1 + (i % 12), day: 1 + (i % 28) }),
    where: point({ x: i, y: -i, srid: 7203 }),
  };
}

async function build(config: Config): Promise<Built> {
  const fs = new CountingFs();
  const db = await openDatabase(DIR, options(config, fs));
  const nodeIds = new Set<number>();
  const relIds = new Set<number>();
  const track = ([n, r]: number[][]) => {
    n!.forEach((id) => nodeIds.add(id));
    r!.forEach((id) => relIds.add(id));
  };
  for (let i = 0; i < 8; i++) {
    track(
      await db.write((tx) => {
        const a = tx.createNode(["A"], props(i));
        const b = tx.createNode(["B"], { i });
        return [[a, b], [tx.createRelationship(a, b, "R", { i })]];
      }),
    );
  }
  await db.checkpoint(); // a first snapshot: retention and truncation have work to do
  for (let i = 0; i < 16; i++) {
    track(
      await db.write((tx) => {
        const a = tx.createNode(["A", "B"], props(100 + i));
        tx.setNodeProperty(a - 1, "later", [i, float(0)]);
        tx.addNodeLabel(2 * (i % 8), "B");
        const r = tx.createRelationship(a, 2 * (i % 8) + 1, "S", { i });
        if (i % 4 === 0) tx.deleteRelationship(i / 4);
        if (i % 5 === 1) tx.detachDeleteNode(a - 1);
        return [[a], [r]];
      }),
    );
  }
  await db.sync();
  const s = db.status();
  assert.ok(s.activeSegmentId - s.oldestSegmentId >= 2, "the log spans several segments");
  return { fs, db, before: dump(db), nodeIds, relIds };
}

/** Run the checkpoint with the calls counted; returns whether it succeeded. */
async function countedCheckpoint(fs: CountingFs, db: Database): Promise<boolean> {
  fs.counting = true;
  try {
    await db.checkpoint();
    return true;
  } catch (err) {
    if (fs.failed === 0) throw err; // no fault was injected: a real failure
    return false;
  } finally {
    fs.counting = false;
  }
}

/**
 * Reopen `fs` (the state after a crash): the graph must be `expected`; then write more,
 * reopen, checkpoint, lose power, reopen; nothing may be lost and no id reused.
 */
async function checkRecovery(fs: MemFs, expected: Dump, built: Built, where: string) {
  const config = { syncMode: "perCommit", snapshotsToKeep: 2 } as const;
  const db = await openDatabase(DIR, options(config, fs));
  assert.deepStrictEqual(dump(db), expected, `${where}: the recovered graph`);
  const [node, rel] = await db.write((tx) => {
    const n = tx.createNode(["After"], { where });
    return [n, tx.createRelationship(n, expected.nodes[0]!.id, "S")];
  });
  assert.ok(!built.nodeIds.has(node), `${where}: node id ${node} was handed out before`);
  assert.ok(!built.relIds.has(rel), `${where}: relationship id ${rel} was handed out before`);
  const after = dump(db);
  await db.close();
  const again = await openDatabase(DIR, options(config, fs));
  assert.deepStrictEqual(dump(again), after, `${where}: after writing more and reopening`);
  await again.checkpoint();
  const crashed = fs.crash();
  await again.close();
  const last = await openDatabase(DIR, options(config, crashed));
  assert.deepStrictEqual(dump(last), after, `${where}: after a later checkpoint and power loss`);
  await last.close();
}

/** Fault from call N on, every kind: N = 1, 2, ... until the checkpoint does not reach it. */
async function persistentFaults(config: Config): Promise<number> {
  let states = 0;
  for (let n = 1; ; n++) {
    const built = await build(config);
    const { fs, db } = built;
    fs.failAt = n;
    const ok = await countedCheckpoint(fs, db);
    const where = `${config.syncMode}/${config.snapshotsToKeep}: fault from call ${n} on`;
    assert.equal(ok, fs.failed === 0, `${where}: the checkpoint failed exactly when faulted`);
    assert.deepStrictEqual(dump(db), built.before, `${where}: the live graph is unchanged`);
    const crashed = fs.inner.crash();
    await db.close().catch(() => undefined);
    await checkRecovery(crashed, built.before, built, where);
    states++;
    if (ok) return states;
  }
}

/** Fault at call N only; the same handle goes on, then power is lost. */
async function transientFaults(config: Config): Promise<number> {
  let states = 0;
  for (let n = 1; ; n++) {
    const built = await build(config);
    const { fs, db } = built;
    fs.failAt = n;
    fs.failOnce = true;
    await countedCheckpoint(fs, db);
    const where = `${config.syncMode}/${config.snapshotsToKeep}: fault at call ${n} only`;
    assert.deepStrictEqual(dump(db), built.before, `${where}: the live graph is unchanged`);
    const expected = await goOn(db, built, where);
    const crashed = fs.inner.crash();
    await db.close().catch(() => undefined);
    await checkRecovery(crashed, expected, built, where);
    states++;
    if (fs.failed === 0) return states;
  }
}

/**
 * After a failed checkpoint: a log that is not poisoned takes a write, a sync and another
 * checkpoint; one that is refuses writes. Returns the graph a crash must keep.
 */
async function goOn(db: Database, built: Built, where: string): Promise<Dump> {
  if (db.status().bgFailure !== null) {
    await assert.rejects(
      db.write((tx) => tx.createNode(["After"])),
      (e) => e instanceof SkeinError && e.code === "WAL_POISONED",
      `${where}: a poisoned log refuses writes`,
    );
    return built.before;
  }
  const id = await db.write((tx) => tx.createNode(["After"], { id: -1 }));
  built.nodeIds.add(id);
  await db.sync();
  const expected = dump(db);
  await db.checkpoint();
  assert.deepStrictEqual(dump(db), expected, `${where}: a second checkpoint changes nothing`);
  return expected;
}

/** Power loss, and a process crash, right after each call of a checkpoint that succeeds. */
async function crashesAfterCalls(config: Config): Promise<number> {
  const built = await build(config);
  const { fs, db } = built;
  const powerLoss: MemFs[] = [fs.inner.crash()];
  const processCrashes: MemFs[] = [processCrash(fs.inner)];
  fs.afterCall = () => {
    powerLoss.push(fs.inner.crash());
    processCrashes.push(processCrash(fs.inner));
  };
  assert.ok(await countedCheckpoint(fs, db), "the checkpoint succeeds");
  fs.afterCall = null;
  assert.equal(powerLoss.length, fs.calls + 1);
  await db.close();
  const tag = `${config.syncMode}/${config.snapshotsToKeep}`;
  for (const [i, state] of powerLoss.entries()) {
    await checkRecovery(state, built.before, built, `${tag}: power loss after call ${i}`);
  }
  for (const [i, state] of processCrashes.entries()) {
    await checkRecovery(state, built.before, built, `${tag}: process crash after call ${i}`);
  }
  return powerLoss.length + processCrashes.length;
}

const CONFIGS: Config[] = [
  { syncMode: "perCommit", snapshotsToKeep: 1 },
  { syncMode: "perCommit", snapshotsToKeep: 2 },
  { syncMode: "none", snapshotsToKeep: 2 },
];

describe("a checkpoint cut short at every file-system call", () => {
  let total = 0;
  for (const config of CONFIGS) {
    const tag = `${config.syncMode}, keeping ${config.snapshotsToKeep} snapshot(s)`;
    test(`${tag}: a fault from call N on, then power loss`, async (t) => {
      const states = await persistentFaults(config);
      total += states;
      t.diagnostic(`${states} crash states checked`);
    });
    test(`${tag}: a fault at call N only, the handle goes on, then power loss`, async (t) => {
      const states = await transientFaults(config);
      total += states;
      t.diagnostic(`${states} crash states checked`);
    });
    test(`${tag}: power loss or a process crash right after call N`, async (t) => {
      const states = await crashesAfterCalls(config);
      total += states;
      t.diagnostic(`${states} crash states checked`);
    });
  }
  test("report", (t) => {
    t.diagnostic(`${total} crash states checked in all`);
    assert.ok(total > 100, `only ${total} crash states`);
  });
});
