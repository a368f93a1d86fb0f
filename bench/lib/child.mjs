// One measurement in a fresh process, so its memory and garbage-collector state are its
// own: `node lib/child.mjs '<task JSON>'`. The task names a system module (systems/*.mjs,
// or "limit" for W0) and a function of it; the function's result object is printed on the
// last line of stdout after the RESULT marker, and the process exits.
import { writeSync } from "node:fs";
import * as limits from "./limits.mjs";

const RESULT_MARKER = "RESULT "; // read by spawn.mjs

async function limit(task) {
  const { dir } = task;
  switch (task.fn) {
    case "fdatasyncGrowing":
      return { opsPerS: limits.fdatasyncGrowing(dir, task) };
    case "fdatasyncPreallocated":
      return { opsPerS: limits.fdatasyncPreallocated(dir, task) };
    case "sequential": {
      const writeMibPerS = limits.sequentialWrite(dir, task);
      const read = limits.sequentialRead(dir);
      return { writeMibPerS, readMibPerS: read.mibPerS, readCold: read.cold };
    }
    default:
      throw new Error(`unknown limit ${task.fn}`);
  }
}

async function main() {
  const task = JSON.parse(process.argv[2] ?? "{}");
  let result;
  if (task.system === "limit") {
    result = await limit(task);
  } else {
    const mod = await import(`../systems/${task.system}.mjs`);
    if (typeof mod[task.fn] !== "function") throw new Error(`${task.system} has no ${task.fn}`);
    result = await mod[task.fn](task);
  }
  // writeSync: the line must be out before process.exit, even when stdout is a pipe.
  writeSync(1, `\n${RESULT_MARKER}${JSON.stringify(result)}\n`);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
