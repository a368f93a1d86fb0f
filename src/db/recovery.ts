// Recovery at open: load the newest snapshot that checks out (a damaged one is reported
// and passed over for the one before it), then open the log with the snapshot's fence so
// replay applies only what came after it. Every replayed event goes through the graph's
// one `apply`, the same path live writes take. It decides nothing about later writes.
import { join } from "node:path";
import type { FileSystem } from "../internal/fs.js";
import { SkeinError } from "../internal/errors.js";
import { listSnapshots, loadSnapshot, readSnapshot } from "../snapshot/index.js";
import { Graph } from "../store/graph.js";
import type { Properties } from "../store/values.js";
import { Wal, defaultFileSystem } from "../wal/index.js";
import type { ResolvedDatabaseOptions } from "./options.js";

export interface SnapshotProblem {
  readonly path: string;
  readonly message: string;
}

export interface RecoveryReport {
  /** The snapshot the graph was loaded from, or null when the log alone was replayed. */
  readonly snapshotPath: string | null;
  readonly snapshotFenceLsn: number;
  /** Damaged snapshots passed over, newest first. */
  readonly damagedSnapshots: readonly SnapshotProblem[];
  readonly replayedTransactions: number;
  readonly replayedEvents: number;
  readonly tornTailCut: boolean;
  readonly durationMs: number;
}

export interface Recovered {
  readonly graph: Graph;
  readonly wal: Wal;
  readonly report: RecoveryReport;
}

export function walDirOf(dir: string): string {
  return join(dir, "wal");
}

/** Suffix given to a damaged snapshot set aside at open. */
export const DAMAGED_SUFFIX = ".damaged";

export function snapshotDirOf(dir: string): string {
  return join(dir, "snapshots");
}

function recoverSnapshot(
  fs: FileSystem,
  dir: string,
): { graph: Graph; path: string | null; fence: number; damaged: SnapshotProblem[] } {
  const damaged: SnapshotProblem[] = [];
  for (const snap of listSnapshots(fs, dir)) {
    const graph = new Graph();
    try {
      // Property maps stay encoded until first read (src/store/property-arena.ts).
      let base = 0;
      const at = (p: Properties | number) => (typeof p === "number" ? base + p : p);
      const header = loadSnapshot(fs, snap.path, {
        begin: (header, fileBytes) => {
          graph.reserveIds(header.nextNodeId, header.nextRelationshipId);
          if (fileBytes) base = graph.encoded.adopt(fileBytes);
        },
        node: (id, labels, p) => graph.loadNode(id, labels, at(p)),
        relationship: (id, src, dst, type, p) => graph.loadRelationship(id, src, dst, type, at(p)),
      });
      graph.nextNodeId = Math.max(graph.nextNodeId, header.nextNodeId);
      graph.nextRelationshipId = Math.max(graph.nextRelationshipId, header.nextRelationshipId);
      return { graph, path: snap.path, fence: header.fenceLsn, damaged };
    } catch (err) {
      // Only damage is passed over; an I/O error (EIO, EACCES) stops the open.
      if (!(err instanceof SkeinError) || err.code !== "SNAPSHOT_CORRUPTION") throw err;
      damaged.push({ path: snap.path, message: err.message });
    }
  }
  return { graph: new Graph(), path: null, fence: 0, damaged };
}

/**
 * Move damaged snapshots aside (`<name>.damaged`), so retention never keeps one in place
 * of a good snapshot and the log is never truncated on its account; the file stays for
 * an operator to inspect.
 */
function setAside(fs: FileSystem, dir: string, damaged: readonly SnapshotProblem[]): void {
  if (damaged.length === 0) return;
  for (const d of damaged) fs.rename(d.path, `${d.path}${DAMAGED_SUFFIX}`);
  fs.syncDir(dir);
}

/** Load the newest good snapshot, then replay the log above its fence. */
export function recover(fs: FileSystem, dir: string, opts: ResolvedDatabaseOptions): Recovered {
  const started = performance.now();
  const snap = recoverSnapshot(fs, snapshotDirOf(dir));
  const graph = snap.graph;
  let transactions = 0;
  let events = 0;
  const wal = Wal.openWithSink(
    walDirOf(dir),
    { ...opts.wal, checkpointLsn: snap.fence },
    (evs, commitLsn, kept) => {
      transactions++;
      events += evs.length;
      try {
        for (let i = 0; i < evs.length; i++) {
          const ev = evs[i]!;
          const at = kept[i]!;
          // A create whose properties were kept encoded: loaded like a snapshot's entity.
          if (at < 0) graph.apply(ev, undefined, true);
          else if (ev.kind === "createNode") graph.loadNode(ev.id, ev.labels, at);
          else if (ev.kind === "createRelationship") {
            graph.loadRelationship(ev.id, ev.src, ev.dst, ev.type, at);
          }
        }
      } catch (err) {
        const detail = err instanceof Error ? err.message : String(err);
        throw new SkeinError(
          "WAL_MALFORMED",
          `transaction committed at lsn ${commitLsn} cannot be applied: ${detail}`,
          { cause: err },
        );
      }
    },
    fs,
    // Property maps of replayed creates stay encoded until first read, like a snapshot's.
    (bytes, start, end) => graph.encoded.append(bytes, start, end),
  );
  graph.encoded.seal();
  if (snap.fence < wal.recovery.firstBaseLsn - 1) {
    wal.close();
    const base = `cannot recover ${dir}: the log starts at lsn ${wal.recovery.firstBaseLsn}`;
    if (snap.damaged.length > 0) {
      const paths = snap.damaged.map((d) => d.path).join(", ");
      const older =
        snap.path === null
          ? "there is no older snapshot"
          : `the newest good snapshot ends at lsn ${snap.fence}`;
      throw new SkeinError(
        "SNAPSHOT_CORRUPTION",
        `${base}, the snapshots it needs are damaged (${paths}) and ${older}`,
      );
    }
    const have =
      snap.path === null ? "there is no snapshot" : `the snapshot ends at lsn ${snap.fence}`;
    throw new SkeinError("WAL_MALFORMED", `${base} but ${have}: records in between are missing`);
  }
  try {
    setAside(fs, snapshotDirOf(dir), snap.damaged);
  } catch (err) {
    wal.close();
    throw err;
  }
  return {
    graph,
    wal,
    report: {
      snapshotPath: snap.path,
      snapshotFenceLsn: snap.fence,
      damagedSnapshots: snap.damaged,
      replayedTransactions: transactions,
      replayedEvents: events,
      tornTailCut: wal.recovery.tornTail !== null,
      durationMs: performance.now() - started,
    },
  };
}

/**
 * The fence of a database directory's newest snapshot that checks out, or 0 when there is
 * none: where replay of its log starts. Reads only; takes no lock. The log tools use it
 * so that LSNs a snapshot already covers are not taken for missing records.
 */
export function databaseSnapshotFence(dir: string, fs: FileSystem = defaultFileSystem()): number {
  for (const snap of listSnapshots(fs, snapshotDirOf(dir))) {
    try {
      return readSnapshot(fs, snap.path, { node: () => undefined, relationship: () => undefined })
        .fenceLsn;
    } catch (err) {
      if (!(err instanceof SkeinError) || err.code !== "SNAPSHOT_CORRUPTION") throw err;
    }
  }
  return 0;
}
