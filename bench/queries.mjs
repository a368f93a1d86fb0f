// The query benchmark: Skein against LoraDB 0.15 on typical Cypher queries over the same
// graph, loaded the same way. `npm run bench:queries` (full: 3 repetitions) or
// `npm run bench:queries -- --quick` (1 repetition, shorter timed runs, under two minutes)
// from the repository root, which builds Skein first.
//
// Each repetition runs one fresh child process per engine (lib/spawn.mjs and lib/child.mjs,
// unchanged: the task names the module "../query-systems/<engine>", which child.mjs resolves
// from systems/ to query-systems/<engine>.mjs) on a fresh temporary directory; the child loads
// the graph through UNWIND (the ingest measurements), checks every warm-up answer against
// answers computed from the generator, and times each query (query-lib/driver.mjs). Then
// this runner compares the engines' answers with each other, profiles Skein on every query
// where it is slower (query-lib/profile.mjs), and writes bench/queries.json (one row per
// query, system and metric) and bench/QUERIES.md, formatted with the repository's Prettier.
//
// Options: --quick, --reps <n>, --no-profile.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { machineLine } from "./lib/machine.mjs";
import {
  BENCH,
  ROOT,
  distFingerprint,
  ensureBuilt,
  ensurePeers,
  gitLine,
  pinDist,
} from "./lib/setup.mjs";
import { runChild } from "./lib/spawn.mjs";
import { median } from "./lib/stats.mjs";
import {
  FIRST,
  INGESTS,
  LATENCY,
  QUERIES,
  ROWS_PER_S,
  SECONDS,
  SIZES,
  SYSTEM_TITLES,
  THROUGHPUT,
  rowKey,
  rowSpecs,
} from "./query-lib/plan.mjs";
import { profileSkeinQuery } from "./query-lib/profile.mjs";
import { fmt, fmtRatio, ratio, renderQueriesReport } from "./query-lib/report.mjs";

const ENGINES = ["skein", "loradb"];
const n = (x) => x.toLocaleString("en-US");

function parseArgs(argv) {
  const args = { quick: false, reps: null, profile: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--quick") args.quick = true;
    else if (a === "--no-profile") args.profile = false;
    else if (a === "--reps") args.reps = Number(argv[++i]);
    else throw new Error(`unknown option ${a}: use --quick, --reps <n>, --no-profile`);
  }
  if (args.reps !== null && !(Number.isInteger(args.reps) && args.reps > 0)) {
    throw new Error("--reps needs a positive integer");
  }
  return args;
}

/** Everything the repetitions gather. */
function collector() {
  return {
    values: new Map(),
    runs: {},
    plans: {},
    digests: new Map(), // "rep|query" → Map(system → digest)
    wrong: [],
    failures: [],
    checked: 0,
    add(key, v) {
      this.values.set(key, [...(this.values.get(key) ?? []), v]);
    },
  };
}

function record(c, engine, rep, result, size) {
  const counts = { "ingest-nodes": size.people, "ingest-rels": size.rels };
  for (const [key, { s }] of Object.entries(result.ingest)) {
    c.add(rowKey(key, engine, SECONDS), s);
    c.add(rowKey(key, engine, ROWS_PER_S), counts[key] / s);
  }
  for (const [system, queries] of Object.entries(result.queries)) {
    for (const [key, m] of Object.entries(queries)) {
      const q = QUERIES.find((x) => x.key === key);
      if (m.error || m.wrong) {
        const what = m.error ? `failed: ${m.error}` : `gave a wrong answer ${m.wrong}`;
        c.failures.push(`${SYSTEM_TITLES[system]} on \`${q.text}\` (repetition ${rep}) ${what}`);
        if (m.wrong) c.wrong.push(`${system}|${key}`);
        continue;
      }
      c.checked += q.warmup + 1;
      c.add(rowKey(key, system, LATENCY), m.ms);
      c.add(rowKey(key, system, THROUGHPUT), m.qps);
      c.add(rowKey(key, system, FIRST), m.firstMs);
      ((c.runs[key] ??= {})[system] ??= []).push(m.runs);
      if (m.plan) c.plans[`${key}|${system}`] = m.plan;
      const d = `${rep}|${key}`;
      if (!c.digests.has(d)) c.digests.set(d, new Map());
      c.digests.get(d).set(system, m.digest);
    }
  }
}

