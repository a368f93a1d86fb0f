// Tests of line splitting: line numbers across chunk boundaries, CRLF, a last line without
// a line break, and the byte order mark.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openTextStream, readLines, type Line } from "./line-reader.js";

async function* chunked(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) {
    await Promise.resolve(); // a read takes a turn of the event loop
    yield text.slice(i, i + size);
  }
}

async function lines(chunks: AsyncIterable<string>): Promise<Line[]> {
  const out: Line[] = [];
  for await (const group of readLines(chunks)) out.push(...group);
  return out;
}

void test("lines and their numbers, whatever the chunks", async () => {
  const text = "one\r\ntwo\n\nfour\nlast";
  const expected = [
    { text: "one", line: 1 },
    { text: "two", line: 2 },
    { text: "", line: 3 },
    { text: "four", line: 4 },
    { text: "last", line: 5 },
  ];
  for (let size = 1; size <= text.length; size++) {
    assert.deepEqual(await lines(chunked(text, size)), expected, `chunks of ${size}`);
  }
  assert.deepEqual(await lines(chunked("a\n", 10)), [{ text: "a", line: 1 }]);
});

void test("a file stream drops the byte order mark and counts bytes", async () => {
  const dir = mkdtempSync(join(tmpdir(), "skein-lines-"));
  try {
    const path = join(dir, "f.jsonl");
    writeFileSync(path, "\uFEFFé\nz\n");
    const stream = openTextStream(path);
    assert.deepEqual(await lines(stream.chunks), [
      { text: "é", line: 1 },
      { text: "z", line: 2 },
    ]);
    assert.equal(stream.bytesRead(), 3 + 2 + 1 + 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
