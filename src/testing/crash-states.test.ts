// The crash-state enumerator: what power loss may keep of pending writes and names.
import assert from "node:assert/strict";
import { test } from "node:test";
import { crashStates } from "./crash-states.js";
import { MemFs, ProcessDied } from "./mem-fs.js";

test("a pending write may be lost, kept, or torn at each sector boundary inside it", () => {
  const fs = new MemFs();
  fs.mkdirp("/d");
  const h = fs.open("/d/a", "createExclusive");
  h.write(new Uint8Array(1000).fill(1), 0);
  h.sync();
  fs.syncDir("/d");
  h.write(new Uint8Array(1500).fill(2), 1000);
  const sizes = [...crashStates(fs)].map((s) => s.fs.bytesOf("/d/a").length).sort((a, b) => a - b);
  assert.deepEqual(sizes, [1000, 1024, 1536, 2048, 2500]);
});

test("an unsynced creation and rename may or may not have happened", () => {
  const fs = new MemFs();
  fs.mkdirp("/d");
  const h = fs.open("/d/x.tmp", "createExclusive");
  h.write(new Uint8Array([7]), 0);
  h.sync();
  h.close();
  fs.rename("/d/x.tmp", "/d/x");
  const listings = [...crashStates(fs)].map((s) => s.fs.list("/d").sort().join(","));
  assert.deepEqual(new Set(listings), new Set(["", "x.tmp", "x,x.tmp", "x"]));
  for (const s of crashStates(fs)) {
    for (const name of s.fs.list("/d")) assert.deepEqual([...s.fs.bytesOf(`/d/${name}`)], [7]);
  }
});

test("every prefix of several pending writes is a state, combined across files", () => {
  const fs = new MemFs();
  fs.mkdirp("/d");
  const a = fs.open("/d/a", "createExclusive");
  const b = fs.open("/d/b", "createExclusive");
  fs.syncDir("/d");
  for (let i = 0; i < 3; i++) {
    a.write(new Uint8Array([i]), i);
    b.write(new Uint8Array([i]), i);
  }
  const states = [...crashStates(fs)].map(
    (s) => `${s.fs.bytesOf("/d/a").length}/${s.fs.bytesOf("/d/b").length}`,
  );
  assert.equal(new Set(states).size, 16);
});

test("a process that died fails every later call and changes nothing", () => {
  const fs = new MemFs();
  fs.mkdirp("/d");
  fs.dieAtCall(fs.callCount + 2);
  const h = fs.open("/d/a", "createExclusive");
  assert.throws(() => h.write(new Uint8Array([1]), 0), ProcessDied);
  assert.throws(() => fs.syncDir("/d"), ProcessDied);
  assert.equal(fs.bytesOf("/d/a").length, 0);
});
