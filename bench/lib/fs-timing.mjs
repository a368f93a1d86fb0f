// A preload (`node --import ./fs-timing.mjs`) for the profiler: it wraps node:fs's write,
// fsync and read calls to measure the wall-clock time spent in them, whichever module
// makes them, and writes the totals as JSON to the file named by SKEIN_BENCH_FS_TIMING when
// the process exits. It changes no behaviour: every call is passed through untouched.
// syncBuiltinESMExports() makes `import * as fs from "node:fs"` see the wrappers too.
// Only calls inside the workload's window count (lib/clock.mjs announces it); the window's
// bounds go into the file too, in the CPU profile's clock (microseconds, monotonic), so
// that the profile can be cut to the same window.
import fs from "node:fs";
import { syncBuiltinESMExports } from "node:module";
import { WINDOW_EVENT } from "./clock.mjs";

let totals = {};
let counting = true;
const window = { startUs: null, endUs: null };
const nowUs = () => Number(process.hrtime.bigint() / 1000n);

process.on(WINDOW_EVENT, (edge) => {
  if (edge === "start") {
    totals = {};
    counting = true;
    window.startUs = nowUs();
  } else {
    counting = false;
    window.endUs = nowUs();
  }
});

function account(category, ms, bytes) {
  if (!counting) return;
  const t = (totals[category] ??= { calls: 0, ms: 0, bytes: 0 });
  t.calls++;
  t.ms += ms;
  t.bytes += bytes;
}

const byteCount = (r) => (typeof r === "number" ? r : r instanceof Uint8Array ? r.length : 0);

// readFileSync reads through fs.readSync: a call made inside another wrapped call is the
// outer call's own work and is not counted a second time.
let depth = 0;

function wrapSync(name, category, countsBytes) {
  const original = fs[name];
  fs[name] = function timed(...args) {
    const start = performance.now();
    depth++;
    let result;
    try {
      result = original.apply(this, args);
    } finally {
      depth--;
    }
    if (depth === 0) {
      account(category, performance.now() - start, countsBytes ? byteCount(result) : 0);
    }
    return result;
  };
}

function wrapAsync(name, category) {
  const original = fs[name];
  fs[name] = function timed(...args) {
    const callback = args.pop();
    const start = performance.now();
    return original.call(this, ...args, (...results) => {
      account(category, performance.now() - start, 0);
      callback(...results);
    });
  };
}

wrapSync("writeSync", "write", true);
wrapSync("writevSync", "write", true);
wrapSync("fdatasyncSync", "fsync", false);
wrapSync("fsyncSync", "fsync", false);
wrapSync("readSync", "read", true);
wrapSync("readFileSync", "read", true);
wrapAsync("fdatasync", "fsync (thread pool)");
wrapAsync("fsync", "fsync (thread pool)");
syncBuiltinESMExports();

process.on("exit", () => {
  const path = process.env.SKEIN_BENCH_FS_TIMING;
  if (path) fs.writeFileSync(path, JSON.stringify({ calls: totals, window }));
});
