// Tests of the strict comparison: value by value (Int against Float, NaN, graph values,
// temporal strings) and whole results (columns, rows as multiset or sequence).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Node, Path, Relationship } from "../../src/store/entities.js";
import {
  date,
  dateTime,
  duration,
  float,
  localDateTime,
  localTime,
  time,
} from "../../src/store/values.js";
import { compareResult, valueMatches, type ExpectedResult } from "./compare.js";
import { formatActual } from "./format-value.js";
import { parseTckValue } from "./tck-values.js";

const matches = (actual: unknown, cell: string, ignoreListOrder = false): boolean =>
  valueMatches(actual, parseTckValue(cell), { ignoreListOrder });

describe("valueMatches", () => {
  test("an Int never matches a Float, nor the other way round", () => {
    assert.ok(matches(1, "1"));
    assert.ok(matches(1n, "1"));
    assert.ok(!matches(1, "1.0"));
    assert.ok(matches(float(1), "1.0"));
    assert.ok(!matches(float(1), "1"));
    assert.ok(matches(1.5, "1.5"));
    assert.ok(matches(9223372036854775807n, "9223372036854775807"));
    assert.ok(!matches(4611686018427387904, "4611686018427387905"), "an unsafe number is a Float");
    assert.ok(matches(1e308, "1e308"), "an integral number beyond the safe range is a Float");
  });

  test("NaN matches NaN; infinities and -0.0 match", () => {
    assert.ok(matches(NaN, "NaN"));
    assert.ok(!matches(1.5, "NaN"));
    assert.ok(matches(-Infinity, "-Inf"));
    assert.ok(matches(float(-0), "-0.0"));
  });

  test("null, booleans and strings match only themselves", () => {
    assert.ok(matches(null, "null"));
    assert.ok(!matches(undefined, "null"));
    assert.ok(!matches(false, "null"));
    assert.ok(matches("a'b", "'a\\'b'"));
    assert.ok(!matches("1", "1"));
  });

  test("lists in order unless element order is ignored, at every depth", () => {
    assert.ok(matches([1, [2, 3]], "[1, [2, 3]]"));
    assert.ok(!matches([[3, 2], 1], "[1, [2, 3]]"));
    assert.ok(matches([[3, 2], 1], "[1, [2, 3]]", true));
    assert.ok(!matches([1, 1, 2], "[1, 2, 2]", true), "a multiset, not a set");
    assert.ok(!matches([1], "[1, 1]"));
  });

  test("maps by keys, whatever the order, never against graph values", () => {
    assert.ok(matches({ b: 2, a: "x" }, "{a: 'x', b: 2}"));
    assert.ok(!matches({ a: "x" }, "{a: 'x', b: 2}"));
    assert.ok(!matches({ a: "x", b: null }, "{a: 'x'}"));
    assert.ok(!matches(new Node(1, [], { a: "x" }), "{a: 'x'}"));
  });

  test("nodes by label set and properties; relationships by type and properties", () => {
    const n = new Node(7, ["B", "A"], { name: "x", n: float(2) });
    assert.ok(matches(n, "(:A:B {name: 'x', n: 2.0})"));
    assert.ok(!matches(n, "(:A:B {name: 'x', n: 2})"));
    assert.ok(!matches(n, "(:A {name: 'x', n: 2.0})"));
    assert.ok(!matches(n, "(:A:B:C {name: 'x', n: 2.0})"));
    const r = new Relationship(3, 7, 8, "T", { k: 1 });
    assert.ok(matches(r, "[:T {k: 1}]"));
    assert.ok(!matches(r, "[:U {k: 1}]"));
    assert.ok(!matches(r, "[:T]"));
  });

  test("paths element by element, with each relationship's direction", () => {
    const a = new Node(1, ["A"], {});
    const b = new Node(2, ["B"], {});
    const c = new Node(3, ["C"], {});
    const t = new Relationship(10, 1, 2, "T", {});
    const u = new Relationship(11, 3, 2, "U", {});
    const p = new Path([a, b, c], [t, u]);
    assert.ok(matches(p, "<(:A)-[:T]->(:B)<-[:U]-(:C)>"));
    assert.ok(!matches(p, "<(:A)<-[:T]-(:B)<-[:U]-(:C)>"));
    assert.ok(!matches(p, "<(:A)-[:T]->(:B)-[:U]->(:C)>"));
    assert.ok(!matches(p, "<(:A)-[:T]->(:B)>"));
    assert.ok(matches(new Path([a], []), "<(:A)>"));
    const loop = new Path([a, a], [new Relationship(12, 1, 1, "L", {})]);
    assert.ok(matches(loop, "<(:A)-[:L]->(:A)>") && matches(loop, "<(:A)<-[:L]-(:A)>"));
    assert.equal(formatActual(p), "<(:A)-[:T]->(:B)<-[:U]-(:C)>");
  });

  test("temporal values match the TCK's strings for them", () => {
    assert.ok(matches(date({ year: 1816, month: 1, day: 1 }), "'1816-01-01'"));
    assert.ok(!matches(date({ year: 1816, month: 1, day: 2 }), "'1816-01-01'"));
    const ldt = localDateTime({ year: 1816, month: 1, day: 1, hour: 0 });
    assert.ok(matches(ldt, "'1816-01-01T00:00'"));
    assert.ok(!matches(ldt, "'1816-01-01T00:01'"));
    assert.ok(
      matches(
        localTime({ hour: 12, minute: 31, second: 14, nanosecond: 645876123 }),
        "'12:31:14.645876123'",
      ),
    );
    assert.ok(
      matches(
        localTime({ hour: 12, minute: 31, second: 14, nanosecond: 500_000_000 }),
        "'12:31:14.5'",
      ),
    );
    assert.ok(matches(time({ hour: 12, offsetSeconds: 3600 }), "'12:00+01:00'"));
    assert.ok(!matches(time({ hour: 12, offsetSeconds: 0 }), "'12:00+01:00'"));
    assert.ok(matches(time({ hour: 12, offsetSeconds: 0 }), "'12:00Z'"));
    const dt = dateTime({ year: 1984, month: 10, day: 11, hour: 12, offsetSeconds: 3600 });
    assert.ok(matches(dt, "'1984-10-11T12:00+01:00[Europe/Stockholm]'"), "zone names are not kept");
    assert.ok(
      matches(
        duration({ months: 14, days: 3, seconds: 14706, nanoseconds: 0 }),
        "'P1Y2M3DT4H5M6S'",
      ),
    );
    const negative = duration({
      months: -154,
      days: -43,
      seconds: -65343,
      nanoseconds: -500000003,
    });
    assert.ok(matches(negative, "'P-12Y-10M-43DT-18H-9M-3.500000003S'"));
    assert.ok(
      matches(
        duration({ months: 0, days: 0, seconds: -1, nanoseconds: 999_000_000 }),
        "'PT-0.001S'",
      ),
    );
    assert.ok(!matches(duration({ months: 1, days: 0, seconds: 0, nanoseconds: 0 }), "'P1D'"));
    assert.ok(!matches(date({ year: 2000, month: 1, day: 1 }), "'2000-01-01T00:00'"));
  });
});

