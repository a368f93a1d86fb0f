// `skein checkpoint <dir>`: open the database (recovering it), take a checkpoint (a
// snapshot stamped with the log's fence, the checkpoint marker, truncation of the log
// below it) and report the fence and the snapshot written. Useful after a bulk load or
// before copying a database, so the next open replays little.
import type { Command, CliIO } from "./command.js";
import { EXIT_OK } from "./command.js";
import { parseCommandLine, positionals, printJson, reportFailures } from "./command-support.js";
import { openTimed, requireDatabaseDir, storageFiles, totalBytes } from "./db-dir.js";
import { formatBytes, plural } from "./progress.js";

const HELP = `usage: skein checkpoint <dir> [--json]

Open the database in <dir>, take a checkpoint and close it. A checkpoint writes a
snapshot of the whole graph stamped with the log's fence LSN, appends a checkpoint
marker and deletes the log segments the kept snapshots cover, so the next open
loads the snapshot and replays only what came after it.

Prints the fence LSN, the snapshot file and its size, and what is left of the log.

Options:
  --json    print the result as JSON

Examples:
  skein checkpoint ./data
  skein checkpoint ./data --json`;

export const checkpointCommand: Command = {
  path: ["checkpoint"],
  summary: "snapshot the graph and truncate the log",
  help: HELP,
  run: (args, io) => reportFailures("checkpoint", io, () => runCheckpoint(args, io)),
};

async function runCheckpoint(args: string[], io: CliIO): Promise<number> {
  const { values, positionals: given } = parseCommandLine(args, { json: { type: "boolean" } });
  const [dirArg] = positionals(given, ["dir"]);
  const dir = requireDatabaseDir(dirArg!);
  const { db } = await openTimed(dir);
  let result;
  try {
    const started = performance.now();
    const { lsn } = await db.checkpoint();
    const durationMs = performance.now() - started;
    const { nodeCount, relationshipCount } = db.status();
    result = { dir, lsn, nodes: nodeCount, relationships: relationshipCount, durationMs };
  } finally {
    await db.close();
  }
  const files = storageFiles(dir);
  const snapshot = files.snapshots.find((s) => s.fenceLsn === result.lsn) ?? null;
  const wal = { segments: files.segments.length, bytes: totalBytes(files.segments) };
  if (values.json) {
    printJson(io, { ...result, snapshot, wal });
    return EXIT_OK;
  }
  io.out(`checkpoint at lsn ${result.lsn} (${result.durationMs.toFixed(1)} ms)`);
  if (snapshot !== null) {
    io.out(
      `snapshot  ${snapshot.path}  ${formatBytes(snapshot.bytes)}: ${plural(result.nodes, "node")}, ${plural(result.relationships, "relationship")}`,
    );
  }
  io.out(`wal       ${plural(wal.segments, "segment")}, ${formatBytes(wal.bytes)}`);
  return EXIT_OK;
}
