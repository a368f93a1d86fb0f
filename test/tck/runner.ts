// Runs TCK scenarios against the query engine, one fresh in-memory database per scenario,
// and says for each whether it passed and, when not, why (the step, the query, expected
// and actual). Steps run in order; the first failing step ends the scenario.
//
// Scoring is strict: a query that returns rows where the TCK expects none fails, Int and
// Float differ, an expected error needs the right code and phase (its detail is recorded
// when it differs but does not decide), and a query that should fail must also change
// nothing. A thrown value that is not a SkeinError is a crash and fails with its stack.
// Every query gets `{ timeoutMs }` and a timer of our own, so a query that never settles
// ends its scenario instead of the run; a query that blocks the thread is the supervisor's
// (supervisor.ts) to catch.
//
// It does not parse (gherkin.ts, tck-values.ts), compare (compare.ts) or describe failures
// (failure-text.ts, report.ts).
import type { QueryResult } from "../../src/db/database.js";
import { SkeinError } from "../../src/internal/errors.js";
import type { PropertyValue } from "../../src/store/values.js";
import { compareResult } from "./compare.js";
import { GuardTimeout, actualLines, errorText, expectedLines, isCrash } from "./failure-text.js";
import type { Scenario, Step } from "./gherkin.js";
import { openSkeinConnection, type EngineFactory, type TckConnection } from "./connection.js";
import { isProcedureStep, parseProcedure } from "./procedures.js";
import {
  diffSummaries,
  noSideEffects,
  parseSideEffects,
  sideEffectDifferences,
  type SideEffects,
} from "./side-effects.js";
import { toPropertyValue } from "./tck-params.js";
import { parseTckValue } from "./tck-values.js";
import { readNamedGraph } from "./named-graphs.js";
import { expectedErrorOf, errorMatches, type ExpectedError } from "./tck-errors.js";

export interface RunOptions {
  /** Builds the engine a scenario's database uses, given the procedures it declares. */
  readonly engineFor?: EngineFactory;
  /** Opens what scenarios run against; default: a Skein in-memory database (engineFor). */
  readonly connect?: () => Promise<TckConnection>;
  /** Passed to `execute` as `{ timeoutMs }`; our own timer allows a second more. Default 2000. */
  readonly timeoutMs?: number;
  /** Folder holding `<name>/<name>.cypher` for "Given the <name> graph". */
  readonly graphsDir: string;
  /** See CompareOptions.numbersByValue: for checking the runner only, never for scoring. */
  readonly numbersByValue?: boolean;
}

export type FailureStage = "setup" | "query" | "result" | "error" | "side-effects" | "step";

export interface Failure {
  readonly stage: FailureStage;
  readonly message: string;
  /** Line of the step that failed. */
  readonly line: number;
  readonly query: string | null;
  readonly expected: readonly string[];
  readonly actual: readonly string[];
  readonly stack: string | null;
}

export interface ScenarioResult {
  readonly file: string;
  readonly line: number;
  readonly name: string;
  readonly passed: boolean;
  readonly failure: Failure | null;
  /** An expected error with the right kind but another detail (passes; listed for authors). */
  readonly detailMismatch: { readonly expected: string; readonly actual: string | null } | null;
}

/** What the last query did: its result, or the error it raised. */
type Outcome =
  | { readonly ok: true; readonly result: QueryResult; readonly query: string }
  | { readonly ok: false; readonly error: unknown; readonly query: string };

class StepFailure extends Error {
  readonly failure: Omit<Failure, "line">;
  constructor(failure: Omit<Failure, "line">) {
    super(failure.message);
    this.failure = failure;
  }
}

function fail(
  stage: FailureStage,
  message: string,
  more: Partial<Omit<Failure, "line" | "stage" | "message">> = {},
): never {
  throw new StepFailure({
    stage,
    message,
    query: more.query ?? null,
    expected: more.expected ?? [],
    actual: more.actual ?? [],
    stack: more.stack ?? null,
  });
}

/** The state one scenario's steps share. */
class ScenarioRun {
  readonly options: RunOptions;
  readonly db: TckConnection;
  params: Record<string, PropertyValue> = {};
  outcome: Outcome | null = null;
  /** Side effects of the last "executing query" (control queries leave them alone). */
  sideEffects: SideEffects = noSideEffects();
  detailMismatch: ScenarioResult["detailMismatch"] = null;

  constructor(options: RunOptions, db: TckConnection) {
    this.options = options;
    this.db = db;
  }

