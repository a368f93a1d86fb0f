// Segment files: header layout and validation, naming and listing, creation that is
// exclusive and durable (file fsynced, then renamed, then the directory fsynced), sealing.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { crc32 } from "../internal/crc.js";
import { isSkeinError } from "../internal/errors.js";
import { MemFs } from "../testing/mem-fs.js";
import {
  SEGMENT_HEADER_BYTES,
  decodeSegmentHeader,
  encodeSegmentHeader,
  type HeaderResult,
} from "./format.js";
import { SegmentWriter } from "./segment.js";
import {
  listSegments,
  listTempSegments,
  parseSegmentFileName,
  segmentFileName,
  segmentPath,
} from "./segment-dir.js";

function problem(r: HeaderResult): string {
  return r.ok ? "ok" : r.problem;
}

describe("segment header", () => {
  test("encodes the documented bytes", () => {
    const bytes = encodeSegmentHeader({ baseLsn: 0x0102, sealed: true });
    assert.equal(bytes.length, SEGMENT_HEADER_BYTES);
    assert.equal(
      Buffer.from(bytes.subarray(0, 28)).toString("hex"),
      "4c4f524157414c00" + "01000000" + "0201000000000000" + "01000000" + "00000000",
    );
    assert.deepEqual(decodeSegmentHeader(bytes), {
      ok: true,
      header: { baseLsn: 0x0102, sealed: true },
    });
  });

  test("is checked in order: length, magic, crc, version", () => {
    const good = encodeSegmentHeader({ baseLsn: 1, sealed: false });
    assert.equal(problem(decodeSegmentHeader(good.subarray(0, 31))), "short");
    const badMagic = good.slice();
    badMagic[0] = 0;
    badMagic[8] = 9; // a bad version too: magic is reported first
    assert.equal(problem(decodeSegmentHeader(badMagic)), "magic");
    const badCrc = good.slice();
    badCrc[8] = 2;
    assert.equal(problem(decodeSegmentHeader(badCrc)), "crc");
    const v2 = good.slice();
    v2[8] = 2;
    new DataView(v2.buffer).setUint32(28, crc32(v2.subarray(0, 28)), true);
    assert.equal(problem(decodeSegmentHeader(v2)), "version");
  });
});

describe("segment naming", () => {
  test("ids are ten zero-padded digits with the .wal extension", () => {
    assert.equal(segmentFileName(1), "0000000001.wal");
    assert.equal(segmentFileName(1234567890), "1234567890.wal");
    assert.equal(parseSegmentFileName("0000000042.wal"), 42);
    for (const name of [
      "42.wal.tmp",
      "x.wal",
      "0001.WAL",
      ".lora-wal.lock",
      "12.wal.bak",
      "-1.wal",
    ]) {
      assert.equal(parseSegmentFileName(name), null, name);
    }
  });

  test("listing orders numerically and ignores everything else", () => {
    const fs = new MemFs();
    fs.mkdirp("/w");
    for (const name of [
      "0000000010.wal",
      "0000000002.wal",
      "9.wal",
      "notes.txt",
      "0000000003.wal.tmp",
    ]) {
      fs.setBytes(`/w/${name}`, new Uint8Array(1));
    }
    assert.deepEqual(
      listSegments(fs, "/w").map((e) => e.id),
      [2, 9, 10],
    );
    assert.deepEqual(listTempSegments(fs, "/w"), ["/w/0000000003.wal.tmp"]);
  });
});

