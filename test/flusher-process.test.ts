// A group-mode log left open does not keep its process alive.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { test } from "node:test";
import { replayDir } from "../src/wal/index.js";
import { tmpDir } from "../src/testing/tmp.js";

const fixture = fileURLToPath(new URL("./fixtures/group-wal-open.js", import.meta.url));

test("an open group-mode log lets the process exit by itself", async (t) => {
  const dir = tmpDir(t);
  const child = spawn(process.execPath, [fixture, dir], { stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  const started = Date.now();
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      resolve(null);
    }, 5000);
    child.on("exit", (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  assert.equal(code, 0, "the child did not exit on its own within 5 s");
  assert.ok(Date.now() - started < 5000);
  assert.equal(out.trim(), "open");
  // what it flushed was written (killed-process promise of group mode)
  assert.equal(replayDir(dir).events.length, 1);
});
