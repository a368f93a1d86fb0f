// Tests of the progress line: drawn on a terminal only, throttled, with bar, count, rate
// and time left from the fraction done; erased at the end. And the number formats.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { CliIO } from "./command.js";
import { Progress, formatBytes, formatCount, formatDuration, plural } from "./progress.js";

function fakeIO(isTTY: boolean): CliIO & { raw: string[] } {
  const raw: string[] = [];
  return {
    raw,
    isTTY,
    out: () => undefined,
    err: () => undefined,
    errRaw: (t) => void raw.push(t),
  };
}

void test("on a terminal: a throttled line with count, rate and time left", () => {
  const io = fakeIO(true);
  let now = 0;
  const p = new Progress(io, { verb: "importing", unit: "lines", total: 1000, now: () => now });
  now = 2000;
  p.update(5000, 250);
  assert.deepEqual(io.raw, [
    "\rimporting  [######------------------]   25%  5,000 lines  2,500/s  0:06 left\x1b[K",
  ]);
  now = 2050;
  p.update(6000, 300);
  assert.equal(io.raw.length, 1, "no redraw within 100 ms");
  now = 2200;
  p.update(6000, 1000);
  assert.match(io.raw[1]!, /\[#{24}\] {2}100% {2}6,000 lines/);
  assert.doesNotMatch(io.raw[1]!, /left/);
  p.finish();
  assert.equal(io.raw[2], "\r\x1b[K");
});

void test("elsewhere it prints nothing", () => {
  const io = fakeIO(false);
  const p = new Progress(io, { verb: "exporting", unit: "entities", total: 10 });
  p.update(5, 5);
  p.finish();
  assert.deepEqual(io.raw, []);
});

void test("without a total: no bar, no time left", () => {
  const io = fakeIO(true);
  const p = new Progress(io, { verb: "importing", unit: "lines", total: 0, now: () => 0 });
  assert.equal(p.render(10, 0, 1000), "importing  10 lines  10/s");
});

void test("number formats", () => {
  assert.equal(formatCount(1234567), "1,234,567");
  assert.equal(formatDuration(7.4), "0:07");
  assert.equal(formatDuration(725), "12:05");
  assert.equal(formatDuration(3723), "1:02:03");
  assert.equal(formatBytes(512), "512 B");
  assert.equal(formatBytes(1536), "1.5 KiB");
  assert.equal(formatBytes(20 * 1024 * 1024), "20.0 MiB");
  assert.equal(plural(1, "batch", "batches"), "1 batch");
  assert.equal(plural(2, "node"), "2 nodes");
});
