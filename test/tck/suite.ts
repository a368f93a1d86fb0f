// The TCK as a whole: where it lives, which scenarios count, how a selection is made, and
// running a selection in order. Features are parsed once per process and shared.
//
// Scenarios tagged @ignore are left out, as the TCK's own harness leaves them out ("This
// scenario does not work in Cypher"); what remains is the 3,896 scenarios the TCK counts.
// An area is the two-level folder of a feature file (`clauses/match`,
// `expressions/temporal`): the unit of the per-area tables.
//
// It does not run a scenario (runner.ts) and does not print (report.ts).
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadFeatures, type Scenario } from "./gherkin.js";
import { runScenario, type RunOptions, type ScenarioResult } from "./runner.js";

/**
 * The TCK's folder: $SKEIN_TCK_DIR, else the copy kept in the repository
 * (test/tck/opencypher: the openCypher TCK's features and graphs, Apache-2.0, with its
 * LICENSE, NOTICE and SOURCE.txt naming the commit it was taken from).
 */
export function tckDir(): string {
  return (
    process.env["SKEIN_TCK_DIR"] ??
    fileURLToPath(new URL("../../../test/tck/opencypher", import.meta.url))
  );
}

export function tckAvailable(dir = tckDir()): boolean {
  return existsSync(join(dir, "features"));
}

let cached: { dir: string; scenarios: readonly Scenario[] } | null = null;

/** Every counted scenario, in file and line order. */
export function loadScenarios(dir = tckDir()): readonly Scenario[] {
  if (cached?.dir !== dir) {
    const scenarios = loadFeatures(join(dir, "features"))
      .flatMap((f) => f.scenarios)
      .filter((s) => !s.tags.includes("@ignore"));
    cached = { dir, scenarios };
  }
  return cached.scenarios;
}

export function areaOf(file: string): string {
  return file.split("/").slice(0, 2).join("/");
}

/** `file:line` — the id a scenario goes by in reports and in `--json`. */
export function scenarioId(s: { readonly file: string; readonly line: number }): string {
  return `${s.file}:${s.line}`;
}

export interface Selection {
  /** Kept when any filter is a substring of the id, the feature or the scenario name. */
  readonly filters: readonly string[];
  /** Kept when in this area or folder (`clauses/match`, not `clauses/match-where`; `clauses`). */
  readonly area: string | null;
}

function inArea(area: string, wanted: string): boolean {
  const w = wanted.replace(/\/+$/, "");
  return area === w || area.startsWith(`${w}/`);
}

export function selectScenarios(all: readonly Scenario[], selection: Selection): Scenario[] {
  const lower = selection.filters.map((f) => f.toLowerCase());
  return all.filter((s) => {
    if (selection.area !== null && !inArea(areaOf(s.file), selection.area)) return false;
    if (lower.length === 0) return true;
    const haystack = `${scenarioId(s)}\n${s.feature}\n${s.name}`.toLowerCase();
    return lower.some((f) => haystack.includes(f));
  });
}

/** Runs scenarios one after another; `onResult` sees each result as it comes. */
export async function runScenarios(
  scenarios: readonly Scenario[],
  options: RunOptions,
  onResult?: (result: ScenarioResult, index: number) => void,
): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = [];
  for (const [i, scenario] of scenarios.entries()) {
    const result = await runScenario(scenario, options);
    results.push(result);
    onResult?.(result, i);
  }
  return results;
}

export function defaultRunOptions(dir = tckDir()): RunOptions {
  return { graphsDir: join(dir, "graphs"), timeoutMs: 2000 };
}
