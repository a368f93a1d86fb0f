// The worker side of supervisor.ts: runs the scenarios it is given, in order, reporting
// each start and each result to the supervisor. It parses the features itself (a Scenario
// is cheaper to find again than to copy across threads).
import { parentPort, workerData } from "node:worker_threads";
import type { WorkerInput, WorkerMessage } from "./supervisor.js";
import { runScenario } from "./runner.js";
import { loadScenarios, scenarioId } from "./suite.js";

// A query abandoned by the runner's own timer may reject later; that must not end the run.
process.on("unhandledRejection", () => undefined);

const input = workerData as WorkerInput;
const port = parentPort;
if (port === null) throw new Error("supervisor-worker runs only as a worker thread");
const byId = new Map(loadScenarios(input.tckDir).map((s) => [scenarioId(s), s]));
for (const [index, id] of input.ids.entries()) {
  const scenario = byId.get(id);
  if (scenario === undefined) throw new Error(`no scenario ${id}`);
  port.postMessage({ type: "start", index } satisfies WorkerMessage);
  const result = await runScenario(scenario, input.options);
  port.postMessage({ type: "result", index, result } satisfies WorkerMessage);
}
