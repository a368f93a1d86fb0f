// Tests of the TCK value notation parser: each notation on its own, and every value cell
// of every scenario in the TCK (result, parameter and procedure tables), which must parse
// and print back (format-value.ts) to text that parses to the same value.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Float } from "../../src/store/values.js";
import { formatExpected } from "./format-value.js";
import { loadScenarios, tckAvailable } from "./suite.js";
import { toPropertyValue } from "./tck-params.js";
import { parseTckValue, type TckValue } from "./tck-values.js";

const int = (n: number | bigint): TckValue => ({ kind: "int", value: BigInt(n) });
const flt = (n: number): TckValue => ({ kind: "float", value: n });
const str = (s: string): TckValue => ({ kind: "string", value: s });
const map = (entries: Record<string, TckValue>): ReadonlyMap<string, TckValue> =>
  new Map(Object.entries(entries));

describe("parseTckValue", () => {
  test("null, booleans and integers, to int64 and beyond the safe range", () => {
    assert.deepEqual(parseTckValue("null"), { kind: "null" });
    assert.deepEqual(parseTckValue("true"), { kind: "boolean", value: true });
    assert.deepEqual(parseTckValue(" false "), { kind: "boolean", value: false });
    assert.deepEqual(parseTckValue("-12"), int(-12));
    assert.deepEqual(parseTckValue("9223372036854775807"), int(9223372036854775807n));
    assert.deepEqual(parseTckValue("-9223372036854775808"), int(-9223372036854775808n));
  });

  test("floats in every form the TCK writes", () => {
    assert.deepEqual(parseTckValue("1.0"), flt(1));
    assert.ok(Object.is((parseTckValue("-0.0") as { value: number }).value, -0));
    assert.deepEqual(parseTckValue("1e10"), flt(1e10));
    assert.deepEqual(parseTckValue("-1.2635418652381264e305"), flt(-1.2635418652381264e305));
    assert.deepEqual(parseTckValue(".5"), flt(0.5));
    assert.deepEqual(parseTckValue("-0.00001"), flt(-0.00001));
    assert.ok(Number.isNaN((parseTckValue("NaN") as { value: number }).value));
    assert.deepEqual(parseTckValue("Inf"), flt(Infinity));
    assert.deepEqual(parseTckValue("-Inf"), flt(-Infinity));
  });

  test("strings with escapes", () => {
    assert.deepEqual(parseTckValue("''"), str(""));
    assert.deepEqual(parseTckValue("'\\''"), str("'"));
    assert.deepEqual(parseTckValue(`'a\\\\bcn5t\\'"\\\\//\\\\"\\''`), str(`a\\bcn5t'"\\//\\"'`));
    assert.deepEqual(parseTckValue("'\\u01FF\\n'"), str("ǿ\n"));
    assert.deepEqual(parseTckValue("'name->bar'"), str("name->bar"));
  });

  test("lists and maps, nested, with backticked keys", () => {
    assert.deepEqual(parseTckValue("[]"), { kind: "list", items: [] });
    assert.deepEqual(parseTckValue("[1, [2.0], 'x']"), {
      kind: "list",
      items: [int(1), { kind: "list", items: [flt(2)] }, str("x")],
    });
    assert.deepEqual(parseTckValue("{}"), { kind: "map", entries: new Map() });
    assert.deepEqual(parseTckValue("{a: 1, `b c`: {d: null}}"), {
      kind: "map",
      entries: map({ a: int(1), "b c": { kind: "map", entries: map({ d: { kind: "null" } }) } }),
    });
  });

  test("nodes, relationships and paths with their directions", () => {
    assert.deepEqual(parseTckValue("()"), { kind: "node", labels: [], properties: new Map() });
    assert.deepEqual(parseTckValue("(:A:B {name: 'x'})"), {
      kind: "node",
      labels: ["A", "B"],
      properties: map({ name: str("x") }),
    });
    assert.deepEqual(parseTckValue("[:T {k: 1}]"), {
      kind: "relationship",
      type: "T",
      properties: map({ k: int(1) }),
    });
    const path = parseTckValue("<(:A)-[:T]->(:B)<-[:U]-(:C)>");
    assert.equal(path.kind, "path");
    assert.equal(path.kind === "path" && path.start.labels[0], "A");
    assert.deepEqual(
      path.kind === "path" &&
        path.steps.map((s) => [s.relationship.type, s.direction, s.node.labels[0]]),
      [
        ["T", "out", "B"],
        ["U", "in", "C"],
      ],
    );
    assert.deepEqual(parseTckValue("<()>"), {
      kind: "path",
      start: { kind: "node", labels: [], properties: new Map() },
      steps: [],
    });
    assert.deepEqual(parseTckValue("[[:T]]"), {
      kind: "list",
      items: [{ kind: "relationship", type: "T", properties: new Map() }],
    });
  });

  test("refuses malformed text, naming it", () => {
    for (const bad of [
      "",
      "'open",
      "[1,",
      "{a 1}",
      "(:A",
      "<(:A)-[:T]-(:B)>",
      "1 2",
      "nul",
      "{a: 1, a: 2}",
    ]) {
      assert.throws(() => parseTckValue(bad), /tck value/, bad);
    }
  });
});

test("toPropertyValue: Int as number or bigint, integral Float as Float, maps as objects", () => {
  assert.equal(toPropertyValue(parseTckValue("1")), 1);
  assert.equal(toPropertyValue(parseTckValue("9223372036854775807")), 9223372036854775807n);
  assert.deepEqual(toPropertyValue(parseTckValue("1.0")), new Float(1));
  assert.deepEqual(toPropertyValue(parseTckValue("-0.0")), new Float(-0));
  assert.equal(toPropertyValue(parseTckValue("1.5")), 1.5);
  assert.deepEqual(
    toPropertyValue(parseTckValue("{a: [1, 'x'], `__proto__`: 2}")),
    JSON.parse('{"a": [1, "x"], "__proto__": 2}'),
  );
  assert.throws(() => toPropertyValue(parseTckValue("(:A)")), /node cannot be a parameter/);
});

/** Every value cell of the TCK: results (below the header), parameters and procedure rows. */
function* valueCells(): Generator<{ where: string; cell: string }> {
  for (const s of loadScenarios()) {
    for (const step of s.steps) {
      if (step.table === null) continue;
      const where = `${s.file}:${step.line}`;
      let rows: readonly (readonly string[])[];
      if (/^(the result should be|there exists a procedure)/.test(step.text))
        rows = step.table.slice(1);
      else if (step.text.startsWith("parameters are")) rows = step.table.map((r) => r.slice(1));
      else continue;
      for (const row of rows) for (const cell of row) yield { where, cell };
    }
  }
}

test("every value cell of the TCK parses and prints back to the same value", () => {
  assert.ok(tckAvailable(), "the TCK copy in test/tck/opencypher is missing");
  let count = 0;
  const kinds = new Set<string>();
  for (const { where, cell } of valueCells()) {
    const value = parseTckValue(cell);
    kinds.add(value.kind);
    const again = parseTckValue(formatExpected(value));
    assert.deepEqual(again, value, `${where}: ${cell}`);
    count++;
  }
  assert.ok(count > 6000, `found ${count} cells`);
  assert.deepEqual([...kinds].sort(), [
    "boolean",
    "float",
    "int",
    "list",
    "map",
    "node",
    "null",
    "path",
    "relationship",
    "string",
  ]);
});
