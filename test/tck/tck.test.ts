// The whole openCypher TCK as one test: every counted scenario runs (supervised, so a hung
// query costs one scenario), docs/tck.md is rewritten from the results, and the test fails
// when the strict pass rate falls below the floor committed in test/tck/floor.json.
//
// Raising the floor: when the engine passes more, run this test (or `npm run tck`), read
// the strict rate from docs/tck.md, and set `strictPassRate` in floor.json a little under
// it (round down to a whole percent, e.g. 0.41 for 41.7 %), in the same commit as the
// engine change. The floor only ever goes up; a change that lowers the rate below it must
// either be fixed or argue for lowering it in its commit message.
//
// docs/tck.md is written only when its content changes, and it holds no timings, so a run
// with the same results leaves the working tree clean. The TCK is read from the copy in
// test/tck/opencypher (or SKEIN_TCK_DIR); without it the test fails.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { test } from "node:test";
import { figuresOf, markdownReport, percent, rate, failureText } from "./report.js";
import { defaultRunOptions, loadScenarios, tckAvailable, tckDir } from "./suite.js";
import { superviseScenarios } from "./supervisor.js";

const FLOOR_FILE = new URL("../../../test/tck/floor.json", import.meta.url);
const REPORT_FILE = new URL("../../../docs/tck.md", import.meta.url);

function readFloor(): number {
  const parsed = JSON.parse(readFileSync(FLOOR_FILE, "utf8")) as { strictPassRate?: unknown };
  const floor = parsed.strictPassRate;
  if (typeof floor !== "number" || !(floor >= 0 && floor <= 1)) {
    throw new Error(
      `floor.json: strictPassRate must be a fraction in [0, 1], got ${String(floor)}`,
    );
  }
  return floor;
}

test(
  "openCypher TCK: strict pass rate stays at or above the floor",
  { timeout: 120_000 },
  async (t) => {
    assert.ok(tckAvailable(), `no TCK at ${tckDir()}`);
    const floor = readFloor();
    const scenarios = loadScenarios();
    assert.equal(
      scenarios.length,
      3896,
      "the TCK counts 3,896 scenarios (outlines expanded, @ignore left out)",
    );
    const results = await superviseScenarios(scenarios, defaultRunOptions());
    const figures = figuresOf(results);
    const page = markdownReport(figures, floor);
    if (!existsSync(REPORT_FILE) || readFileSync(REPORT_FILE, "utf8") !== page) {
      writeFileSync(REPORT_FILE, page);
    }
    t.diagnostic(
      `strict pass rate ${percent(figures.total)}; outside temporal ${percent(figures.withoutTemporal)}`,
    );
    const failed = results.filter((r) => !r.passed);
    const sample = failed
      .slice(0, 3)
      .map((r) => failureText(r, false))
      .join("\n\n");
    assert.ok(
      rate(figures.total) >= floor,
      `strict pass rate ${percent(figures.total)} is below the floor ${(100 * floor).toFixed(1)} % ` +
        `(test/tck/floor.json); run \`npm run tck\` to see the failures. First failures:\n${sample}`,
    );
  },
);
