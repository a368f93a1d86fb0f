// Property values of every kind, at their edges, for the data-format tests (the value
// codec's unit test and the CLI round trips): Int versus Float (3 and 3.0), int64 beyond
// 2^53, NaN, ±Infinity and -0, every temporal kind with nanoseconds and odd offsets,
// durations with and without a text form, 2D and 3D points, vectors of every element type,
// binaries with several (and empty) segments, nested lists and maps, and map keys that
// look like tags or prototype members.
import {
  binary,
  date,
  dateTime,
  duration,
  float,
  localDateTime,
  localTime,
  point,
  time,
  vector,
  type PropertyMap,
  type PropertyValue,
} from "../../src/index.js";

function map(entries: [string, PropertyValue][]): PropertyMap {
  const out: PropertyMap = {};
  for (const [k, v] of entries)
    Object.defineProperty(out, k, {
      value: v,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return out;
}

/** Named samples: each a property value the formats must carry exactly. */
export const VALUE_SAMPLES: Readonly<Record<string, PropertyValue>> = {
  int: 3,
  intNegative: -42,
  intZero: 0,
  intMaxSafe: Number.MAX_SAFE_INTEGER,
  intBeyondSafe: 9007199254740993n,
  intMax: 9223372036854775807n,
  intMin: -9223372036854775808n,
  floatIntegral: float(3),
  floatHalf: 0.5,
  floatTiny: 5e-324,
  floatHuge: float(1e300),
  floatPowerOfTwo: float(2 ** 60),
  floatNegativeZero: float(-0),
  floatNaN: NaN,
  floatInfinity: Infinity,
  floatNegativeInfinity: -Infinity,
  stringEmpty: "",
  stringPlain: "Ada Lovelace",
  stringTricky: 'quote " comma , semicolon ; newline \n cr \r tab \t unicode é 😀 backslash \\',
  stringLooksLikeNumber: "007",
  booleanTrue: true,
  booleanFalse: false,
  date: date({ year: 1815, month: 12, day: 10 }),
  dateAncient: date({ year: -44, month: 3, day: 15 }),
  dateFar: date({ year: 275760, month: 9, day: 13 }),
  localTime: localTime({ hour: 23, minute: 59, second: 59, nanosecond: 999_999_999 }),
  time: time({ hour: 9, minute: 30, nanosecond: 1, offsetSeconds: -19_830 }),
  timeUtc: time({ hour: 0, offsetSeconds: 0 }),
  localDateTime: localDateTime({ year: 2024, month: 2, day: 29, hour: 12, nanosecond: 120 }),
  dateTime: dateTime({ year: 2024, month: 2, day: 29, hour: 9, minute: 30, offsetSeconds: 3600 }),
  duration: duration({ months: 14, days: 3, seconds: 3600, nanoseconds: 500_000_000 }),
  durationNegative: duration({ months: -1, days: -2, seconds: -3, nanoseconds: -4 }),
  durationMixedSigns: duration({ seconds: 1, nanoseconds: -1 }),
  durationHuge: duration({
    months: 2n ** 63n - 1n,
    days: -(2n ** 63n),
    seconds: 0,
    nanoseconds: 0,
  }),
  point2d: point({ x: 1.5, y: -2, srid: 7203 }),
  point3d: point({ x: 12.99, y: 55.61, z: -0, srid: 4979 }),
  pointOdd: point({ x: NaN, y: Infinity, srid: 0 }),
  vectorFloat64: vector({ elementType: "float64", values: [1, 0.5, -0, NaN, -Infinity] }),
  vectorFloat32: vector({ elementType: "float32", values: [1.5, 0.1, 3] }),
  vectorInt64: vector({ elementType: "int64", values: [1, -(2n ** 63n), 2n ** 63n - 1n] }),
  vectorInt32: vector({ elementType: "int32", values: [-2147483648, 2147483647] }),
  vectorInt16: vector({ elementType: "int16", values: [-32768, 32767] }),
  vectorInt8: vector({ elementType: "int8", values: [-128, 0, 127] }),
  vectorEmpty: vector({ elementType: "float32", values: [] }),
  binary: binary({
    segments: [new Uint8Array([0, 1, 2, 255]), new Uint8Array([]), new Uint8Array([7])],
  }),
  binaryEmpty: binary({ segments: [] }),
  listEmpty: [],
  listInts: [1, 2, 3],
  listStrings: ["a", "b c", ""],
  listOneEmptyString: [""],
  listStringsWithDelimiter: ["a;b", "c"],
  listFloats: [float(1), 0.5, NaN],
  listDates: [date({ year: 2000, month: 1, day: 1 }), date({ year: 2001, month: 12, day: 31 })],
  listPoints: [point({ x: 1, y: 2, srid: 7203 }), point({ x: 3, y: 4, srid: 7203 })],
  listMixed: [1, float(1), "1", null, true],
  listNested: [[1, [2, [3]]], [], [{ a: 1 }]],
  mapEmpty: {},
  mapPlain: {
    name: "x",
    n: 1,
    f: float(2),
    nested: { deeper: [date({ year: 1, month: 1, day: 1 })] },
  },
  mapTagLike: map([["$date", "not a date"]]),
  mapTagLikeNested: map([["$map", map([["$float", 1]])]]),
  mapKind: { kind: "date", year: 2024, month: 1, day: 1 },
  mapProto: map([
    ["__proto__", 1],
    ["constructor", "c"],
    ["", "empty key"],
  ]),
};
