// bench/RESULTS.md: the run's date, machine and command, the verdict on each of Skein's
// targets, a table per workload (median, min–max, runs, ratio against Skein), the ratio
// chart, the breakdown of every missed target, and what each peer's modes mean. Pure:
// takes the run's data, returns Markdown (Prettier formats it afterwards).
export const SYSTEM_NAMES = {
  skein: "Skein",
  loradb: "LoraDB 0.15",
  sqlite: "SQLite (better-sqlite3)",
  lmdb: "LMDB (lmdb-js)",
  level: "LevelDB (classic-level)",
  limit: "this machine",
};

export function fmt(v) {
  if (v === null || v === undefined || !Number.isFinite(v)) return "—";
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (a >= 1000) return Math.round(v).toLocaleString("en-US");
  if (a >= 100) return v.toFixed(0);
  if (a >= 10) return v.toFixed(1);
  return v.toFixed(a >= 1 ? 2 : 3);
}

const fmtRatio = (r) => (r === null ? "—" : `${r >= 10 ? r.toFixed(0) : r.toFixed(2)}×`);

function table(header, lines) {
  return [
    `| ${header.join(" | ")} |`,
    `| ${header.map(() => "---").join(" | ")} |`,
    ...lines.map((l) => `| ${l.join(" | ")} |`),
  ].join("\n");
}

function workloadTitles(size) {
  const { nodes, rels, batch } = size.w3;
  const n = (x) => x.toLocaleString("en-US");
  return {
    W0: "W0: this machine's limits",
    W1: `W1: one durable commit at a time (${n(size.w1Writes)} single-node writes, each awaited, timed after ${n(size.w1Warmup)} untimed ones)`,
    W2: `W2: durable commits in flight together (${n(size.w2Writes)} single-node writes issued at once, timed after an untimed round of ${n(size.w2Warmup)})`,
    W3: `W3: bulk ingest (${n(nodes)} nodes and ${n(rels)} relationships, transactions of ${n(batch)})`,
    W4: "W4: recovery of the W3 graph (open until ready, page cache warm)",
    W5: "W5: memory after W3 and bytes on disk per entity",
  };
}

/** What a workload's table alone would not tell. */
const WORKLOAD_NOTES = {
  W4: "Skein's open builds the graph's structure and leaves property maps encoded, their framing checked; each is decoded on the first read of its entity (docs/database.md, \"Recovery\"). A program that reads every property right after opening pays for it then: `node bench/first-read.mjs <dir>` opens a directory W3 left and times a first and a second full read.",
};

/** The table of one workload: its rows, plus rows of other workloads its comparisons use. */
function workloadTable(workload, rows, ratioItems) {
  const own = rows.filter((r) => r.workload === workload);
  const borrowed = ratioItems
    .filter((c) => c.skein?.workload === workload && c.other && c.other.workload !== workload)
    .map((c) => c.other);
  const shown = [...own, ...borrowed.filter((r, i) => borrowed.indexOf(r) === i)];
  const lines = shown.map((row) => {
    const cells = ratioItems
      .filter((c) => c.other === row && c.skein?.workload === workload)
      .map(
        (c) =>
          `${fmtRatio(c.ratio)} (Skein ${c.skein.mode}${c.skein.metric === row.metric ? "" : ` ${c.skein.metric}`})`,
      );
    const from = row.workload === workload ? "" : ` (from ${row.workload})`;
    return [
      SYSTEM_NAMES[row.system] + from,
      row.mode,
      row.metric,
      `**${fmt(row.median)}**`,
      row.runs > 1 ? `${fmt(row.min)}–${fmt(row.max)}` : "",
      String(row.runs),
      row.system === "skein" ? "" : cells.join("; ") || "",
    ];
  });
  return table(
    ["system", "mode", "metric", "median", "min–max", "runs", "ratio (>1: Skein better)"],
    lines,
  );
}

function verdictTable(verdicts) {
  const lines = verdicts.map(({ target, value, bound, met, byPercent, note }) => {
    let verdict = "not judged";
    if (met === true) verdict = "**met**";
    else if (met === false) {
      const factor = value / bound;
      verdict = `**missed by ${byPercent.toFixed(0)}%** (${factor.toFixed(2)}× the bound)`;
    }
    if (note) verdict = met === null ? note : `${verdict} — ${note}`;
    return [target.text, fmt(value), fmt(bound), verdict];
  });
  return table(["target", "Skein (median)", "bound", "verdict"], lines);
}

