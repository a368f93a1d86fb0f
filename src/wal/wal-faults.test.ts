// Fault injection through the file-system seam: failed fsyncs and writes poison the log,
// group commit shares fsyncs, a simulated crash keeps exactly what was fsynced.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { isSkeinError, SkeinError } from "../internal/errors.js";
import { ev } from "../testing/events.js";
import { MemFs } from "../testing/mem-fs.js";
import { SegmentBuilder } from "../testing/segment-builder.js";
import { RecordKind } from "./format.js";
import { MAX_LSN } from "./lsn.js";
import { segmentPath } from "./segment-dir.js";
import { Wal } from "./wal.js";
import type { WalOptions } from "./options.js";

const DIR = "/db/wal";

function open(fs: MemFs, options: WalOptions = {}) {
  return Wal.open(DIR, options, fs);
}

function commit(wal: Wal, id: number): number {
  const b = wal.begin();
  wal.append(b, ev(id));
  const c = wal.commit(b);
  wal.flush();
  return c;
}

function causeCode(e: unknown): unknown {
  return e instanceof SkeinError ? (e.cause as { code?: string } | undefined)?.code : undefined;
}

describe("wal under injected faults", () => {
  test("a failed fsync in perCommit poisons the log; status reads keep working", () => {
    const fs = new MemFs();
    const { wal } = open(fs);
    commit(wal, 1);
    fs.inject({ op: "fsync", nth: fs.counts.fsync + 1, errno: "EIO" });
    const b = wal.begin();
    wal.append(b, ev(2));
    wal.commit(b);
    assert.throws(
      () => wal.flush(),
      (e) => isSkeinError(e, "IO") && causeCode(e) === "EIO",
    );
    assert.match(wal.bgFailure ?? "", /^fsync failed for .*: EIO$/);
    for (const op of [
      () => wal.begin(),
      () => wal.append(1, ev(3)),
      () => wal.commit(1),
      () => wal.abort(1),
      () => wal.flush(),
      () => wal.forceFsync(),
      () => wal.checkpointMarker(1),
    ]) {
      assert.throws(op, (e) => isSkeinError(e, "WAL_POISONED"));
    }
    assert.equal(wal.durableLsn, 3, "status still reads");
    // the failed fsync is never retried, not even by close
    const fsyncs = fs.counts.fsync;
    wal.close();
    assert.equal(fs.counts.fsync, fsyncs);
    const { wal: again, events } = open(fs.crash());
    assert.deepEqual(events, [ev(1)]);
    again.close();
  });

  test("a failed background fsync latches bgFailure and poisons every write", async () => {
    const fs = new MemFs();
    const { wal } = open(fs, { syncMode: "group", groupIntervalMs: 5 });
    fs.inject({ op: "fsync", nth: fs.counts.fsync + 1, errno: "EIO", persistent: true });
    const b = wal.begin();
    wal.append(b, ev(1));
    wal.commit(b);
    wal.flush();
    const deadline = Date.now() + 2000;
    while (wal.bgFailure === null) {
      assert.ok(Date.now() < deadline, "background failure was not latched");
      await sleep(5);
    }
    assert.match(wal.bgFailure, /^bg fsync failed: fsync failed for .*: EIO$/);
    assert.throws(
      () => wal.begin(),
      (e) => isSkeinError(e, "WAL_POISONED"),
    );
    await assert.rejects(wal.sync(), (e) => isSkeinError(e, "WAL_POISONED"));
    assert.equal(wal.durableLsn, 0);
    wal.close();
  });

  test("1,000 concurrent sync() calls after 1,000 commits share fsyncs", async () => {
    const fs = new MemFs();
    const { wal } = open(fs, { syncMode: "none" });
    for (let i = 0; i < 1000; i++) {
      const b = wal.begin();
      wal.append(b, ev(i));
      wal.commit(b);
    }
    const before = fs.counts.fsync;
    const results = await Promise.all(Array.from({ length: 1000 }, () => wal.sync()));
    const used = fs.counts.fsync - before;
    assert.ok(used <= 2, `1,000 sync() calls cost ${used} fsyncs`);
    assert.ok(results.every((lsn) => lsn === 3000));
    wal.close();
  });

  test("sync() callers interleaved with commits each wait for an fsync covering them", async () => {
    const fs = new MemFs();
    const { wal } = open(fs, { syncMode: "none" });
    const pending: Promise<number>[] = [];
    const commits: number[] = [];
    for (let i = 0; i < 200; i++) {
      const b = wal.begin();
      wal.append(b, ev(i));
      commits.push(wal.commit(b));
      pending.push(wal.sync());
      if (i % 50 === 0) await sleep(0);
    }
    const durable = await Promise.all(pending);
    durable.forEach((d, i) => assert.ok(d >= commits[i]!, `sync ${i} resolved at ${d}`));
    assert.ok(fs.counts.fsync < 50, `${fs.counts.fsync} fsyncs for 200 syncs`);
    wal.close();
  });

  test("a failed shared fsync rejects every waiter and poisons", async () => {
    const fs = new MemFs();
    const { wal } = open(fs, { syncMode: "none" });
    commit(wal, 1);
    fs.inject({ op: "fsync", nth: fs.counts.fsync + 1, errno: "EIO" });
    const results = await Promise.allSettled([wal.sync(), wal.sync(), wal.sync()]);
    assert.ok(results.every((r) => r.status === "rejected"));
    assert.ok(wal.bgFailure !== null);
    assert.throws(
      () => wal.begin(),
      (e) => isSkeinError(e, "WAL_POISONED"),
    );
    wal.close();
  });

  test("a crash keeps every perCommit flush and drops what was never fsynced", () => {
    const fs = new MemFs();
    const { wal } = open(fs);
    commit(wal, 1);
    commit(wal, 2);
    const b = wal.begin();
    wal.append(b, ev(3));
    wal.commit(b); // never flushed
    const { wal: after, events } = open(fs.crash());
    assert.deepEqual(events, [ev(1), ev(2)]);
    after.close();
    wal.close();
  });

  test("none mode promises nothing on power loss: unsynced commits are gone", () => {
    const fs = new MemFs();
    const { wal } = open(fs, { syncMode: "none" });
    commit(wal, 1);
    assert.equal(wal.durableLsn, 3);
    const { wal: after, events } = open(fs.crash());
    assert.deepEqual(events, []);
    after.close();
    wal.close();
  });

  test("ENOSPC while writing out poisons, and the previous state reopens intact", () => {
    const fs = new MemFs();
    const { wal } = open(fs);
    commit(wal, 1);
    fs.inject({ op: "write", nth: fs.counts.write + 1, errno: "ENOSPC", persistent: true });
    const b = wal.begin();
    wal.append(b, ev(2));
    wal.commit(b);
    assert.throws(
      () => wal.flush(),
      (e) => isSkeinError(e, "IO") && causeCode(e) === "ENOSPC",
    );
    assert.throws(
      () => wal.begin(),
      (e) => isSkeinError(e, "WAL_POISONED"),
    );
    wal.close();
    fs.clearFaults();
    const { wal: after, events } = open(fs.crash());
    assert.deepEqual(events, [ev(1)]);
    after.close();
  });

  test("a failure while creating the next segment poisons and loses nothing acknowledged", () => {
    const fs = new MemFs();
    const { wal } = open(fs, { segmentTargetBytes: 64 });
    commit(wal, 1);
    fs.inject({ op: "rename", nth: fs.counts.rename + 1, errno: "EIO" });
    assert.throws(
      () => wal.begin(),
      (e) => isSkeinError(e, "IO"),
    );
    assert.throws(
      () => wal.begin(),
      (e) => isSkeinError(e, "WAL_POISONED"),
    );
    wal.close();
    const { wal: after, events } = open(fs.crash(), { segmentTargetBytes: 64 });
    assert.deepEqual(events, [ev(1)]);
    assert.equal(after.begin(), 4);
    after.close();
  });

  test("a crash after rotation loses no committed transaction in any segment", () => {
    const fs = new MemFs();
    const { wal } = open(fs, { segmentTargetBytes: 64 });
    for (let i = 0; i < 6; i++) commit(wal, i);
    assert.ok(wal.activeSegmentId > 3);
    const { wal: after, events } = open(fs.crash(), { segmentTargetBytes: 64 });
    assert.deepEqual(events, [0, 1, 2, 3, 4, 5].map(ev));
    after.close();
    wal.close();
  });

  test("lsn exhaustion is refused with a clear error", () => {
    const fs = new MemFs();
    fs.mkdirp(DIR);
    const base = MAX_LSN - 2;
    fs.setBytes(segmentPath(DIR, 1), new SegmentBuilder(base).tx(base, [ev(1)]).bytes());
    const { wal, events } = open(fs);
    assert.deepEqual(events, [ev(1)]);
    assert.throws(
      () => wal.begin(),
      (e) => isSkeinError(e, "WAL_LSN_EXHAUSTED") && /lsn space exhausted/.test(e.message),
    );
    wal.close();
  });

  test("an lsn beyond the representable range on disk is refused", () => {
    const fs = new MemFs();
    fs.mkdirp(DIR);
    const seg = new SegmentBuilder(1).tx(1, [ev(1)]).record(RecordKind.TxBegin, 2 ** 53 + 8);
    fs.setBytes(segmentPath(DIR, 1), seg.bytes());
    assert.throws(
      () => open(fs),
      (e) => isSkeinError(e, "WAL_MALFORMED") && /does not fit a safe integer/.test(e.message),
    );
  });

  test("a write refused by the codec leaves no partial record behind", () => {
    const fs = new MemFs();
    const { wal } = open(fs);
    const b = wal.begin();
    const bad = { kind: "createNode", id: 1, labels: ["N"], properties: { f: () => 1 } };
    assert.throws(() => wal.append(b, bad as never), TypeError);
    wal.append(b, ev(1));
    wal.commit(b);
    wal.flush();
    wal.close();
    const { wal: again, events } = open(fs);
    assert.deepEqual(events, [ev(1)]);
    again.close();
  });

  test("only the first failure is reported as poison", () => {
    const fs = new MemFs();
    const { wal } = open(fs);
    fs.inject({ op: "write", nth: fs.counts.write + 1, errno: "EIO" });
    wal.begin();
    assert.throws(() => wal.flush());
    const first = wal.bgFailure;
    assert.throws(
      () => wal.flush(),
      (e) => isSkeinError(e, "WAL_POISONED"),
    );
    assert.equal(wal.bgFailure, first);
    wal.close();
  });
});
