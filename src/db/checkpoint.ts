// A checkpoint: make the log durable, write a snapshot of the graph stamped with the log's
// fence, append the checkpoint marker, drop snapshots beyond the ones kept, and truncate
// the log up to the oldest kept snapshot's fence (so a damaged newest snapshot can still
// fall back to the one before it). It runs synchronously from start to end: no write can
// slip between the fence and the snapshot, because writes apply synchronously too.
//
// Crash safety, step by step: before the snapshot is renamed into place, reopening uses
// the previous snapshot and replays more of the log; after it, the new snapshot and a
// shorter replay; the marker and the truncation only ever remove what a kept snapshot
// already covers.
import type { FileSystem } from "../internal/fs.js";
import { crashPoint } from "../internal/crash-point.js";
import { listSnapshots, removeOldSnapshots, writeSnapshot } from "../snapshot/index.js";
import type { Graph } from "../store/graph.js";
import { ensureDurableDir, type Wal } from "../wal/index.js";

export interface CheckpointResult {
  /** The fence: every transaction committed at or below it is in the snapshot. */
  readonly lsn: number;
  readonly snapshotPath: string;
  readonly snapshotBytes: number;
}

export interface CheckpointSteps {
  readonly snapshotsToKeep: number;
  /** Called once the snapshot is durable under its final name. */
  readonly onSnapshotDurable: (fenceLsn: number) => void;
}

export function runCheckpoint(
  fs: FileSystem,
  snapshotDir: string,
  graph: Graph,
  wal: Wal,
  steps: CheckpointSteps,
): CheckpointResult {
  wal.forceFsync();
  const fence = wal.nextLsn - 1;
  ensureDurableDir(fs, snapshotDir);
  const written = writeSnapshot(fs, snapshotDir, {
    fenceLsn: fence,
    nextNodeId: graph.nextNodeId,
    nextRelationshipId: graph.nextRelationshipId,
    nodeCount: graph.nodeCount,
    relationshipCount: graph.relationshipCount,
    nodes: () => graph.nodeRecords(),
    relationships: () => graph.relationshipRecords(),
  });
  steps.onSnapshotDurable(fence);
  crashPoint("checkpoint.afterSnapshot");
  wal.checkpointMarker(fence);
  wal.flush();
  crashPoint("checkpoint.afterMarker");
  removeOldSnapshots(fs, snapshotDir, steps.snapshotsToKeep);
  crashPoint("checkpoint.afterRetention");
  const kept = listSnapshots(fs, snapshotDir);
  // Until `snapshotsToKeep` snapshots exist, the whole log stays: it is what a damaged
  // snapshot falls back to. After that, the log goes back to the oldest kept snapshot.
  if (kept.length >= steps.snapshotsToKeep) {
    wal.truncateUpTo(Math.min(fence, ...kept.map((s) => s.fenceLsn)));
  }
  return { lsn: fence, snapshotPath: written.path, snapshotBytes: written.sizeBytes };
}
