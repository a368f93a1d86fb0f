// `skein export <dir> <file>`: write the whole graph as JSON Lines (every node, then every
// relationship, one per line) or as CSV (`<prefix>-nodes.csv` and
// `<prefix>-relationships.csv`). docs/import-export.md is the spec of both formats.
//
// It streams: the graph is iterated inside one read callback and each line goes to a
// buffered synchronous file sink, so memory holds a buffer, not the output. Being inside
// one read, the export is one consistent state of the graph (nothing else can write: the
// directory is locked while the command has it open). Files appear under their names only
// when complete.
import type { GraphView } from "../index.js";
import type { CliIO, Command } from "./command.js";
import { EXIT_OK } from "./command.js";
import {
  CommandFailure,
  delimiterOption,
  isSystemError,
  formatOption,
  parseCommandLine,
  positionals,
  printJson,
  reportFailures,
} from "./command-support.js";
import { writeNodesCsv, writeRelationshipsCsv } from "./csv-export.js";
import { openTimed, requireDatabaseDir } from "./db-dir.js";
import { FileSink } from "./file-sink.js";
import { nodeLine, relationshipLine } from "./jsonl-format.js";
import { Progress, formatBytes, plural } from "./progress.js";

const HELP = `usage: skein export <dir> <file> [--format jsonl|csv] [--array-delimiter C] [--json]

Write every node and relationship of the database in <dir> to files.

  --format jsonl   (the default) one JSON object per line in <file>: every node,
                   then every relationship. Every value kind round-trips exactly.
  --format csv     <file> is a prefix: writes <file>-nodes.csv and
                   <file>-relationships.csv with typed headers in the style of
                   neo4j-admin import (:ID, :LABEL, :START_ID, :END_ID, :TYPE,
                   name:type columns). Values CSV cannot type go in json columns.
  --array-delimiter C
                   separates array elements and labels in CSV cells (default ;)
  --json           print the result as JSON

Existing files are replaced. Node ids in the output are the database's ids.
On a terminal a progress line shows on standard error.
Formats: docs/import-export.md.

Examples:
  skein export ./data graph.jsonl
  skein export ./data backup/graph --format csv     # backup/graph-nodes.csv, ...
  skein export ./data graph.jsonl --json`;

export const exportCommand: Command = {
  path: ["export"],
  summary: "write the graph to JSON Lines or CSV files",
  help: HELP,
  run: (args, io) => reportFailures("export", io, () => runExport(args, io)),
};

interface Written {
  readonly path: string;
  readonly bytes: number;
}

async function runExport(args: string[], io: CliIO): Promise<number> {
  const { values, positionals: given } = parseCommandLine(args, {
    format: { type: "string" },
    "array-delimiter": { type: "string" },
    json: { type: "boolean" },
  });
  const [dirArg, file] = positionals(given, ["dir", "file"]);
  const format = formatOption(values.format) ?? "jsonl";
  const delimiter = delimiterOption(values["array-delimiter"]);
  const dir = requireDatabaseDir(dirArg!);
  const started = performance.now();
  const { db } = await openTimed(dir);
  let result: { nodes: number; relationships: number; files: Written[] };
  try {
    result = db.read((view) => {
      const progress = new Progress(io, {
        verb: "exporting",
        unit: "entities",
        total: view.nodeCount + view.relationshipCount,
      });
      try {
        const files =
          format === "jsonl"
            ? [writeJsonl(view, file!, progress)]
            : writeCsv(view, file!, delimiter, progress);
        return { nodes: view.nodeCount, relationships: view.relationshipCount, files };
      } finally {
        progress.finish();
      }
    });
  } finally {
    await db.close();
  }
  const durationMs = performance.now() - started;
  if (values.json) {
    printJson(io, { dir, format, ...result, durationMs });
    return EXIT_OK;
  }
  const where = result.files.map((f) => `${f.path} (${formatBytes(f.bytes)})`).join(" and ");
  io.out(
    `exported ${plural(result.nodes, "node")} and ${plural(result.relationships, "relationship")} to ${where} in ${(durationMs / 1000).toFixed(2)} s`,
  );
  return EXIT_OK;
}

/** Calls `fn` with a sink for `path`; the file is renamed into place only if `fn` returns. */
function withSink(path: string, fn: (sink: FileSink) => void): Written {
  let sink: FileSink | null = null;
  try {
    sink = new FileSink(path);
    fn(sink);
    sink.commit();
    return { path: sink.path, bytes: sink.bytesWritten };
  } catch (err) {
    sink?.abort();
    if (isSystemError(err)) throw new CommandFailure(`cannot write ${path}: ${err.message}`);
    throw err;
  }
}

function counter(progress: Progress): () => void {
  let count = 0;
  return () => {
    count++;
    if (count % 1024 === 0) progress.update(count, count);
  };
}

function writeJsonl(view: GraphView, path: string, progress: Progress): Written {
  const tick = counter(progress);
  return withSink(path, (sink) => {
    for (const n of view.nodes()) {
      sink.write(nodeLine(n) + "\n");
      tick();
    }
    for (const r of view.relationships()) {
      sink.write(relationshipLine(r) + "\n");
      tick();
    }
  });
}

function writeCsv(
  view: GraphView,
  prefix: string,
  delimiter: string,
  progress: Progress,
): Written[] {
  const tick = counter(progress);
  const nodes = withSink(`${prefix}-nodes.csv`, (sink) =>
    writeNodesCsv(view, sink, delimiter, tick),
  );
  const rels = withSink(`${prefix}-relationships.csv`, (sink) =>
    writeRelationshipsCsv(view, sink, delimiter, tick),
  );
  return [nodes, rels];
}
