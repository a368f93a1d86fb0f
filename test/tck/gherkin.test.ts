// Tests of the feature-file parser: the Gherkin shapes the TCK uses, outline expansion, and
// the scenario count of the real TCK (when it is present).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parseFeature, splitRow, substitute } from "./gherkin.js";
import { loadScenarios, tckAvailable } from "./suite.js";

const SAMPLE = [
  "# a comment before the feature",
  "#encoding: utf-8",
  "",
  "Feature: Sample - things",
  "",
  "  Background:",
  "    Given an empty graph",
  "    And having executed:",
  '      """',
  "      CREATE (:A)",
  '      """',
  "",
  "  @skipStyleCheck",
  "  Scenario: [1] Plain",
  "    When executing query:",
  '      """',
  "      MATCH (n)",
  "        RETURN n",
  '      """',
  "    # a comment between steps",
  "    Then the result should be, in any order:",
  "      | n    |",
  "      | (:A) |",
  "    And no side effects",
  "",
  "  Scenario Outline: [2] Outline <x>",
  "    When executing query:",
  '\t"""',
  "\tRETURN <x> AS v",
  '\t"""',
  "    Then the result should be, in any order:",
  "      | v   |",
  "      | <y> |",
  "",
  "    Examples:",
  "      | x | y   |",
  "      | 1 | 1   |",
  "      | 2 | 2.0 |",
  "",
  "    Examples:",
  "      | x   | y    |",
  "      | 'a' | 'a\\|b' |",
  "",
  "  Scenario: [3] Procedure without columns",
  "    And there exists a procedure test.doNothing() :: ():",
  "      |",
].join("\n");

describe("parseFeature", () => {
  const feature = parseFeature("area/sub/Sample.feature", SAMPLE);

  test("reads the feature name and expands outlines row by row", () => {
    assert.equal(feature.name, "Sample - things");
    assert.deepEqual(
      feature.scenarios.map((s) => s.name),
      [
        "[1] Plain",
        "[2] Outline 1",
        "[2] Outline 2",
        "[2] Outline 'a'",
        "[3] Procedure without columns",
      ],
    );
    assert.deepEqual(
      feature.scenarios.map((s) => s.exampleIndex),
      [null, 0, 1, 2, null],
    );
  });

  test("puts the background's steps before each scenario's own", () => {
    const [plain] = feature.scenarios;
    assert.ok(plain !== undefined);
    assert.deepEqual(
      plain.steps.map((s) => `${s.keyword} ${s.text}`),
      [
        "Given an empty graph",
        "And having executed:",
        "When executing query:",
        "Then the result should be, in any order:",
        "And no side effects",
      ],
    );
    assert.equal(plain.steps[1]?.docString, "CREATE (:A)");
  });

  test("keeps doc-string indentation beyond the delimiter's, and tab-indented doc strings", () => {
    const [plain, outline] = feature.scenarios;
    assert.equal(plain?.steps[2]?.docString, "MATCH (n)\n  RETURN n");
    assert.equal(outline?.steps[2]?.docString, "RETURN 1 AS v");
  });

  test("substitutes placeholders in doc strings and tables, and unescapes cells", () => {
    const third = feature.scenarios[3];
    assert.equal(third?.steps[2]?.docString, "RETURN 'a' AS v");
    assert.deepEqual(third?.steps[3]?.table, [["v"], ["'a|b'"]]);
    assert.deepEqual(feature.scenarios[2]?.steps[3]?.table, [["v"], ["2.0"]]);
  });

  test("records tags, lines and a cell-less row", () => {
    assert.deepEqual(feature.scenarios[0]?.tags, ["@skipStyleCheck"]);
    assert.equal(feature.scenarios[0]?.line, 14);
    assert.equal(feature.scenarios[1]?.line, 37, "an expanded outline points at its example row");
    assert.deepEqual(feature.scenarios[4]?.steps[2]?.table, [[]]);
  });

  test("refuses what it does not understand", () => {
    assert.throws(
      () => parseFeature("x.feature", "Feature: x\n  Scenario: a\n    Whenever x"),
      /x.feature:3/,
    );
    assert.throws(() => parseFeature("x.feature", "Scenario: a"), /before the Feature/);
    assert.throws(() => parseFeature("x.feature", "Feature: x\n  When q"), /outside a scenario/);
    assert.throws(
      () => parseFeature("x.feature", 'Feature: x\n Scenario: a\n  When q:\n   """\n   open'),
      /not closed/,
    );
    assert.throws(
      () => parseFeature("x.feature", "Feature: x\n Scenario Outline: a\n  When q"),
      /without Examples/,
    );
  });
});

test("splitRow unescapes \\|, \\\\ and \\n and keeps other backslashes", () => {
  assert.deepEqual(splitRow("| a\\|b | c\\\\d | e\\nf | 'g\\'' |"), [
    "a|b",
    "c\\d",
    "e\nf",
    "'g\\''",
  ]);
  assert.deepEqual(splitRow("|"), []);
  assert.throws(() => splitRow("| a | b"));
});

test("substitute replaces only example columns", () => {
  const values = new Map([["x", "1"]]);
  assert.equal(substitute("<x> <y> <(:A)-[:T]->(:B)>", values), "1 <y> <(:A)-[:T]->(:B)>");
});

test("the TCK has 3,896 scenarios, outlines expanded and @ignore left out", () => {
  assert.ok(tckAvailable(), "the TCK copy in test/tck/opencypher is missing");
  const scenarios = loadScenarios();
  assert.equal(scenarios.length, 3896);
  const ids = new Set(scenarios.map((s) => `${s.file}:${s.line}`));
  assert.equal(ids.size, scenarios.length, "file:line names one scenario");
  for (const s of scenarios) {
    assert.ok(
      s.steps.some((st) => st.keyword === "When"),
      `${s.file}:${s.line} has a When step`,
    );
  }
});
