// bench/QUERIES.md: the run's date, machine, commit and command, how the data was loaded and
// how durable each engine was, how answers were checked, a table per measurement (Skein
// against LoraDB without and with an index, ratios oriented so that > 1 means Skein is
// better), LoraDB's plans, and for every query where Skein is slower the CPU profile of
// Skein on it. Pure: takes the run's data, returns Markdown (Prettier formats it afterwards).
import {
  FIRST,
  HIGHER_IS_BETTER,
  INGESTS,
  INGEST_NODES,
  INGEST_RELS,
  LATENCY,
  QUERIES,
  ROWS_PER_S,
  SECONDS,
  SYSTEM_TITLES,
  THROUGHPUT,
  rowKey,
} from "./plan.mjs";
import { fmt as fmtNumber } from "../lib/report.mjs";

/** As the storage report formats numbers, but two significant digits below 1 (latencies in ms). */
export function fmt(v) {
  const small = typeof v === "number" && Number.isFinite(v) && v !== 0 && Math.abs(v) < 1;
  return small ? v.toPrecision(2) : fmtNumber(v);
}

/** A ratio; below 0.1 also as a fraction, "0.0026× (1/383)", so small ones stay readable. */
export function fmtRatio(r) {
  if (r === null) return "—";
  if (r >= 10) return `${r.toFixed(0)}×`;
  if (r >= 0.1) return `${r.toFixed(2)}×`;
  return `${r.toPrecision(2)}× (1/${fmt(1 / r)})`;
}
const n = (x) => x.toLocaleString("en-US");

/** Ratio > 1 when Skein is better: Skein ÷ other for throughputs, other ÷ Skein for times. */
export function ratio(skein, other) {
  if (!skein?.median || !other?.median) return null;
  return HIGHER_IS_BETTER.has(skein.metric)
    ? skein.median / other.median
    : other.median / skein.median;
}

function table(header, lines) {
  return [
    `| ${header.join(" | ")} |`,
    `| ${header.map(() => "---").join(" | ")} |`,
    ...lines.map((l) => `| ${l.join(" | ")} |`),
  ].join("\n");
}

const METRIC_TEXT = {
  [LATENCY]: "median latency (ms)",
  [THROUGHPUT]: "queries/s, one at a time",
  [FIRST]: "first run of the query text (ms)",
  [SECONDS]: "total time (s)",
  [ROWS_PER_S]: "rows/s",
};

const RATIO_TEXT = (metric) => (HIGHER_IS_BETTER.has(metric) ? "Skein ÷ LoraDB" : "LoraDB ÷ Skein");

function cell(row) {
  if (!row || row.runs === 0) return "not measured";
  const range = row.runs > 1 ? ` (${fmt(row.min)}–${fmt(row.max)})` : "";
  return `**${fmt(row.median)}**${range}`;
}

/** One table: a line per metric, a column pair (value, ratio) per LoraDB variant. */
function measurementTable(query, systems, metrics, byKey) {
  const header = ["metric", SYSTEM_TITLES.skein];
  for (const s of systems) {
    const title =
      s === "loradb" && systems.includes("loradb-indexed")
        ? `${SYSTEM_TITLES.loradb}, no declared index`
        : SYSTEM_TITLES[s];
    header.push(title, "ratio (> 1: Skein better)");
  }
  const lines = metrics.map((metric) => {
    const skein = byKey.get(rowKey(query, "skein", metric));
    const line = [METRIC_TEXT[metric], cell(skein)];
    for (const s of systems) {
      const other = byKey.get(rowKey(query, s, metric));
      const r = ratio(skein, other);
      line.push(cell(other), r === null ? "—" : `${fmtRatio(r)} (${RATIO_TEXT(metric)})`);
    }
    return line;
  });
  return table(header, lines);
}

