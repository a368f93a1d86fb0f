// SQLite through better-sqlite3, in WAL journal mode, with synchronous=FULL (every commit
// fsyncs the WAL: durable) or NORMAL (the WAL is fsynced only at checkpoints: a power loss
// may lose the last commits, a killed process loses nothing). The graph is two tables,
// nodes(id, label, props JSON) and rels(id, src, dst, type, props JSON), with indexes on
// label, src and dst, as a graph layer on SQLite would keep. better-sqlite3 is synchronous,
// so W2 cannot put commits in flight together: it is the W1 loop issued without awaiting.
import { join } from "node:path";
import Sqlite from "better-sqlite3";
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

function open(dir, synchronous) {
  const db = new Sqlite(join(dir, "graph.sqlite"));
  db.pragma("journal_mode = WAL");
  db.pragma(`synchronous = ${synchronous}`);
  db.exec(`
    CREATE TABLE IF NOT EXISTS nodes (id INTEGER PRIMARY KEY, label TEXT NOT NULL, props TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS rels (id INTEGER PRIMARY KEY, src INTEGER NOT NULL,
      dst INTEGER NOT NULL, type TEXT NOT NULL, props TEXT NOT NULL);
    CREATE INDEX IF NOT EXISTS nodes_label ON nodes (label);
    CREATE INDEX IF NOT EXISTS rels_src ON rels (src);
    CREATE INDEX IF NOT EXISTS rels_dst ON rels (dst);
  `);
  return {
    db,
    insertNode: db.prepare("INSERT INTO nodes (id, label, props) VALUES (?, ?, ?)"),
    insertRel: db.prepare("INSERT INTO rels (id, src, dst, type, props) VALUES (?, ?, ?, ?, ?)"),
  };
}

const insertNode = (s, i) => s.insertNode.run(i, NODE_LABEL, JSON.stringify(nodeProperties(i)));

/** W1 (and W2): `n` single-row autocommit inserts, one after another. */
export async function w1({ dir, mode, n, warmup = 0 }) {
  const s = open(dir, mode);
  const seconds = await timedAfterWarmup(warmup, n, (from, to) => {
    for (let i = from; i < to; i++) insertNode(s, i);
  });
  s.db.close();
  return { opsPerS: n / seconds };
}

export const w2 = w1;

/** W3: transactions of `batch` inserts, synchronous=FULL. */
export function w3({ dir, nodes, rels, batch }) {
  const s = open(dir, "FULL");
  const addNodes = s.db.transaction((from, to) => {
    for (let i = from; i < to; i++) insertNode(s, i);
  });
  const addRels = s.db.transaction((from, to) => {
    for (let i = from; i < to; i++) {
      const { src, dst } = relEnds(i, nodes);
      s.insertRel.run(i, src, dst, REL_TYPE, JSON.stringify(relProperties(i)));
    }
  });
  const start = startClock();
  for (const [from, to] of batches(nodes, batch)) addNodes(from, to);
  for (const [from, to] of batches(rels, batch)) addRels(from, to);
  const seconds = stopClock(start);
  const peak = peakRssMib();
  const memory = settledMemory();
  const count = (table) => s.db.prepare(`SELECT count(*) AS n FROM ${table}`).get().n;
  const entities = count("nodes") + count("rels");
  s.db.close();
  return { s: seconds, peakRssMib: peak, ...memory, entities, diskBytes: treeBytes(dir) };
}
