// The TCK runner for people working on the query engine:
//
//   npx tsc -p tsconfig.json
//   npm run tck -- [filter ...] [--area clauses/match] [--verbose] [--failures-only]
//                  [--limit N] [--json FILE]
//
// A filter keeps scenarios whose `file:line`, feature or name contains it (any filter
// matches; case-insensitive). The output lists failures (where, which step, the query,
// expected against actual; at most --limit of them, default 30), then the most common
// causes of failure (messages with names and numbers blotted out), then the per-area table.
// --verbose also lists passes, full stacks and error details that differ from the TCK's;
// --failures-only prints the failures and nothing else; --json writes every result.
// Exits 0 whatever passes: this is for looking, tck.test.ts is the gate.
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { areaTable, commonCauses, failureText, figuresOf } from "./report.js";
import type { ScenarioResult } from "./runner.js";
import {
  defaultRunOptions,
  loadScenarios,
  scenarioId,
  selectScenarios,
  tckAvailable,
  tckDir,
} from "./suite.js";
import { superviseScenarios } from "./supervisor.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    area: { type: "string" },
    verbose: { type: "boolean", short: "v", default: false },
    "failures-only": { type: "boolean", default: false },
    limit: { type: "string" },
    json: { type: "string" },
    timeout: { type: "string" },
  },
});

async function main(): Promise<void> {
  if (!tckAvailable()) {
    console.error(`no TCK at ${tckDir()} (set SKEIN_TCK_DIR to the folder holding features/)`);
    process.exitCode = 2;
    return;
  }
  const limit = values.limit === undefined ? 30 : Number(values.limit);
  if (!Number.isSafeInteger(limit) || limit < 0) {
    console.error(`--limit needs a whole number, got ${values.limit}`);
    process.exitCode = 2;
    return;
  }
  const selected = selectScenarios(loadScenarios(), {
    filters: positionals,
    area: values.area ?? null,
  });
  if (selected.length === 0) {
    console.error("no scenario matches");
    process.exitCode = 1;
    return;
  }
  const options = {
    ...defaultRunOptions(),
    ...(values.timeout === undefined ? {} : { timeoutMs: Number(values.timeout) }),
  };
  let shown = 0;
  const results = await superviseScenarios(selected, options, (r) => {
    if (r.passed) {
      if (values.verbose && !values["failures-only"]) console.log(`✓ ${scenarioId(r)}  ${r.name}`);
    } else if (shown++ < limit) {
      console.log(failureText(r, values.verbose) + "\n");
    }
    if (values.verbose && r.detailMismatch !== null) {
      const { expected, actual } = r.detailMismatch;
      console.log(`  detail ${scenarioId(r)}: expected ${expected}, got ${actual ?? "none"}`);
    }
  });
  const failures = results.filter((r) => !r.passed).length;
  if (failures > limit)
    console.log(`… ${failures - limit} more failures (raise --limit to see them)\n`);
  if (values["failures-only"]) return writeJson(results);
  if (failures > 0) console.log(commonCauses(results) + "\n");
  console.log(areaTable(figuresOf(results)));
  writeJson(results);
}

function writeJson(results: readonly ScenarioResult[]): void {
  if (values.json !== undefined)
    writeFileSync(values.json, JSON.stringify(jsonOf(results), null, 2));
}

function jsonOf(results: readonly ScenarioResult[]): unknown {
  return results.map((r) => ({ id: scenarioId(r), ...r }));
}

await main();
