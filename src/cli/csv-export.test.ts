// Tests of the CSV exporter's column choice: one exact type per key when there is one,
// arrays when no element holds the delimiter, json otherwise.
import { test } from "node:test";
import assert from "node:assert/strict";
import { float, type PropertyMap } from "../index.js";
import { VALUE_SAMPLES } from "../../test/cli/value-samples.js";
import { chooseColumns } from "./csv-export.js";

function typeOf(...values: PropertyMap[]): string {
  const [c] = chooseColumns(
    values.map((properties) => ({ properties })),
    ";",
  );
  return c === undefined ? "none" : `${c.type}${c.array ? "[]" : ""}`;
}

void test("one kind per key gives its type", () => {
  assert.equal(typeOf({ k: 1 }, { k: 2n ** 62n }), "int");
  assert.equal(typeOf({ k: 0.5 }, { k: float(1) }, { k: NaN }), "float");
  assert.equal(typeOf({ k: "a" }, {}, { k: "" }), "string");
  assert.equal(typeOf({ k: VALUE_SAMPLES["date"]! }), "date");
  assert.equal(typeOf({ k: VALUE_SAMPLES["point3d"]! }), "point");
  assert.equal(typeOf({ k: VALUE_SAMPLES["duration"]! }), "duration");
});

void test("lists of one kind are arrays; empty lists fit any", () => {
  assert.equal(typeOf({ k: [1, 2] }, { k: [] }), "int[]");
  assert.equal(typeOf({ k: [] }, { k: ["a"] }), "string[]");
  assert.equal(typeOf({ k: [] }), "string[]");
  assert.equal(typeOf({ k: VALUE_SAMPLES["listPoints"]! }), "point[]");
});

void test("everything else is json", () => {
  assert.equal(typeOf({ k: 1 }, { k: float(1) }), "json");
  assert.equal(typeOf({ k: 1 }, { k: [1] }), "json");
  assert.equal(typeOf({ k: ["a;b"] }), "json");
  assert.equal(typeOf({ k: [""] }), "json");
  assert.equal(typeOf({ k: ["a", 1] }), "json");
  assert.equal(typeOf({ k: [[1]] }), "json");
  assert.equal(typeOf({ k: { a: 1 } }), "json");
  assert.equal(typeOf({ k: VALUE_SAMPLES["vectorInt8"]! }), "json");
  assert.equal(typeOf({ k: VALUE_SAMPLES["binary"]! }), "json");
  assert.equal(typeOf({ k: VALUE_SAMPLES["durationMixedSigns"]! }), "json");
});

void test("columns come sorted by key", () => {
  const cols = chooseColumns([{ properties: { b: 1, a: "x" } }, { properties: { c: true } }], ";");
  assert.deepEqual(
    cols.map((c) => c.key),
    ["a", "b", "c"],
  );
});
