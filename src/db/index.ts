// The database.
//   options.ts      DatabaseOptions, defaults and validation
//   transaction.ts  the write transaction: checks, events, undo
//   read-view.ts    the read-only view handed to readers
//   recovery.ts     newest good snapshot, then replay of the log above its fence
//   checkpoint.ts   snapshot, marker, retention, truncation
//   database.ts     Database: write, read, execute (through a QueryEngine), checkpoint,
//                   sync, status, close
//   open.ts         openDatabase
export { openDatabase } from "./open.js";
export {
  Database,
  type DatabaseStatus,
  type ExecuteOptions,
  type QueryAccess,
  type QueryEngine,
  type QueryResult,
} from "./database.js";
export type { DatabaseOptions } from "./options.js";
export type { WriteTransaction } from "./transaction.js";
export type { RecoveryReport, SnapshotProblem } from "./recovery.js";
export { databaseSnapshotFence } from "./recovery.js";
