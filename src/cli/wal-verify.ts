// `skein wal verify <dir>`: check a whole write-ahead log — every segment header, every
// record's CRC, every payload, and the transaction structure, exactly as opening the log
// judges it — and exit 0 when it is clean, or 1 with its first problem located exactly:
// segment, byte offset, LSN, and what is wrong. Reads only; takes no lock.
import { verifyWal, type WalVerification } from "../index.js";
import { EXIT_OK, EXIT_PROBLEM, type CliIO, type Command } from "./command.js";
import { parseCommandLine, positionals, printJson, reportFailures } from "./command-support.js";
import { DIR_HELP, fenceOf, resolveWalDir, walDirLine } from "./wal-dir.js";
import { plural, problemLines } from "./wal-text.js";

const HELP = `usage: skein wal verify <dir> [--json]

Check a whole write-ahead log: every segment header, every record's CRC, that
every mutation payload decodes (also those of transactions that opening the log
would skip), and the transaction structure, with the rules opening the log uses.
Exit 0 when all of it checks out. Otherwise exit 1 and report the first problem:
  segment   its id and file
  offset    the byte where the bad record (or header, at byte 0) starts
  lsn       the offending record's LSN when the record itself is intact (a
            structural problem), else the last intact LSN before it
  detail    what is wrong, in the words opening the log would use
  effect    what it means for opening the log, and what to do
A torn tail (the end of the last segment cut short by a crash) counts as a
problem here, though opening the log simply cuts it. Reads only; takes no lock.

${DIR_HELP}

Exit codes: 0 clean, 1 a problem was found, 2 usage error.

Options:
  --json    print one JSON document: {walDir, databaseDir, ok, segments, records,
            transactions: {committed, aborted, open}, maxLsn, checkpointLsnObserved,
            problem: null | {kind, code, segmentId, segmentPath, offsetBytes, lsn,
            lastGoodLsn, recordLsn, message}}

Examples:
  skein wal verify ./data/wal
  skein wal verify ./data --json
  skein wal verify ./data/wal || skein wal repair ./data/wal`;

export const walVerifyCommand: Command = {
  path: ["wal", "verify"],
  summary: "check a whole write-ahead log and locate its first problem",
  help: HELP,
  run: (args, io) => reportFailures("wal verify", io, () => runVerify(args, io)),
};

function summaryLine(v: WalVerification): string {
  const t = v.transactions;
  return (
    `${plural(v.segments, "segment")}, ${plural(v.records, "record")}, last lsn ${v.maxLsn}; ` +
    `transactions: ${t.committed} committed, ${t.aborted} aborted, ${t.open} open`
  );
}

function runVerify(args: string[], io: CliIO): Promise<number> {
  const { values, positionals: given } = parseCommandLine(args, { json: { type: "boolean" } });
  const [dirArg] = positionals(given, ["dir"]);
  const choice = resolveWalDir(dirArg!);
  const verified = verifyWal(choice.walDir, { fenceLsn: fenceOf(choice) });
  const code = verified.ok ? EXIT_OK : EXIT_PROBLEM;
  if (values.json) {
    const { dir: _dir, ...rest } = verified;
    printJson(io, { ...choice, ...rest });
    return Promise.resolve(code);
  }
  io.out(walDirLine(choice));
  if (verified.problem === null) {
    io.out(`ok: ${summaryLine(verified)}`);
    return Promise.resolve(code);
  }
  for (const line of problemLines(verified.problem)) io.out(line);
  io.out(`read before it: ${summaryLine(verified)}`);
  return Promise.resolve(code);
}
