// Tests of the snapshot format's bytes: golden bytes of a small snapshot written by hand
// from the diagram in format.ts, file names, and the header's checks.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ByteWriter } from "../internal/bytes.js";
import { crc32 } from "../internal/crc.js";
import { SkeinError } from "../internal/errors.js";
import { MemFs } from "../testing/mem-fs.js";
import {
  HEADER_BYTES,
  SnapshotCorruptionError,
  decodeHeader,
  isSnapshotTempName,
  parseSnapshotFileName,
  snapshotFileName,
} from "./format.js";
import { readSnapshot } from "./reader.js";
import { writeSnapshot } from "./writer.js";

const hex = (s: string): string => s.replace(/\s+/g, "");
const toHex = (b: Uint8Array): string => Buffer.from(b).toString("hex");
const u64 = (n: number | bigint): string => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(n));
  return b.toString("hex");
};
const u32 = (n: number): string => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b.toString("hex");
};

void test("a small snapshot has exactly the bytes the diagram gives", () => {
  const fs = new MemFs();
  fs.mkdirp("/s");
  const { path, sizeBytes } = writeSnapshot(fs, "/s", {
    fenceLsn: 9,
    nextNodeId: 3,
    nextRelationshipId: 1,
    nodeCount: 2,
    relationshipCount: 1,
    nodes: () => [
      { id: 0, labels: ["P"], properties: { a: true } },
      { id: 2, labels: [], properties: {} },
    ],
    relationships: () => [{ id: 0, src: 2, dst: 0, type: "R", properties: {} }],
  });
  assert.equal(path, "/s/snapshot-0000000000000009.skein");
  const body = hex(
    `${toHex(Buffer.from("SKEINSNP"))} ${u32(1)} ${u64(9)} ${u64(3)} ${u64(1)} ${u64(2)} ${u64(1)}` +
      // node 0: kind 1, id, 1 label "P", 1 property a = bool true
      `${u32(1 + 8 + 8 + 9 + 8 + 9 + 2)} 01 ${u64(0)} ${u64(1)} ${u64(1)} 50 ${u64(1)} ${u64(1)} 61 0101` +
      // node 2: no labels, no properties
      `${u32(25)} 01 ${u64(2)} ${u64(0)} ${u64(0)}` +
      // relationship 0: 2 -> 0, type "R", no properties
      `${u32(1 + 8 + 8 + 8 + 9 + 8)} 02 ${u64(0)} ${u64(2)} ${u64(0)} ${u64(1)} 52 ${u64(0)}`,
  );
  const bytes = fs.bytesOf(path);
  const trailerAt = bytes.length - 12;
  assert.equal(toHex(bytes.subarray(0, trailerAt)), body);
  assert.equal(toHex(bytes.subarray(trailerAt + 4)), toHex(Buffer.from("SKEINEND")));
  const crc = Buffer.from(bytes.subarray(trailerAt, trailerAt + 4)).readUInt32LE(0);
  assert.equal(crc, crc32(bytes, 0, trailerAt));
  assert.equal(sizeBytes, bytes.length);
  const seen: unknown[] = [];
  readSnapshot(fs, path, { node: (n) => seen.push(n), relationship: (r) => seen.push(r) });
  assert.equal(seen.length, 3);
});

void test("file names encode the fence so a listing sorts by it", () => {
  assert.equal(snapshotFileName(0), "snapshot-0000000000000000.skein");
  assert.equal(snapshotFileName(Number.MAX_SAFE_INTEGER), "snapshot-9007199254740991.skein");
  assert.equal(parseSnapshotFileName("snapshot-0000000000000042.skein"), 42);
  for (const other of [
    "snapshot-42.skein",
    "snapshot-0000000000000042.skein.tmp",
    "snapshot-00000000000000042.skein",
    "snapshot-9999999999999999.skein", // beyond a safe integer
    "x-0000000000000042.skein",
    "00000000000000000001.wal",
  ]) {
    assert.equal(parseSnapshotFileName(other), null, other);
  }
  assert.ok(isSnapshotTempName("snapshot-0000000000000042.skein.tmp"));
  assert.ok(!isSnapshotTempName("snapshot-0000000000000042.skein"));
  assert.ok(!isSnapshotTempName("other.tmp"));
});

void test("the header refuses counts whose records cannot fit, naming path and offset", () => {
  const w = new ByteWriter();
  w.bytes(Buffer.from("SKEINSNP"));
  w.u32(1);
  w.u64(1);
  w.u64(10);
  w.u64(10);
  w.u64(2n ** 62n);
  w.u64(0);
  const header = w.toBytes();
  assert.equal(header.length, HEADER_BYTES);
  assert.throws(
    () => decodeHeader(header, "/s/x", 1000),
    (err: unknown) => {
      assert.ok(err instanceof SnapshotCorruptionError);
      assert.equal(err.code, "SNAPSHOT_CORRUPTION");
      assert.equal(err.snapshotPath, "/s/x");
      assert.equal(err.offsetBytes, 36);
      assert.equal(
        err.message,
        "damaged snapshot /s/x at byte 36: node count 4611686018427387904 and relationship " +
          "count 0 need at least 133738894534394249216 bytes of records, the file holds 1000",
      );
      return true;
    },
  );
  // Exactly enough room for one smallest node record is accepted.
  const one = new ByteWriter();
  one.bytes(header.subarray(0, 36));
  one.u64(1);
  one.u64(0);
  assert.deepEqual(decodeHeader(one.toBytes(), "/s/x", 29), {
    fenceLsn: 1,
    nextNodeId: 10,
    nextRelationshipId: 10,
    nodeCount: 1,
    relationshipCount: 0,
  });
  assert.throws(() => decodeHeader(one.toBytes(), "/s/x", 28), SkeinError);
});
