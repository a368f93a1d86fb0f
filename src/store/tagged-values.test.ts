// Tests of the tagged kinds: Float, the factories and their validation, normalisation of
// Ints and ownership of data. Classification and equality are in values.test.ts; byte round
// trips in lw1-values.test.ts.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  BinaryValue,
  Float,
  binary,
  date,
  dateTime,
  duration,
  float,
  isTaggedValue,
  localDateTime,
  localTime,
  point,
  time,
  vector,
} from "./tagged-values.js";

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
    [
      dateTime({
        year: 2017,
        month: 8,
        day: 8,
        hour: 12,
        offsetSeconds: 7200,
        timeZoneId: "Europe/Stockholm",
      }),
      {
        kind: "dateTime",
        ...{ year: 2017, month: 8, day: 8, hour: 12, minute: 0, second: 0, nanosecond: 0 },
        offsetSeconds: 7200,
        timeZoneId: "Europe/Stockholm",
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
      () => dateTime({ year: 2023, month: 1, day: 1, hour: 0, offsetSeconds: 0, timeZoneId: "" }),
      RangeError,
      /timeZoneId "" is not a zone id/,
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
