// A real full disk: a size-capped tmpfs is mounted, filled with a filler file until only a
// little room is left, and the database is driven into ENOSPC during commits, during a
// rotation and during a checkpoint. Each time the failure must be a typed error, the log
// must refuse further writes, and the directory must reopen (once room is made) with
// every acknowledged write intact. Mounting needs root; where it is refused the suite says
// so and skips, since no other way to make a real file system run out of space exists.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, statfsSync, writeFileSync, unlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { openDatabase, SkeinError, type Database } from "../../src/index.js";

const MOUNT_BYTES = 4 * 1024 * 1024;
let mountPoint: string | null = null;
let mountRefused = "";

function tryMount(): void {
  const dir = mkdtempSync(join(tmpdir(), "skein-full-"));
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", `size=${MOUNT_BYTES}`, "tmpfs", dir], {
      stdio: "pipe",
    });
    mountPoint = dir;
  } catch (err) {
    mountRefused = err instanceof Error ? err.message.split("\n")[0]! : String(err);
    rmSync(dir, { recursive: true, force: true });
  }
}

function freeBytes(path: string): number {
  const s = statfsSync(path);
  return s.bavail * s.bsize;
}

/** Fill the file system until about `leaveBytes` are free. */
function fill(path: string, leaveBytes: number): string {
  const filler = join(path, `filler-${Date.now()}`);
  const size = Math.max(0, freeBytes(path) - leaveBytes);
  writeFileSync(filler, Buffer.alloc(size));
  return filler;
}

function isDiskFull(e: unknown): boolean {
  if (!(e instanceof SkeinError)) return false;
  if (e.code === "WAL_POISONED") return true;
  const cause = e.cause as { code?: string } | undefined;
  return e.code === "IO" && cause?.code === "ENOSPC";
}

async function writeUntilFull(db: Database, acked: number[], payloadBytes: number) {
  const payload = "x".repeat(payloadBytes);
  for (let i = acked.length; i < 100_000; i++) {
    try {
      await db.write((tx) => tx.createNode(["Row"], { i, payload }));
      acked.push(i);
    } catch (err) {
      return err;
    }
  }
  throw new Error("the disk never filled up");
}

async function reopenAndCheck(dir: string, acked: number[]) {
  const db = await openDatabase(dir);
  const seen = db.read((v) => new Set([...v.nodes({ label: "Row" })].map((n) => n.properties.i)));
  for (const i of acked) assert.ok(seen.has(i), `acknowledged row ${i} was lost`);
  return db;
}

describe("a real full disk", () => {
  before(tryMount);
  after(() => {
    if (mountPoint === null) return;
    execFileSync("umount", [mountPoint]);
    rmSync(mountPoint, { recursive: true, force: true });
  });

  test("filling the disk during commits, then making room", async (t) => {
    if (mountPoint === null) return t.skip(`cannot mount a tmpfs here: ${mountRefused}`);
    const dir = join(mountPoint, "commits");
    const db = await openDatabase(dir);
    const filler = fill(mountPoint, 64 * 1024);
    const acked: number[] = [];
    const err = await writeUntilFull(db, acked, 1000);
    assert.ok(isDiskFull(err), `expected a typed disk-full error, got ${String(err)}`);
    assert.ok(acked.length > 0);
    await assert.rejects(
      db.write((tx) => tx.createNode([])),
      (e) => e instanceof SkeinError && e.code === "WAL_POISONED",
    );
    assert.match(db.status().bgFailure ?? "", /ENOSPC/);
    await db.close();
    unlinkSync(filler);
    const again = await reopenAndCheck(dir, acked);
    await again.write((tx) => tx.createNode(["After"]));
    await again.close();
  });

  test("filling the disk during a rotation", async (t) => {
    if (mountPoint === null) return t.skip(`cannot mount a tmpfs here: ${mountRefused}`);
    const dir = join(mountPoint, "rotation");
    const db = await openDatabase(dir, { segmentTargetBytes: 16 * 1024 });
    const filler = fill(mountPoint, 40 * 1024);
    const acked: number[] = [];
    const err = await writeUntilFull(db, acked, 2000);
    assert.ok(isDiskFull(err), `expected a typed disk-full error, got ${String(err)}`);
    assert.ok(db.status().activeSegmentId > 1, "the writes rotated before the disk filled");
    await db.close();
    unlinkSync(filler);
    await (await reopenAndCheck(dir, acked)).close();
  });

  test("filling the disk during a checkpoint", async (t) => {
    if (mountPoint === null) return t.skip(`cannot mount a tmpfs here: ${mountRefused}`);
    const dir = join(mountPoint, "checkpoint");
    const db = await openDatabase(dir, { snapshotEveryCommits: 0 });
    const acked: number[] = [];
    for (let i = 0; i < 200; i++) {
      await db.write((tx) => tx.createNode(["Row"], { i, payload: "y".repeat(500) }));
      acked.push(i);
    }
    const filler = fill(mountPoint, 32 * 1024);
    await assert.rejects(db.checkpoint(), isDiskFull);
    await db.close().catch(() => undefined);
    const stillFull = await reopenAndCheck(dir, acked);
    await stillFull.close();
    unlinkSync(filler);
    const again = await reopenAndCheck(dir, acked);
    await again.checkpoint();
    await again.close();
  });
});
