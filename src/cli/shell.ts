// `skein shell [dir]`: Cypher at a prompt, or from a file or standard input. This file
// owns the command line (options, checks) and the session's frame: open the database (in
// memory without a directory), pick the reader (a terminal gets the interactive one,
// anything else runs as a script), close the database however reading ends, and turn the
// session's failures into the exit code. Splitting statements, meta-commands, printing
// results and the history live in the other shell-*.ts files.
import { statSync } from "node:fs";
import { resolve } from "node:path";
import { openDatabase, type DatabaseOptions, type SyncMode } from "../index.js";
import { EXIT_OK, EXIT_PROBLEM, UsageError, type CliIO, type Command } from "./command.js";
import {
  CommandFailure,
  isSystemError,
  parseCommandLine,
  reportFailures,
} from "./command-support.js";
import { isShellFormat, type ShellFormat } from "./shell-format.js";
import { historyPath } from "./shell-history.js";
import { InputHandler } from "./shell-input.js";
import { runRepl } from "./shell-repl.js";
import { fileChunks, runScript, stdinChunks } from "./shell-script.js";
import { ShellSession } from "./shell-session.js";

const HELP = `usage: skein shell [dir] [options]

Run Cypher against the database in <dir> (created if missing; it is locked while the
shell runs), or against an empty database in memory when no directory is given.

At a terminal it prompts (skein> ) and reads statements, each ending with ";" (a
statement may span lines; a ";" inside a string, a \`name\` or a comment does not end
it). Line editing and history (in $SKEIN_HISTORY, else ~/.skein_history). Ctrl-C drops
the statement being typed; Ctrl-D or :quit leaves. Errors are printed and reading goes
on. Type :help for the commands (:params, :format, :timing, ...).

With --file, or with standard input that is not a terminal, it runs the statements in
order without prompts (the last one may omit its ";") and stops at the first error
with exit code 1.

Options:
  --format table|json|csv  how results are printed (default table): aligned columns;
                           one JSON object per row (exact Int/Float and int64, tagged
                           dates, nodes as {"$node": ...}); CSV with a header
  --json                   the same as --format json
  --file <path>            run the statements in this file
  --continue-on-error      in a script, run the later statements after an error (the
                           exit code is still 1)
  --no-timing              leave the time out of the summary lines
  --no-history             neither read nor save the history file
  --sync-mode <mode>       perCommit (default), group or none: how commits reach the
                           disk (needs <dir>)

Summaries ("3 rows (1.2 ms)", "+1 node (0.8 ms)") follow each result: on standard
output in table mode, on standard error in json and csv modes.

Examples:
  skein shell
  skein shell ./data
  skein shell ./data --file seed.cypher
  echo 'MATCH (n:Person) RETURN n.name, n.born;' | skein shell ./data --format csv
  skein shell ./data --json < report.cypher > report.jsonl`;

export const shellCommand: Command = {
  path: ["shell"],
  summary: "an interactive Cypher shell; also runs a file or standard input",
  help: HELP,
  run: (args, io) => reportFailures("shell", io, () => runShell(args, io)),
};

const SYNC_MODES: readonly SyncMode[] = ["perCommit", "group", "none"];

interface ShellArgs {
  readonly dir: string | undefined;
  readonly file: string | undefined;
  readonly format: ShellFormat;
  readonly timing: boolean;
  readonly history: boolean;
  readonly continueOnError: boolean;
  readonly options: DatabaseOptions;
}

function readArgs(args: string[]): ShellArgs {
  const { values, positionals } = parseCommandLine(args, {
    format: { type: "string" },
    json: { type: "boolean" },
    file: { type: "string" },
    "continue-on-error": { type: "boolean" },
    "no-timing": { type: "boolean" },
    "no-history": { type: "boolean" },
    "sync-mode": { type: "string" },
  });
  if (positionals.length > 1) {
    throw new UsageError(`unexpected argument ${JSON.stringify(positionals[1])}`);
  }
  const format = values.format ?? (values.json ? "json" : "table");
  if (!isShellFormat(format)) {
    throw new UsageError(`--format must be table, json or csv, got ${JSON.stringify(format)}`);
  }
  if (values.json && format !== "json") throw new UsageError(`--json contradicts --format`);
  const dir = positionals[0];
  const syncMode = values["sync-mode"];
  if (syncMode !== undefined && !(SYNC_MODES as readonly string[]).includes(syncMode)) {
    throw new UsageError(
      `--sync-mode must be perCommit, group or none, got ${JSON.stringify(syncMode)}`,
    );
  }
  if (syncMode !== undefined && dir === undefined) {
    throw new UsageError(`--sync-mode needs a database directory`);
  }
  return {
    dir: dir === undefined ? undefined : resolve(dir),
    file: values.file,
    format,
    timing: values["no-timing"] !== true,
    history: values["no-history"] !== true,
    continueOnError: values["continue-on-error"] === true,
    options: syncMode === undefined ? {} : { syncMode: syncMode as SyncMode },
  };
}

function checkReadable(file: string): void {
  let isFile: boolean;
  try {
    isFile = statSync(file).isFile();
  } catch (err) {
    throw new CommandFailure(
      `cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  if (!isFile) throw new CommandFailure(`cannot read ${file}: it is not a file`);
}

async function runShell(args: string[], io: CliIO): Promise<number> {
  const a = readArgs(args);
  if (a.file !== undefined) checkReadable(a.file);
  const db = await openDatabase(a.dir, a.options);
  const session = new ShellSession(db, io, a.dir ?? "in memory", {
    format: a.format,
    timing: a.timing,
    // main() takes --debug out of a command's arguments; the shell prints stacks itself.
    debug: process.argv.includes("--debug"),
  });
  try {
    if (a.file === undefined && process.stdin.isTTY === true) {
      io.out(`skein shell: database ${session.where}; :help for help, :quit to leave`);
      const handler = new InputHandler(session, { stopOnError: false, source: null });
      await runRepl(handler, session, { historyPath: a.history ? historyPath() : null });
      return EXIT_OK;
    }
    const handler = new InputHandler(session, {
      stopOnError: !a.continueOnError,
      source: a.file ?? "standard input",
    });
    await runScript(handler, a.file === undefined ? stdinChunks() : fileChunks(a.file));
    return session.failures > 0 ? EXIT_PROBLEM : EXIT_OK;
  } catch (err) {
    if (isSystemError(err)) throw new CommandFailure(`cannot read the input: ${err.message}`);
    throw err;
  } finally {
    await db.close();
  }
}
