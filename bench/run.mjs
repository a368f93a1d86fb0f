// The benchmark runner: `npm run bench` (full) or `npm run bench -- --quick` from the
// repository root, which builds Skein first. It installs the bench's peers into
// bench/node_modules when they are missing, runs every task of lib/plan.mjs once per
// repetition (repetitions interleaved, each task in a fresh child process on a fresh
// temporary directory), profiles Skein for each target it misses (profile.mjs), and writes
// bench/results.json (the rows), bench/RESULTS.md (tables, verdicts, breakdowns) and
// bench/ratios.svg, formatted with the repository's Prettier.
//
// Options: --quick (smaller sizes, one repetition), --reps <n>, --only <text> (only tasks
// whose label contains the text; the other rows stay, with runs 0), --no-profile.
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
import {
  FULL_ENTITIES,
  SIZES,
  TARGETS,
  comparisons,
  repetitionTasks,
  rowSpecs,
} from "./lib/plan.mjs";
import { SYSTEM_NAMES, fmt, renderReport } from "./lib/report.mjs";
import { runChild } from "./lib/spawn.mjs";
import { median, ratios, summarise, verdicts } from "./lib/stats.mjs";
import { ratiosSvg } from "./lib/svg.mjs";
import { profileSkein } from "./profile.mjs";

function parseArgs(argv) {
  const args = { quick: false, reps: null, only: null, profile: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--quick") args.quick = true;
    else if (a === "--no-profile") args.profile = false;
    else if (a === "--reps") args.reps = Number(argv[++i]);
    else if (a === "--only") args.only = argv[++i];
    else
      throw new Error(`unknown option ${a}: use --quick, --reps <n>, --only <text>, --no-profile`);
  }
  if (args.reps !== null && !(Number.isInteger(args.reps) && args.reps > 0)) {
    throw new Error("--reps needs a positive integer");
  }
  return args;
}

