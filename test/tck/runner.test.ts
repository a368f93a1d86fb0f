// Tests of the scenario runner against scripted engines: each engine answers a handful of
// known queries, so every rule of strict scoring can be shown passing and failing.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { QueryAccess, QueryEngine, QueryResult } from "../../src/db/database.js";
import { QueryError, SkeinError } from "../../src/internal/errors.js";
import { Node } from "../../src/store/entities.js";
import { Float, float } from "../../src/store/values.js";
import { parseFeature, type Scenario } from "./gherkin.js";
import type { TckProcedure } from "./procedures.js";
import { runScenario, type RunOptions, type ScenarioResult } from "./runner.js";

type Handler = (
  access: QueryAccess,
  params: Record<string, unknown>,
) => QueryResult | Promise<QueryResult>;

/** An engine that knows some queries by their exact text and refuses the rest. */
function scripted(handlers: Record<string, Handler>): QueryEngine {
  return {
    async execute(access, query, params) {
      const handler = handlers[query.trim()];
      if (handler === undefined) {
        throw new QueryError("SYNTAX", `unknown query ${query}`, { phase: "compile" });
      }
      return handler(access, params);
    },
  };
}

const none: QueryResult = { columns: [], rows: [] };

/** One scenario from Gherkin lines (indentation added here). */
function scenario(...lines: string[]): Scenario {
  const text = ["Feature: T", "  Scenario: s", ...lines.map((l) => `    ${l}`)].join("\n");
  const [s] = parseFeature("area/sub/T.feature", text).scenarios;
  assert.ok(s !== undefined);
  return s;
}

const query = (q: string): string[] => ["When executing query:", '  """', `  ${q}`, '  """'];

async function run(
  s: Scenario,
  engine: QueryEngine,
  more: Partial<RunOptions> = {},
): Promise<ScenarioResult> {
  return runScenario(s, {
    graphsDir: "/nonexistent",
    engineFor: () => engine,
    timeoutMs: 200,
    ...more,
  });
}

const createA: Handler = async (access) => {
  await access.write((tx) => tx.createNode(["A"], { name: "a" }));
  return none;
};

