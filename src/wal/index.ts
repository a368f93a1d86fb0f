// The write-ahead log.
//   format.ts         segment header layout, record constants and kinds
//   lsn.ts            LSN bounds and argument checks
//   record.ts         record framing: encode one record, read and check one record
//   segment-dir.ts    segment file naming and listing
//   segment.ts        one segment being appended to: buffer, write, sync, seal, create
//   damage.ts         damage judgement: torn tail, corruption or malformed, segment continuity
//   tx-tracker.ts     replay's transaction bookkeeping: open transactions, commits handed over
//   replay.ts         reading a directory back: the segment scan, committed transactions
//   lock.ts           the exclusive directory lock across processes
//   flusher.ts        the group-mode background fsync timer
//   shared-sync.ts    group commit: overlapping sync() callers share fsyncs
//   options.ts        WalOptions, defaults and validation
//   open-recovery.ts  open-time steps around replay: durable dir, temp segments, torn tail
//   wal.ts            the log itself
//   replay-dir.ts     read-only replay of a directory (no lock, no repair)
//   inspect.ts        read-only inspection: segments, records, verification of the whole log
//   repair.ts         cutting a damaged log at its first bad record, with a backup
export { Wal, defaultFileSystem } from "./wal.js";
export { ensureDurableDir, type WalRecovery } from "./open-recovery.js";
export type { WalOptions, SyncMode, ResolvedWalOptions } from "./options.js";
export { resolveWalOptions, DEFAULT_WAL_OPTIONS } from "./options.js";
export { replayDir, type ReplayDirResult } from "./replay-dir.js";
export type { TornTail, CommitSink, ReplayOutcome } from "./replay.js";
export { replaySegments } from "./replay.js";
export { acquireDirLock, LOCK_FILE_NAME } from "./lock.js";
export { listSegments, segmentFileName, segmentPath } from "./segment-dir.js";
export type { SegmentEntry } from "./segment-dir.js";
export { inspectWal, readWalRecords, verifyWal } from "./inspect.js";
export type {
  WalInspection,
  SegmentInfo,
  SegmentProblem,
  WalProblem,
  WalProblemKind,
  WalRecordInfo,
  WalRecordKindName,
  WalVerification,
  TransactionCounts,
  ReadWalRecordsOptions,
  WalToolOptions,
} from "./inspect.js";
export { planRepair, repairWal, REPAIR_BACKUP_FORMAT } from "./repair.js";
export type { RepairOptions, RepairPlan, RepairResult, RepairCut } from "./repair.js";
