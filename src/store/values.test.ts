// Tests of the value model: factories and their validation, classification, equality and
// key order. Byte round trips live in lw1-codec.test.ts.
import { test } from "node:test";
import assert from "node:assert/strict";
import { inspect } from "node:util";
import {
  BinaryValue,
  Float,
  MAX_VALUE_DEPTH,
  assertProperties,
  assertPropertyValue,
  binary,
  compareKeys,
  date,
  dateTime,
  duration,
  float,
  isTaggedValue,
  localDateTime,
  localTime,
  point,
  setMapEntry,
  sortedKeys,
  time,
  valueKind,
  valuesEqual,
  vector,
  type PropertyMap,
  type PropertyValue,
} from "./values.js";

void test("Float keeps its number and reads as one", () => {
  const f = float(3);
  assert.ok(f instanceof Float);
  assert.equal(f.kind, "float");
  assert.equal(f.value, 3);
  assert.equal(f.valueOf(), 3);
  assert.equal(+f + 1, 4);
  assert.equal(JSON.stringify({ a: f }), '{"a":3}');
  assert.ok(Object.isFrozen(f));
  assert.throws(() => float("3" as unknown as number), TypeError);
});

void test("factories make frozen instances with exactly the contract's fields", () => {
  const cases: [object, Record<string, unknown>][] = [
    [date({ year: 2024, month: 2, day: 29 }), { kind: "date", year: 2024, month: 2, day: 29 }],
    [localTime({ hour: 1 }), { kind: "localTime", hour: 1, minute: 0, second: 0, nanosecond: 0 }],
    [
      time({ hour: 23, minute: 59, second: 59, nanosecond: 999_999_999, offsetSeconds: -64800 }),
      {
        kind: "time",
        hour: 23,
        minute: 59,
        second: 59,
        nanosecond: 999_999_999,
        offsetSeconds: -64800,
      },
    ],
    [
      localDateTime({ year: -44, month: 3, day: 15, hour: 12 }),
      {
        kind: "localDateTime",
        year: -44,
        month: 3,
        day: 15,
        hour: 12,
        minute: 0,
        second: 0,
        nanosecond: 0,
      },
    ],
    [
      dateTime({ year: 1, month: 12, day: 31, hour: 0, minute: 1, offsetSeconds: 3600 }),
      {
        kind: "dateTime",
        ...{ year: 1, month: 12, day: 31, hour: 0, minute: 1, second: 0, nanosecond: 0 },
        offsetSeconds: 3600,
      },
    ],
    [duration({ days: 2 }), { kind: "duration", months: 0, days: 2, seconds: 0, nanoseconds: 0 }],
    [point({ x: 1, y: 2, srid: 7203 }), { kind: "point", x: 1, y: 2, srid: 7203 }],
    [point({ x: 1, y: 2, z: 3, srid: 9157 }), { kind: "point", x: 1, y: 2, z: 3, srid: 9157 }],
    [
      vector({ elementType: "int8", values: [1, -2] }),
      { kind: "vector", elementType: "int8", values: [1, -2] },
    ],
    [binary({ segments: [] }), { kind: "binary", segments: [] }],
  ];
  for (const [value, fields] of cases) {
    assert.ok(isTaggedValue(value));
    assert.ok(Object.isFrozen(value));
    assert.deepEqual({ ...value }, fields);
    assert.throws(() => {
      (value as { kind: string }).kind = "map";
    }, TypeError);
  }
  assert.equal("z" in point({ x: 1, y: 2, z: undefined, srid: 7203 }), false);
});

