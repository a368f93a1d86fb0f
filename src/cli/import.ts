// `skein import <dir> <file>` (JSON Lines) and `skein import <dir> --nodes F
// --relationships F` (CSV): stream the input into the database in transactions of
// `--batch-size` lines (import-batches.ts commits them and decides what a bad line costs),
// report bad lines with their line numbers and which lines are in the database, then take
// a checkpoint so the next open loads a snapshot instead of replaying the whole import.
// The database directory is created if it does not exist; importing into a database that
// already has data adds to it. Inputs are checked before the database is opened.
import { statSync } from "node:fs";
import { resolve } from "node:path";
import type { Database } from "../index.js";
import type { CliIO, Command } from "./command.js";
import { EXIT_OK, EXIT_PROBLEM, UsageError } from "./command.js";
import {
  CommandFailure,
  delimiterOption,
  formatOption,
  intOption,
  isSystemError,
  parseCommandLine,
  printJson,
  reportFailures,
} from "./command-support.js";
import { csvSource, type CsvFileKind } from "./csv-source.js";
import { openTimed } from "./db-dir.js";
import { BatchImporter, type ImportReport, type LineRange, type Source } from "./import-batches.js";
import { jsonlSource } from "./jsonl-source.js";
import { openTextStream, type TextStream } from "./line-reader.js";
import { Progress, formatCount, plural } from "./progress.js";

const DEFAULT_BATCH_SIZE = 10_000;

const HELP = `usage: skein import <dir> <file.jsonl> [options]
       skein import <dir> --nodes <file.csv>... [--relationships <file.csv>...] [options]

Add the nodes and relationships of the input files to the database in <dir>
(created if it does not exist), in transactions of --batch-size lines.

JSON Lines: one node or relationship per line; every value kind is exact.
CSV: node and relationship files with typed headers in the style of
neo4j-admin import; all node files are read before the relationship files.
Ids in the input (a node's "id", a CSV :ID) only link relationships to nodes:
the database gives every node its own id. Formats: docs/import-export.md.

A batch with a bad line is rejected whole: the report lists the bad lines with
their line numbers and the line ranges committed and rejected. The import stops
when there are more bad lines than --max-errors. Exit code 1 if any line was bad.

Options:
  --nodes FILE          a CSV node file (repeatable)
  --relationships FILE  a CSV relationship file (repeatable)
  --format jsonl|csv    the input format (default: csv with --nodes or
                        --relationships, else jsonl)
  --batch-size N        lines per transaction (default ${formatCount(DEFAULT_BATCH_SIZE)})
  --max-errors N        bad lines tolerated before stopping (default 0: stop at
                        the first bad line)
  --array-delimiter C   separates CSV array elements and labels (default ;)
  --no-checkpoint       do not take a checkpoint after the import
  --json                print the report as JSON

Examples:
  skein import ./data people.jsonl
  skein import ./data people.jsonl --batch-size 50000 --max-errors 100
  skein import ./data --nodes persons.csv --nodes cities.csv --relationships lives_in.csv`;

export const importCommand: Command = {
  path: ["import"],
  summary: "load nodes and relationships from JSON Lines or CSV files",
  help: HELP,
  run: (args, io) => reportFailures("import", io, () => runImport(args, io)),
};

interface InputFile {
  readonly path: string;
  readonly kind: "jsonl" | CsvFileKind;
  readonly bytes: number;
}

interface ImportPlan {
  readonly dir: string;
  readonly inputs: readonly InputFile[];
  readonly batchSize: number;
  readonly maxErrors: number;
  readonly arrayDelimiter: string;
  readonly checkpoint: boolean;
  readonly json: boolean;
}

function planImport(args: string[]): ImportPlan {
  const { values, positionals: given } = parseCommandLine(args, {
    nodes: { type: "string", multiple: true },
    relationships: { type: "string", multiple: true },
    format: { type: "string" },
    "batch-size": { type: "string" },
    "max-errors": { type: "string" },
    "array-delimiter": { type: "string" },
    "no-checkpoint": { type: "boolean" },
    json: { type: "boolean" },
  });
  const [dir, file, extra] = given;
  if (dir === undefined) throw new UsageError("missing <dir>");
  if (extra !== undefined) throw new UsageError(`unexpected argument ${JSON.stringify(extra)}`);
  const nodes = values.nodes ?? [];
  const rels = values.relationships ?? [];
  const csv = nodes.length + rels.length > 0;
  const format = formatOption(values.format) ?? (csv ? "csv" : "jsonl");
  if (csv && file !== undefined) {
    throw new UsageError("give either a JSON Lines <file> or CSV --nodes/--relationships");
  }
  if (format === "csv" && !csv) {
    throw new UsageError("CSV import takes --nodes FILE and --relationships FILE");
  }
  if (format === "jsonl" && file === undefined) throw new UsageError("missing <file>");
  const inputs =
    format === "jsonl"
      ? [inputFile(file!, "jsonl")]
      : [
          ...nodes.map((f) => inputFile(f, "nodes")),
          ...rels.map((f) => inputFile(f, "relationships")),
        ];
  return {
    dir: resolve(dir),
    inputs,
    batchSize: intOption("batch-size", values["batch-size"], DEFAULT_BATCH_SIZE, 1),
    maxErrors: intOption("max-errors", values["max-errors"], 0, 0),
    arrayDelimiter: delimiterOption(values["array-delimiter"]),
    checkpoint: values["no-checkpoint"] !== true,
    json: values.json === true,
  };
}

