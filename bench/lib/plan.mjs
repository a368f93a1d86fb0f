// What one run measures: the sizes (full or --quick), the rows of results.json in their
// fixed order, the tasks each repetition runs (one child process each) and how a task's
// result fills rows, the comparisons behind the ratios, and Skein's targets. Pure data and
// small functions; the runner (run.mjs) executes the plan.

export const SIZES = {
  full: {
    repetitions: 3,
    fsyncLoop: { count: 5000, maxMs: 5000 },
    sequentialMiB: 256,
    w1Writes: 5000,
    w2Writes: 5000,
    // Untimed writes before W1 and W2's measured ones, the same for every system.
    w1Warmup: 1000,
    w2Warmup: 5000,
    w3: { nodes: 1_000_000, rels: 1_000_000, batch: 10_000 },
  },
  quick: {
    repetitions: 1,
    fsyncLoop: { count: 2000, maxMs: 1000 },
    sequentialMiB: 64,
    w1Writes: 1000,
    w2Writes: 5000,
    w1Warmup: 200,
    w2Warmup: 5000,
    w3: { nodes: 100_000, rels: 100_000, batch: 10_000 },
  },
};

/** Higher is better for these metrics; for the others (times, memory, bytes) lower is. */
export const HIGHER_IS_BETTER = new Set(["ops/s", "MB/s"]);

/** The W1/W2 configurations: durable ones first, then Skein's group and none beside peers'. */
const COMMIT_CONFIGS = [
  ["skein", "perCommit"],
  ["loradb", "perCommit"],
  ["sqlite", "FULL"],
  ["lmdb", "perCommit"],
  ["level", "perCommit"],
  ["skein", "group"],
  ["skein", "none"],
  ["loradb", "groupSync"],
  ["sqlite", "NORMAL"],
];

/** The systems of W3 and the mode their durable commit is called. */
const INGEST_CONFIGS = [
  ["skein", "perCommit"],
  ["loradb", "perCommit"],
  ["sqlite", "FULL"],
  ["lmdb", "perCommit"],
  ["level", "perCommit"],
];

/** Systems that rebuild an in-memory graph from a log when they open (W4). */
const RECOVERING = ["skein", "loradb"];

export const rowKey = (workload, system, mode, metric) => `${workload}|${system}|${mode}|${metric}`;

/** Every row of results.json, in order: [workload, system, mode, metric]. */
export function rowSpecs() {
  const rows = [
    ["W0", "limit", "fdatasyncGrowing", "ops/s"],
    ["W0", "limit", "fdatasyncPreallocated", "ops/s"],
    ["W0", "limit", "seqWrite", "MB/s"],
    ["W0", "limit", "seqRead", "MB/s"],
  ];
  for (const w of ["W1", "W2"]) {
    for (const [system, mode] of COMMIT_CONFIGS) rows.push([w, system, mode, "ops/s"]);
  }
  for (const metric of ["s", "MB peak rss", "entities"]) {
    for (const [system, mode] of INGEST_CONFIGS) rows.push(["W3", system, mode, metric]);
  }
  for (const system of RECOVERING) {
    rows.push(["W4", system, "wal", "s"], ["W4", system, "wal", "MB/s"]);
    rows.push(["W4", system, "checkpoint", "s"]);
  }
  for (const [system] of INGEST_CONFIGS) rows.push(["W5", system, "afterIngest", "MB rss"]);
  for (const system of RECOVERING) {
    rows.push(["W5", system, "wal", "bytes/entity"], ["W5", system, "snapshot", "bytes/entity"]);
  }
  for (const [system] of INGEST_CONFIGS.filter(([s]) => !RECOVERING.includes(s))) {
    rows.push(["W5", system, "disk", "bytes/entity"]);
  }
  return rows;
}

const MiB = 1024 * 1024;

/**
 * The tasks of one repetition, in order. A task is { label, system, fn, params, emit }:
 * `emit(result)` gives the [rowKey, value] pairs the result fills; `then` (W3 of a recovering
 * system) lists follow-up tasks on the same directory, run before it is removed.
 */
