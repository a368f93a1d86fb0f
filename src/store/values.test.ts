// Tests of the value model: classification, validation, equality, key order and map
// entries. The tagged kinds' factories are tested in tagged-values.test.ts; byte round trips
// in lw1-values.test.ts.
import { test } from "node:test";
import assert from "node:assert/strict";
import { inspect } from "node:util";
import {
  MAX_VALUE_DEPTH,
  assertProperties,
  assertPropertyValue,
  binary,
  compareKeys,
  date,
  dateTime,
  duration,
  type DateTimeValue,
  float,
  localDateTime,
  point,
  setMapEntry,
  sortedKeys,
  valueKind,
  valuesEqual,
  vector,
  type PropertyMap,
  type PropertyValue,
} from "./values.js";
import { canonicalValue } from "./canonical.js";

void test("valueKind classifies and refuses what is not a property value", () => {
  const kinds: [unknown, string][] = [
    [null, "null"],
    [false, "boolean"],
    [3, "int"],
    [-0, "int"],
    [2n ** 63n - 1n, "int"],
    [1.5, "float"],
    [2 ** 53, "float"],
    [NaN, "float"],
    [-Infinity, "float"],
    [float(3), "float"],
    ["😀", "string"],
    [[], "list"],
    [{ kind: "date", year: 1 }, "map"],
    [Object.create(null), "map"],
    [new Uint8Array(1), "binary"],
    [Buffer.from("x"), "binary"],
    [binary({ segments: [] }), "binary"],
    [date({ year: 1, month: 1, day: 1 }), "date"],
  ];
  for (const [value, kind] of kinds) assert.equal(valueKind(value), kind);
  class Mine {}
  const refused: [unknown, typeof TypeError | typeof RangeError][] = [
    [undefined, TypeError],
    [() => 1, TypeError],
    [Symbol("s"), TypeError],
    [new Date(), TypeError],
    [new Map(), TypeError],
    [new Mine(), TypeError],
    [new Int8Array(2), TypeError],
    [Object(1), TypeError],
    ["\ud800x", TypeError],
    [2n ** 63n, RangeError],
    [-(2n ** 63n) - 1n, RangeError],
  ];
  for (const [value, ErrorClass] of refused) assert.throws(() => valueKind(value), ErrorClass);
});

void test("assertPropertyValue looks inside lists and maps and bounds nesting", () => {
  assert.throws(() => assertPropertyValue([1, undefined]), TypeError);
  assert.throws(
    () => assertPropertyValue({ a: { b: () => 1 } }),
    /a function is not a property value/,
  );
  // eslint-disable-next-line no-sparse-arrays
  assert.throws(() => assertPropertyValue([1, , 2]), TypeError);
  let deep: PropertyValue = 1;
  for (let i = 0; i < MAX_VALUE_DEPTH; i++) deep = [deep];
  assertPropertyValue(deep);
  assert.throws(() => assertPropertyValue([deep]), /value nests deeper than 512/);
  const cyclic: unknown[] = [];
  cyclic.push(cyclic);
  assert.throws(() => assertPropertyValue(cyclic), RangeError);
  assertProperties(JSON.parse('{"__proto__": 1, "a": [1.5]}'));
  assert.throws(() => assertProperties([]), /properties must be a plain object/);
  assert.throws(() => assertProperties(null), TypeError);
  assert.throws(() => assertProperties({ __proto__: { x: 1 } }), TypeError);
});

