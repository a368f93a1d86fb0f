// The group flusher: fsyncs on the thread pool, stops on close, and never runs twice at once.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { ev } from "../testing/events.js";
import { MemFs } from "../testing/mem-fs.js";
import { GroupFlusher } from "./flusher.js";
import { Wal } from "./wal.js";

describe("group flusher", () => {
  test("background fsyncs go to the thread pool, never the blocking call", async () => {
    const fs = new MemFs();
    const { wal } = Wal.open("/db", { syncMode: "group", groupIntervalMs: 5 }, fs);
    const before = fs.trace.length;
    for (let i = 0; i < 3; i++) {
      const b = wal.begin();
      wal.append(b, ev(i));
      wal.commit(b);
      wal.flush();
      const target = wal.nextLsn - 1;
      while (wal.durableLsn < target) await sleep(2);
    }
    const fsyncs = fs.trace.slice(before).filter((t) => t.startsWith("fsync"));
    assert.ok(fsyncs.length >= 3);
    assert.ok(
      fsyncs.every((t) => t.startsWith("fsyncAsync ")),
      fsyncs.join(", "),
    );
    wal.close();
  });

  test("an idle log issues no fsyncs", async () => {
    const fs = new MemFs();
    const { wal } = Wal.open("/db", { syncMode: "group", groupIntervalMs: 2 }, fs);
    const before = fs.counts.fsync;
    await sleep(40);
    assert.equal(fs.counts.fsync, before);
    wal.close();
  });

  test("close stops the timer", async () => {
    let ticks = 0;
    const f = new GroupFlusher(1, () => {
      ticks++;
      return Promise.resolve();
    });
    f.start();
    await sleep(20);
    f.stop();
    const seen = ticks;
    assert.ok(seen > 0);
    await sleep(20);
    assert.equal(ticks, seen);
  });

  test("a slow tick is not overlapped by the next one", async () => {
    let running = 0;
    let maxRunning = 0;
    const f = new GroupFlusher(1, async () => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      await sleep(15);
      running--;
    });
    f.start();
    await sleep(60);
    f.stop();
    assert.equal(maxRunning, 1);
  });
});