function runsLine(runs) {
  const parts = Object.entries(runs)
    .filter(([, list]) => list.length > 0)
    .map(([system, list]) => `${SYSTEM_TITLES[system]} ${list.map(n).join(", ")}`);
  return parts.length > 0 ? `Timed runs per repetition: ${parts.join("; ")}.` : "";
}

function top3(p) {
  const ms = p.topFunctions.slice(0, 3).reduce((sum, f) => sum + f.ms, 0);
  return `${((ms / p.totalMs) * 100).toFixed(0)}%`;
}

function profileSection(p, byKey) {
  const q = QUERIES.find((x) => x.key === p.key);
  const title = q ? q.title : INGESTS.find((x) => x.key === p.key)?.key;
  const out = [`### ${title}${p.first ? ": first run of the text" : ""}`, ""];
  if (p.error) return [...out, `The profile failed: ${p.error}`, ""].join("\n");
  const median = (system, metric) => byKey.get(rowKey(p.key, system, metric))?.median;
  if (q && p.first) {
    out.push(
      `Skein ${fmt(median("skein", FIRST))} ms against LoraDB ${fmt(median("loradb", FIRST))} ms ` +
        `(first runs above). Under the profiler (a sample every 50 µs) Skein's first run took ` +
        `${fmt(p.result.firstMs)} ms; ${fmt(p.totalMs)} ms of CPU were sampled in it.`,
      "",
    );
  } else if (q) {
    out.push(
      `Skein ${fmt(median("skein", LATENCY))} ms against LoraDB ${fmt(median("loradb", LATENCY))} ` +
        `ms (median latencies above). Under the profiler Skein's median was ${fmt(p.result.ms)} ` +
        `ms over ${n(p.result.runs)} runs; ${fmt(p.totalMs)} ms of CPU were sampled while the ` +
        "query ran (warm-up and timed runs).",
      "",
    );
  } else {
    out.push(
      `Skein ${fmt(median("skein", SECONDS))} s against LoraDB ${fmt(median("loradb", SECONDS))} ` +
        `s. Under the profiler Skein took ${fmt(p.result.s)} s; ${fmt(p.totalMs)} ms of CPU ` +
        "were sampled in it.",
      "",
    );
  }
  out.push(
    table(
      ["part", "self ms", "share"],
      p.parts
        .filter((c) => c.ms >= p.totalMs * 0.005)
        .map((c) => [c.name, fmt(c.ms), `${((c.ms / p.totalMs) * 100).toFixed(0)}%`]),
    ),
    "",
    `Functions with the most self time (the first three: ${top3(p)} of the sampled time):`,
    "",
    table(
      ["self ms", "function"],
      p.topFunctions.map((f) => [fmt(f.ms), `\`${f.name}\``]),
    ),
    "",
  );
  return out.join("\n");
}

/**
 * `run`: { command, date, machine, size, rows, runs, plans, checks, lookupFacts, failures,
 * slower, readings, profiles, notes }.
 */