describe("runScenario", () => {
  test("passes a result that matches, with its side effects", async () => {
    const engine = scripted({
      "CREATE (:A {name: 'a'})": createA,
      "MATCH (n) RETURN n": (access) => ({
        columns: ["n"],
        rows: access.read((v) => [...v.nodes()].map((n) => ({ n }))),
      }),
    });
    const s = scenario(
      "Given an empty graph",
      ...query("CREATE (:A {name: 'a'})"),
      "Then the result should be empty",
      "And the side effects should be:",
      "  | +nodes      | 1 |",
      "  | +labels     | 1 |",
      "  | +properties | 1 |",
      ...query("MATCH (n) RETURN n"),
      "Then the result should be, in any order:",
      "  | n                  |",
      "  | (:A {name: 'a'}) |",
      "And no side effects",
    );
    const result = await run(s, engine);
    assert.equal(result.failure, null);
    assert.ok(result.passed);
  });

  test("fails rows from a query the TCK expects none from", async () => {
    const engine = scripted({
      "CREATE (:A {name: 'a'})": async (access) => {
        const id = await access.write((tx) => tx.createNode(["A"], { name: "a" }));
        return { columns: ["n"], rows: [{ n: access.read((v) => v.node(id)) }] };
      },
    });
    const s = scenario(
      "Given an empty graph",
      ...query("CREATE (:A {name: 'a'})"),
      "Then the result should be empty",
    );
    const result = await run(s, engine);
    assert.equal(result.failure?.stage, "result");
    assert.match(result.failure?.message ?? "", /expected no rows, got 1/);
  });

  test("an Int is not a Float, and the failure shows both sides", async () => {
    const engine = scripted({ "RETURN 1 AS x": () => ({ columns: ["x"], rows: [{ x: 1 }] }) });
    const s = scenario(
      "Given any graph",
      ...query("RETURN 1 AS x"),
      "Then the result should be, in any order:",
      "  | x   |",
      "  | 1.0 |",
    );
    const result = await run(s, engine);
    assert.equal(result.failure?.stage, "result");
    assert.deepEqual(result.failure?.expected, ["| x |", "| 1.0 |"]);
    assert.deepEqual(result.failure?.actual, ["| x |", "| 1 |"]);
    assert.equal(result.failure?.query, "RETURN 1 AS x");
  });

  test("an expected error needs its code and phase; a wrong detail is only recorded", async () => {
    const raise = (
      code: "TYPE" | "SEMANTIC",
      phase: "compile" | "runtime",
      detail: string | null,
    ) =>
      scripted({
        "RETURN x": () => {
          throw new QueryError(code, "no", { phase, detail });
        },
      });
    const s = scenario(
      "Given any graph",
      ...query("RETURN x"),
      "Then a TypeError should be raised at runtime: Detail",
    );
    const exact = await run(s, raise("TYPE", "runtime", "Detail"));
    assert.ok(exact.passed);
    assert.equal(exact.detailMismatch, null);
    const otherDetail = await run(s, raise("TYPE", "runtime", "Other"));
    assert.ok(otherDetail.passed);
    assert.deepEqual(otherDetail.detailMismatch, { expected: "Detail", actual: "Other" });
    const wrongPhase = await run(s, raise("TYPE", "compile", "Detail"));
    assert.equal(wrongPhase.failure?.stage, "error");
    assert.match(wrongPhase.failure?.actual[0] ?? "", /phase compile, expected runtime/);
    assert.ok(!(await run(s, raise("SEMANTIC", "runtime", "Detail"))).passed);
    const any = scenario(
      "Given any graph",
      ...query("RETURN x"),
      "Then a SyntaxError should be raised at any time: D",
    );
    assert.ok(
      (await run(any, raise("SEMANTIC", "runtime", null))).passed,
      "SyntaxError accepts SEMANTIC",
    );
  });

  test("a SkeinError that is no QueryError counts as runtime", async () => {
    const engine = scripted({
      "DELETE n": () => {
        throw new SkeinError("CONSTRAINT", "node 0 still has relationships");
      },
    });
    const runtime = scenario(
      "Given any graph",
      ...query("DELETE n"),
      "Then a ConstraintVerificationFailed should be raised at runtime: DeleteConnectedNode",
    );
    assert.ok((await run(runtime, engine)).passed);
  });

  test("a query that succeeds where an error is expected fails", async () => {
    const engine = scripted({ "RETURN 1": () => ({ columns: ["1"], rows: [{ "1": 1 }] }) });
    const s = scenario(
      "Given any graph",
      ...query("RETURN 1"),
      "Then a SyntaxError should be raised at compile time: X",
    );
    const result = await run(s, engine);
    assert.match(result.failure?.message ?? "", /but the query succeeded/);
  });

  test("a crash fails with its stack; a setup failure fails the scenario", async () => {
    const engine = scripted({
      "RETURN 1": () => {
        throw new RangeError("boom");
      },
    });
    const s = scenario("Given any graph", ...query("RETURN 1"), "Then the result should be empty");
    const crash = await run(s, engine);
    assert.equal(crash.failure?.stage, "query");
    assert.match(crash.failure?.message ?? "", /crash: RangeError: boom/);
    assert.match(crash.failure?.stack ?? "", /boom/);
    const setup = scenario(
      "Given an empty graph",
      "And having executed:",
      '  """',
      "  CREATE (",
      '  """',
      ...query("RETURN 1"),
    );
    const failed = await run(setup, engine);
    assert.equal(failed.failure?.stage, "setup");
  });

  test("a query that never settles is cut off by the runner's own timer", async () => {
    const engine: QueryEngine = { execute: () => new Promise<QueryResult>(() => undefined) };
    const s = scenario("Given any graph", ...query("RETURN 1"), "Then the result should be empty");
    const started = Date.now();
    const result = await runScenario(s, {
      graphsDir: "/nonexistent",
      engineFor: () => engine,
      timeoutMs: 10,
    });
    assert.match(result.failure?.message ?? "", /hang: query did not settle within 1010 ms/);
    assert.ok(Date.now() - started < 5000);
  });

  test("side effects are checked, and a failed query must change nothing", async () => {
    const engine = scripted({ "CREATE (:A {name: 'a'})": createA });
    const s = scenario(
      "Given an empty graph",
      ...query("CREATE (:A {name: 'a'})"),
      "Then the result should be empty",
      "And no side effects",
    );
    const result = await run(s, engine);
    assert.equal(result.failure?.stage, "side-effects");
    assert.deepEqual(result.failure?.actual, [
      "+nodes: expected 0, got 1",
      "+labels: expected 0, got 1",
      "+properties: expected 0, got 1",
    ]);
    const leaky = scripted({
      "CREATE (:A {name: 'a'})": async (access) => {
        await createA(access, {});
        throw new QueryError("TYPE", "late", { phase: "runtime" });
      },
    });
    const e = scenario(
      "Given an empty graph",
      ...query("CREATE (:A {name: 'a'})"),
      "Then a TypeError should be raised at runtime: X",
    );
    assert.equal((await run(e, leaky)).failure?.stage, "side-effects");
  });

  test("parameters arrive in the value model: 1 an Int, 1.0 a Float", async () => {
    let seen: Record<string, unknown> = {};
    const engine = scripted({
      "RETURN $a": (_access, params) => {
        seen = params;
        return none;
      },
    });
    const s = scenario(
      "Given any graph",
      "And parameters are:",
      "  | a | 1   |",
      "  | b | 1.0 |",
      "  | c | [{k: 'v'}] |",
      ...query("RETURN $a"),
      "Then the result should be empty",
    );
    assert.ok((await run(s, engine)).passed);
    assert.deepEqual(seen, { a: 1, b: float(1), c: [{ k: "v" }] });
    assert.ok(seen["b"] instanceof Float);
  });

  test("declared procedures reach the engine factory", async () => {
    let got: readonly TckProcedure[] = [];
    const engine = scripted({
      "CALL test.labels()": () => ({ columns: ["label"], rows: [{ label: "A" }] }),
    });
    const s = scenario(
      "Given an empty graph",
      "And there exists a procedure test.labels(in :: INTEGER?) :: (label :: STRING?):",
      "  | in | label |",
      "  | 1  | 'A'   |",
      ...query("CALL test.labels()"),
      "Then the result should be, in order:",
      "  | label |",
      "  | 'A'   |",
    );
    const result = await runScenario(s, {
      graphsDir: "/nonexistent",
      engineFor: (procedures) => {
        got = procedures;
        return engine;
      },
    });
    assert.ok(result.passed);
    assert.deepEqual(got, [
      {
        name: "test.labels",
        inputs: [{ name: "in", type: "INTEGER?" }],
        outputs: [{ name: "label", type: "STRING?" }],
        rows: [{ in: 1, label: "A" }],
      },
    ]);
  });

  test("an unknown step fails the scenario rather than passing it", async () => {
    const s = scenario("Given a graph that does not exist yet");
    const result = await run(s, scripted({}));
    assert.equal(result.failure?.stage, "step");
  });

  test("a node result is compared by labels and properties, not by id", async () => {
    const engine = scripted({
      "RETURN n": () => ({ columns: ["n"], rows: [{ n: new Node(99, ["B", "A"], { x: 1 }) }] }),
    });
    const s = scenario(
      "Given any graph",
      ...query("RETURN n"),
      "Then the result should be, in any order:",
      "  | n |",
      "  | (:A:B {x: 1}) |",
    );
    assert.ok((await run(s, engine)).passed);
  });
});
