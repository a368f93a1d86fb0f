// Sizes of what a store left on disk and of the process's memory, for W3 and W5. File sizes
// are logical sizes (st_size), summed over a directory tree.
import * as fs from "node:fs";
import { join } from "node:path";

/** Total bytes of the files under `dir` whose names pass `accept`; 0 when it is missing. */
export function treeBytes(dir, accept = () => true) {
  let total = 0;
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) total += treeBytes(path, accept);
    else if (e.isFile() && accept(e.name)) total += fs.statSync(path).size;
  }
  return total;
}

const MiB = 1024 * 1024;

/** Peak resident set size of this process so far, in MiB. */
export const peakRssMib = () => (process.resourceUsage().maxRSS * 1024) / MiB;

/** Resident set size now, after a full garbage collection when --expose-gc is on, in MiB. */
export function settledMemory() {
  globalThis.gc?.();
  const m = process.memoryUsage();
  return {
    rssMib: m.rss / MiB,
    heapTotalMib: m.heapTotal / MiB,
    heapUsedMib: m.heapUsed / MiB,
    externalMib: m.external / MiB,
    arrayBuffersMib: m.arrayBuffers / MiB,
  };
}