export function renderQueriesReport(run) {
  const { size } = run;
  const byKey = new Map(run.rows.map((r) => [rowKey(r.query, r.system, r.metric), r]));
  const reps = size.repetitions;
  const out = [
    "# Skein and LoraDB on typical Cypher queries",
    "",
    `Run ${run.date} with \`${run.command}\`.`,
    "",
    `Machine: ${run.machine}. Two cores shared with other work: absolute figures drift from ` +
      `run to run; compare within one run.`,
    "",
    "## What runs",
    "",
    `- Data: ${n(size.people)} \`:Person {id, name, age, city}\` nodes (\`id\` 0…${n(size.people - 1)}, ` +
      `a 16-character name, \`age\` 0–89, \`city\` one of 1,000) and ${n(size.rels)} ` +
      `\`:KNOWS {since}\` relationships, ${n(size.rels / size.people)} out of each person, to ` +
      "ends spread by `bench/lib/record.mjs`'s fixed pseudo-random rule.",
    `- Load, the same Cypher in both engines: batches of ${n(size.batch)} rows through UNWIND, ` +
      "one commit per batch, each durable before the next. People: " +
      `\`${INGEST_NODES}\`; then relationships: \`${INGEST_RELS}\`. No declared index ` +
      "during the load.",
    "- Skein: `openDatabase(dir)` with its default options: `syncMode: perCommit` (a query " +
      "that writes resolves once its commit is fsynced), automatic checkpoints every 10,000 " +
      "commits (none happen here).",
    "- LoraDB 0.15: `openWalDatabase({ walDir })`, as `bench/systems/loradb.mjs` opens it, in its " +
      "only WAL mode, groupSync (`execute` resolves once the commit is written to the log, a " +
      "background thread fsyncs every second), plus `sync()` after every ingest batch, so " +
      "each batch is fsynced before the next as in Skein. No snapshot directory. Its " +
      "`execute` runs each query on the libuv thread pool; Skein's runs it on the calling " +
      "thread.",
    "- Queries: after the load, each query runs its warm-up, then is timed one run at a time " +
      `(awaited), at least ${n(size.minRuns)} runs and ${size.budgetS} s, at most ${n(size.maxRuns)} ` +
      "runs, the parameter `$id` changing every run ((k × 48,271 + 11) mod the number of " +
      "people). Latency is the median of a repetition's runs; queries/s is its runs ÷ its " +
      "elapsed time. The first run of each query text is reported apart: it includes what an " +
      "engine does once per query text.",
    `- LoraDB runs every query first with no declared index (SHOW INDEXES is empty), then, after ` +
      "`CREATE INDEX FOR (n:Person) ON (n.id)`, the lookups again (the columns " +
      `"${SYSTEM_TITLES["loradb-indexed"]}"). Skein has no CREATE INDEX statement.`,
    `- ${reps} repetition${reps > 1 ? "s" : ""}: each is one fresh child process per engine, on a ` +
      "fresh temporary directory; engine order alternates between repetitions. Tables show " +
      `the median over repetitions${reps > 1 ? ", with min–max" : ""}; \`bench/queries.json\` has the rows.`,
    "",
    "## Answers checked",
    "",
    ...run.checks,
    "",
    "## How each engine finds `{id: $id}`",
    "",
    ...run.lookupFacts,
    "",
  ];
  if (run.failures.length > 0) {
    out.push("## Failures", "");
    for (const f of run.failures) out.push(`- ${f}`);
    out.push("");
  }
  out.push("## Ingest", "");
  for (const ing of INGESTS) {
    out.push(
      `### ${ing.title(size)}`,
      "",
      measurementTable(ing.key, ["loradb"], [SECONDS, ROWS_PER_S], byKey),
      "",
    );
  }
  out.push("## Queries", "");
  for (const q of QUERIES) {
    const systems = q.lookup ? ["loradb", "loradb-indexed"] : ["loradb"];
    out.push(
      `### ${q.title}`,
      "",
      `\`${q.text}\``,
      "",
      measurementTable(q.key, systems, [LATENCY, THROUGHPUT, FIRST], byKey),
      "",
    );
    const runs = runsLine(run.runs[q.key] ?? {});
    if (runs) out.push(runs, "");
    for (const s of systems) {
      const plan = run.plans[`${q.key}|${s}`];
      if (plan) out.push(`${SYSTEM_TITLES[s]}'s plan (explain): \`${plan}\`.`, "");
    }
  }
  out.push("## Where Skein is slower", "");
  if (run.slower.length === 0) {
    out.push("On no measurement of this run is Skein slower than LoraDB without an index.", "");
  } else {
    out.push(
      `Skein is slower than LoraDB (no declared index) on: ${run.slower.join("; ")}.`,
      "",
      ...run.readings,
      "",
    );
    for (const p of run.profiles) out.push(profileSection(p, byKey));
  }
  if (run.notes.length > 0) {
    out.push("## Notes", "");
    for (const note of run.notes) out.push(`- ${note}`);
    out.push("");
  }
  return out.join("\n");
}