/** Runs every repetition; returns the collected values, details and failures. */
async function measureAll(size, args) {
  const values = new Map();
  const details = {
    skeinW3: [],
    checkpoints: { skein: [], loradb: [] },
    seqReadCold: [],
    notes: [],
  };
  const failures = [];
  const timeoutMs = (args.quick ? 3 : 30) * 60_000;
  const expectedEntities = size.w3.nodes + size.w3.rels;

  async function measure(task, dir, rep) {
    const started = performance.now();
    try {
      const r = await runChild(
        { system: task.system, fn: task.fn, dir, ...task.params },
        { timeoutMs },
      );
      const pairs = task.emit(r);
      for (const [key, v] of pairs) values.set(key, [...(values.get(key) ?? []), v]);
      if (task.fn === "sequential") details.seqReadCold.push(r.readCold);
      if (task.fn === "w3" && task.system === "skein") details.skeinW3.push(r);
      if (task.fn === "checkpoint") details.checkpoints[task.system].push(r);
      if (task.fn === "w3" && r.entities !== expectedEntities) {
        details.notes.push(
          `${task.label}, repetition ${rep}: found ${r.entities} entities after ingest, expected ${expectedEntities}.`,
        );
      }
      const shown = pairs.map(([key, v]) => `${fmt(v)} ${key.split("|")[3]}`).join(", ");
      console.log(
        `  ${task.label}: ${shown} (${((performance.now() - started) / 1000).toFixed(1)} s)`,
      );
      return true;
    } catch (err) {
      failures.push({ label: task.label, rep, error: err.message });
      console.log(`  ${task.label}: FAILED ${err.message}`);
      return false;
    }
  }

  for (let rep = 1; rep <= size.repetitions; rep++) {
    console.log(`repetition ${rep} of ${size.repetitions}`);
    for (const task of repetitionTasks(size)) {
      if (args.only && !task.label.includes(args.only)) continue;
      const dir = mkdtempSync(join(tmpdir(), "skein-bench-"));
      try {
        if ((await measure(task, dir, rep)) && task.then) {
          for (const next of task.then) if (!(await measure(next, dir, rep))) break;
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  }
  return { values, details, failures };
}

/** Profiles Skein once per distinct breakdown that the missed targets call for. */
async function profileMisses(missed, size) {
  const kinds = [...new Set(missed.map((v) => v.target.profile))];
  const out = [];
  for (const kind of kinds) {
    const targets = missed.filter((v) => v.target.profile === kind).map((v) => v.target);
    if (kind === "memory") {
      out.push({ kind, targets });
      continue;
    }
    console.log(`profiling Skein: ${kind}`);
    try {
      out.push({ kind, targets, data: await profileSkein(kind, size) });
    } catch (err) {
      out.push({ kind, targets, error: err.message });
    }
  }
  return out;
}

function checkpointNote(checkpoints) {
  const mb = (list, field) =>
    list.length > 0 ? fmt(median(list.map((r) => r[field])) / 2 ** 20) : "—";
  const { skein, loradb } = checkpoints;
  if (skein.length === 0 && loradb.length === 0) return "";
  return (
    `When the checkpoint for W4 was taken, Skein's directory held ${mb(skein, "logBytes")} MB of log and ` +
    `${mb(skein, "snapshotBytes")} MB of snapshots (checkpoint took ${fmt(median(skein.map((r) => r.s)))} s); ` +
    `LoraDB's ${mb(loradb, "logBytes")} MB of log and ${mb(loradb, "snapshotBytes")} MB of snapshots (medians).`
  );
}

function svgItems(ratioItems) {
  return ratioItems.map(({ skein, other, ratio }) => ({
    label: `${skein.workload} ${skein.metric}: Skein ${skein.mode} / ${SYSTEM_NAMES[other.system]} ${other.mode}`,
    ratio,
  }));
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
  if (r.status !== 0)
    console.log("warning: prettier did not format the results; run `npx prettier --write bench`");
}

/** Measures, judges and profiles the misses, all against one pinned build of Skein. */
async function measureAndProfile(size, args) {
  const pinned = pinDist();
  try {
    const measured = await measureAll(size, args);
    const rows = summarise(rowSpecs(), measured.values);
    const scale = (size.w3.nodes + size.w3.rels) / FULL_ENTITIES;
    const judged = verdicts(rows, TARGETS, scale);
    const missed = judged.filter((v) => v.met === false);
    const profiles = args.profile ? await profileMisses(missed, size) : [];
    const build = `Skein build measured: dist/ as built at the start (sha256 ${pinned.fingerprint.slice(0, 12)})`;
    const rebuilt = distFingerprint(join(ROOT, "dist")) !== pinned.fingerprint;
    return { ...measured, rows, judged, profiles, build, rebuilt };
  } finally {
    rmSync(pinned.root, { recursive: true, force: true });
  }
}

function writeOutputs(rows, report, title) {
  const files = ["results.json", "RESULTS.md", "ratios.svg"].map((f) => join(BENCH, f));
  writeFileSync(files[0], JSON.stringify(rows, null, 2) + "\n");
  writeFileSync(files[1], report);
  writeFileSync(files[2], ratiosSvg(svgItems(ratios(rows, comparisons())), title));
  formatWithPrettier(files.slice(0, 2));
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const sizeName = args.quick ? "quick" : "full";
  const size = { ...SIZES[sizeName], ...(args.reps ? { repetitions: args.reps } : {}) };
  const startedAt = new Date();
  const started = performance.now();
  ensureBuilt("npm run bench");
  ensurePeers();
  const commit = gitLine(); // the tree the build at the start was made from
  console.log(
    `skein bench (${sizeName}): ${size.repetitions} repetition(s), W3 ${size.w3.nodes}+${size.w3.rels}`,
  );

  const run = await measureAndProfile(size, args);
  const skeinW3 = [...run.details.skeinW3].sort((a, b) => a.rssMib - b.rssMib);
  const report = renderReport({
    command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(" ")}` : ""}`,
    date: `${startedAt.toISOString().slice(0, 16).replace("T", " ")} UTC`,
    machine: [machineLine(tmpdir()), commit, run.build].filter(Boolean).join("; "),
    sizeName,
    size,
    seqReadCold: run.details.seqReadCold.length > 0 && run.details.seqReadCold.every(Boolean),
    rows: run.rows,
    ratioItems: ratios(run.rows, comparisons()),
    verdicts: run.judged,
    notes: [
      ...run.details.notes,
      ...(run.rebuilt
        ? [
            "dist/ was rebuilt while this run went on; the run measured the build it copied at its start.",
          ]
        : []),
      ...(args.only
        ? [`Only tasks whose label contains "${args.only}" ran; the other rows have runs 0.`]
        : []),
      ...(args.profile ? [] : ["Run with --no-profile: missed targets are not broken down."]),
    ],
    checkpointNote: checkpointNote(run.details.checkpoints),
    profiles: run.profiles,
    memory: skeinW3[skeinW3.length >> 1] ?? null,
    failures: run.failures,
  });
  writeOutputs(
    run.rows,
    report,
    `Skein benchmark ratios (${sizeName} run, ${startedAt.toISOString().slice(0, 10)})`,
  );
  for (const v of run.judged) {
    const verdict =
      v.met === null ? "not judged" : v.met ? "met" : `missed by ${v.byPercent.toFixed(0)}%`;
    console.log(`${v.target.text}: ${fmt(v.value)} (bound ${fmt(v.bound)}) ${verdict}`);
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  console.log(`wrote bench/results.json, bench/RESULTS.md, bench/ratios.svg in ${seconds} s`);
  if (run.failures.length > 0) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