export function repetitionTasks(size) {
  const tasks = [];
  const limit = (fn, params, emit) =>
    tasks.push({ label: `W0 ${fn}`, system: "limit", fn, params, emit });
  limit("fdatasyncGrowing", size.fsyncLoop, (r) => [
    [rowKey("W0", "limit", "fdatasyncGrowing", "ops/s"), r.opsPerS],
  ]);
  limit("fdatasyncPreallocated", size.fsyncLoop, (r) => [
    [rowKey("W0", "limit", "fdatasyncPreallocated", "ops/s"), r.opsPerS],
  ]);
  limit("sequential", { totalMiB: size.sequentialMiB }, (r) => [
    [rowKey("W0", "limit", "seqWrite", "MB/s"), r.writeMibPerS],
    [rowKey("W0", "limit", "seqRead", "MB/s"), r.readMibPerS],
  ]);
  for (const [w, fn, n, warmup] of [
    ["W1", "w1", size.w1Writes, size.w1Warmup],
    ["W2", "w2", size.w2Writes, size.w2Warmup],
  ]) {
    for (const [system, mode] of COMMIT_CONFIGS) {
      tasks.push({
        label: `${w} ${system} ${mode}`,
        system,
        fn,
        params: { mode, n, warmup },
        emit: (r) => [[rowKey(w, system, mode, "ops/s"), r.opsPerS]],
      });
    }
  }
  for (const [system, mode] of INGEST_CONFIGS) tasks.push(ingestTask(system, mode, size.w3));
  return tasks;
}

function ingestTask(system, mode, w3) {
  const key = (metric) => rowKey("W3", system, mode, metric);
  const recovering = RECOVERING.includes(system);
  return {
    label: `W3 ${system} ${mode}`,
    system,
    fn: "w3",
    params: w3,
    emit: (r) => [
      [key("s"), r.s],
      [key("MB peak rss"), r.peakRssMib],
      [key("entities"), r.entities],
      [rowKey("W5", system, "afterIngest", "MB rss"), r.rssMib],
      recovering
        ? [rowKey("W5", system, "wal", "bytes/entity"), r.logBytes / r.entities]
        : [rowKey("W5", system, "disk", "bytes/entity"), r.diskBytes / r.entities],
    ],
    then: recovering ? recoveryTasks(system) : [],
  };
}

function recoveryTasks(system) {
  const key = (mode, metric) => rowKey("W4", system, mode, metric);
  return [
    {
      label: `W4 ${system} wal`,
      system,
      fn: "w4",
      params: { mode: "wal" },
      emit: (r) => [
        [key("wal", "s"), r.s],
        [key("wal", "MB/s"), r.logBytes / MiB / r.s],
      ],
    },
    {
      label: `W4 ${system} checkpoint (taking it)`,
      system,
      fn: "checkpoint",
      params: {},
      emit: (r) => [
        [rowKey("W5", system, "snapshot", "bytes/entity"), r.snapshotBytes / r.entities],
      ],
    },
    {
      label: `W4 ${system} checkpoint`,
      system,
      fn: "w4",
      params: { mode: "checkpoint" },
      emit: (r) => [[key("checkpoint", "s"), r.s]],
    },
  ];
}

/**
 * The ratios: each compares one Skein row with one other row. `ratio` > 1 means Skein is
 * better (Skein ÷ other for throughput, other ÷ Skein for times, memory and bytes).
 */
