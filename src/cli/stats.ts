// `skein stats <dir>`: what a database holds and what it costs. Opens the database (the
// open is timed: that is the recovery time a user will see), counts nodes and
// relationships by label, type and property key in one pass over the graph, and adds the
// sizes of the log segments and snapshots on disk and the recovery report.
//
// Opening is a real open: it takes the directory's lock (a database open elsewhere gives
// WAL_ALREADY_OPEN) and cuts a torn log tail, as any open does.
import type { GraphView, RecoveryReport } from "../index.js";
import type { CliIO, Command } from "./command.js";
import { EXIT_OK } from "./command.js";
import { parseCommandLine, positionals, printJson, reportFailures } from "./command-support.js";
import { openTimed, requireDatabaseDir, storageFiles, totalBytes } from "./db-dir.js";
import { formatBytes, formatCount, plural } from "./progress.js";

const HELP = `usage: skein stats <dir> [--json]

Open the database in <dir> and report:
  - node and relationship counts, nodes by label, relationships by type,
    property keys with how many nodes / relationships have each;
  - the write-ahead log: segments, bytes, next and durable LSN;
  - snapshots: files and bytes; the last checkpoint's fence LSN;
  - recovery: how long opening took, the snapshot it started from and what
    it replayed.

Options:
  --json    print the statistics as JSON

Examples:
  skein stats ./data
  skein stats ./data --json | jq .labels`;

export const statsCommand: Command = {
  path: ["stats"],
  summary: "counts by label, type and property key; log and snapshot sizes; recovery time",
  help: HELP,
  run: (args, io) => reportFailures("stats", io, () => runStats(args, io)),
};

export interface GraphCounts {
  readonly nodes: number;
  readonly relationships: number;
  readonly labels: Map<string, number>;
  readonly relationshipTypes: Map<string, number>;
  readonly nodePropertyKeys: Map<string, number>;
  readonly relationshipPropertyKeys: Map<string, number>;
}

