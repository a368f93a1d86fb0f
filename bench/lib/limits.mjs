// W0: this machine's own limits, measured with plain node:fs the way a log would use the
// disk: a 128-byte append followed by fdatasync, on a growing file and on preallocated
// space; sequential write bandwidth (1 MiB writes, then one fsync); and the sequential read
// rate of a file just written, after asking the kernel to drop its page cache (which needs
// root; when it is refused the rate is that of the page cache, and the result says so).
import * as fs from "node:fs";
import { join } from "node:path";

const MiB = 1024 * 1024;
const RECORD_BYTES = 128;

/** Appends of 128 bytes, each followed by fdatasync, until `count` or `maxMs`; ops/s. */
function appendLoop(fd, positionOf, count, maxMs) {
  const record = new Uint8Array(RECORD_BYTES).fill(0x5a);
  const start = performance.now();
  let done = 0;
  while (done < count && performance.now() - start < maxMs) {
    fs.writeSync(fd, record, 0, RECORD_BYTES, positionOf(done));
    fs.fdatasyncSync(fd);
    done++;
  }
  return done / ((performance.now() - start) / 1000);
}

export function fdatasyncGrowing(dir, { count, maxMs }) {
  const fd = fs.openSync(join(dir, "growing.bin"), "w");
  try {
    return appendLoop(fd, (i) => i * RECORD_BYTES, count, maxMs);
  } finally {
    fs.closeSync(fd);
  }
}

export function fdatasyncPreallocated(dir, { count, maxMs }) {
  const path = join(dir, "prealloc.bin");
  const fd = fs.openSync(path, "w+");
  try {
    // Real zeros, written and fsynced: the blocks exist, so overwriting them changes no
    // file size or extent map and fdatasync has only data to write.
    const zeros = new Uint8Array(MiB);
    for (let written = 0; written < count * RECORD_BYTES; written += MiB) {
      fs.writeSync(fd, zeros, 0, MiB, written);
    }
    fs.fsyncSync(fd);
    return appendLoop(fd, (i) => i * RECORD_BYTES, count, maxMs);
  } finally {
    fs.closeSync(fd);
  }
}

/** Sequential write of `totalMiB` in 1 MiB writes plus the final fsync; MiB/s. */
export function sequentialWrite(dir, { totalMiB }) {
  const chunk = new Uint8Array(MiB);
  for (let i = 0; i < chunk.length; i++) chunk[i] = (i * 2654435761) >>> 24;
  const fd = fs.openSync(join(dir, "sequential.bin"), "w");
  const start = performance.now();
  try {
    for (let i = 0; i < totalMiB; i++) fs.writeSync(fd, chunk, 0, MiB, i * MiB);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return totalMiB / ((performance.now() - start) / 1000);
}

/** Asks the kernel to drop clean pages from its cache; false when not allowed. */
export function dropPageCache() {
  try {
    fs.writeFileSync("/proc/sys/vm/drop_caches", "3\n");
    return true;
  } catch {
    return false;
  }
}

/** Reads back the file sequentialWrite left, 1 MiB at a time; MiB/s and whether it was cold. */
export function sequentialRead(dir) {
  const path = join(dir, "sequential.bin");
  const cold = dropPageCache();
  const chunk = new Uint8Array(MiB);
  const fd = fs.openSync(path, "r");
  const start = performance.now();
  let total = 0;
  try {
    for (;;) {
      const n = fs.readSync(fd, chunk, 0, MiB, total);
      if (n === 0) break;
      total += n;
    }
  } finally {
    fs.closeSync(fd);
  }
  return { mibPerS: total / MiB / ((performance.now() - start) / 1000), cold };
}
