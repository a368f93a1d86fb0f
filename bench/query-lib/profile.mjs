// Where Skein's time goes on one query of the query benchmark: runs a Skein child as the
// measurement does (load, then every query in order) under the V8 CPU profiler (node
// --cpu-prof), and sums the self time of the samples inside the query's measured window (warm-up and timed
// runs, or its first run only) by part of Skein (parser, planner, executor, store, ...) with lib/cpu-profile.mjs,
// plus the functions with the most self time. queries.mjs calls it for every query on which
// Skein is slower than LoraDB.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { summariseProfile } from "../lib/cpu-profile.mjs";
import { runChild } from "../lib/spawn.mjs";

/** [test on the function's file, part], first match wins; files as "dist/…" or "bench/…". */
const PARTS = [
  [/^dist\/query\/syntax\//, "Cypher parser (dist/query/syntax)"],
  [/^dist\/query\/plan\//, "planner, and the closures it compiles (dist/query/plan)"],
  [/^dist\/query\/exec\//, "executor (dist/query/exec)"],
  [/^dist\/query\/runtime\//, "query runtime: values, comparisons (dist/query/runtime)"],
  [/^dist\/query\//, "query engine, other (dist/query)"],
  [/^dist\/store\//, "graph store (dist/store)"],
  [/^dist\/db\//, "database (dist/db)"],
  [/^dist\//, "other Skein code"],
  [/^bench\//, "benchmark harness"],
  [/^node:|^internal\//, "node internals"],
];

function partOf(name) {
  if (name.startsWith("(garbage collector)")) return "garbage collector";
  if (name.startsWith("(program)")) return "V8/runtime (unattributed)";
  if (name.startsWith("(idle)")) return "idle";
  const file = /\(([^()]*):\d+\)$/.exec(name)?.[1];
  if (!file) return "native";
  return PARTS.find(([re]) => re.test(file))?.[1] ?? "other";
}

/**
 * Self ms by part, largest first, each with its function of most self time (`top`), from
 * summariseProfile's per-function list (sorted by self time).
 */
function byPart(functions) {
  const parts = new Map();
  for (const f of functions) {
    const name = partOf(f.name);
    const part = parts.get(name) ?? { name, ms: 0, top: f };
    part.ms += f.ms;
    parts.set(name, part);
  }
  return [...parts.values()].sort((a, b) => b.ms - a.ms);
}

/**
 * Profiles Skein on query `key`, all its runs or (`first`) its first run only, sampled every
 * 50 µs instead of 1 ms as it is short; returns { key, first, result, totalMs, parts,
 * topFunctions }.
 */
export async function profileSkeinQuery(key, first, task, timeoutMs) {
  const root = mkdtempSync(join(tmpdir(), "skein-query-profile-"));
  const profileDir = join(root, "cpu");
  const profile = first ? `${key}|first` : key;
  const interval = first ? ["--cpu-prof-interval=50"] : [];
  try {
    const result = await runChild(
      { ...task, system: "../query-systems/skein", fn: "run", dir: root, profile },
      { nodeFlags: ["--cpu-prof", `--cpu-prof-dir=${profileDir}`, ...interval], timeoutMs },
    );
    const [file] = readdirSync(profileDir).filter((f) => f.endsWith(".cpuprofile"));
    if (!file) throw new Error("the profiled child wrote no CPU profile");
    const samples = JSON.parse(readFileSync(join(profileDir, file), "utf8"));
    const measured = result.queries.skein?.[key] ?? result.ingest[key];
    if (!measured?.window) throw new Error(`the profiled child measured no ${key}`);
    const cpu = summariseProfile(samples, measured.window, Number.MAX_SAFE_INTEGER);
    return {
      key,
      first,
      result: measured,
      totalMs: cpu.totalMs,
      parts: byPart(cpu.topFunctions),
      topFunctions: cpu.topFunctions.slice(0, 10),
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
