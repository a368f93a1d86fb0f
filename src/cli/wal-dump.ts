// `skein wal dump <dir> [--from-lsn N] [--limit N]`: the records of a write-ahead log as
// JSON lines, in log order, with the decoded events of mutation records. For reading a log
// by eye or feeding it to other tools; it judges nothing (a segment's records stop at its
// first damaged record, a payload that does not decode is reported on its record). Reads
// only; takes no lock.
import { readWalRecords } from "../index.js";
import { EXIT_OK, type CliIO, type Command } from "./command.js";
import { intOption, parseCommandLine, positionals, reportFailures } from "./command-support.js";
import { DIR_HELP, resolveWalDir } from "./wal-dir.js";
import { recordJson } from "./wal-json.js";

const HELP = `usage: skein wal dump <dir> [--from-lsn N] [--limit N] [--json]

Print the records of a write-ahead log as JSON lines, one record per line, in log
order:
  {"segmentId":1,"offsetBytes":32,"lengthBytes":25,"kind":"TxBegin","lsn":1,"txBeginLsn":0}
Mutation and MutationBatch records also carry "events", their decoded mutation
events ({"kind":"createNode","id":0,"labels":[..],"properties":{..}}, ...), or
"decodeError": {"code", "message"} when the payload does not decode. Each segment
is read up to its first damaged record; \`skein wal verify\` says what is wrong.
Reads only and takes no lock.

${DIR_HELP}

Values in events are exact, and safe for any JSON reader: no number beyond 2^53 is
written as a number.
  null, true, "text", [..]          themselves
  42                                an Int that is a safe integer
  {"$int": "9223372036854775807"}   any other Int, in decimal
  0.5, 1e+300                       a Float that is not integral
  {"$float": 3}                     an integral Float; NaN, Infinity, -Infinity and -0
                                    as the strings "NaN", "Infinity", "-Infinity", "-0"
  {"k": v, ...}                     a map ({"$map": {...}} when its only key starts with $)
  {"$date": {"year":2024,"month":2,"day":29}}, and likewise $localTime, $time,
  $localDateTime, $dateTime, $duration, $point, $vector: the fields the value
                                    classes have; integers beyond 2^53 as strings
  {"$binary": ["AQID", ...]}        one base64 string per segment

Options:
  --from-lsn N   only records with an LSN of at least N (earlier segments are skipped)
  --limit N      at most N records
  --json         accepted for uniformity: the output is always JSON lines

Examples:
  skein wal dump ./data/wal
  skein wal dump ./data --from-lsn 1200 --limit 20
  skein wal dump ./data/wal | grep '"kind":"TxCommit"' | wc -l`;

export const walDumpCommand: Command = {
  path: ["wal", "dump"],
  summary: "print the records of a write-ahead log as JSON lines",
  help: HELP,
  run: (args, io) => reportFailures("wal dump", io, () => runDump(args, io)),
};

function runDump(args: string[], io: CliIO): Promise<number> {
  const { values, positionals: given } = parseCommandLine(args, {
    json: { type: "boolean" },
    "from-lsn": { type: "string" },
    limit: { type: "string" },
  });
  const [dirArg] = positionals(given, ["dir"]);
  const fromLsn = intOption("from-lsn", values["from-lsn"], 0, 0);
  const limit = intOption("limit", values.limit, Infinity, 0);
  const choice = resolveWalDir(dirArg!);
  for (const rec of readWalRecords(choice.walDir, { fromLsn, limit })) {
    io.out(JSON.stringify(recordJson(rec)));
  }
  return Promise.resolve(EXIT_OK);
}