  async execute(query: string, params: Record<string, PropertyValue>): Promise<Outcome> {
    const timeoutMs = this.options.timeoutMs ?? 2000;
    let timer: NodeJS.Timeout | undefined;
    const guard = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new GuardTimeout(timeoutMs + 1000)), timeoutMs + 1000);
    });
    try {
      const result = await Promise.race([this.db.execute(query, params, { timeoutMs }), guard]);
      return { ok: true, result, query };
    } catch (error) {
      return { ok: false, error, query };
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Runs one scenario on a fresh in-memory database. Never throws. */
export async function runScenario(
  scenario: Scenario,
  options: RunOptions,
): Promise<ScenarioResult> {
  const db = await (options.connect?.() ?? openSkeinConnection(options.engineFor));
  const run = new ScenarioRun(options, db);
  let failure: Failure | null = null;
  for (const step of scenario.steps) {
    try {
      await runStep(run, step);
    } catch (err) {
      failure =
        err instanceof StepFailure
          ? { ...err.failure, line: step.line }
          : { ...crashFailure("step", err, null), line: step.line };
      break;
    }
  }
  await db.close().catch(() => undefined);
  return {
    file: scenario.file,
    line: scenario.line,
    name: scenario.name,
    passed: failure === null,
    failure,
    detailMismatch: run.detailMismatch,
  };
}

function stackOf(err: unknown): string | null {
  return isCrash(err) && err instanceof Error ? (err.stack ?? null) : null;
}

function crashFailure(
  stage: FailureStage,
  err: unknown,
  query: string | null,
): Omit<Failure, "line"> {
  const message = err instanceof Error ? `${err.name}: ${err.message}` : `thrown ${String(err)}`;
  const stack = err instanceof Error ? (err.stack ?? null) : null;
  return { stage, message: `crash: ${message}`, query, expected: [], actual: [], stack };
}

async function runStep(run: ScenarioRun, step: Step): Promise<void> {
  const text = step.text.replace(/\s*#.*$/, "");
  if (text === "an empty graph" || text === "any graph") return;
  const graph = /^the (\S+) graph$/.exec(text);
  if (graph !== null) return setup(run, readNamedGraph(run.options.graphsDir, graph[1] ?? ""));
  if (isProcedureStep(text)) return void run.db.addProcedure(parseProcedure(text, step.table));
  if (text === "having executed:") return setup(run, [docString(step)]);
  if (text === "parameters are:") return void (run.params = parameters(step));
  if (text === "executing query:") return executeQuery(run, docString(step), true);
  if (text === "executing control query:") return executeQuery(run, docString(step), false);
  if (text.startsWith("the result should be")) return checkResult(run, step, text);
  const error = expectedErrorOf(text);
  if (error !== null) return checkError(run, error);
  if (text === "no side effects") return checkSideEffects(run, noSideEffects());
  if (text === "the side effects should be:") {
    return checkSideEffects(run, parseSideEffects(step.table ?? []));
  }
  fail("step", `unsupported step: ${step.keyword} ${step.text}`);
}

function docString(step: Step): string {
  if (step.docString === null) fail("step", `step without a query: ${step.text}`);
  return step.docString;
}

function parameters(step: Step): Record<string, PropertyValue> {
  const out: Record<string, PropertyValue> = {};
  for (const [name = "", cell = ""] of step.table ?? []) {
    Object.defineProperty(out, name, {
      value: toPropertyValue(parseTckValue(cell)),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

async function setup(run: ScenarioRun, queries: readonly string[]): Promise<void> {
  for (const query of queries) {
    const outcome = await run.execute(query, {});
    if (outcome.ok) continue;
    fail("setup", `setup query failed: ${errorText(outcome.error)}`, {
      query,
      stack: stackOf(outcome.error),
    });
  }
}

async function executeQuery(run: ScenarioRun, query: string, measured: boolean): Promise<void> {
  const before = measured ? await run.db.summarize() : null;
  run.outcome = await run.execute(query, measured ? run.params : {});
  if (before !== null) run.sideEffects = diffSummaries(before, await run.db.summarize());
  const outcome = run.outcome;
  if (outcome.ok || outcome.error instanceof SkeinError) return;
  if (!isCrash(outcome.error)) fail("query", errorText(outcome.error), { query });
  throw new StepFailure(crashFailure("query", outcome.error, query));
}

function lastOutcome(run: ScenarioRun): Outcome {
  return run.outcome ?? fail("step", "no query was executed before this step");
}

function checkResult(run: ScenarioRun, step: Step, text: string): void {
  const outcome = lastOutcome(run);
  const expectEmpty = text === "the result should be empty";
  const [columns = [], ...cells] = step.table ?? [];
  const rows = cells.map((row) => row.map(parseTckValue));
  if (!outcome.ok) {
    fail("query", errorText(outcome.error), {
      query: outcome.query,
      expected: expectEmpty ? ["(no rows)"] : expectedLines(columns, rows),
    });
  }
  const { result } = outcome;
  if (expectEmpty) {
    if (result.rows.length === 0) return;
    fail("result", `expected no rows, got ${result.rows.length}`, {
      query: outcome.query,
      actual: actualLines(result),
    });
  }
  const mismatch = compareResult(result, {
    columns,
    rows,
    ordered: /, in order/.test(text),
    ignoreListOrder: /ignoring element order for lists/.test(text),
    numbersByValue: run.options.numbersByValue === true,
  });
  if (mismatch !== null) {
    fail("result", mismatch.reason, {
      query: outcome.query,
      expected: expectedLines(columns, rows, mismatch.missing),
      actual: actualLines(result, mismatch),
    });
  }
}

function checkError(run: ScenarioRun, expected: ExpectedError): void {
  const outcome = lastOutcome(run);
  const want = `${expected.kind} at ${expected.phase}: ${expected.detail}`;
  if (outcome.ok) {
    fail("error", `expected ${want}, but the query succeeded`, {
      query: outcome.query,
      expected: [want],
      actual: actualLines(outcome.result),
    });
  }
  const verdict = errorMatches(outcome.error, expected);
  if (!verdict.ok) {
    fail("error", `expected ${want}, got ${errorText(outcome.error)}`, {
      query: outcome.query,
      actual: [verdict.why],
    });
  }
  if (!verdict.detailMatches) {
    run.detailMismatch = { expected: expected.detail, actual: verdict.actualDetail };
  }
  // The TCK implies that a failed query changed nothing.
  const differences = sideEffectDifferences(noSideEffects(), run.sideEffects);
  if (differences.length > 0) {
    fail("side-effects", `the failed query changed the graph`, {
      query: outcome.query,
      actual: differences,
    });
  }
}

function checkSideEffects(run: ScenarioRun, expected: SideEffects): void {
  const differences = sideEffectDifferences(expected, run.sideEffects);
  if (differences.length === 0) return;
  fail("side-effects", differences.join("; "), {
    query: run.outcome?.query ?? null,
    actual: differences,
  });
}
