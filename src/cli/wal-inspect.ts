// `skein wal inspect <dir>`: what `wal status` shows, plus each segment's own problem and
// the totals, one block per segment. The log is judged as replay judges it up to its first
// problem; segments after that are checked for damage only. Reads only; takes no lock.
import { basename } from "node:path";
import { inspectWal, type SegmentInfo, type WalInspection } from "../index.js";
import { EXIT_OK, EXIT_PROBLEM, type CliIO, type Command } from "./command.js";
import { parseCommandLine, positionals, printJson, reportFailures } from "./command-support.js";
import { DIR_HELP, fenceOf, resolveWalDir, walDirLine } from "./wal-dir.js";
import {
  adviceText,
  kindsText,
  lsnRange,
  plural,
  problemKindText,
  problemLsnText,
} from "./wal-text.js";

const HELP = `usage: skein wal inspect <dir> [--json]

Show each segment of a write-ahead log, its header (base LSN, sealed), size,
records by kind and LSN range, and its first problem with the byte offset and the
last good LSN before it; then the totals and the log's first problem, as
\`skein wal verify\` reports it. Reads only and takes no lock.

The log is judged as opening it would judge it, up to its first problem; segments
after that one are still listed, checked for damage only (bad headers, bad
records), since the transaction structure means nothing past a problem.

${DIR_HELP}

Problem kinds: torn tail (the end of the last segment cut short by a crash; opening
cuts it), corruption (a damaged record elsewhere), bad segment header, malformed log
(intact records that cannot be replayed), unsupported event (a committed index or
constraint change).

Exit codes: 0 no problem, 1 a problem was found, 2 usage error.

Options:
  --json    print one JSON document: {walDir, databaseDir, segments: [{id, path,
            baseLsn, sealed, sizeBytes, records, recordsByKind, firstLsn, lastLsn,
            problem: {kind, code, offsetBytes, lsnAfter, message} | null}], sizeBytes,
            records, recordsByKind, firstLsn, lastLsn, checkpointLsnObserved, problem}

Examples:
  skein wal inspect ./data/wal
  skein wal inspect ./data --json`;

export const walInspectCommand: Command = {
  path: ["wal", "inspect"],
  summary: "show each segment of a write-ahead log with its problems",
  help: HELP,
  run: (args, io) => reportFailures("wal inspect", io, () => runInspect(args, io)),
};

function segmentLines(s: SegmentInfo): string[] {
  const base = s.baseLsn === null ? "base lsn ?" : `base lsn ${s.baseLsn}`;
  const sealed = s.sealed === null ? "header unreadable" : s.sealed ? "sealed" : "not sealed";
  const lines = [
    `segment ${s.id}  ${basename(s.path)}  ${base}  ${sealed}  ${s.sizeBytes} bytes`,
    `  ${plural(s.records, "record")}, lsn ${lsnRange(s.firstLsn, s.lastLsn)}: ${kindsText(s.recordsByKind)}`,
  ];
  if (s.problem !== null) {
    const p = s.problem;
    lines.push(
      `  problem: ${problemKindText(p.kind)} at byte ${p.offsetBytes}, after lsn ${p.lsnAfter}`,
      `    ${p.message}`,
      `    ${adviceText(p)}`,
    );
  }
  return lines;
}

function totalsLines(i: WalInspection): string[] {
  const checkpoint =
    i.checkpointLsnObserved === null
      ? "no checkpoint marker"
      : `newest checkpoint marker: snapshot lsn ${i.checkpointLsnObserved}`;
  return [
    `total: ${plural(i.segments.length, "segment")}, ${i.sizeBytes} bytes, ` +
      `${plural(i.records, "record")}, lsn ${lsnRange(i.firstLsn, i.lastLsn)}`,
    `  ${kindsText(i.recordsByKind)}; ${checkpoint}`,
  ];
}

function runInspect(args: string[], io: CliIO): Promise<number> {
  const { values, positionals: given } = parseCommandLine(args, { json: { type: "boolean" } });
  const [dirArg] = positionals(given, ["dir"]);
  const choice = resolveWalDir(dirArg!);
  const inspection = inspectWal(choice.walDir, { fenceLsn: fenceOf(choice) });
  const anyProblem =
    inspection.problem !== null || inspection.segments.some((s) => s.problem !== null);
  const code = anyProblem ? EXIT_PROBLEM : EXIT_OK;
  if (values.json) {
    const { dir: _dir, ...rest } = inspection;
    printJson(io, { ...choice, ...rest });
    return Promise.resolve(code);
  }
  io.out(walDirLine(choice));
  for (const s of inspection.segments) for (const line of segmentLines(s)) io.out(line);
  for (const line of totalsLines(inspection)) io.out(line);
  const p = inspection.problem;
  if (p === null) {
    io.out("the log checks out: no problem found");
  } else {
    io.out(
      `first problem: ${problemKindText(p.kind)} in segment ${p.segmentId} at byte ` +
        `${p.offsetBytes}, lsn ${problemLsnText(p)}`,
    );
  }
  return Promise.resolve(code);
}
