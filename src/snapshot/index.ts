// src/snapshot: point-in-time copies of the graph, stamped with the log's fence, so that
// recovery loads one and replays only the log above it. Imports src/internal and
// src/store, never src/wal.
//   format.ts     the file format (byte diagram), file names, record encoding and decoding,
//                 SnapshotCorruptionError
//   writer.ts     writeSnapshot: streamed and crash-safe (temp file, fsync, rename, dir fsync)
//   reader.ts     listSnapshots; readSnapshot: verify the whole file, then decode records;
//                 loadSnapshot: the same, property maps left encoded in an arena
//   retention.ts  removeOldSnapshots: keep the newest N, remove stale temporary files
//
// Format details: docs/snapshot-format.md.
export {
  SnapshotCorruptionError,
  type SnapshotHeader,
  type SnapshotNode,
  type SnapshotRelationship,
} from "./format.js";
export { writeSnapshot, type SnapshotContents } from "./writer.js";
export { listSnapshots, loadSnapshot, readSnapshot } from "./reader.js";
export type { EncodedSnapshotSink, SnapshotListing, SnapshotSink } from "./reader.js";
export { removeOldSnapshots } from "./retention.js";
