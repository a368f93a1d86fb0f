// Runs scenarios in a worker thread and watches it, so that a query which blocks the
// thread (a loop that never reaches the engine's cooperative timeout check) costs one
// scenario, not the run: when the worker shows no progress for `hangMs`, it is ended, the
// scenario in flight fails as hung, and a fresh worker carries on with the next one. A
// worker that dies (an uncaught error from an engine's stray promise) is handled alike.
//
// The worker builds its engine with runner.ts's default (see procedure-engine.ts): an
// engine factory cannot cross threads. Tests that inject an engine call runScenarios
// (suite.ts) in-process instead.
import { Worker } from "node:worker_threads";
import type { Scenario } from "./gherkin.js";
import type { RunOptions, ScenarioResult } from "./runner.js";
import { scenarioId, tckDir } from "./suite.js";

export interface WorkerInput {
  readonly tckDir: string;
  readonly ids: readonly string[];
  readonly options: Omit<RunOptions, "engineFor" | "connect">;
}

export type WorkerMessage =
  | { readonly type: "start"; readonly index: number }
  | { readonly type: "result"; readonly index: number; readonly result: ScenarioResult };

export async function superviseScenarios(
  scenarios: readonly Scenario[],
  options: Omit<RunOptions, "engineFor" | "connect">,
  onResult?: (result: ScenarioResult, index: number) => void,
  hangMs = Math.max(10_000, 4 * (options.timeoutMs ?? 2000)),
): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = [];
  const ids = scenarios.map(scenarioId);
  while (results.length < scenarios.length) {
    const from = results.length;
    const stopped = await runWorker(
      { tckDir: tckDir(), ids: ids.slice(from), options },
      hangMs,
      (r) => {
        results.push(r);
        onResult?.(r, results.length - 1);
      },
    );
    if (stopped !== null && results.length < scenarios.length) {
      const s = scenarios[results.length];
      if (s === undefined) break;
      const r = stoppedResult(s, stopped);
      results.push(r);
      onResult?.(r, results.length - 1);
    }
  }
  return results;
}

/** The scenario in flight when its worker was stopped, failed, naming its main query. */
function stoppedResult(s: Scenario, why: string): ScenarioResult {
  const step = s.steps.find((st) => st.text === "executing query:");
  const failure = {
    stage: "query" as const,
    message: why,
    line: step?.line ?? s.line,
    query: step?.docString ?? null,
    expected: [],
    actual: [],
    stack: null,
  };
  return { file: s.file, line: s.line, name: s.name, passed: false, failure, detailMismatch: null };
}

/** Resolves with null when the worker finished its list, or with why it was stopped. */
function runWorker(
  input: WorkerInput,
  hangMs: number,
  onResult: (r: ScenarioResult) => void,
): Promise<string | null> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL("./supervisor-worker.js", import.meta.url), {
      workerData: input,
    });
    let settled = false;
    let watchdog: NodeJS.Timeout | undefined;
    const finish = (why: string | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(watchdog);
      resolve(why);
      void worker.terminate();
    };
    const arm = (): void => {
      clearTimeout(watchdog);
      watchdog = setTimeout(
        () => finish(`hang: the scenario blocked its thread for more than ${hangMs} ms`),
        hangMs,
      );
    };
    worker.on("message", (m: WorkerMessage) => {
      if (m.type === "result") onResult(m.result);
      arm();
    });
    worker.on("error", (err) => finish(`crash: the worker died: ${err.stack ?? String(err)}`));
    worker.on("exit", (code) =>
      finish(code === 0 ? null : `crash: the worker exited with code ${code}`),
    );
    arm();
  });
}
