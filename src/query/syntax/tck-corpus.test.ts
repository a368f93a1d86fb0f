// The openCypher TCK as a corpus: every query the TCK runs must parse unless the TCK
// expects a compile-time SyntaxError, must pass the analyser unless it expects a
// compile-time error, and must fail the analyser with the TCK's detail when it does.
// Skipped when the features directory is not found (see testing/tck-queries.ts).

import assert from "node:assert/strict";
import { test } from "node:test";
import { QueryError } from "../../internal/errors.js";
import { analyze } from "./analyze.js";
import { parse } from "./parser.js";
import { findFeatures, readTckQueries, type TckQuery } from "./testing/tck-queries.js";

const dir = findFeatures();
const queries: TckQuery[] = dir === null ? [] : readTckQueries(dir);
const skip = dir === null ? "TCK features not found" : false;

/** Errors only the procedure registry can raise (it knows the test procedures' signatures). */
function needsProcedureRegistry(q: TckQuery): boolean {
  return (
    q.compileError !== null &&
    /\bCALL\s+test\./.test(q.text) &&
    [
      "InvalidNumberOfArguments",
      "InvalidArgumentType",
      "ProcedureNotFound",
      "MissingParameter",
    ].includes(q.compileError.detail)
  );
}

function failure(q: TckQuery, err: unknown): string {
  return `${q.file} ${q.scenario}\n${q.text}\n=> ${err instanceof Error ? err.message : String(err)}`;
}

test(
  "parse accepts every TCK query not expected to be a compile-time SyntaxError",
  { skip },
  (t) => {
    const candidates = queries.filter((q) => q.compileError?.type !== "SyntaxError");
    const rejected: string[] = [];
    for (const q of candidates) {
      try {
        parse(q.text);
      } catch (err) {
        rejected.push(failure(q, err));
      }
    }
    assert.deepEqual(rejected, []);
    assert.ok(candidates.length > 4000, `only ${candidates.length} queries found`);
    t.diagnostic(`parsed ${candidates.length} TCK queries`);
  },
);

test("the analyser accepts every TCK query expected to compile", { skip }, (t) => {
  const rejected: string[] = [];
  const valid = queries.filter((x) => x.compileError === null);
  for (const q of valid) {
    try {
      analyze(parse(q.text));
    } catch (err) {
      rejected.push(failure(q, err));
    }
  }
  assert.deepEqual(rejected, []);
  t.diagnostic(`analysed ${valid.length} TCK queries`);
});

test("parse and analyse raise the TCK's compile-time error with its detail", { skip }, (t) => {
  const wrong: string[] = [];
  const expected = queries.filter((q) => q.compileError !== null && !needsProcedureRegistry(q));
  for (const q of expected) {
    try {
      analyze(parse(q.text));
      wrong.push(failure(q, `accepted, expected ${q.compileError!.detail}`));
    } catch (err) {
      const ok =
        err instanceof QueryError &&
        err.phase === "compile" &&
        err.detail === q.compileError!.detail &&
        (q.compileError!.type === "TypeError" ? err.code === "TYPE" : err.code !== "TYPE");
      if (!ok) wrong.push(failure(q, err));
    }
  }
  assert.deepEqual(wrong, []);
  assert.ok(expected.length > 550, `only ${expected.length} error scenarios found`);
  t.diagnostic(`${expected.length} compile-time errors raised with the TCK's detail`);
});
