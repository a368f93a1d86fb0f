// `skein wal status <dir>`: the segments of a write-ahead log, one line each: id, base LSN,
// sealed or not, size, record count, LSN range and records by kind. Reads only and takes no
// lock, so it also works on a log that is open. It reports; judging is `wal verify`'s job,
// so a problem is mentioned in the last line but does not change the exit code.
import { inspectWal, type SegmentInfo } from "../index.js";
import { EXIT_OK, type CliIO, type Command } from "./command.js";
import { parseCommandLine, positionals, printJson, reportFailures } from "./command-support.js";
import { DIR_HELP, fenceOf, resolveWalDir, walDirLine } from "./wal-dir.js";
import { kindsText, lsnRange, plural, problemKindText, tableLines } from "./wal-text.js";

const HELP = `usage: skein wal status <dir> [--json]

List the segments of a write-ahead log: id, base LSN, whether it is sealed, its
size in bytes, how many records it holds, their first and last LSN, and the
records by kind. Reads only and takes no lock, so it works while the log is open
(what it shows may then be a moment old).

${DIR_HELP}

Counts stop at a segment's first damaged record. The exit code is 0 even when the
log has a problem (the last line says so): \`skein wal verify\` judges the log, and
\`skein wal inspect\` shows each segment's problem.

Options:
  --json    print one JSON document: {walDir, databaseDir, segments: [{id, path,
            baseLsn, sealed, sizeBytes, records, recordsByKind, firstLsn, lastLsn}],
            sizeBytes, records, recordsByKind, firstLsn, lastLsn, problem}

Examples:
  skein wal status ./data/wal
  skein wal status ./data           # a database directory: reads ./data/wal
  skein wal status ./data --json`;

export const walStatusCommand: Command = {
  path: ["wal", "status"],
  summary: "list the segments of a write-ahead log",
  help: HELP,
  run: (args, io) => reportFailures("wal status", io, () => runStatus(args, io)),
};

function segmentRow(s: SegmentInfo): string[] {
  return [
    String(s.id),
    s.baseLsn === null ? "?" : String(s.baseLsn),
    s.sealed === null ? "?" : s.sealed ? "yes" : "no",
    String(s.sizeBytes),
    String(s.records),
    lsnRange(s.firstLsn, s.lastLsn),
    kindsText(s.recordsByKind),
  ];
}

function runStatus(args: string[], io: CliIO): Promise<number> {
  const { values, positionals: given } = parseCommandLine(args, { json: { type: "boolean" } });
  const [dirArg] = positionals(given, ["dir"]);
  const choice = resolveWalDir(dirArg!);
  const inspection = inspectWal(choice.walDir, { fenceLsn: fenceOf(choice) });
  if (values.json) {
    const { dir: _dir, segments, ...totals } = inspection;
    const list = segments.map(({ problem: _problem, ...s }) => s);
    printJson(io, { ...choice, segments: list, ...totals });
    return Promise.resolve(EXIT_OK);
  }
  io.out(walDirLine(choice));
  const header = ["segment", "base lsn", "sealed", "bytes", "records", "lsn", "records by kind"];
  for (const line of tableLines(header, inspection.segments.map(segmentRow))) io.out(line);
  const { segments, sizeBytes, records, firstLsn, lastLsn, problem } = inspection;
  io.out(
    `${plural(segments.length, "segment")}, ${sizeBytes} bytes, ${plural(records, "record")}, ` +
      `lsn ${lsnRange(firstLsn, lastLsn)}`,
  );
  if (problem !== null) {
    io.out(
      `the log has a problem (${problemKindText(problem.kind)} in segment ${problem.segmentId} ` +
        `at byte ${problem.offsetBytes}): run \`skein wal verify\` for details`,
    );
  }
  return Promise.resolve(EXIT_OK);
}
