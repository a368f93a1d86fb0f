// Skein, used as a user would: through the built package's public entry (`npm run build`
// first), ../dist/index.js, or the copy of dist/ that run.mjs takes when it starts and names
// in SKEIN_BENCH_DIST, so that one run measures one build even if dist/ is rebuilt while it
// runs. A database directory holds `wal/` and `snapshots/`. Automatic checkpoints are off
// (snapshotEveryCommits: 0) so that W4's "log only" recovery replays the whole log, and so
// that no workload pays for a snapshot it did not ask for.
import { join } from "node:path";
import {
  NODE_LABEL,
  REL_TYPE,
  batches,
  nodeProperties,
  relEnds,
  relProperties,
} from "../lib/record.mjs";
import { startClock, stopClock, timedAfterWarmup } from "../lib/clock.mjs";
import { peakRssMib, settledMemory, treeBytes } from "../lib/disk.mjs";

const { openDatabase } = await import(process.env.SKEIN_BENCH_DIST ?? "../../dist/index.js");

const LABELS = [NODE_LABEL];

const open = (dir, syncMode) => openDatabase(dir, { syncMode, snapshotEveryCommits: 0 });
const createOne = (i) => (tx) => tx.createNode(LABELS, nodeProperties(i));

/** W1: `n` single-node writes, each awaited. */
export async function w1({ dir, mode, n, warmup = 0 }) {
  const db = await open(dir, mode);
  const s = await timedAfterWarmup(warmup, n, async (from, to) => {
    for (let i = from; i < to; i++) await db.write(createOne(i));
  });
  await db.close();
  return { opsPerS: n / s };
}

/** W2: `n` single-node writes issued at once; each resolves when its commit is durable. */
export async function w2({ dir, mode, n, warmup = 0 }) {
  const db = await open(dir, mode);
  const s = await timedAfterWarmup(warmup, n, async (from, to) => {
    const writes = [];
    for (let i = from; i < to; i++) writes.push(db.write(createOne(i)));
    await Promise.all(writes);
  });
  await db.close();
  return { opsPerS: n / s };
}

/** W3: `nodes` nodes then `rels` relationships, `batch` per awaited transaction. */
export async function w3({ dir, nodes, rels, batch }) {
  const db = await open(dir, "perCommit");
  const start = startClock();
  for (const [from, to] of batches(nodes, batch)) {
    await db.write((tx) => {
      for (let i = from; i < to; i++) tx.createNode(LABELS, nodeProperties(i));
    });
  }
  for (const [from, to] of batches(rels, batch)) {
    await db.write((tx) => {
      for (let i = from; i < to; i++) {
        const { src, dst } = relEnds(i, nodes);
        tx.createRelationship(src, dst, REL_TYPE, relProperties(i));
      }
    });
  }
  const s = stopClock(start);
  const peak = peakRssMib();
  const memory = settledMemory();
  const { nodeCount, relationshipCount } = db.status();
  await db.close();
  return {
    s,
    peakRssMib: peak,
    ...memory,
    entities: nodeCount + relationshipCount,
    logBytes: treeBytes(join(dir, "wal"), (name) => name.endsWith(".wal")),
  };
}

/** W4: open (recover) the graph W3 left, with or without a checkpoint to start from. */
export async function w4({ dir }) {
  const logBytes = treeBytes(join(dir, "wal"), (name) => name.endsWith(".wal"));
  const snapshotBytes = treeBytes(join(dir, "snapshots"));
  const start = startClock();
  const db = await open(dir, "perCommit");
  const s = stopClock(start);
  const { nodeCount, relationshipCount } = db.status();
  await db.close();
  return { s, logBytes, snapshotBytes, entities: nodeCount + relationshipCount };
}

/** Before W4 from a checkpoint: take one, as a user would after a bulk load. */
export async function checkpoint({ dir }) {
  const db = await open(dir, "perCommit");
  const start = startClock();
  await db.checkpoint();
  const s = stopClock(start);
  const { nodeCount, relationshipCount } = db.status();
  await db.close();
  return {
    s,
    entities: nodeCount + relationshipCount,
    snapshotBytes: treeBytes(join(dir, "snapshots")),
    logBytes: treeBytes(join(dir, "wal"), (name) => name.endsWith(".wal")),
  };
}
