// `skein wal repair <dir> [--yes] [--backup FILE]`: cut a damaged write-ahead log at its
// first damaged record so that it opens again, saving every removed byte to a backup
// first. Without --yes it only says what it would cut and changes nothing (exit 1 when
// there is something to cut), so the destructive step is always a second, deliberate run.
import { planRepair, repairWal, type RepairPlan, type RepairResult } from "../index.js";
import { basename } from "node:path";
import { EXIT_OK, EXIT_PROBLEM, type CliIO, type Command } from "./command.js";
import { parseCommandLine, positionals, printJson, reportFailures } from "./command-support.js";
import { DIR_HELP, fenceOf, resolveWalDir, walDirLine, type WalDirChoice } from "./wal-dir.js";
import { plural, problemLines } from "./wal-text.js";

const HELP = `usage: skein wal repair <dir> [--yes] [--backup FILE] [--json]

Cut a damaged write-ahead log at its first damaged record, so that it opens again.
The damage repair cuts: a torn tail, a corrupted record, a segment header that does
not check out. It removes the bad record and everything after it: the rest of that
segment (or all of it, when its header is damaged) and every later segment. Every
removed byte is first saved to a backup file, with a one-line JSON header saying
which segment and offset each piece came from, and fsynced; then later segments are
deleted, newest first, and the damaged one is truncated. A crash part-way leaves a
shorter log with the damage still in place: run the repair again.

Without --yes nothing is changed: it prints the problem and what it would cut, and
exits 1 if there is something to cut. With --yes it takes the log's lock (a log
open anywhere, by Skein or LoraDB, is refused with WAL_ALREADY_OPEN), cuts, and
names the backup. A clean log needs nothing (exit 0). A log whose first problem is
intact records that cannot be replayed (WAL_MALFORMED, WAL_UNSUPPORTED_EVENT) is
not cut: that is not damage, and cutting would throw good records away (exit 1).

Committed transactions after the cut are lost from the log (they stay in the
backup); the log keeps every record before it.

${DIR_HELP}

Options:
  --yes          do it (without it, only say what would be done)
  --backup FILE  where to save the removed bytes; must not exist, and must not be
                 named like a segment (*.wal, *.wal.tmp) or the lock file. Default:
                 <wal dir>/repair-<UTC time>.bak, e.g. repair-20250102T030405678Z.bak
  --json         print one JSON document: {walDir, databaseDir, done, action:
                 "none" | "cut" | "refuse", problem, cuts: [{segmentId, segmentPath,
                 action: "truncate" | "delete", fromOffsetBytes, lengthBytes,
                 originalSizeBytes}], removedBytes, keptUpToLsn, reason, backupPath}

Exit codes: 0 clean or repaired, 1 something to cut without --yes, or not
repairable, or an error, 2 usage error.

Examples:
  skein wal repair ./data/wal                 # what would be cut; changes nothing
  skein wal repair ./data/wal --yes
  skein wal repair ./data --yes --backup /safe/place/wal-cut.bak`;

export const walRepairCommand: Command = {
  path: ["wal", "repair"],
  summary: "cut a damaged write-ahead log at its first bad record, with a backup",
  help: HELP,
  run: (args, io) => reportFailures("wal repair", io, () => runRepair(args, io)),
};

function cutLines(plan: RepairPlan, done: boolean): string[] {
  const verb = done ? "cut" : "would cut";
  const lines = [`${verb} (the log keeps every record up to lsn ${plan.keptUpToLsn}):`];
  for (const c of plan.cuts) {
    const what =
      c.action === "truncate"
        ? `truncated at byte ${c.fromOffsetBytes}, removing ${c.lengthBytes} of ${c.originalSizeBytes} bytes`
        : `deleted, ${c.originalSizeBytes} bytes`;
    lines.push(`  segment ${c.segmentId} (${basename(c.segmentPath)}): ${what}`);
  }
  lines.push(`${done ? "removed" : "would remove"} ${plural(plan.removedBytes, "byte")} in total`);
  return lines;
}

function textLines(choice: WalDirChoice, r: RepairPlan, backupPath: string | null, done: boolean) {
  const lines = [walDirLine(choice)];
  if (r.problem === null) return [...lines, "nothing to repair: the log checks out"];
  lines.push(...problemLines(r.problem));
  if (r.action === "refuse") return [...lines, `not repaired: ${r.reason ?? ""}`];
  lines.push(...cutLines(r, done));
  if (done) return [...lines, `backup of the removed bytes: ${backupPath ?? ""}`];
  const where = backupPath ?? "<wal dir>/repair-<UTC time>.bak";
  return [
    ...lines,
    `the removed bytes would be saved first to ${where}`,
    "nothing was changed: run again with --yes to repair",
  ];
}

function runRepair(args: string[], io: CliIO): Promise<number> {
  const { values, positionals: given } = parseCommandLine(args, {
    json: { type: "boolean" },
    yes: { type: "boolean" },
    backup: { type: "string" },
  });
  const [dirArg] = positionals(given, ["dir"]);
  const choice = resolveWalDir(dirArg!);
  const fenceLsn = fenceOf(choice);
  const options =
    values.backup === undefined ? { fenceLsn } : { fenceLsn, backupPath: values.backup };
  const done = values.yes === true;
  const result: RepairResult = done
    ? repairWal(choice.walDir, options)
    : { ...planRepair(choice.walDir, options), backupPath: values.backup ?? null };
  const code =
    result.action === "none" || (result.action === "cut" && done) ? EXIT_OK : EXIT_PROBLEM;
  if (values.json) {
    const { dir: _dir, ...rest } = result;
    printJson(io, { ...choice, done: done && result.action === "cut", ...rest });
    return Promise.resolve(code);
  }
  for (const line of textLines(choice, result, result.backupPath, done)) io.out(line);
  return Promise.resolve(code);
}