function inputFile(path: string, kind: InputFile["kind"]): InputFile {
  let stat;
  try {
    stat = statSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? "";
    throw new CommandFailure(`cannot read ${path}: ${code === "ENOENT" ? "no such file" : code}`);
  }
  if (!stat.isFile()) throw new CommandFailure(`cannot read ${path}: not a file`);
  return { path, kind, bytes: stat.size };
}

function sourceOf(input: InputFile, text: TextStream, arrayDelimiter: string): Source {
  return input.kind === "jsonl"
    ? jsonlSource(input.path, text)
    : csvSource(input.path, text, input.kind, arrayDelimiter);
}

async function importAll(db: Database, plan: ImportPlan, io: CliIO): Promise<ImportReport> {
  const total = plan.inputs.reduce((sum, f) => sum + f.bytes, 0);
  const progress = new Progress(io, { verb: "importing", unit: "lines", total });
  let doneBefore = 0;
  let current: TextStream | null = null;
  const importer = new BatchImporter(db, {
    batchSize: plan.batchSize,
    maxErrors: plan.maxErrors,
    onProgress: (n) => progress.update(n, doneBefore + (current?.bytesRead() ?? 0)),
  });
  try {
    for (const input of plan.inputs) {
      current = openTextStream(input.path);
      const source = sourceOf(input, current, plan.arrayDelimiter);
      let goOn: boolean;
      try {
        goOn = await importer.run(source);
      } catch (err) {
        if (isSystemError(err))
          throw new CommandFailure(`cannot read ${input.path}: ${err.message}`);
        throw err;
      }
      if (!goOn) break;
      doneBefore += input.bytes;
    }
  } finally {
    progress.finish();
  }
  return importer.report;
}

async function runImport(args: string[], io: CliIO): Promise<number> {
  const plan = planImport(args);
  const started = performance.now();
  const { db } = await openTimed(plan.dir);
  let report: ImportReport;
  let checkpointLsn: number | null = null;
  try {
    report = await importAll(db, plan, io);
    if (plan.checkpoint && report.batchesCommitted > 0) checkpointLsn = (await db.checkpoint()).lsn;
  } finally {
    await db.close();
  }
  const durationMs = performance.now() - started;
  const files = plan.inputs.map((f) => f.path);
  if (plan.json)
    printJson(io, {
      ok: report.errors.length === 0,
      dir: plan.dir,
      files,
      ...report,
      checkpointLsn,
      durationMs,
    });
  else printReport(io, report, files, checkpointLsn, durationMs, plan.maxErrors);
  return report.errors.length === 0 ? EXIT_OK : EXIT_PROBLEM;
}

function rangeText(r: LineRange): string {
  const lines =
    r.firstLine === r.lastLine ? `line ${r.firstLine}` : `lines ${r.firstLine}-${r.lastLine}`;
  return `${r.file} ${lines} (${plural(r.batches, "batch", "batches")})`;
}

function printReport(
  io: CliIO,
  report: ImportReport,
  files: string[],
  checkpointLsn: number | null,
  durationMs: number,
  maxErrors: number,
): void {
  for (const e of report.errors) io.err(`${e.file}:${e.line}: ${e.message}`);
  const checkpoint = checkpointLsn === null ? "" : `; checkpoint at lsn ${checkpointLsn}`;
  io.out(
    `imported ${plural(report.nodesCreated, "node")} and ${plural(report.relationshipsCreated, "relationship")} from ${files.join(", ")}: ${plural(report.entriesRead, "line")}, ${plural(report.batchesCommitted, "batch", "batches")} committed in ${(durationMs / 1000).toFixed(2)} s${checkpoint}`,
  );
  if (report.errors.length === 0) return;
  for (const r of report.committed) io.out(`committed  ${rangeText(r)}`);
  for (const r of report.rejected) io.out(`rejected   ${rangeText(r)}`);
  const last = report.errors[report.errors.length - 1]!;
  io.out(
    report.stopped
      ? `stopped at ${last.file}:${last.line}: more than ${formatCount(maxErrors)} bad ${maxErrors === 1 ? "line" : "lines"} (--max-errors ${maxErrors}); nothing after it was read`
      : `${plural(report.errors.length, "bad line")}: their batches were not committed`,
  );
}
