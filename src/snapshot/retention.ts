// Retention: which snapshots stay on disk. Keeps the newest `keep` snapshots by fence and
// removes the older ones and any `.tmp` a crashed or failed write left behind, then fsyncs
// the directory so the removals are durable.
//
// It does not decide when to run (checkpoints do, after the new snapshot is durable) and
// does not look inside files: a damaged newest snapshot still counts as kept. That is why
// the default keeps more than one; recovery falls back to an older one. It must not run
// while a snapshot is being written: the writer is synchronous, so one caller never
// overlaps the two, and the database directory lock keeps other processes out.
import { join } from "node:path";
import { SkeinError } from "../internal/errors.js";
import type { FileSystem } from "../internal/fs.js";
import { isSnapshotTempName } from "./format.js";
import { listSnapshots } from "./reader.js";

/** Removes all but the newest `keep` (at least 1) snapshots and stale `.tmp`s; returns their paths. */
export function removeOldSnapshots(fs: FileSystem, dir: string, keep: number): string[] {
  if (!Number.isSafeInteger(keep) || keep < 1) {
    throw new SkeinError(
      "INVALID_ARGUMENT",
      `snapshots to keep ${String(keep)} is not a positive integer`,
    );
  }
  const temps = fs
    .list(dir)
    .filter(isSnapshotTempName)
    .map((name) => join(dir, name));
  // Oldest first: a failure part-way leaves the newer of the doomed snapshots in place.
  const old = listSnapshots(fs, dir)
    .slice(keep)
    .reverse()
    .map((s) => s.path);
  const removed = [...temps, ...old];
  for (const path of removed) fs.unlink(path);
  if (removed.length > 0) fs.syncDir(dir);
  return removed;
}
