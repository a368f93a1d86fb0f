// LoraDB 0.15 (@loradb/lora-node) in the query benchmark, opened as bench/systems/loradb.mjs
// opens it: openWalDatabase on a WAL directory, groupSync mode (execute resolves once the
// commit is written; a background thread fsyncs every second), and each ingest batch
// followed by sync() so that, like Skein's, every batch is fsynced before the next. The
// queries run first with no declared index (checked: SHOW INDEXES is empty), then again,
// the lookups only, after CREATE INDEX on :Person(id) ("loradb-indexed"). Each query's plan
// (explain(), which runs nothing) goes into the report.
// Run in a child process by lib/child.mjs: `run(task)` is the entry.
import { join } from "node:path";
import { openWalDatabase } from "@loradb/lora-node";
import { measureEngine } from "../query-lib/driver.mjs";

const CREATE_INDEX = "CREATE INDEX FOR (n:Person) ON (n.id)";

/** The plan's operators from the leaf up, with the leaf's details: what answers the query. */
function planText(tree) {
  const chain = [];
  for (let op = tree; op; op = op.children?.[0]) chain.push(op);
  const leaf = chain.at(-1);
  const details = Object.entries(leaf.details ?? {})
    .filter(([k]) => k !== "var")
    .map(([k, v]) => `${k}: ${v}`)
    .join(", ");
  const rest = chain
    .slice(0, -1)
    .reverse()
    .map((op) => op.operator);
  return [`${leaf.operator} (${details})`, ...rest].join(" → ");
}

export async function run(task) {
  const db = await openWalDatabase({ walDir: join(task.dir, "wal") });
  const indexes = async () => (await db.execute("SHOW INDEXES")).rows.map((r) => r.name);
  const engine = {
    execute: (query, params) => db.execute(query, params),
    commit: () => db.sync(),
    counts: async () => ({
      nodes: await db.nodeCount(),
      relationships: await db.relationshipCount(),
    }),
    plan: async (query, params) => planText((await db.explain(query, params)).tree),
    close: async () => db.dispose(),
    variants: [
      {
        system: "loradb",
        setup: async () => {
          const found = await indexes();
          if (found.length > 0) throw new Error(`unexpected indexes: ${found.join(", ")}`);
        },
        lookupsOnly: false,
      },
      {
        system: "loradb-indexed",
        setup: async () => {
          await db.execute(CREATE_INDEX);
          if ((await indexes()).length !== 1) throw new Error("CREATE INDEX made no index");
        },
        lookupsOnly: true,
      },
    ],
  };
  if (task.profile) engine.variants.length = 1;
  return measureEngine(engine, task);
}
