// What one child process does with one engine, the same for both: load the graph through
// UNWIND batches (timed: the ingest measurements), check the counts, then for each query
// run its warm-up, checking every warm-up answer against the generator's (data.mjs), and
// only if all are right time it: one query at a time, awaited, with a new parameter each
// run, for at least minRuns runs and budgetS seconds; the last timed answer is checked too.
// The first warm-up run's latency is kept apart: the query text's first run in the process,
// before anything an engine caches per query text. Then the engine's other variants (LoraDB
// with an index) do the same. A wrong answer or an error is recorded for its query and that
// query is not timed; the other queries go on.
//
// `engine` (query-systems/*.mjs) gives: execute(query, params), commit() (after each ingest
// batch), counts(), close(), and variants
// [{ system, setup() | null, lookupsOnly }]; a setup runs before its variant's queries;
// optionally plan(query, params), the engine's plan as text, recorded for the report.
import { batches } from "../lib/record.mjs";
import { median } from "../lib/stats.mjs";
import { difference, digest, valuesOf } from "./answers.mjs";
import { Oracle, personRows, relRows } from "./data.mjs";
import { INGEST_NODES, INGEST_RELS, MAX_INGEST_S, QUERIES } from "./plan.mjs";

const nowUs = () => Number(process.hrtime.bigint() / 1000n);

/**
 * A window on the CPU profile's clock (µs), for the profiled query only: `task.profile` is
 * its key (warm-up and timed runs), or "<key>|first" (its first run, see measureQuery).
 */
function windowed(task, key, fn) {
  if (task.profile !== key) return fn();
  const window = { startUs: nowUs(), endUs: null };
  return fn().then((r) => ({ ...r, window: { ...window, endUs: nowUs() } }));
}

async function ingest(engine, task) {
  const { people, rels, batch } = task;
  const nodes = await windowed(task, "ingest-nodes", async () => {
    const start = performance.now();
    for (const [from, to] of batches(people, batch)) {
      await engine.execute(INGEST_NODES, { rows: personRows(from, to) });
      await engine.commit();
    }
    return { s: (performance.now() - start) / 1000 };
  });
  const relationships = await windowed(task, "ingest-rels", async () => {
    const start = performance.now();
    for (const [from, to] of batches(rels, batch)) {
      await engine.execute(INGEST_RELS, { rows: relRows(from, to, people) });
      await engine.commit();
      const projected = ((performance.now() - start) / 1000) * (rels / to);
      if (from === 0 && projected > MAX_INGEST_S) {
        throw new Error(
          `the relationship ingest's first batch took ${((performance.now() - start) / 1000).toFixed(1)} s: ` +
            `the whole would take about ${projected.toFixed(0)} s, over ${MAX_INGEST_S} s (does the ` +
            "engine scan for every row's ends?)",
        );
      }
    }
    return { s: (performance.now() - start) / 1000 };
  });
  const counts = await engine.counts();
  if (counts.nodes !== people || counts.relationships !== rels) {
    throw new Error(
      `after the ingest the graph has ${counts.nodes} nodes and ${counts.relationships} ` +
        `relationships, expected ${people} and ${rels}`,
    );
  }
  return { "ingest-nodes": nodes, "ingest-rels": relationships };
}

async function measureQuery(engine, q, task, oracle) {
  const { people, minRuns, maxRuns, budgetS } = task;
  const answers = [];
  let firstMs = null;
  let firstWindow;
  for (let k = 0; k < q.warmup; k++) {
    const params = q.params(k, people);
    const startUs = nowUs();
    const t0 = performance.now();
    const result = await engine.execute(q.text, params);
    firstMs ??= performance.now() - t0;
    if (k === 0 && task.profile === `${q.key}|first`) firstWindow = { startUs, endUs: nowUs() };
    const got = valuesOf(result);
    const wrong = difference(got, q.expect(oracle, params));
    if (wrong) return { wrong: `with ${JSON.stringify(params)}: ${wrong}` };
    answers.push(got);
  }
  const latencies = [];
  let k = q.warmup;
  let last;
  let lastParams;
  const start = performance.now();
  for (;;) {
    lastParams = q.params(k++, people);
    const t0 = performance.now();
    last = await engine.execute(q.text, lastParams);
    latencies.push(performance.now() - t0);
    const n = latencies.length;
    if (n >= maxRuns || (n >= minRuns && performance.now() - start >= budgetS * 1000)) break;
  }
  const seconds = (performance.now() - start) / 1000;
  const wrong = difference(valuesOf(last), q.expect(oracle, lastParams));
  if (wrong) return { wrong: `with ${JSON.stringify(lastParams)}: ${wrong}` };
  return {
    ms: median(latencies),
    firstMs,
    qps: latencies.length / seconds,
    runs: latencies.length,
    digest: digest(answers),
    ...(firstWindow ? { window: firstWindow } : {}),
  };
}

/** Runs everything `task` asks of `engine`; returns { ingest, queries, setups }. */
export async function measureEngine(engine, task) {
  const oracle = new Oracle(task.people, task.rels);
  const result = { ingest: await ingest(engine, task), queries: {}, setups: {} };
  for (const variant of engine.variants) {
    if (variant.setup) {
      const start = performance.now();
      await variant.setup();
      result.setups[variant.system] = (performance.now() - start) / 1000;
    }
    // A profiled run still runs every query, in order: a query's first run depends on
    // what the queries before it left (an index built, a plan cached).
    const queries = QUERIES.filter((q) => !(variant.lookupsOnly && !q.lookup));
    const out = (result.queries[variant.system] = {});
    for (const q of queries) {
      try {
        out[q.key] = await windowed(task, q.key, () => measureQuery(engine, q, task, oracle));
        if (engine.plan) out[q.key].plan = await engine.plan(q.text, q.params(0, task.people));
      } catch (err) {
        out[q.key] = { error: String(err?.message ?? err).slice(0, 1000) };
      }
    }
  }
  await engine.close();
  return result;
}
