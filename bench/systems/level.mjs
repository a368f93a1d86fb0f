// LevelDB through classic-level, keys node:<id> and rel:<id> with JSON values. A durable
// write is `put` (or `batch`) with { sync: true }: LevelDB fsyncs its log before it
// acknowledges, and writers waiting together share one log write and fsync. classic-level
// runs each call on the libuv thread pool, so W2's puts are truly in flight together.
// No adjacency index is kept: a relationship is one key.
import { ClassicLevel } from "classic-level";
import {
  NODE_LABEL,
  REL_TYPE,
  batches,
  nodeKey,
  nodeProperties,
  relEnds,
  relKey,
  relProperties,
} from "../lib/record.mjs";
import { startClock, stopClock, timedAfterWarmup } from "../lib/clock.mjs";
import { peakRssMib, settledMemory, treeBytes } from "../lib/disk.mjs";

const SYNC = { sync: true };
const nodeValue = (i) => ({ label: NODE_LABEL, props: nodeProperties(i) });

async function open(dir) {
  const db = new ClassicLevel(dir, { valueEncoding: "json" });
  await db.open();
  return db;
}

/** W1: `n` synced puts, each awaited. */
export async function w1({ dir, n, warmup = 0 }) {
  const db = await open(dir);
  const s = await timedAfterWarmup(warmup, n, async (from, to) => {
    for (let i = from; i < to; i++) await db.put(nodeKey(i), nodeValue(i), SYNC);
  });
  await db.close();
  return { opsPerS: n / s };
}

/** W2: `n` synced puts issued at once. */
export async function w2({ dir, n, warmup = 0 }) {
  const db = await open(dir);
  const s = await timedAfterWarmup(warmup, n, async (from, to) => {
    const writes = [];
    for (let i = from; i < to; i++) writes.push(db.put(nodeKey(i), nodeValue(i), SYNC));
    await Promise.all(writes);
  });
  await db.close();
  return { opsPerS: n / s };
}

/** W3: one synced batch per `batch` puts. */
export async function w3({ dir, nodes, rels, batch }) {
  const db = await open(dir);
  const start = startClock();
  for (const [from, to] of batches(nodes, batch)) {
    const ops = [];
    for (let i = from; i < to; i++) ops.push({ type: "put", key: nodeKey(i), value: nodeValue(i) });
    await db.batch(ops, SYNC);
  }
  for (const [from, to] of batches(rels, batch)) {
    const ops = [];
    for (let i = from; i < to; i++) {
      const value = { ...relEnds(i, nodes), type: REL_TYPE, props: relProperties(i) };
      ops.push({ type: "put", key: relKey(i), value });
    }
    await db.batch(ops, SYNC);
  }
  const s = stopClock(start);
  const peak = peakRssMib();
  const memory = settledMemory();
  let entities = 0;
  for await (const _key of db.keys()) entities++;
  await db.close();
  return { s, peakRssMib: peak, ...memory, entities, diskBytes: treeBytes(dir) };
}
