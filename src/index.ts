// The public entry of `skeindb`: everything a user imports comes from here, and nothing
// else is public. Folders:
//   internal/  bytes, crc, the file-system seam, errors
//   store/     the value model, mutation events, the LW1 codec
//   wal/       the write-ahead log
export { SkeinError, WalCorruptionError, type SkeinErrorCode } from "./internal/errors.js";
export type { FileSystem, FileHandle, OpenMode, DirLockHandle } from "./internal/fs.js";
export * from "./store/index.js";
export {
  Wal,
  replayDir,
  type WalOptions,
  type SyncMode,
  type WalRecovery,
  type ReplayDirResult,
  type TornTail,
} from "./wal/index.js";
