// Read-only replay of a WAL directory, for tools and tests: it takes no lock and changes
// nothing, not even a torn tail (it only reports it). The log's own open path is wal.ts.
import { NodeFileSystem, type FileSystem } from "../internal/fs.js";
import { SkeinError } from "../internal/errors.js";
import type { MutationEvent } from "../store/index.js";
import { checkLsnArgument } from "./lsn.js";
import { replaySegments, type TornTail } from "./replay.js";
import { listSegments } from "./segment-dir.js";

export interface ReplayDirResult {
  /** Events of committed transactions above the fence, in commit order. */
  readonly events: MutationEvent[];
  /** Highest LSN read, committed or not; 0 for an empty log. */
  readonly maxLsn: number;
  readonly tornTail: TornTail | null;
  readonly checkpointLsnObserved: number | null;
}

function noLocking(): never {
  throw new SkeinError("INVALID_ARGUMENT", "read-only replay takes no lock");
}

export function replayDir(
  dir: string,
  checkpointLsn = 0,
  fs: FileSystem = new NodeFileSystem(noLocking),
): ReplayDirResult {
  if (typeof dir !== "string" || dir.length === 0) {
    throw new TypeError("wal directory must be a non-empty string");
  }
  checkLsnArgument("checkpointLsn", checkpointLsn);
  const events: MutationEvent[] = [];
  const outcome = replaySegments(fs, listSegments(fs, dir), checkpointLsn, (evs) => {
    for (const ev of evs) events.push(ev);
  });
  return {
    events,
    maxLsn: outcome.maxLsn,
    tornTail: outcome.tornTail,
    checkpointLsnObserved: outcome.checkpointLsnObserved,
  };
}
