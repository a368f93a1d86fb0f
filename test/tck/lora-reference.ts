// A check of the TCK runner itself: the same scenarios run against LoraDB (the dev
// dependency @loradb/lora-node, a Cypher engine of its own), so the runner's step handling,
// result comparison and side-effect counting meet a working engine before ours is one.
// Where LoraDB passes a scenario, the runner agrees with the TCK about it; a failure is
// either LoraDB's or the runner's, and reading a sample of them is how the runner's
// definitions (side effects above all) were checked.
//
//   npx tsc -p tsconfig.json
//   node build/test/tck/lora-reference.js [filter ...] [--area clauses/set] [--limit N]
//
// --stage side-effects (or result, error, …) lists only failures at that stage.
//
// Its figures are no measure of anything: LoraDB's JS values do not tell an Int from a
// Float (so numbers compare by value here, see CompareOptions.numbersByValue), its paths
// carry ids only, its errors map to our codes roughly, and it has no test procedures.
import { parseArgs } from "node:util";
import { createDatabase } from "@loradb/lora-node";
import type { QueryResult } from "../../src/db/database.js";
import { QueryError } from "../../src/internal/errors.js";
import { Node, Path, Relationship } from "../../src/store/entities.js";
import { setMapEntry, type PropertyMap } from "../../src/store/values.js";
import {
  parseDate,
  parseDateTime,
  parseDuration,
  parseLocalDateTime,
  parseLocalTime,
  parseTime,
} from "../../src/cli/temporal-text.js";
import type { TckConnection } from "./connection.js";
import { areaTable, failureText, figuresOf } from "./report.js";
import { summarizeGraph } from "./side-effects.js";
import { defaultRunOptions, loadScenarios, runScenarios, selectScenarios } from "./suite.js";

type LoraDb = Awaited<ReturnType<typeof createDatabase>>;
type Lookup = { nodes: Map<number, Node>; relationships: Map<number, Relationship> };

const TEMPORAL: Record<string, (iso: string) => unknown> = {
  date: parseDate,
  localtime: parseLocalTime,
  time: parseTime,
  localdatetime: parseLocalDateTime,
  datetime: parseDateTime,
  duration: parseDuration,
};

function convert(v: unknown, lookup: Lookup): unknown {
  if (v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.map((x) => convert(x, lookup));
  const o = v as Record<string, unknown>;
  const props = (p: unknown): PropertyMap => {
    const out: PropertyMap = {};
    for (const [k, x] of Object.entries(p as object))
      setMapEntry(out, k, convert(x, lookup) as never);
    return out;
  };
  switch (o["kind"]) {
    case "node":
      return new Node(o["id"] as number, o["labels"] as string[], props(o["properties"]));
    case "relationship":
      return new Relationship(
        o["id"] as number,
        o["startId"] as number,
        o["endId"] as number,
        o["type"] as string,
        props(o["properties"]),
      );
    case "path": {
      const nodes = (o["nodes"] as number[]).map(
        (id) => lookup.nodes.get(id) ?? new Node(id, [], {}),
      );
      const rels = (o["rels"] as number[]).map(
        (id) => lookup.relationships.get(id) ?? new Relationship(id, -1, -1, "?", {}),
      );
      return new Path(nodes, rels);
    }
  }
  const kind = o["kind"];
  const iso = o["iso"];
  const parse = typeof kind === "string" ? TEMPORAL[kind] : undefined;
  if (parse !== undefined && typeof kind === "string" && typeof iso === "string") {
    try {
      return parse(iso);
    } catch {
      return `<${kind} ${iso}>`;
    }
  }
  return props(o);
}

async function contents(db: LoraDb): Promise<Lookup> {
  const empty: Lookup = { nodes: new Map(), relationships: new Map() };
  const nodes = await db.execute("MATCH (n) RETURN n");
  const rels = await db.execute("MATCH ()-[r]->() RETURN r");
  for (const row of nodes.rows) {
    const n = convert((row as Record<string, unknown>)["n"], empty) as Node;
    empty.nodes.set(n.id, n);
  }
  for (const row of rels.rows) {
    const r = convert((row as Record<string, unknown>)["r"], empty) as Relationship;
    empty.relationships.set(r.id, r);
  }
  return empty;
}

function queryError(err: unknown): unknown {
  const code = (err as { code?: unknown }).code;
  const message = err instanceof Error ? err.message : String(err);
  if (code === "LORA_PARSE") return new QueryError("SYNTAX", message, { phase: "compile" });
  if (code === "LORA_SEMANTIC") return new QueryError("SEMANTIC", message, { phase: "compile" });
  if (code === "LORA_NOT_FOUND") return new QueryError("NOT_FOUND", message, { phase: "runtime" });
  if (code === "LORA_CONSTRAINT")
    return new QueryError("CONSTRAINT", message, { phase: "runtime" });
  if (typeof code === "string")
    return new QueryError("TYPE", `${code}: ${message}`, { phase: "runtime" });
  return err;
}

async function openLoraConnection(): Promise<TckConnection> {
  const db = await createDatabase();
  return {
    async execute(text, params): Promise<QueryResult> {
      let raw;
      try {
        raw = await db.execute(text, JSON.parse(JSON.stringify(params)) as never);
      } catch (err) {
        throw queryError(err);
      }
      // LoraDB returns the created entities of a query without RETURN; openCypher does not.
      if (!/\bRETURN\b/i.test(text)) return { columns: [], rows: [] };
      const lookup = await contents(db);
      const rows = raw.rows.map((row) =>
        Object.fromEntries(Object.entries(row as object).map(([k, v]) => [k, convert(v, lookup)])),
      );
      return { columns: raw.columns ?? [], rows };
    },
    async summarize() {
      const { nodes, relationships } = await contents(db);
      return summarizeGraph({
        nodes: () => nodes.values(),
        relationships: () => relationships.values(),
      });
    },
    addProcedure: () => undefined,
    close: () => Promise.resolve(db.dispose()),
  };
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { area: { type: "string" }, limit: { type: "string" }, stage: { type: "string" } },
});
const selected = selectScenarios(loadScenarios(), {
  filters: positionals,
  area: values.area ?? null,
});
const limit = values.limit === undefined ? 30 : Number(values.limit);
let shown = 0;
const results = await runScenarios(
  selected,
  { ...defaultRunOptions(), connect: openLoraConnection, numbersByValue: true },
  (r) => {
    if (r.passed || (values.stage !== undefined && r.failure?.stage !== values.stage)) return;
    if (shown++ < limit) console.log(failureText(r, false) + "\n");
  },
);
console.log(areaTable(figuresOf(results)));