void test("factories refuse invalid fields with TypeError or RangeError", () => {
  const refusals: [() => unknown, typeof TypeError | typeof RangeError, RegExp][] = [
    [
      () => date(null as unknown as { year: 1; month: 1; day: 1 }),
      TypeError,
      /date needs an object/,
    ],
    [
      () => date({ year: 2024, month: 13, day: 1 }),
      RangeError,
      /date month 13 is not an integer in 1\.\.12/,
    ],
    [() => date({ year: 2024, month: 0, day: 1 }), RangeError, /month 0/],
    [
      () => date({ year: 2023, month: 2, day: 29 }),
      RangeError,
      /date day 29 is not an integer in 1\.\.28/,
    ],
    [() => date({ year: 1900, month: 2, day: 29 }), RangeError, /day 29/],
    [() => date({ year: 2024, month: 4, day: 31 }), RangeError, /day 31/],
    [() => date({ year: 2 ** 31, month: 1, day: 1 }), RangeError, /date year 2147483648/],
    [
      () => date({ year: "2024" as unknown as number, month: 1, day: 1 }),
      TypeError,
      /year must be a number/,
    ],
    [() => date({ year: 2024, month: 1, day: 1.5 }), RangeError, /day 1\.5/],
    [() => localTime({ hour: 24 }), RangeError, /localTime hour 24/],
    [() => localTime({ hour: 0, minute: 60 }), RangeError, /minute 60/],
    [() => localTime({ hour: 0, second: 60 }), RangeError, /second 60/],
    [() => localTime({ hour: 0, nanosecond: 1e9 }), RangeError, /nanosecond 1000000000/],
    [() => localTime({ hour: -1 }), RangeError, /hour -1/],
    [() => time({ hour: 0, offsetSeconds: 64801 }), RangeError, /time offsetSeconds 64801/],
    [
      () => time({ hour: 0 } as unknown as { hour: 0; offsetSeconds: 0 }),
      TypeError,
      /offsetSeconds must be a number/,
    ],
    [
      () => dateTime({ year: 2023, month: 2, day: 29, hour: 0, offsetSeconds: 0 }),
      RangeError,
      /dateTime day 29/,
    ],
    [
      () => duration({ months: 2 ** 53 }),
      RangeError,
      /duration months 9007199254740992 is not a safe integer/,
    ],
    [
      () => duration({ days: 2n ** 63n }),
      RangeError,
      /duration days 9223372036854775808n does not fit int64/,
    ],
    [
      () => duration({ seconds: "1" as unknown as number }),
      TypeError,
      /seconds must be an integer/,
    ],
    [() => duration({ nanoseconds: 0.5 }), RangeError, /nanoseconds 0\.5/],
    [() => point({ x: 1, y: 2, srid: -1 }), RangeError, /point srid -1/],
    [() => point({ x: 1, y: 2, srid: 2 ** 32 }), RangeError, /point srid 4294967296/],
    [
      () => point({ x: "1" as unknown as number, y: 2, srid: 0 }),
      TypeError,
      /point x must be a number/,
    ],
    [() => point({ x: 1, y: 2, z: null as unknown as number, srid: 0 }), TypeError, /point z/],
    [
      () => vector({ elementType: "float16" as "float32", values: [] }),
      TypeError,
      /elementType "float16"/,
    ],
    [
      () => vector({ elementType: "constructor" as "float32", values: [] }),
      TypeError,
      /elementType/,
    ],
    [
      () => vector({ elementType: "int8", values: 3 as unknown as number[] }),
      TypeError,
      /values must be an array/,
    ],
    [() => vector({ elementType: "int8", values: [128] }), RangeError, /int8 vector element 0 128/],
    [
      () => vector({ elementType: "int16", values: [0, -32769] }),
      RangeError,
      /int16 vector element 1/,
    ],
    [
      () => vector({ elementType: "int32", values: [2 ** 31] }),
      RangeError,
      /int32 vector element 0/,
    ],
    [
      () => vector({ elementType: "int32", values: [1n] }),
      TypeError,
      /int32 vector element 0 must be a number/,
    ],
    [
      () => vector({ elementType: "int64", values: [2n ** 63n] }),
      RangeError,
      /int64 vector element 0/,
    ],
    [
      () => vector({ elementType: "int64", values: [1.5] }),
      RangeError,
      /int64 vector element 0 1\.5/,
    ],
    [() => vector({ elementType: "float32", values: [1e39] }), RangeError, /overflows float32/],
    [
      () => vector({ elementType: "float64", values: ["x" as unknown as number] }),
      TypeError,
      /float64 vector element 0/,
    ],
    [
      () => binary({ segments: "ab" as unknown as Uint8Array[] }),
      TypeError,
      /segments must be an array/,
    ],
    [
      () => binary({ segments: [[1, 2] as unknown as Uint8Array] }),
      TypeError,
      /binary segment 0 is not a Uint8Array/,
    ],
  ];
  for (const [make, ErrorClass, message] of refusals)
    assert.throws(make, (err: unknown) => {
      assert.ok(err instanceof ErrorClass, `${String(err)} should be a ${ErrorClass.name}`);
      assert.match(err.message, message);
      return true;
    });
});

void test("factories normalise Ints and own their data", () => {
  assert.equal(duration({ months: 5n }).months, 5);
  assert.equal(duration({ months: 2n ** 60n }).months, 2n ** 60n);
  assert.equal(duration({ days: -(2n ** 63n) }).days, -(2n ** 63n));
  assert.ok(Object.is(localTime({ hour: -0 }).hour, 0));
  const v = vector({ elementType: "int64", values: [5n, 2n ** 60n, -3] });
  assert.deepEqual(v.values, [5, 2n ** 60n, -3]);
  assert.ok(Object.isFrozen(v.values));
  assert.deepEqual(vector({ elementType: "float32", values: new Float64Array([0.1]) }).values, [
    Math.fround(0.1),
  ]);
  const input = new Uint8Array([1, 2]);
  const b = binary({ segments: [input] });
  input[0] = 9;
  assert.deepEqual([...(b.segments[0] as Uint8Array)], [1, 2]);
  assert.ok(b instanceof BinaryValue);
});

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
