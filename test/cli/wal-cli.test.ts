// The `skein wal` commands as a user runs them: the built CLI (build/src/cli/main.js) as a
// subprocess, against real directories: a clean Skein log, a torn tail, a corrupted
// middle, a truncated sealed segment, a malformed structure, a log open in another process
// (test/fixtures/lock-holder.ts), a database directory, and a directory LoraDB 0.15 wrote
// itself (test/interop/lora-writer.ts). Expected places are taken from the clean log
// through the package's own API, then the damage is made with plain file operations.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { createInterface } from "node:readline";
import { describe, test, type TestContext } from "node:test";
import { fileURLToPath } from "node:url";
import {
  Wal,
  date,
  float,
  openDatabase,
  readWalRecords,
  type WalRecordInfo,
} from "../../src/index.js";
import { ev } from "../../src/testing/events.js";
import { SegmentBuilder } from "../../src/testing/segment-builder.js";
import { tmpDir } from "../../src/testing/tmp.js";
import { RecordKind } from "../../src/wal/format.js";

const MAIN = fileURLToPath(new URL("../../src/cli/main.js", import.meta.url));
const LORA_WRITER = fileURLToPath(new URL("../interop/lora-writer.js", import.meta.url));
const LOCK_HOLDER = fileURLToPath(new URL("../fixtures/lock-holder.js", import.meta.url));

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function skein(...args: string[]): Run {
  // LoraDB's log holds two 8 MB strings, and dump prints them.
  const r = spawnSync(process.execPath, [MAIN, ...args], {
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Run with --json and parse the one document printed. */
function skeinJson<T = Record<string, unknown>>(
  ...args: string[]
): { code: number | null; doc: T } {
  const r = skein(...args, "--json");
  return { code: r.code, doc: JSON.parse(r.stdout) as T };
}

interface ProblemJson {
  kind: string;
  code: string | null;
  segmentId: number;
  segmentPath: string;
  offsetBytes: number;
  lsn: number;
  lastGoodLsn: number;
  recordLsn: number | null;
  message: string;
}

interface VerifyJson {
  walDir: string;
  databaseDir: string | null;
  ok: boolean;
  segments: number;
  records: number;
  transactions: { committed: number; aborted: number; open: number };
  problem: ProblemJson | null;
}

const BIG = 2n ** 62n;

/**
 * A Skein log of at least four segments: six committed transactions (one with values JSON
 * would blur), an aborted one and a checkpoint marker.
 */
function writeCleanLog(dir: string): void {
  const { wal } = Wal.open(dir, { segmentTargetBytes: 300 });
  for (let i = 0; i < 6; i++) {
    const b = wal.begin();
    const properties =
      i === 0
        ? { big: BIG, three: float(3), half: 0.5, born: date({ year: 1815, month: 12, day: 10 }) }
        : { v: i };
    wal.appendBatch(b, [{ kind: "createNode", id: i, labels: ["N"], properties }]);
    wal.commit(b);
  }
  const b = wal.begin();
  wal.append(b, { kind: "clear" });
  wal.abort(b);
  wal.checkpointMarker(3);
  wal.close();
}

function records(dir: string): WalRecordInfo[] {
  return [...readWalRecords(dir)];
}

function segmentFile(dir: string, id: number): string {
  return path.join(dir, `${String(id).padStart(10, "0")}.wal`);
}

/** Every file of a directory and its bytes. */
function snapshotDir(dir: string): Map<string, Buffer> {
  return new Map(fs.readdirSync(dir).map((n) => [n, fs.readFileSync(path.join(dir, n))]));
}

function flipByte(file: string, at: number): void {
  const bytes = fs.readFileSync(file);
  bytes[at] = (bytes[at] as number) ^ 0xff;
  fs.writeFileSync(file, bytes);
}

function cleanLog(t: TestContext): { dir: string; recs: WalRecordInfo[] } {
  const dir = tmpDir(t, "skein-wal-cli-");
  writeCleanLog(dir);
  const recs = records(dir);
  assert.ok(new Set(recs.map((r) => r.segmentId)).size >= 4, "the log spans four segments");
  return { dir, recs };
}

describe("skein wal", () => {
  test("a clean Skein log: status, inspect and verify exit 0, --json parses", (t) => {
    const { dir, recs } = cleanLog(t);
    const segmentIds = [...new Set(recs.map((r) => r.segmentId))];

    const status = skein("wal", "status", dir);
    assert.equal(status.code, 0, status.stderr);
    assert.match(status.stdout, /^wal directory .*\nsegment {2}base lsn {2}sealed {2}bytes/);
    assert.match(
      status.stdout,
      new RegExp(
        `${segmentIds.length} segments, \\d+ bytes, ${recs.length} records, lsn 1\\.\\.${recs.length}\n$`,
      ),
    );
    const statusJson = skeinJson<{ segments: { id: number; records: number; sealed: boolean }[] }>(
      "wal",
      "status",
      dir,
    );
    assert.deepEqual(
      statusJson.doc.segments.map((s) => [s.id, s.records]),
      segmentIds.map((id) => [id, recs.filter((r) => r.segmentId === id).length]),
    );
    assert.deepEqual(
      statusJson.doc.segments.map((s) => s.sealed),
      segmentIds.map((_, i) => i < segmentIds.length - 1),
    );

    const inspect = skeinJson<{
      problem: null;
      segments: { problem: null }[];
      checkpointLsnObserved: number;
    }>("wal", "inspect", dir);
    assert.equal(inspect.code, 0);
    assert.equal(inspect.doc.problem, null);
    assert.ok(inspect.doc.segments.every((s) => s.problem === null));
    assert.equal(inspect.doc.checkpointLsnObserved, 3);
    assert.match(skein("wal", "inspect", dir).stdout, /the log checks out: no problem found\n$/);

    const verify = skein("wal", "verify", dir);
    assert.equal(verify.code, 0);
    assert.match(
      verify.stdout,
      /\nok: \d+ segments, \d+ records, last lsn \d+; transactions: 6 committed, 1 aborted, 0 open\n$/,
    );
    const verifyJson = skeinJson<VerifyJson>("wal", "verify", dir);
    assert.deepEqual(
      { ...verifyJson.doc, walDir: null },
      {
        walDir: null,
        databaseDir: null,
        ok: true,
        segments: segmentIds.length,
        records: recs.length,
        transactions: { committed: 6, aborted: 1, open: 0 },
        maxLsn: recs.length,
        checkpointLsnObserved: 3,
        problem: null,
      },
    );
  });

  test("dump: JSON lines with events, --from-lsn and --limit, values safe for JSON.parse", (t) => {
    const { dir, recs } = cleanLog(t);
    const lines = (...args: string[]) => {
      const r = skein("wal", "dump", dir, ...args);
      assert.equal(r.code, 0, r.stderr);
      return r.stdout
        .split("\n")
        .filter((l) => l !== "")
        .map((l) => JSON.parse(l) as Record<string, unknown>);
    };
    const all = lines();
    assert.equal(all.length, recs.length);
    assert.deepEqual(
      all.map((r) => r["lsn"]),
      recs.map((r) => r.lsn),
    );
    assert.deepEqual(all[0], {
      segmentId: 1,
      offsetBytes: 32,
      lengthBytes: 25,
      kind: "TxBegin",
      lsn: 1,
      txBeginLsn: 0,
    });
    assert.deepEqual(all[1]?.["events"], [
      {
        kind: "createNode",
        id: 0,
        labels: ["N"],
        properties: {
          big: { $int: BIG.toString() },
          born: { $date: { year: 1815, month: 12, day: 10 } },
          half: 0.5,
          three: { $float: 3 },
        },
      },
    ]);
    assert.deepEqual(
      lines("--from-lsn", "8", "--limit", "5").map((r) => r["lsn"]),
      [8, 9, 10, 11, 12],
    );
    assert.deepEqual(
      lines("--from-lsn", String(recs.length)).map((r) => r["kind"]),
      ["Checkpoint"],
    );
    assert.deepEqual(lines("--limit", "0"), []);
    assert.equal(skein("wal", "dump", dir, "--limit", "-1").code, 2);
    assert.equal(skein("wal", "dump", dir, "--from-lsn", "x").code, 2);
  });

  test("a torn tail: verify exits 1 naming its segment, byte offset and lsn", (t) => {
    const { dir, recs } = cleanLog(t);
    const last = recs.at(-1)!;
    const file = segmentFile(dir, last.segmentId);
    fs.truncateSync(file, fs.statSync(file).size - 7);

    const verify = skein("wal", "verify", dir);
    assert.equal(verify.code, 1);
    assert.ok(verify.stdout.includes(`  segment: ${last.segmentId} (${file})\n`), verify.stdout);
    assert.ok(verify.stdout.includes(`  offset:  byte ${last.offsetBytes}\n`));
    assert.ok(verify.stdout.includes(`  lsn:     after ${last.lsn - 1} (the last intact record`));
    const { code, doc } = skeinJson<VerifyJson>("wal", "verify", dir);
    assert.equal(code, 1);
    assert.deepEqual(doc.problem, {
      kind: "tornTail",
      code: null,
      segmentId: last.segmentId,
      segmentPath: file,
      offsetBytes: last.offsetBytes,
      lsn: last.lsn - 1,
      lastGoodLsn: last.lsn - 1,
      recordLsn: null,
      message:
        `torn tail at byte ${last.offsetBytes} of segment ${file} after lsn ${last.lsn - 1}: ` +
        `record length 25 exceeds the 18 bytes left`,
    });

    const repaired = skeinJson<{ action: string; backupPath: string }>(
      "wal",
      "repair",
      dir,
      "--yes",
    );
    assert.equal(repaired.code, 0);
    assert.equal(repaired.doc.action, "cut");
    assert.equal(fs.statSync(file).size, last.offsetBytes);
    assert.equal(skein("wal", "verify", dir).code, 0);
  });

  test("a corrupted middle: repair without --yes changes no byte; with --yes it cuts and backs up exactly", (t) => {
    const { dir, recs } = cleanLog(t);
    const victim = recs.find((r) => r.segmentId === 2 && r.kind === "MutationBatch")!;
    const before = recs[recs.indexOf(victim) - 1]!;
    const file = segmentFile(dir, 2);
    flipByte(file, victim.offsetBytes + 30);
    const original = snapshotDir(dir);

    const { code, doc } = skeinJson<VerifyJson>("wal", "verify", dir);
    assert.equal(code, 1);
    assert.deepEqual(
      [doc.problem?.kind, doc.problem?.code, doc.problem?.segmentId, doc.problem?.offsetBytes],
      ["corruption", "WAL_CORRUPTION", 2, victim.offsetBytes],
    );
    assert.equal(doc.problem?.lsn, before.lsn);
    assert.match(doc.problem?.message ?? "", /record crc mismatch \(in a sealed segment\)$/);

    const dryRun = skein("wal", "repair", dir);
    assert.equal(dryRun.code, 1);
    assert.match(dryRun.stdout, /would cut \(the log keeps every record up to lsn \d+\):/);
    assert.match(dryRun.stdout, /nothing was changed: run again with --yes to repair\n$/);
    assert.deepEqual(snapshotDir(dir), original, "no byte changed, no file added");

    const backup = path.join(tmpDir(t), "cut.bak");
    const repaired = skeinJson<{
      done: boolean;
      backupPath: string;
      keptUpToLsn: number;
      cuts: { segmentPath: string; action: string; fromOffsetBytes: number; lengthBytes: number }[];
    }>("wal", "repair", dir, "--yes", "--backup", backup);
    assert.equal(repaired.code, 0);
    assert.equal(repaired.doc.done, true);
    assert.equal(repaired.doc.backupPath, backup);
    assert.equal(repaired.doc.keptUpToLsn, before.lsn);

    const removed = repaired.doc.cuts.map((c) =>
      original.get(path.basename(c.segmentPath))!.subarray(c.fromOffsetBytes),
    );
    const saved = fs.readFileSync(backup);
    const nl = saved.indexOf(0x0a);
    const header = JSON.parse(saved.subarray(0, nl).toString("utf8")) as {
      format: string;
      pieces: { segment: string }[];
    };
    assert.equal(header.format, "skein-wal-repair-backup/1");
    assert.deepEqual(
      header.pieces.map((p) => p.segment),
      repaired.doc.cuts.map((c) => path.basename(c.segmentPath)),
    );
    assert.deepEqual(saved.subarray(nl + 1), Buffer.concat(removed));
    assert.deepEqual(
      fs.readFileSync(file),
      original.get(path.basename(file))!.subarray(0, victim.offsetBytes),
    );
    assert.deepEqual(
      fs.readdirSync(dir).sort(),
      ["0000000001.wal", "0000000002.wal"],
      "later segments are gone",
    );
    assert.equal(skein("wal", "verify", dir).code, 0);
    const { wal, events } = Wal.open(dir);
    wal.close();
    assert.equal(
      events.length,
      recs.filter((r) => r.kind === "TxCommit" && r.lsn < victim.lsn).length,
    );
  });

  test("a truncated sealed segment is corruption at its last record", (t) => {
    const { dir, recs } = cleanLog(t);
    const lastOfFirst = recs.filter((r) => r.segmentId === 1).at(-1)!;
    const file = segmentFile(dir, 1);
    fs.truncateSync(file, fs.statSync(file).size - 10);
    const { code, doc } = skeinJson<VerifyJson>("wal", "verify", dir);
    assert.equal(code, 1);
    assert.deepEqual(doc.problem, {
      kind: "corruption",
      code: "WAL_CORRUPTION",
      segmentId: 1,
      segmentPath: file,
      offsetBytes: lastOfFirst.offsetBytes,
      lsn: lastOfFirst.lsn - 1,
      lastGoodLsn: lastOfFirst.lsn - 1,
      recordLsn: null,
      message:
        `bad record at byte ${lastOfFirst.offsetBytes} of segment ${file} after lsn ` +
        `${lastOfFirst.lsn - 1}: record length 25 exceeds the 15 bytes left (in a sealed segment)`,
    });
    const inspect = skein("wal", "inspect", dir);
    assert.equal(inspect.code, 1);
    assert.match(
      inspect.stdout,
      /\nfirst problem: corruption in segment 1 at byte \d+, lsn after \d+/,
    );
  });

  test("a malformed structure: located at the record with its lsn; repair refuses to cut", (t) => {
    const dir = tmpDir(t, "skein-wal-cli-");
    const seg = new SegmentBuilder(1)
      .tx(1, [ev(1)])
      .record(RecordKind.TxCommit, 4, 99)
      .tx(5, [ev(2)]);
    const file = segmentFile(dir, 1);
    fs.writeFileSync(file, seg.bytes());
    const { code, doc } = skeinJson<VerifyJson>("wal", "verify", dir);
    assert.equal(code, 1);
    assert.deepEqual(doc.problem, {
      kind: "malformed",
      code: "WAL_MALFORMED",
      segmentId: 1,
      segmentPath: file,
      offsetBytes: seg.offsets[3],
      lsn: 4,
      lastGoodLsn: 3,
      recordLsn: 4,
      message: `missing tx begin 99 for commit in segment ${file} at lsn 4`,
    });
    const text = skein("wal", "verify", dir).stdout;
    assert.ok(text.includes("  lsn:     4 (the offending record)\n"), text);
    const original = snapshotDir(dir);
    for (const args of [[], ["--yes"]]) {
      const r = skein("wal", "repair", dir, ...args);
      assert.equal(r.code, 1);
      assert.match(r.stdout, /not repaired: the first problem is not damage/);
    }
    assert.deepEqual(snapshotDir(dir), original);
  });

  test("a log open in another process: repair --yes and truncate refuse, reading works", async (t) => {
    const { dir, recs } = cleanLog(t);
    flipByte(segmentFile(dir, 2), recs.find((r) => r.segmentId === 2)!.offsetBytes + 10);
    const holder = spawn(process.execPath, [LOCK_HOLDER, dir, "hold"], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    t.after(() => {
      if (holder.exitCode === null && holder.signalCode === null) holder.kill("SIGKILL");
    });
    const first = await new Promise<string>((resolve) =>
      createInterface({ input: holder.stdout }).once("line", resolve),
    );
    assert.equal(first, "locked");
    const original = snapshotDir(dir);

    const repair = skein("wal", "repair", dir, "--yes");
    assert.equal(repair.code, 1);
    assert.match(
      repair.stderr,
      new RegExp(`^error WAL_ALREADY_OPEN: .* is already open by pid ${holder.pid}\n$`),
    );
    const truncate = skein("wal", "truncate", dir, "--fence", "5");
    assert.equal(truncate.code, 1);
    assert.match(truncate.stderr, /^error WAL_ALREADY_OPEN: /);
    assert.equal(skein("wal", "verify", dir).code, 1, "reading takes no lock");
    assert.equal(skein("wal", "repair", dir).code, 1, "neither does a dry run");
    assert.deepEqual(snapshotDir(dir), original);
  });

  test("a LoraDB-written directory: status, inspect, verify and dump", (t) => {
    const dir = tmpDir(t, "skein-wal-cli-lora-");
    const written = spawnSync(process.execPath, [LORA_WRITER, dir], { encoding: "utf8" });
    assert.equal(written.status, 0, written.stderr);
    const status = skeinJson<{ segments: { id: number; sealed: boolean }[]; records: number }>(
      "wal",
      "status",
      dir,
    );
    assert.equal(status.code, 0);
    assert.deepEqual(
      status.doc.segments.map((s) => [s.id, s.sealed]),
      [
        [1, true],
        [2, true],
        [3, false],
      ],
    );
    assert.equal(skein("wal", "inspect", dir).code, 0);
    const verify = skeinJson<VerifyJson>("wal", "verify", dir);
    assert.equal(verify.code, 0);
    assert.equal(verify.doc.ok, true);
    assert.equal(verify.doc.records, status.doc.records);
    assert.equal(verify.doc.transactions.aborted, 0, "LoraDB does not log failed transactions");
    const dump = skein("wal", "dump", dir);
    assert.equal(dump.code, 0);
    assert.ok(dump.stdout.includes('"int64Max":{"$int":"9223372036854775807"}'));
    assert.ok(dump.stdout.includes('"int64Min":{"$int":"-9223372036854775808"}'));
    assert.equal(dump.stdout.trimEnd().split("\n").length, status.doc.records);
  });

  test("a database directory: its wal folder is used, and said so", async (t) => {
    const dir = tmpDir(t, "skein-wal-cli-db-");
    const db = await openDatabase(dir);
    await db.write((tx) => tx.createNode(["P"], { name: "Ada" }));
    await db.close();
    const status = skein("wal", "status", dir);
    assert.equal(status.code, 0);
    assert.ok(
      status.stdout.startsWith(
        `wal directory ${path.join(dir, "wal")} (the log of database directory ${dir})\n`,
      ),
      status.stdout,
    );
    const verify = skeinJson<VerifyJson>("wal", "verify", dir);
    assert.deepEqual(
      [verify.code, verify.doc.walDir, verify.doc.databaseDir, verify.doc.transactions.committed],
      [0, path.join(dir, "wal"), dir, 1],
    );
  });

  test("truncate removes old segments at or below the fence and reports them", (t) => {
    const { dir, recs } = cleanLog(t);
    const base3 = recs.find((r) => r.segmentId === 3)!.lsn;
    const ids = [...new Set(recs.map((r) => r.segmentId))];
    const { code, doc } = skeinJson<{ removed: { id: number }[]; kept: { id: number }[] }>(
      "wal",
      "truncate",
      dir,
      "--fence",
      String(base3 - 1),
    );
    assert.equal(code, 0);
    assert.deepEqual(
      doc.removed.map((s) => s.id),
      [1, 2],
    );
    assert.deepEqual(
      doc.kept.map((s) => s.id),
      ids.slice(2),
    );
    assert.equal(fs.existsSync(segmentFile(dir, 1)), false);
    assert.equal(skein("wal", "verify", dir).code, 0);
  });

  test("usage errors exit 2; errors print code and message, the stack only with --debug", (t) => {
    const { dir, recs } = cleanLog(t);
    for (const args of [
      ["wal", "verify"],
      ["wal", "verify", dir, "extra"],
      ["wal", "status", dir, "--nope"],
      ["wal", "truncate", dir],
      ["wal", "truncate", dir, "--fence", "1.5"],
      ["wal", "repair", dir, "--backup"],
    ]) {
      const r = skein(...args);
      assert.equal(r.code, 2, args.join(" "));
      assert.match(r.stderr, /^skein wal \w+: .*\nRun `skein wal \w+ --help` for usage\.\n$/s);
    }
    const missing = skein("wal", "verify", path.join(dir, "nope"));
    assert.equal(missing.code, 1);
    assert.match(
      missing.stderr,
      /^skein wal verify: no wal directory at .*nope: it does not exist\n$/,
    );

    flipByte(segmentFile(dir, 2), recs.find((r) => r.segmentId === 2)!.offsetBytes + 10);
    const plain = skein("wal", "truncate", dir, "--fence", "3");
    assert.equal(plain.code, 1);
    assert.match(plain.stderr, /^error WAL_CORRUPTION: bad record at byte \d+ of segment .*\n$/);
    const debug = skein("wal", "truncate", dir, "--fence", "3", "--debug");
    assert.equal(debug.code, 1);
    assert.match(debug.stderr, /^error WAL_CORRUPTION: .*\nWalCorruptionError: .*\n\s+at /);

    for (const name of ["status", "inspect", "dump", "verify", "truncate", "repair"]) {
      const help = skein("wal", name, "--help");
      assert.equal(help.code, 0);
      assert.match(help.stdout, new RegExp(`^usage: skein wal ${name} <dir>`));
      assert.match(help.stdout, /\nExamples:\n/);
      assert.match(help.stdout, /database directory/);
    }
    assert.match(skein("wal", "dump", "--help").stdout, /\{"\$int": "9223372036854775807"\}/);
  });
});