void test("valuesEqual: Int and Float differ, Ints compare by value, NaN equals NaN", () => {
  const equal: [PropertyValue, PropertyValue][] = [
    [5n, 5],
    [NaN, NaN],
    [float(NaN), NaN],
    [1.5, float(1.5)],
    [
      { a: [1, { b: null }], c: "x" },
      { c: "x", a: [1n, { b: null }] },
    ],
    [new Uint8Array([1]), binary({ segments: [new Uint8Array([1])] })],
    [duration({ months: 5n }), duration({ months: 5 })],
    [point({ x: NaN, y: 0, srid: 1 }), point({ x: NaN, y: 0, srid: 1 })],
    [vector({ elementType: "int64", values: [1n] }), vector({ elementType: "int64", values: [1] })],
  ];
  for (const [a, b] of equal) assert.ok(valuesEqual(a, b), `${inspect(a)} = ${inspect(b)}`);
  const different: [PropertyValue, PropertyValue][] = [
    [1, float(1)],
    [1, 1.5],
    [float(0), float(-0)],
    [null, false],
    ["1", 1],
    [[1], [1, 2]],
    [{ a: 1 }, { b: 1 }],
    [{ a: 1 }, { a: 1, b: 2 }],
    [[1, 2], { 0: 1, 1: 2 }],
    [
      binary({ segments: [new Uint8Array([1, 2])] }),
      binary({ segments: [new Uint8Array([1]), new Uint8Array([2])] }),
    ],
    [vector({ elementType: "int8", values: [1] }), vector({ elementType: "int16", values: [1] })],
    [point({ x: 1, y: 2, srid: 9157 }), point({ x: 1, y: 2, z: 0, srid: 9157 })],
    [date({ year: 1, month: 1, day: 1 }), localDateTime({ year: 1, month: 1, day: 1, hour: 0 })],
    [date({ year: 1, month: 1, day: 1 }), date({ year: 1, month: 1, day: 2 })],
  ];
  for (const [a, b] of different) assert.ok(!valuesEqual(a, b), `${inspect(a)} ≠ ${inspect(b)}`);
});

void test("compareKeys orders by UTF-8 bytes, not UTF-16 code units", () => {
  const keys = ["😀", "b", "\uffff", "", "é", "aa", "a", "\ue000"];
  assert.deepEqual([...keys].sort(compareKeys), [
    "",
    "a",
    "aa",
    "b",
    "é",
    "\ue000",
    "\uffff",
    "😀",
  ]);
  // Against the bytes themselves, over strings mixing ASCII, BMP and astral characters.
  const pool = [
    "a",
    "z",
    "é",
    "\u07ff",
    "\u0800",
    "\ud7ff",
    "\ue000",
    "\uffff",
    "😀",
    "\u{10ffff}",
  ];
  let seed = 7;
  const next = (): number => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0);
  const pick = (): string => pool[next() % pool.length] ?? "";
  const word = (): string => Array.from({ length: 1 + (next() % 3) }, pick).join("");
  for (let i = 0; i < 2000; i++) {
    const [a, b] = [word(), word()];
    const bytes = Math.sign(Buffer.compare(Buffer.from(a), Buffer.from(b)));
    assert.equal(Math.sign(compareKeys(a, b)), bytes, `${a} vs ${b}`);
  }
  assert.deepEqual(sortedKeys({ b: 1, "😀": 2, "\uffff": 3, a: 4 }), ["a", "b", "\uffff", "😀"]);
});

void test("setMapEntry makes __proto__ and friends plain data", () => {
  const map: PropertyMap = {};
  setMapEntry(map, "__proto__", { x: 1 });
  setMapEntry(map, "constructor", 2);
  setMapEntry(map, "a", 3);
  assert.equal(Object.getPrototypeOf(map), Object.prototype);
  assert.deepEqual(Object.keys(map), ["__proto__", "constructor", "a"]);
  assert.deepEqual(Object.getOwnPropertyDescriptor(map, "__proto__")?.value, { x: 1 });
  assert.equal(map["constructor"], 2);
  assert.equal((map as { x?: unknown }).x, undefined);
  assert.deepEqual(map, JSON.parse('{"__proto__": {"x": 1}, "constructor": 2, "a": 3}'));
});

test("a stored date-time keeps its offset and drops its zone id, as the log and snapshots do", () => {
  const zoned = dateTime({
    ...{ year: 2024, month: 3, day: 31, hour: 3, minute: 0, second: 0, nanosecond: 0 },
    offsetSeconds: 7200,
    timeZoneId: "Europe/Stockholm",
  });
  const stored = canonicalValue(zoned) as DateTimeValue;
  assert.equal(stored.timeZoneId, undefined);
  assert.equal(stored.offsetSeconds, 7200);
  const { timeZoneId: _zone, ...fields } = { ...zoned };
  assert.deepEqual({ ...stored }, fields);
  const plain = dateTime({
    ...{ year: 2024, month: 1, day: 1, hour: 0, minute: 0 },
    second: 0,
    nanosecond: 0,
    offsetSeconds: 0,
  });
  assert.equal(canonicalValue(plain), plain, "a date-time without a zone is kept as it is");
});
