// Summarises a V8 CPU profile (`node --cpu-prof`) by component: self time of every sample,
// grouped by the Skein folder (dist/store, dist/wal, ...) or the runtime part it fell in,
// plus the functions with the most self time. Grouping by file keeps it meaningful while
// Skein's internals change: it needs only the folder layout of src/ (mirrored in dist/).

/** [test on "<dist-relative path>", component], first match wins. */
const SKEIN_FILES = [
  [/^store\/lw1-|^internal\/bytes/, "encode/decode (LW1 codec, byte buffers)"],
  [/^internal\/crc/, "crc"],
  [/^store\/(values|tagged-values|canonical|events)/, "values (validate, copy, freeze)"],
  [/^store\//, "apply (graph store, indexes)"],
  [/^wal\//, "wal (records, framing, segments)"],
  [/^db\//, "db (transactions, recovery)"],
  [/^snapshot\//, "snapshot (encode/decode)"],
  [/^internal\/fs/, "fs seam (JS side)"],
  [/./, "other Skein code"],
];

const NATIVE = [
  [/fdatasync|fsync/i, "fsync (system call)"],
  [/^write/i, "write (system call)"],
  [/^read/i, "read (system call)"],
];

function component({ functionName, url }) {
  switch (functionName) {
    case "(root)":
      return null;
    case "(garbage collector)":
      return "garbage collector";
    case "(idle)":
      return "idle (event loop waiting: fsync on the thread pool, I/O)";
    case "(program)":
      return "V8/runtime (unattributed)";
  }
  const dist = url.indexOf("/dist/");
  if (dist >= 0 && !url.includes("node_modules")) {
    const rel = url.slice(dist + "/dist/".length);
    return SKEIN_FILES.find(([re]) => re.test(rel))[1];
  }
  if (url === "") return NATIVE.find(([re]) => re.test(functionName))?.[1] ?? "native (other)";
  if (url.includes("/bench/")) return "bench harness (building records)";
  if (url === "node:zlib" && functionName === "crc32") return "crc";
  if (url.startsWith("node:fs") || url.includes("internal/fs")) return "node:fs (JS side)";
  if (url.startsWith("node:")) return "node internals (promises, timers, modules)";
  return "other";
}

/**
 * Self milliseconds by component, largest first, and the top functions by self time, of
 * the samples inside `window` ({ startUs, endUs } on the profile's clock; null bounds are
 * open). `windowed` says whether the window cut anything.
 */
export function summariseProfile(profile, window = {}, topCount = 8) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const from = window.startUs ?? -Infinity;
  const to = window.endUs ?? Infinity;
  const selfMs = new Map();
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    t += delta;
    if (t < from || t > to) continue;
    const id = profile.samples[i];
    selfMs.set(id, (selfMs.get(id) ?? 0) + delta / 1000);
  }
  const components = new Map();
  const functions = new Map();
  let totalMs = 0;
  for (const [id, ms] of selfMs) {
    const frame = byId.get(id).callFrame;
    const name = component(frame);
    if (name === null) continue;
    totalMs += ms;
    components.set(name, (components.get(name) ?? 0) + ms);
    const file = frame.url.replace(/^.*\/(dist|bench)\//, "$1/");
    const fn = `${frame.functionName || "(anonymous)"} ${file ? `(${file}:${frame.lineNumber + 1})` : "(native)"}`;
    functions.set(fn, (functions.get(fn) ?? 0) + ms);
  }
  const sorted = (m) => [...m].sort((a, b) => b[1] - a[1]).map(([name, ms]) => ({ name, ms }));
  return {
    totalMs,
    windowed: Number.isFinite(from) || Number.isFinite(to),
    components: sorted(components),
    topFunctions: sorted(functions).slice(0, topCount),
  };
}
