// Which directory a `skein wal` command reads: the argument itself when it is a WAL
// directory, or the `wal` folder of a database directory (where a database keeps its log,
// docs/database.md). A directory that holds segments is a WAL directory whatever else it
// holds; one without segments but with a `wal` folder is taken for a database directory.
// The commands refuse a path that does not exist rather than treat it as an empty log
// (and `wal truncate`, which opens the log, would otherwise create it).
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { databaseSnapshotFence } from "../index.js";
import { CommandFailure } from "./command-support.js";

/** A segment's file name (docs/wal-format.md, "Directory"). */
export const SEGMENT_NAME = /^\d+\.wal$/;

export interface WalDirChoice {
  /** The directory holding the segments. */
  readonly walDir: string;
  /** The database directory it belongs to, when the argument was one; else null. */
  readonly databaseDir: string | null;
}

function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

export function resolveWalDir(arg: string): WalDirChoice {
  const root = resolve(arg);
  if (!existsSync(root)) throw new CommandFailure(`no wal directory at ${root}: it does not exist`);
  if (!isDirectory(root)) {
    throw new CommandFailure(`no wal directory at ${root}: it is not a directory`);
  }
  const hasSegments = readdirSync(root).some((name) => SEGMENT_NAME.test(name));
  const inner = join(root, "wal");
  if (!hasSegments && isDirectory(inner)) return { walDir: inner, databaseDir: root };
  return { walDir: root, databaseDir: null };
}

/**
 * The fence the log is judged from: a database's newest good snapshot covers everything
 * at or below it, so records missing there are not damage. 0 for a bare log directory.
 */
export function fenceOf(choice: WalDirChoice): number {
  return choice.databaseDir === null ? 0 : databaseSnapshotFence(choice.databaseDir);
}

/** The first line of a command's text output: which directory it read. */
export function walDirLine(choice: WalDirChoice): string {
  return choice.databaseDir === null
    ? `wal directory ${choice.walDir}`
    : `wal directory ${choice.walDir} (the log of database directory ${choice.databaseDir})`;
}

/** The help paragraph on <dir>, shared by every `skein wal` command. */
export const DIR_HELP = `<dir> is a write-ahead-log directory, or a database directory: when <dir> holds no
segment files but has a "wal" folder (where a database keeps its log), that folder is
used. Directories written by LoraDB 0.15 work the same way.`;
