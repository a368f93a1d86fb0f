// LoraDB 0.15 (@loradb/lora-node), the reference engine, over a WAL directory. Its only
// WAL mode is groupSync: `execute` resolves once the commit is written, and a background
// thread fsyncs every groupSyncIntervalMs (default 1000). So per-commit durability is
// `execute` followed by `sync()` ("perCommit" here), and "groupSync" is `execute` alone.
// Relationships find their ends by the unique `name` property, with an index on it
// created before the load: matching on id() scans every node in 0.15.
import { join } from "node:path";
import { openWalDatabase } from "@loradb/lora-node";
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

const CREATE_ONE = `CREATE (:${NODE_LABEL} {name: $name, age: $age, city: $city})`;
const CREATE_NODES = `UNWIND $rows AS r CREATE (:${NODE_LABEL} {name: r.name, age: r.age, city: r.city})`;
const CREATE_RELS =
  `UNWIND $rows AS r MATCH (a:${NODE_LABEL} {name: r.src}), (b:${NODE_LABEL} {name: r.dst}) ` +
  `CREATE (a)-[:${REL_TYPE} {since: r.since}]->(b)`;

const walDir = (dir) => join(dir, "wal");
const snapshotDir = (dir) => join(dir, "snapshots");
const isSegment = (name) => name.endsWith(".wal");

async function writeOne(db, i, durable) {
  await db.execute(CREATE_ONE, nodeProperties(i));
  if (durable) await db.sync();
}

/** W1: `n` single-node writes, each awaited; mode "perCommit" adds sync() to each. */
export async function w1({ dir, mode, n, warmup = 0 }) {
  const db = await openWalDatabase({ walDir: walDir(dir) });
  const s = await timedAfterWarmup(warmup, n, async (from, to) => {
    for (let i = from; i < to; i++) await writeOne(db, i, mode === "perCommit");
  });
  db.dispose();
  return { opsPerS: n / s };
}

/** W2: `n` writes issued at once; in "perCommit" each is acknowledged after its own sync(). */
export async function w2({ dir, mode, n, warmup = 0 }) {
  const db = await openWalDatabase({ walDir: walDir(dir) });
  const s = await timedAfterWarmup(warmup, n, async (from, to) => {
    const writes = [];
    for (let i = from; i < to; i++) writes.push(writeOne(db, i, mode === "perCommit"));
    await Promise.all(writes);
  });
  db.dispose();
  return { opsPerS: n / s };
}

function nodeRows(from, to) {
  const rows = [];
  for (let i = from; i < to; i++) rows.push(nodeProperties(i));
  return rows;
}

function relRows(from, to, nodes) {
  const rows = [];
  for (let i = from; i < to; i++) {
    const { src, dst } = relEnds(i, nodes);
    rows.push({
      src: nodeProperties(src).name,
      dst: nodeProperties(dst).name,
      ...relProperties(i),
    });
  }
  return rows;
}

/** W3: UNWIND batches of `batch` rows, each one commit made durable with sync(). */
export async function w3({ dir, nodes, rels, batch }) {
  const db = await openWalDatabase({ walDir: walDir(dir) });
  const start = startClock();
  await db.execute(`CREATE INDEX FOR (n:${NODE_LABEL}) ON (n.name)`);
  for (const [from, to] of batches(nodes, batch)) {
    await db.execute(CREATE_NODES, { rows: nodeRows(from, to) });
    await db.sync();
  }
  for (const [from, to] of batches(rels, batch)) {
    await db.execute(CREATE_RELS, { rows: relRows(from, to, nodes) });
    await db.sync();
  }
  const s = stopClock(start);
  const peak = peakRssMib();
  const memory = settledMemory();
  const entities = (await db.nodeCount()) + (await db.relationshipCount());
  db.dispose();
  return { s, peakRssMib: peak, ...memory, entities, logBytes: treeBytes(walDir(dir), isSegment) };
}

/** W4: open the WAL directory (replaying it), from the log alone or from its snapshot. */
export async function w4({ dir, mode }) {
  const logBytes = treeBytes(walDir(dir), isSegment);
  const options = mode === "checkpoint" ? { snapshotDir: snapshotDir(dir) } : {};
  const start = startClock();
  const db = await openWalDatabase({ walDir: walDir(dir), ...options });
  const s = stopClock(start);
  const entities = (await db.nodeCount()) + (await db.relationshipCount());
  db.dispose();
  return { s, logBytes, entities };
}

/**
 * Before W4 from a checkpoint. 0.15 has no checkpoint call: it checkpoints by itself after
 * snapshotEveryCommits commits when it has a snapshot directory. So open with one, and make
 * one commit that changes nothing (setting a property to the value it has, which 0.15 still
 * logs) to trigger it.
 */
export async function checkpoint({ dir }) {
  const db = await openWalDatabase({
    walDir: walDir(dir),
    snapshotDir: snapshotDir(dir),
    snapshotEveryCommits: 1,
  });
  const start = startClock();
  await db.execute(`MATCH (n:${NODE_LABEL} {name: $name}) SET n.age = n.age`, nodeProperties(0));
  await db.sync();
  const s = stopClock(start);
  const entities = (await db.nodeCount()) + (await db.relationshipCount());
  db.dispose();
  return {
    s,
    entities,
    snapshotBytes: treeBytes(snapshotDir(dir)),
    logBytes: treeBytes(walDir(dir), isSegment),
  };
}