describe("compareResult", () => {
  const expected = (columns: string[], rows: string[][], ordered = false): ExpectedResult => ({
    columns,
    rows: rows.map((r) => r.map(parseTckValue)),
    ordered,
    ignoreListOrder: false,
  });

  test("column names must match exactly and in order, even without rows", () => {
    assert.equal(compareResult({ columns: ["a", "b"], rows: [] }, expected(["a", "b"], [])), null);
    assert.match(
      compareResult({ columns: ["b", "a"], rows: [] }, expected(["a", "b"], []))?.reason ?? "",
      /columns/,
    );
    assert.match(
      compareResult({ columns: ["a"], rows: [] }, expected(["a", "b"], []))?.reason ?? "",
      /columns/,
    );
  });

  test("rows in any order compare as a multiset", () => {
    const e = expected(["x"], [["1"], ["2"], ["2"]]);
    assert.equal(compareResult({ columns: ["x"], rows: [{ x: 2 }, { x: 1 }, { x: 2 }] }, e), null);
    const short = compareResult({ columns: ["x"], rows: [{ x: 2 }, { x: 1 }, { x: 1 }] }, e);
    assert.deepEqual(short && [short.missing, short.unexpected], [[2], [2]]);
    const extra = compareResult(
      { columns: ["x"], rows: [{ x: 2 }, { x: 1 }, { x: 2 }, { x: 3 }] },
      e,
    );
    assert.deepEqual(extra && [extra.missing, extra.unexpected], [[], [3]]);
  });

  test("rows in order compare as a sequence", () => {
    const e = expected(["x"], [["1"], ["2"]], true);
    assert.equal(compareResult({ columns: ["x"], rows: [{ x: 1 }, { x: 2 }] }, e), null);
    assert.match(
      compareResult({ columns: ["x"], rows: [{ x: 2 }, { x: 1 }] }, e)?.reason ?? "",
      /wrong order/,
    );
  });

  test("a missing cell never matches, not even null", () => {
    const e = expected(["x"], [["null"]]);
    assert.notEqual(compareResult({ columns: ["x"], rows: [{}] }, e), null);
  });
});