/** What the profile says bounds the workload, from its numbers alone. */
function boundSentence(p, wallMs, commits) {
  const ms = (name) => p.fs[name]?.ms ?? 0;
  const calls = (name) => p.fs[name]?.calls ?? 0;
  const fsyncCalls = calls("fsync") + calls("fsync (thread pool)");
  const fsyncMs = ms("fsync") + ms("fsync (thread pool)");
  const idleMs = p.cpu.components.find((c) => c.name.startsWith("idle"))?.ms ?? 0;
  const share = (x) => `${((x / wallMs) * 100).toFixed(0)}%`;
  const parts = [];
  if (commits && fsyncCalls > 0) {
    parts.push(
      `${commits.toLocaleString("en-US")} commits used ${fsyncCalls.toLocaleString("en-US")} fsync${fsyncCalls === 1 ? "" : "s"} ` +
        `(${(commits / fsyncCalls).toFixed(1)} commits per fsync; mean fsync ${fmt((fsyncMs / fsyncCalls) * 1000)} µs).`,
    );
  }
  const waitingMs = ms("fsync") + idleMs;
  if (waitingMs >= 0.5 * wallMs) {
    parts.push(
      `**Bounded by fsync**: the main thread spent ${share(waitingMs)} of the wall time in fsync or idle waiting for ` +
        `the thread pool's fsync (fsync calls took ${share(fsyncMs)} of it in all).`,
    );
  } else {
    const top = p.cpu.components.filter((c) => !c.name.startsWith("idle")).slice(0, 3);
    parts.push(
      `**Bounded by CPU on the main thread**: it was busy for ${share(Math.min(wallMs, p.cpu.totalMs - idleMs))} of the wall time ` +
        `(fsync in the main thread ${share(ms("fsync"))}, write ${share(ms("write"))}, read ${share(ms("read"))}; ` +
        `fsync on the thread pool ran alongside for ${share(ms("fsync (thread pool)"))}). The largest CPU components: ` +
        `${top.map((c) => `${c.name} ${share(c.ms)}`).join(", ")}.`,
    );
  }
  if (p.result.logBytes !== undefined && p.fs.read) {
    const mb = (bytes) => fmt(bytes / 2 ** 20);
    parts.push(
      `Opening read ${mb(p.fs.read.bytes)} MB in ${p.fs.read.calls.toLocaleString("en-US")} read calls; ` +
        `the directory held ${mb(p.result.logBytes)} MB of log and ${mb(p.result.snapshotBytes ?? 0)} MB of snapshots.`,
    );
  }
  return parts.join(" ");
}

function profileSection({ kind, targets, data, error }, size) {
  const head = `### ${targets.map((t) => t.text).join("; ")}\n\nProfile: \`node bench/profile.mjs ${kind}${size === "quick" ? " --quick" : ""}\` (Skein alone, in a child under \`--cpu-prof\`, with node:fs write/fsync/read calls timed).`;
  if (error) return `${head}\n\nThe profile failed: ${error}`;
  const { result, fs, cpu } = data;
  const { n, nodes, rels, batch } = data.task;
  const commits = n ?? (nodes ? Math.ceil(nodes / batch) + Math.ceil(rels / batch) : null);
  const wallMs = result.opsPerS ? (n / result.opsPerS) * 1000 : result.s * 1000;
  const fsLines = Object.entries(fs).map(([name, t]) => [
    name,
    t.calls.toLocaleString("en-US"),
    fmt(t.ms),
    fmt((t.ms / t.calls) * 1000),
    t.bytes ? fmt(t.bytes / 2 ** 20) : "",
    `${((t.ms / wallMs) * 100).toFixed(0)}%`,
  ]);
  const cpuLines = cpu.components.map((c) => [
    c.name,
    fmt(c.ms),
    `${((c.ms / cpu.totalMs) * 100).toFixed(0)}%`,
  ]);
  const topLines = cpu.topFunctions.map((f) => [`\`${f.name}\``, fmt(f.ms)]);
  return [
    head,
    `The profiled run measured ${result.opsPerS ? `${fmt(result.opsPerS)} ops/s` : `${fmt(result.s)} s`} (wall ${fmt(wallMs)} ms of workload). ${boundSentence(data, wallMs, commits)}`,
    "Wall clock in file-system calls inside the workload's measured window. An fsync on the thread pool runs alongside the main thread and is timed from the call until its callback runs, so it includes any time the callback waited for a busy main thread:",
    table(["call", "calls", "total ms", "mean µs", "MB", "of the workload's wall time"], fsLines),
    `CPU self time by component, in the same window (${fmt(cpu.totalMs)} ms sampled; idle is the main thread waiting):`,
    table(["component", "ms", "share"], cpuLines),
    "Functions with the most self time:",
    table(["function", "ms"], topLines),
  ].join("\n\n");
}

function memorySection({ targets }, memory) {
  const head = `### ${targets.map((t) => t.text).join("; ")}`;
  if (!memory) return `${head}\n\nNo W3 run of Skein finished, so there is nothing to break down.`;
  const other = memory.rssMib - memory.heapTotalMib - memory.externalMib;
  return [
    head,
    "Memory of the Skein W3 run with the median RSS, after a full garbage collection (`process.memoryUsage()`):",
    table(
      ["part", "MB"],
      [
        ["RSS", fmt(memory.rssMib)],
        ["JS heap committed (heapTotal)", fmt(memory.heapTotalMib)],
        ["JS heap live (heapUsed)", fmt(memory.heapUsedMib)],
        ["outside the heap (external, incl. array buffers)", fmt(memory.externalMib)],
        ["of which array buffers", fmt(memory.arrayBuffersMib)],
        ["the rest (code, V8 and Node internals, allocator slack)", fmt(other)],
      ],
    ),
  ].join("\n\n");
}