describe("segment writer", () => {
  test("creation writes the header under a temporary name, fsyncs, renames, fsyncs the directory", () => {
    const fs = new MemFs();
    fs.mkdirp("/w");
    const path = segmentPath("/w", 1);
    const writer = SegmentWriter.create(fs, path, 1);
    assert.deepEqual(
      fs.trace.filter((t) => !t.startsWith("stat") && !t.startsWith("mkdir")),
      [
        `open ${path}.tmp`,
        `write ${path}.tmp`,
        `fsync ${path}.tmp`,
        `close ${path}.tmp`,
        `rename ${path}.tmp`,
        "syncDir /w",
        `open ${path}`,
      ],
    );
    assert.equal(writer.sizeBytes, SEGMENT_HEADER_BYTES);
    const crashed = fs.crash();
    assert.deepEqual(decodeSegmentHeader(crashed.bytesOf(path)), {
      ok: true,
      header: { baseLsn: 1, sealed: false },
    });
  });

  test("creation is exclusive", () => {
    const fs = new MemFs();
    fs.mkdirp("/w");
    SegmentWriter.create(fs, segmentPath("/w", 1), 1);
    assert.throws(
      () => SegmentWriter.create(fs, segmentPath("/w", 1), 1),
      (e) => isSkeinError(e, "WAL_MALFORMED") && /already exists/.test(e.message),
    );
  });

  test("a crash before the directory fsync leaves no segment under its real name", () => {
    const fs = new MemFs();
    fs.mkdirp("/w");
    fs.inject({ op: "syncDir", nth: 1, errno: "EIO" });
    assert.throws(() => SegmentWriter.create(fs, segmentPath("/w", 1), 1));
    assert.deepEqual(fs.crash().list("/w"), []);
  });

  test("buffered records reach the file only on writeOut, and sealing rewrites the header", () => {
    const fs = new MemFs();
    fs.mkdirp("/w");
    const path = segmentPath("/w", 3);
    const writer = SegmentWriter.create(fs, path, 7);
    writer.pending.bytes(new Uint8Array([1, 2, 3]));
    assert.equal(writer.sizeBytes, SEGMENT_HEADER_BYTES + 3);
    assert.equal(fs.bytesOf(path).length, SEGMENT_HEADER_BYTES);
    writer.writeOut();
    assert.equal(fs.bytesOf(path).length, SEGMENT_HEADER_BYTES + 3);
    writer.sync();
    writer.seal();
    const head = decodeSegmentHeader(fs.crash().bytesOf(path));
    assert.deepEqual(head, { ok: true, header: { baseLsn: 7, sealed: true } });
    writer.close();
  });

  test("truncateTo cuts the file durably", () => {
    const fs = new MemFs();
    fs.mkdirp("/w");
    const path = segmentPath("/w", 1);
    const writer = SegmentWriter.create(fs, path, 1);
    writer.pending.bytes(new Uint8Array(100));
    writer.writeOut();
    writer.sync();
    writer.truncateTo(40);
    assert.equal(fs.crash().bytesOf(path).length, 40);
  });

  test("a preallocated segment is zeros up to its size, durably, before it is named", () => {
    const fs = new MemFs();
    fs.mkdirp("/w");
    const path = segmentPath("/w", 1);
    const writer = SegmentWriter.create(fs, path, 1, 4096);
    const onDisk = fs.crash().bytesOf(path);
    assert.equal(onDisk.length, 4096);
    assert.ok(onDisk.subarray(SEGMENT_HEADER_BYTES).every((b) => b === 0));
    writer.pending.bytes(new Uint8Array([9, 9, 9]));
    writer.writeOut();
    writer.sync();
    const after = fs.crash().bytesOf(path);
    assert.equal(after.length, 4096, "records overwrite the zeros; the size stays");
    assert.deepEqual(
      [...after.subarray(SEGMENT_HEADER_BYTES, SEGMENT_HEADER_BYTES + 4)],
      [9, 9, 9, 0],
    );
    writer.close();
  });

  test("sealing and trimming cut the zero tail durably", () => {
    const fs = new MemFs();
    fs.mkdirp("/w");
    const sealedPath = segmentPath("/w", 1);
    const sealed = SegmentWriter.create(fs, sealedPath, 1, 4096);
    sealed.pending.bytes(new Uint8Array(10));
    sealed.writeOut();
    sealed.sync();
    sealed.seal();
    assert.equal(fs.crash().bytesOf(sealedPath).length, SEGMENT_HEADER_BYTES + 10);
    const trimmedPath = segmentPath("/w", 2);
    const trimmed = SegmentWriter.create(fs, trimmedPath, 5, 4096);
    trimmed.pending.bytes(new Uint8Array(7));
    trimmed.writeOut();
    trimmed.sync();
    trimmed.trim();
    assert.equal(fs.crash().bytesOf(trimmedPath).length, SEGMENT_HEADER_BYTES + 7);
  });

  test("on a full disk a segment is made without preallocation; other errors still fail", () => {
    const fs = new MemFs();
    fs.mkdirp("/w");
    fs.inject({ op: "write", nth: 2, errno: "ENOSPC", persistent: false });
    const writer = SegmentWriter.create(fs, segmentPath("/w", 1), 1, 4096);
    assert.equal(fs.crash().bytesOf(segmentPath("/w", 1)).length, SEGMENT_HEADER_BYTES);
    writer.close();
    const failing = new MemFs();
    failing.mkdirp("/w");
    failing.inject({ op: "write", nth: 2, errno: "EIO", persistent: false });
    assert.throws(
      () => SegmentWriter.create(failing, segmentPath("/w", 1), 1, 4096),
      (e) => isSkeinError(e, "IO"),
    );
  });
});
