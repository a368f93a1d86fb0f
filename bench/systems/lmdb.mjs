// LMDB through lmdb-js, keys node:<id> and rel:<id> with JSON values, default options.
// lmdb-js batches asynchronous writes into transactions on its own thread, and by default
// (overlappingSync) a write's promise resolves when its transaction is committed and
// visible, before it is flushed; `db.flushed` resolves when the last commit is fsynced.
// Durable acknowledgement ("perCommit") is therefore `await put` then `await db.flushed`.
// No adjacency index is kept: a relationship is one key.
import { join } from "node:path";
import { open as openLmdb } from "lmdb";
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

const open = (dir) => openLmdb({ path: join(dir, "graph.mdb"), encoding: "json" });
const nodeValue = (i) => ({ label: NODE_LABEL, props: nodeProperties(i) });

async function putDurably(db, i) {
  await db.put(nodeKey(i), nodeValue(i));
  await db.flushed;
}

/** W1: `n` puts, each awaited until flushed. */
export async function w1({ dir, n, warmup = 0 }) {
  const db = open(dir);
  const s = await timedAfterWarmup(warmup, n, async (from, to) => {
    for (let i = from; i < to; i++) await putDurably(db, i);
  });
  await db.close();
  return { opsPerS: n / s };
}

/** W2: `n` puts issued at once (lmdb-js batches them), each acknowledged once flushed. */
export async function w2({ dir, n, warmup = 0 }) {
  const db = open(dir);
  const s = await timedAfterWarmup(warmup, n, async (from, to) => {
    const writes = [];
    for (let i = from; i < to; i++) writes.push(putDurably(db, i));
    await Promise.all(writes);
  });
  await db.close();
  return { opsPerS: n / s };
}

/** W3: one transaction per `batch` puts, awaited until flushed. */
export async function w3({ dir, nodes, rels, batch }) {
  const db = open(dir);
  const start = startClock();
  for (const [from, to] of batches(nodes, batch)) {
    await db.transaction(() => {
      for (let i = from; i < to; i++) void db.put(nodeKey(i), nodeValue(i));
    });
    await db.flushed;
  }
  for (const [from, to] of batches(rels, batch)) {
    await db.transaction(() => {
      for (let i = from; i < to; i++) {
        const value = { ...relEnds(i, nodes), type: REL_TYPE, props: relProperties(i) };
        void db.put(relKey(i), value);
      }
    });
    await db.flushed;
  }
  const s = stopClock(start);
  const peak = peakRssMib();
  const memory = settledMemory();
  const entities = db.getKeysCount();
  await db.close();
  return { s, peakRssMib: peak, ...memory, entities, diskBytes: treeBytes(dir) };
}