const PEER_NOTES = `- **Skein**: the built package's public entry (a copy of \`dist/\` taken when the run starts, so that one run measures one build), \`openDatabase(dir, { syncMode, snapshotEveryCommits: 0 })\`; \`perCommit\` resolves a write once an fsync covers it, \`group\` and \`none\` once it is written to the OS (group fsyncs every 50 ms in the background).
- **LoraDB 0.15** (\`@loradb/lora-node\`, \`openWalDatabase\`): its only WAL mode is \`groupSync\` (\`execute\` resolves once the commit is written; a background thread fsyncs every 1000 ms). \`perCommit\` here is \`execute\` then \`sync()\`, per write; \`groupSync\` is \`execute\` alone. W3 uses \`UNWIND\` batches and finds relationship ends by the unique \`name\` property with an index on it (matching on \`id()\` scans every node in 0.15). Its W4 checkpoint is the managed snapshot it takes by itself when opened with \`snapshotDir\` and \`snapshotEveryCommits\`, triggered by one commit that changes nothing.
- **SQLite** (\`better-sqlite3\`, WAL journal): \`FULL\` fsyncs the WAL at every commit (durable); \`NORMAL\` fsyncs only at checkpoints (a power loss may lose the last commits). Tables \`nodes(id, label, props JSON)\` and \`rels(id, src, dst, type, props JSON)\` with indexes on label, src and dst. The API is synchronous, so W2 cannot have commits in flight together: it is the W1 loop again.
- **LMDB** (\`lmdb-js\`, default options, keys \`node:<id>\`/\`rel:<id>\`, JSON values, no adjacency index): a write's promise resolves when its transaction is committed and visible (overlappingSync), before it is flushed; a write counts as acknowledged here only after \`await db.flushed\` as well. Writes issued in the same event turn share one transaction, so W2's 5,000 puts are a few transactions and flushes.
- **LevelDB** (\`classic-level\`, same keys and values, no adjacency index): writes with \`{ sync: true }\`, each call on the libuv thread pool; LevelDB lets waiting writers share one log write and fsync.
- W4 is measured for the systems that rebuild an in-memory graph when they open (Skein, LoraDB); SQLite, LMDB and LevelDB read their files on demand and replay nothing. The log was just written, so it is read from the page cache; the disk's sequential read rate (W0) is measured with the cache dropped when the kernel allows it.
- W5 RSS for LMDB counts the pages of its memory map that the process touched. Disk sizes are file sizes (\`st_size\`).`;

export function renderReport(d) {
  const titles = workloadTitles(d.size);
  const missedProfiles = d.profiles.map((p) =>
    p.kind === "memory" ? memorySection(p, d.memory) : profileSection(p, d.sizeName),
  );
  const sections = [
    "# Skein benchmark results",
    `Generated by \`${d.command}\` on ${d.date}. ${d.sizeName === "quick" ? "**Quick run**: one repetition and smaller sizes (below); its numbers are indicative only. The full run is `npm run bench`." : `Full run: ${d.size.repetitions} repetitions of everything.`}`,
    `Machine: ${d.machine}.`,
    `Every number is the median (min–max) over the repetitions, each a fresh child process on a fresh directory on the same disk; the machine is shared, so absolute numbers drift and the ratios, measured in the same run, are what to compare. **Ratio > 1 means Skein is better**: Skein ÷ other for throughput (ops/s, MB/s), other ÷ Skein for times, memory and bytes. MB = 2^20 bytes. W0's sequential read was ${d.seqReadCold ? "measured after dropping the page cache (cold)" : "**not** cold: the kernel refused to drop its page cache, so it is the cached read rate"}. Raw rows: \`bench/results.json\`.`,
    "## Targets",
    verdictTable(d.verdicts),
    ...d.notes.map((n) => `> ${n}`),
    "## Ratios",
    "![Skein against each peer and limit](ratios.svg)",
    ...["W0", "W1", "W2", "W3", "W4", "W5"].flatMap((w) => [
      `## ${titles[w]}`,
      workloadTable(w, d.rows, d.ratioItems),
      WORKLOAD_NOTES[w] ?? "",
    ]),
    d.checkpointNote ? d.checkpointNote : "",
    "## Missed targets: what bounds them",
    missedProfiles.length > 0 ? missedProfiles.join("\n\n") : "No target was missed.",
    "## What the modes mean",
    PEER_NOTES,
  ];
  if (d.failures.length > 0) {
    sections.push(
      "## Failed measurements",
      d.failures
        .map((f) => `- ${f.label} (repetition ${f.rep}): ${f.error.replace(/\n/g, " ")}`)
        .join("\n"),
    );
  }
  return sections.filter((s) => s !== "").join("\n\n") + "\n";
}
