// Where Skein's time goes, for the report's missed targets: runs one Skein workload in a
// child process under the V8 CPU profiler (--cpu-prof) with lib/fs-timing.mjs preloaded,
// and returns the wall-clock time spent in write and fsync system calls next to the CPU
// self time by component (encode, apply, wal, db, ...; see lib/cpu-profile.mjs), both cut
// to the workload's measured window (lib/clock.mjs): start-up, open and close stay out,
// except for W4, whose measured window is the open.
//
//   node bench/profile.mjs <w1|w2|w3|w4wal|w4checkpoint> [--quick]
//
// prints the breakdown; run.mjs calls profileSkein() for each target a run misses.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { URL, fileURLToPath } from "node:url";
import { summariseProfile } from "./lib/cpu-profile.mjs";
import { SIZES } from "./lib/plan.mjs";
import { runChild } from "./lib/spawn.mjs";

const FS_TIMING = fileURLToPath(new URL("./lib/fs-timing.mjs", import.meta.url));

/** What each kind profiles: the measured task, and the unprofiled tasks that prepare its directory. */
function profilePlan(kind, size) {
  const ingest = { system: "skein", fn: "w3", ...size.w3 };
  switch (kind) {
    case "w1":
      return {
        prepare: [],
        task: {
          system: "skein",
          fn: "w1",
          mode: "perCommit",
          n: size.w1Writes,
          warmup: size.w1Warmup,
        },
      };
    case "w2":
      return {
        prepare: [],
        task: {
          system: "skein",
          fn: "w2",
          mode: "perCommit",
          n: size.w2Writes,
          warmup: size.w2Warmup,
        },
      };
    case "w3":
      return { prepare: [], task: ingest };
    case "w4wal":
      return { prepare: [ingest], task: { system: "skein", fn: "w4", mode: "wal" } };
    case "w4checkpoint":
      return {
        prepare: [ingest, { system: "skein", fn: "checkpoint" }],
        task: { system: "skein", fn: "w4", mode: "checkpoint" },
      };
    default:
      throw new Error(`unknown profile ${kind}: use w1, w2, w3, w4wal or w4checkpoint`);
  }
}

/** Runs the profile of `kind` at `size`; returns { kind, task, result, fs, cpu }. */
export async function profileSkein(kind, size, timeoutMs = 30 * 60_000) {
  const { prepare, task } = profilePlan(kind, size);
  const root = mkdtempSync(join(tmpdir(), "skein-profile-"));
  const dir = join(root, "db");
  const profileDir = join(root, "cpu");
  const timingFile = join(root, "fs-timing.json");
  try {
    for (const step of prepare) await runChild({ ...step, dir }, { timeoutMs });
    const result = await runChild(
      { ...task, dir },
      {
        nodeFlags: ["--cpu-prof", `--cpu-prof-dir=${profileDir}`, "--import", FS_TIMING],
        env: { SKEIN_BENCH_FS_TIMING: timingFile },
        timeoutMs,
      },
    );
    const [profileFile] = readdirSync(profileDir).filter((f) => f.endsWith(".cpuprofile"));
    if (!profileFile) throw new Error("the profiled child wrote no CPU profile");
    const timing = JSON.parse(readFileSync(timingFile, "utf8"));
    const profile = JSON.parse(readFileSync(join(profileDir, profileFile), "utf8"));
    const cpu = summariseProfile(profile, timing.window);
    return { kind, task, result, fs: timing.calls, cpu };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function printBreakdown({ kind, result, fs, cpu }) {
  console.log(`profile ${kind}: ${JSON.stringify(result)}`);
  console.log("wall clock in node:fs calls:");
  for (const [name, t] of Object.entries(fs)) {
    console.log(
      `  ${name.padEnd(22)} ${t.ms.toFixed(1).padStart(9)} ms  ${t.calls} calls  ${t.bytes} bytes`,
    );
  }
  console.log(`CPU self time by component (${cpu.totalMs.toFixed(0)} ms sampled in the window):`);
  for (const c of cpu.components)
    console.log(`  ${c.name.padEnd(58)} ${c.ms.toFixed(1).padStart(9)} ms`);
  console.log("top functions by self time:");
  for (const f of cpu.topFunctions) console.log(`  ${f.ms.toFixed(1).padStart(9)} ms  ${f.name}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const size = args.includes("--quick") ? SIZES.quick : SIZES.full;
  const kinds = args.filter((a) => !a.startsWith("--"));
  for (const kind of kinds.length > 0 ? kinds : ["w1"])
    printBreakdown(await profileSkein(kind, size));
}