async function measureAll(size) {
  const c = collector();
  const timeoutMs = (size.repetitions === 1 ? 5 : 20) * 60_000;
  const task = {
    fn: "run",
    people: size.people,
    rels: size.rels,
    batch: size.batch,
    minRuns: size.minRuns,
    maxRuns: size.maxRuns,
    budgetS: size.budgetS,
  };
  for (let rep = 1; rep <= size.repetitions; rep++) {
    console.log(`repetition ${rep} of ${size.repetitions}`);
    const order = rep % 2 === 1 ? ENGINES : [...ENGINES].reverse();
    for (const engine of order) {
      const dir = mkdtempSync(join(tmpdir(), "skein-bench-queries-"));
      const started = performance.now();
      try {
        const result = await runChild(
          { ...task, system: `../query-systems/${engine}`, dir },
          { timeoutMs },
        );
        record(c, engine, rep, result, size);
        const shown = Object.entries(result.queries)
          .flatMap(([system, qs]) =>
            Object.entries(qs).map(
              ([k, m]) => `${system} ${k} ${m.ms !== undefined ? `${fmt(m.ms)} ms` : "FAILED"}`,
            ),
          )
          .join(", ");
        const ingest = Object.entries(result.ingest)
          .map(([k, { s }]) => `${k} ${fmt(s)} s`)
          .join(", ");
        const took = ((performance.now() - started) / 1000).toFixed(1);
        console.log(`  ${engine} (${took} s): ${ingest}; ${shown}`);
      } catch (err) {
        c.failures.push(`${SYSTEM_TITLES[engine]}, repetition ${rep}: ${err.message}`);
        console.log(`  ${engine}: FAILED ${err.message}`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  }
  return c;
}

function summarise(values) {
  return rowSpecs().map(([query, system, metric]) => {
    const v = (values.get(rowKey(query, system, metric)) ?? []).filter(Number.isFinite);
    const row = { query, system, metric, median: null, min: null, max: null, runs: v.length };
    if (v.length > 0)
      Object.assign(row, { median: median(v), min: Math.min(...v), max: Math.max(...v) });
    return row;
  });
}

/** The answer checks' lines for the report, and notes on any disagreement. */
function checkLines(c, size) {
  const mismatches = [];
  for (const [d, bySystem] of c.digests) {
    const distinct = new Set(bySystem.values());
    if (distinct.size > 1) {
      const [rep, key] = d.split("|");
      const who = [...bySystem].map(([s, dig]) => `${SYSTEM_TITLES[s]} ${dig}`).join(", ");
      mismatches.push(`repetition ${rep}, ${key}: ${who}`);
    }
  }
  const perQuery = QUERIES.map((q) => `${q.warmup} for ${q.key}`).join(", ");
  const lines = [
    `- Before a query is timed, each of its warm-up answers (${perQuery}) is compared with ` +
      "the answer computed from the generator in plain JavaScript (`bench/query-lib/data.mjs`), " +
      "ignoring row order and representation (column names, Int or Float, bigint), floats " +
      "to a relative 1e-9; the last timed answer is checked the same way. A query with a " +
      "wrong answer is not timed. " +
      (c.wrong.length === 0
        ? `All ${n(c.checked)} checked answers were right.`
        : `Wrong answers: ${c.wrong.join(", ")} (see Failures).`),
    mismatches.length === 0
      ? "- The digests of the warm-up answers were equal across Skein, LoraDB 0.15 and " +
        `${SYSTEM_TITLES["loradb-indexed"]} in every repetition.`
      : `- The warm-up answers' digests differed: ${mismatches.join("; ")}.`,
    `- After each load, both engines reported ${n(size.people)} nodes and ${n(size.rels)} ` +
      "relationships (a child stops otherwise).",
  ];
  return lines;
}

/**
 * What Skein is slower on against LoraDB without a declared index, by median: total time of
 * an ingest, median latency of a query, and apart (`first`) the first run of a query text.
 */
function slowerOn(rows) {
  const byKey = new Map(rows.map((r) => [rowKey(r.query, r.system, r.metric), r]));
  const out = [];
  for (const { key } of INGESTS) {
    const r = ratio(
      byKey.get(rowKey(key, "skein", SECONDS)),
      byKey.get(rowKey(key, "loradb", SECONDS)),
    );
    if (r !== null && r < 1) out.push({ key, first: false, ratio: r });
  }
  for (const { key } of QUERIES) {
    const r = ratio(
      byKey.get(rowKey(key, "skein", LATENCY)),
      byKey.get(rowKey(key, "loradb", LATENCY)),
    );
    if (r !== null && r < 1) out.push({ key, first: false, ratio: r });
  }
  for (const { key } of QUERIES) {
    const r = ratio(
      byKey.get(rowKey(key, "skein", FIRST)),
      byKey.get(rowKey(key, "loradb", FIRST)),
    );
    if (r !== null && r < 1) out.push({ key, first: true, ratio: r });
  }
  return out;
}

/** Whether an engine's `{id: $id}` lookup costs about what its forced scan does. */
function scans(ms, system) {
  const lookup = ms("point-lookup", system);
  const scan = ms("point-lookup-scan", system);
  return lookup !== null && scan !== null && lookup >= 0.3 * scan;
}

/** How each engine found `{id: $id}` in this run, from its latencies and LoraDB's plan. */
function lookupFacts(rows, plans, size) {
  const byKey = new Map(rows.map((r) => [rowKey(r.query, r.system, r.metric), r]));
  const ms = (key, system) => byKey.get(rowKey(key, system, LATENCY))?.median ?? null;
  const out = [];
  for (const system of ["skein", "loradb"]) {
    const lookup = ms("point-lookup", system);
    const scan = ms("point-lookup-scan", system);
    if (lookup === null || scan === null) continue;
    const how = scans(ms, system)
      ? `scans: ${fmt(lookup)} ms per lookup, about the ${fmt(scan)} ms of its forced scan ` +
        `of the ${n(size.people)} :Person nodes (${fmt((lookup * 1e6) / size.people)} ns per node)`
      : `finds the person without a scan: ${fmt(lookup)} ms per lookup, against ${fmt(scan)} ms ` +
        `for its forced scan of the ${n(size.people)} :Person nodes (point-lookup-scan)`;
    const plan = plans[`point-lookup|${system}`];
    const extra =
      system === "loradb"
        ? (plan ? `; its plan starts with \`${plan.split(" → ")[0]}\`` : "") +
          ` and no index is declared (with one: ${fmt(ms("point-lookup", "loradb-indexed"))} ms)`
        : "";
    out.push(`- ${SYSTEM_TITLES[system]} ${how}${extra}.`);
  }
  if (out.length > 0) {
    out.push(
      "- The first run of a query text includes what an engine does once per text, and in a " +
        "lookup whatever it builds at the first lookup on (label, key).",
    );
  }
  return out;
}

/** "<share>% in <part> (mostly `<function>`)": the largest part of a profile. */
function topOf(profile) {
  if (!profile || profile.error || profile.parts.length === 0) return "";
  const [part] = profile.parts;
  const share = ((part.ms / profile.totalMs) * 100).toFixed(0);
  return `; Skein's profile below puts ${share}% of it in the ${part.name}, the most in \`${part.top.name}\``;
}

/** A line per measurement Skein is slower on: what the run itself shows bounds it. */
function readings(rows, size, slower, profiles) {
  const profileOf = (key, first) => profiles.find((p) => p.key === key && p.first === first);
  const byKey = new Map(rows.map((r) => [rowKey(r.query, r.system, r.metric), r]));
  const ms = (key, system) => byKey.get(rowKey(key, system, LATENCY))?.median ?? null;
  const first = (key, system) => byKey.get(rowKey(key, system, FIRST))?.median ?? null;
  return slower.map(({ key, first: isFirst }) => {
    const q = QUERIES.find((x) => x.key === key);
    if (isFirst) {
      return (
        `- ${key}, first run of the text: Skein ${fmt(first(key, "skein"))} ms against LoraDB ` +
        `${fmt(first(key, "loradb"))} ms (one run per repetition, so noisy)` +
        `${topOf(profileOf(key, true))}.`
      );
    }
    if (q?.lookup && scans(ms, "skein") && !scans(ms, "loradb")) {
      return (
        `- ${key}: Skein scans the ${n(size.people)} :Person nodes for \`{id: $id}\` where ` +
        `LoraDB looks the person up (above); the scan, ${fmt(ms("point-lookup", "skein"))} ms, ` +
        `bounds it (Skein ${fmt(ms(key, "skein"))} ms in all), and grows with the graph.`
      );
    }
    const unit = q ? "ms" : "s";
    const metric = q ? LATENCY : SECONDS;
    const value = (system) => byKey.get(rowKey(key, system, metric))?.median ?? null;
    return `- ${key}: Skein ${fmt(value("skein"))} ${unit} against LoraDB ${fmt(value("loradb"))} ${unit}${topOf(profileOf(key, false))}.`;
  });
}

async function profileSlower(slower, size) {
  const out = [];
  for (const { key, first } of slower) {
    console.log(`profiling Skein: ${key}${first ? ", first run" : ""}`);
    try {
      out.push(await profileSkeinQuery(key, first, { ...size }, 10 * 60_000));
    } catch (err) {
      out.push({ key, first, error: err.message });
    }
  }
  return out;
}

function formatWithPrettier(files) {
  const r = spawnSync(
    "npx",
    ["--no-install", "prettier", "--log-level", "warn", "--write", ...files],
    {
      cwd: ROOT,
      stdio: "inherit",
    },
  );
  if (r.status !== 0) console.log("warning: prettier did not format the outputs");
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const sizeName = args.quick ? "quick" : "full";
  const size = { ...SIZES[sizeName], ...(args.reps ? { repetitions: args.reps } : {}) };
  const startedAt = new Date();
  const started = performance.now();
  ensureBuilt("npm run bench:queries");
  ensurePeers();
  console.log(
    `skein query bench (${sizeName}): ${size.repetitions} repetition(s), ` +
      `${size.people} people, ${size.rels} relationships`,
  );
  const commit = gitLine(); // the tree the build about to be pinned was made from
  const pinned = pinDist();
  let c;
  let profiles = [];
  let rows;
  let slower;
  try {
    c = await measureAll(size);
    rows = summarise(c.values);
    slower = slowerOn(rows);
    if (args.profile) profiles = await profileSlower(slower, size);
  } finally {
    rmSync(pinned.root, { recursive: true, force: true });
  }
  const notes = [];
  if (distFingerprint(join(ROOT, "dist")) !== pinned.fingerprint) {
    notes.push(
      "dist/ was rebuilt while this run went on; the run measured the build it copied at its start.",
    );
  }
  if (!args.profile)
    notes.push("Run with --no-profile: no profiles of the queries Skein is slower on.");
  const report = renderQueriesReport({
    command: `npm run bench:queries${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(" ")}` : ""}`,
    date: `${startedAt.toISOString().slice(0, 16).replace("T", " ")} UTC`,
    machine: [
      machineLine(tmpdir()),
      commit,
      `Skein build measured: dist/ as built at the start (sha256 ${pinned.fingerprint.slice(0, 12)})`,
    ]
      .filter(Boolean)
      .join("; "),
    size,
    rows,
    runs: c.runs,
    plans: c.plans,
    checks: checkLines(c, size),
    failures: c.failures,
    slower: slower.map(
      ({ key, first, ratio: r }) => `${key}${first ? " (first run)" : ""} (${fmtRatio(r)})`,
    ),
    lookupFacts: lookupFacts(rows, c.plans, size),
    readings: readings(rows, size, slower, profiles),
    profiles,
    notes,
  });
  const files = [join(BENCH, "queries.json"), join(BENCH, "QUERIES.md")];
  writeFileSync(files[0], JSON.stringify(rows, null, 2) + "\n");
  writeFileSync(files[1], report);
  formatWithPrettier(files);
  for (const r of rows.filter((x) => x.metric !== FIRST)) {
    console.log(`${r.query} ${r.system} ${r.metric}: ${fmt(r.median)}`);
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  console.log(`wrote bench/queries.json and bench/QUERIES.md in ${seconds} s`);
  if (c.failures.length > 0) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