function increment(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** Counts by label, type and property key, in one pass. */
export function countGraph(view: GraphView): GraphCounts {
  const counts: GraphCounts = {
    nodes: view.nodeCount,
    relationships: view.relationshipCount,
    labels: new Map(),
    relationshipTypes: new Map(),
    nodePropertyKeys: new Map(),
    relationshipPropertyKeys: new Map(),
  };
  for (const n of view.nodes()) {
    for (const l of n.labels) increment(counts.labels, l);
    for (const k of Object.keys(n.properties)) increment(counts.nodePropertyKeys, k);
  }
  for (const r of view.relationships()) {
    increment(counts.relationshipTypes, r.type);
    for (const k of Object.keys(r.properties)) increment(counts.relationshipPropertyKeys, k);
  }
  return counts;
}

/** Most frequent first, then by name. */
function sorted(map: Map<string, number>): [string, number][] {
  return [...map].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

async function collect(dir: string) {
  const { db, openMs } = await openTimed(dir);
  try {
    return { counts: db.read(countGraph), status: db.status(), openMs };
  } finally {
    await db.close();
  }
}

async function runStats(args: string[], io: CliIO): Promise<number> {
  const { values, positionals: given } = parseCommandLine(args, { json: { type: "boolean" } });
  const dir = requireDatabaseDir(positionals(given, ["dir"])[0]!);
  const { counts, status, openMs } = await collect(dir);
  const files = storageFiles(dir);
  const stats = {
    dir,
    nodes: counts.nodes,
    relationships: counts.relationships,
    labels: Object.fromEntries(sorted(counts.labels)),
    relationshipTypes: Object.fromEntries(sorted(counts.relationshipTypes)),
    nodePropertyKeys: Object.fromEntries(sorted(counts.nodePropertyKeys)),
    relationshipPropertyKeys: Object.fromEntries(sorted(counts.relationshipPropertyKeys)),
    wal: {
      segments: files.segments.length,
      bytes: totalBytes(files.segments),
      oldestSegmentId: status.oldestSegmentId,
      activeSegmentId: status.activeSegmentId,
      nextLsn: status.nextLsn,
      durableLsn: status.durableLsn,
    },
    snapshots: {
      count: files.snapshots.length,
      bytes: totalBytes(files.snapshots),
      files: files.snapshots,
    },
    lastCheckpointLsn: status.lastCheckpointLsn,
    recovery: { openMs, ...recoveryOf(status.recovery) },
  };
  if (values.json) printJson(io, stats);
  else printText(io, stats, counts);
  return EXIT_OK;
}

function recoveryOf(r: RecoveryReport | null) {
  return {
    durationMs: r?.durationMs ?? 0,
    snapshotPath: r?.snapshotPath ?? null,
    snapshotFenceLsn: r?.snapshotFenceLsn ?? 0,
    replayedTransactions: r?.replayedTransactions ?? 0,
    replayedEvents: r?.replayedEvents ?? 0,
    tornTailCut: r?.tornTailCut ?? false,
    damagedSnapshots: r?.damagedSnapshots ?? [],
  };
}

function table(io: CliIO, title: string, rows: [string, number][]): void {
  io.out("");
  io.out(`${title}${rows.length === 0 ? ": none" : ""}`);
  const width = Math.max(0, ...rows.map(([k]) => k.length));
  const countWidth = Math.max(0, ...rows.map(([, n]) => formatCount(n).length));
  for (const [k, n] of rows) io.out(`  ${k.padEnd(width)}  ${formatCount(n).padStart(countWidth)}`);
}

type Stats = {
  dir: string;
  nodes: number;
  relationships: number;
  wal: {
    segments: number;
    bytes: number;
    oldestSegmentId: number;
    activeSegmentId: number;
    nextLsn: number;
    durableLsn: number;
  };
  snapshots: { count: number; bytes: number; files: readonly { fenceLsn: number }[] };
  lastCheckpointLsn: number;
  recovery: { openMs: number } & ReturnType<typeof recoveryOf>;
};

function printText(io: CliIO, s: Stats, counts: GraphCounts): void {
  io.out(`database       ${s.dir}`);
  io.out(`nodes          ${formatCount(s.nodes)}`);
  io.out(`relationships  ${formatCount(s.relationships)}`);
  table(io, "nodes by label", sorted(counts.labels));
  table(io, "relationships by type", sorted(counts.relationshipTypes));
  table(io, "node property keys (nodes with the key)", sorted(counts.nodePropertyKeys));
  table(
    io,
    "relationship property keys (relationships with the key)",
    sorted(counts.relationshipPropertyKeys),
  );
  io.out("");
  const w = s.wal;
  io.out(
    `wal            ${plural(w.segments, "segment")} (ids ${w.oldestSegmentId}..${w.activeSegmentId}), ${formatBytes(w.bytes)}; next lsn ${w.nextLsn}, durable lsn ${w.durableLsn}`,
  );
  const newest = s.snapshots.files[s.snapshots.files.length - 1];
  io.out(
    `snapshots      ${plural(s.snapshots.count, "file")}, ${formatBytes(s.snapshots.bytes)}${newest ? `; newest at lsn ${newest.fenceLsn}` : ""}`,
  );
  io.out(`checkpoint     last at lsn ${s.lastCheckpointLsn}`);
  const r = s.recovery;
  const from = r.snapshotPath === null ? "no snapshot" : `snapshot at lsn ${r.snapshotFenceLsn}`;
  io.out(
    `recovery       ${r.openMs.toFixed(1)} ms to open: ${from}, replayed ${plural(r.replayedTransactions, "transaction")} (${plural(r.replayedEvents, "event")})${r.tornTailCut ? ", torn log tail cut" : ""}`,
  );
  for (const d of r.damagedSnapshots)
    io.out(`  damaged snapshot passed over: ${d.path}: ${d.message}`);
}
