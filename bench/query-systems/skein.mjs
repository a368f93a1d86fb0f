// Skein in the query benchmark, as a user would run it: the built package's public entry
// (../../dist/index.js, or the copy of dist/ that queries.mjs takes at its start and names
// in SKEIN_BENCH_DIST), openDatabase on a directory with the default options (syncMode
// perCommit: every query that writes resolves once its commit is fsynced).
// Run in a child process by lib/child.mjs: `run(task)` is the entry.
import { join } from "node:path";
import { measureEngine } from "../query-lib/driver.mjs";

const { openDatabase } = await import(process.env.SKEIN_BENCH_DIST ?? "../../dist/index.js");

export async function run(task) {
  const db = await openDatabase(join(task.dir, "skein"));
  const engine = {
    execute: (query, params) => db.execute(query, params),
    // A writing execute() is already durable when it resolves.
    commit: async () => {},
    counts: async () => {
      const { nodeCount, relationshipCount } = db.status();
      return { nodes: nodeCount, relationships: relationshipCount };
    },
    close: () => db.close(),
    variants: [{ system: "skein", setup: null, lookupsOnly: false }],
  };
  return measureEngine(engine, task);
}
