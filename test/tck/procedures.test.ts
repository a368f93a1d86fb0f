// Tests of the TCK's procedure declarations and of the named-graph scripts' splitting.
import assert from "node:assert/strict";
import { test } from "node:test";
import { valuesEqual } from "../../src/store/values.js";
import { splitStatements } from "./named-graphs.js";
import { parseProcedure, procedureRows } from "./procedures.js";

test("parseProcedure reads the signature and the table's rows as values", () => {
  const p = parseProcedure(
    "there exists a procedure test.my.proc(name :: STRING?, id :: INTEGER?) :: (city :: STRING?, country_code :: INTEGER?):",
    [
      ["name", "id", "city", "country_code"],
      ["'Andres'", "1", "'Malmö'", "46"],
      ["'Tobias'", "1", "'Malmö'", "46"],
      ["'Andres'", "2", "'Berlin'", "49"],
    ],
  );
  assert.equal(p.name, "test.my.proc");
  assert.deepEqual(p.inputs, [
    { name: "name", type: "STRING?" },
    { name: "id", type: "INTEGER?" },
  ]);
  assert.deepEqual(
    p.outputs.map((f) => f.name),
    ["city", "country_code"],
  );
  assert.deepEqual(procedureRows(p, ["Andres", 1], valuesEqual), [
    { city: "Malmö", country_code: 46 },
  ]);
  assert.deepEqual(procedureRows(p, ["Nobody", 1], valuesEqual), []);
});

test("parseProcedure: no arguments, no outputs, a space before the colon", () => {
  const none = parseProcedure("there exists a procedure test.doNothing() :: ():", [[]]);
  assert.deepEqual(none, { name: "test.doNothing", inputs: [], outputs: [], rows: [] });
  const spaced = parseProcedure(
    "there exists a procedure test.my.proc(in :: INTEGER?) :: (a :: INTEGER?, b :: INTEGER?) :",
    [["in", "a", "b"]],
  );
  assert.deepEqual(
    spaced.outputs.map((f) => f.name),
    ["a", "b"],
  );
  assert.throws(
    () => parseProcedure("there exists a procedure x(a :: INTEGER?) :: ():", [["b"]]),
    /signature/,
  );
});

test("splitStatements splits a script on line-ending semicolons", () => {
  assert.deepEqual(splitStatements("CREATE (a)\nCREATE (b);\n\nCREATE (c);\n"), [
    "CREATE (a)\nCREATE (b)",
    "CREATE (c)",
  ]);
  assert.deepEqual(splitStatements("CREATE (a {s: 'x;y'})"), ["CREATE (a {s: 'x;y'})"]);
});