export function comparisons() {
  const list = [];
  const add = (skein, other) => list.push({ skein: rowKey(...skein), other: rowKey(...other) });
  for (const w of ["W1", "W2"]) {
    for (const [system, mode] of COMMIT_CONFIGS.slice(1, 5)) {
      add([w, "skein", "perCommit", "ops/s"], [w, system, mode, "ops/s"]);
    }
    for (const skeinMode of ["group", "none"]) {
      for (const [system, mode] of [
        ["loradb", "groupSync"],
        ["sqlite", "NORMAL"],
      ]) {
        add([w, "skein", skeinMode, "ops/s"], [w, system, mode, "ops/s"]);
      }
    }
  }
  add(["W1", "skein", "perCommit", "ops/s"], ["W0", "limit", "fdatasyncGrowing", "ops/s"]);
  add(["W1", "skein", "perCommit", "ops/s"], ["W0", "limit", "fdatasyncPreallocated", "ops/s"]);
  for (const metric of ["s", "MB peak rss"]) {
    for (const [system, mode] of INGEST_CONFIGS.slice(1)) {
      add(["W3", "skein", "perCommit", metric], ["W3", system, mode, metric]);
    }
  }
  add(["W4", "skein", "wal", "s"], ["W4", "loradb", "wal", "s"]);
  add(["W4", "skein", "wal", "MB/s"], ["W4", "loradb", "wal", "MB/s"]);
  add(["W4", "skein", "wal", "MB/s"], ["W0", "limit", "seqRead", "MB/s"]);
  add(["W4", "skein", "checkpoint", "s"], ["W4", "loradb", "checkpoint", "s"]);
  for (const [system] of INGEST_CONFIGS.slice(1)) {
    add(["W5", "skein", "afterIngest", "MB rss"], ["W5", system, "afterIngest", "MB rss"]);
  }
  add(["W5", "skein", "wal", "bytes/entity"], ["W5", "loradb", "wal", "bytes/entity"]);
  add(["W5", "skein", "snapshot", "bytes/entity"], ["W5", "loradb", "snapshot", "bytes/entity"]);
  for (const system of ["sqlite", "lmdb", "level"]) {
    add(["W5", "skein", "wal", "bytes/entity"], ["W5", system, "disk", "bytes/entity"]);
  }
  return list;
}

/**
 * Skein's targets. `bound` is a number or another row's key; `scales` marks targets set for
 * the full W3 graph, which a --quick run scales by its share of the full entity count.
 * `profile` names the breakdown that explains a miss (see profile.mjs).
 */
export const TARGETS = [
  {
    id: "W1-limit",
    text: "W1 ≥ the growing-file fdatasync limit",
    row: rowKey("W1", "skein", "perCommit", "ops/s"),
    bound: rowKey("W0", "limit", "fdatasyncGrowing", "ops/s"),
    profile: "w1",
  },
  {
    id: "W1-sqlite",
    text: "W1 ≥ SQLite FULL",
    row: rowKey("W1", "skein", "perCommit", "ops/s"),
    bound: rowKey("W1", "sqlite", "FULL", "ops/s"),
    profile: "w1",
  },
  {
    id: "W2",
    text: "W2 ≥ 100,000 durable commits/s",
    row: rowKey("W2", "skein", "perCommit", "ops/s"),
    bound: 100_000,
    profile: "w2",
  },
  {
    id: "W3",
    text: "W3 ≤ 3 s",
    row: rowKey("W3", "skein", "perCommit", "s"),
    bound: 3,
    scales: true,
    profile: "w3",
  },
  {
    id: "W4-wal",
    text: "W4 from the log alone ≤ 2 s",
    row: rowKey("W4", "skein", "wal", "s"),
    bound: 2,
    scales: true,
    profile: "w4wal",
  },
  {
    id: "W4-checkpoint",
    text: "W4 from a checkpoint ≤ 1 s",
    row: rowKey("W4", "skein", "checkpoint", "s"),
    bound: 1,
    scales: true,
    profile: "w4checkpoint",
  },
  {
    id: "W5",
    text: "W5 RSS after W3 ≤ 800 MB",
    row: rowKey("W5", "skein", "afterIngest", "MB rss"),
    bound: 800,
    scales: true,
    profile: "memory",
  },
];

export const FULL_ENTITIES = SIZES.full.w3.nodes + SIZES.full.w3.rels;
