// `skein wal truncate <dir> --fence LSN`: open the log and delete the old segments whose
// records are all at or below the fence (Wal.truncateUpTo: the active segment and the one
// before it always stay), then report what went. Opening takes the directory lock, so a
// log open elsewhere is refused, and it repairs what opening repairs (a torn tail, an
// unfinished last segment), which is reported too.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { Wal } from "../index.js";
import { EXIT_OK, UsageError, type CliIO, type Command } from "./command.js";
import {
  intOption,
  parseCommandLine,
  positionals,
  printJson,
  reportFailures,
} from "./command-support.js";
import { DIR_HELP, SEGMENT_NAME, resolveWalDir, walDirLine } from "./wal-dir.js";
import { plural } from "./wal-text.js";

const HELP = `usage: skein wal truncate <dir> --fence LSN [--json]

Open the write-ahead log in <dir> and delete its old segments whose records all
have an LSN at or below LSN, then close it. The active segment and the one before
it are always kept, and deletion stops at the first segment that must stay, so
what remains is a contiguous run of segments. Prints the segments removed and kept.

Records at or below the fence are gone for good: use a fence that a snapshot covers.
A database truncates its own log at every checkpoint, so on a database directory
this is rarely needed (\`skein checkpoint\` is the usual way).

Opening the log takes its lock (a log open in another process is refused with
WAL_ALREADY_OPEN) and repairs what opening always repairs: a torn tail is cut and
an unfinished last segment removed; the output says so. A log that does not open
(WAL_CORRUPTION, WAL_MALFORMED) is left as it is: see \`skein wal verify\`.

${DIR_HELP}

Options:
  --fence LSN   required: delete segments whose records are all at or below LSN
  --json        print one JSON document: {walDir, databaseDir, fenceLsn, removed:
                [{id, path}], kept: [{id, path}], oldestSegmentId, activeSegmentId,
                tornTailCut: {segmentPath, lastGoodOffset} | null, removedUnfinishedSegment}

Examples:
  skein wal truncate ./data/wal --fence 5000
  skein wal truncate ./data --fence 5000 --json`;

export const walTruncateCommand: Command = {
  path: ["wal", "truncate"],
  summary: "delete old segments at or below a fence LSN",
  help: HELP,
  run: (args, io) => reportFailures("wal truncate", io, () => runTruncate(args, io)),
};

function segmentFiles(dir: string): { id: number; path: string }[] {
  return readdirSync(dir)
    .filter((name) => SEGMENT_NAME.test(name))
    .map((name) => ({ id: Number.parseInt(name, 10), path: join(dir, name) }))
    .sort((a, b) => a.id - b.id);
}

function truncateOpen(wal: Wal, fenceLsn: number) {
  const before = segmentFiles(wal.dir);
  wal.truncateUpTo(fenceLsn);
  const after = segmentFiles(wal.dir);
  return {
    before,
    after,
    oldestSegmentId: wal.oldestSegmentId,
    activeSegmentId: wal.activeSegmentId,
  };
}

function runTruncate(args: string[], io: CliIO): Promise<number> {
  const { values, positionals: given } = parseCommandLine(args, {
    json: { type: "boolean" },
    fence: { type: "string" },
  });
  const [dirArg] = positionals(given, ["dir"]);
  if (values.fence === undefined) throw new UsageError("missing --fence LSN");
  const fenceLsn = intOption("fence", values.fence, 0, 0);
  const choice = resolveWalDir(dirArg!);
  const wal = Wal.openWithSink(choice.walDir, undefined, () => undefined);
  const recovery = wal.recovery;
  let done: ReturnType<typeof truncateOpen>;
  try {
    done = truncateOpen(wal, fenceLsn);
  } finally {
    wal.close();
  }
  const { before, after, oldestSegmentId, activeSegmentId } = done;
  const keptIds = new Set(after.map((s) => s.id));
  const removed = before.filter((s) => !keptIds.has(s.id));
  const result = {
    ...choice,
    fenceLsn,
    removed,
    kept: after,
    oldestSegmentId,
    activeSegmentId,
    tornTailCut: recovery.tornTail,
    removedUnfinishedSegment: recovery.removedSegmentPath,
  };
  if (values.json) {
    printJson(io, result);
    return Promise.resolve(EXIT_OK);
  }
  io.out(walDirLine(choice));
  if (recovery.tornTail !== null) {
    const t = recovery.tornTail;
    io.out(`opening cut a torn tail: ${t.segmentPath} from byte ${t.lastGoodOffset}`);
  }
  if (recovery.removedSegmentPath !== null) {
    io.out(`opening removed an unfinished segment: ${recovery.removedSegmentPath}`);
  }
  const ids = (list: { id: number }[]): string => list.map((s) => s.id).join(", ");
  io.out(
    removed.length === 0
      ? `removed no segment at or below lsn ${fenceLsn}`
      : `removed ${plural(removed.length, "segment")} at or below lsn ${fenceLsn}: ${ids(removed)}`,
  );
  io.out(`kept ${plural(after.length, "segment")}: ${ids(after)} (active ${activeSegmentId})`);
  return Promise.resolve(EXIT_OK);
}
