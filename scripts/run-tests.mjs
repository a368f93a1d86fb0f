// Runs every compiled test file (build/**/*.test.js) with Node's test runner.
// Arguments narrow the run: `node scripts/run-tests.mjs wal/replay` runs the files whose
// path contains that text. Compile first (`npm run typecheck`).
import { spawnSync } from "node:child_process";
import { readdirSync, existsSync } from "node:fs";
import { join } from "node:path";

function findTests(dir, out) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) findTests(path, out);
    else if (entry.name.endsWith(".test.js") && hasSource(path)) out.push(path);
  }
  return out;
}

/** Compiled tests whose source was deleted linger in build/; only live ones run. */
function hasSource(compiled) {
  return existsSync(compiled.replace(/^build[\\/]/, "").replace(/\.js$/, ".ts"));
}

if (!existsSync("build")) {
  console.error("no build/ directory: run `npm run typecheck` first");
  process.exit(2);
}
const filters = process.argv.slice(2);
const files = findTests("build", [])
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
if (files.length === 0) {
  console.error("no test files matched");
  process.exit(1);
}
const result = spawnSync(process.execPath, ["--test", "--test-reporter=spec", ...files], {
  stdio: "inherit",
});
process.exit(result.status ?? 1);
