// Tests of LW1 values: round trips of every value kind through writeValue/readValue and of
// property maps, canonical reads, golden bytes written by hand from the format, and the
// refusals of malformed values. The same bytes inside events are tested in lw1-codec.test.ts.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ByteReader, ByteWriter } from "../internal/bytes.js";
import { SkeinError } from "../internal/errors.js";
import { readProperties, readValue, writeProperties, writeValue } from "./lw1-values.js";
import {
  MAX_VALUE_DEPTH,
  binary,
  date,
  dateTime,
  duration,
  float,
  localDateTime,
  localTime,
  point,
  time,
  valuesEqual,
  vector,
  type Properties,
  type PropertyValue,
} from "./values.js";

const hex = (s: string): Uint8Array => Buffer.from(s.replace(/\s+/g, ""), "hex");
const toHex = (b: Uint8Array): string => Buffer.from(b).toString("hex");
const u64 = (n: number | bigint): string => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(n));
  return b.toString("hex");
};

function encodeValue(value: PropertyValue): Uint8Array {
  const w = new ByteWriter(16);
  writeValue(w, value);
  return w.toBytes();
}

/** Decodes exactly one value: trailing bytes are a failure. */
function decodeValue(bytes: Uint8Array): PropertyValue {
  const r = new ByteReader(bytes);
  const value = readValue(r);
  r.expectEnd("value");
  return value;
}

function roundTrip(value: PropertyValue): PropertyValue {
  return decodeValue(encodeValue(value));
}

/** Decoding must fail with SkeinError DECODE whose message matches. */
function refuses(bytes: Uint8Array, message: RegExp): void {
  assert.throws(
    () => decodeValue(bytes),
    (err: unknown) => {
      assert.ok(err instanceof SkeinError, `not a SkeinError: ${String(err)}`);
      assert.equal(err.code, "DECODE");
      assert.match(err.message, message);
      return true;
    },
  );
}

const json = (text: string): PropertyValue => JSON.parse(text) as PropertyValue;

void test("every value kind round-trips", () => {
  const same: PropertyValue[] = [
    null,
    true,
    false,
    0,
    -1,
    42,
    Number.MAX_SAFE_INTEGER,
    Number.MIN_SAFE_INTEGER,
    2n ** 63n - 1n,
    -(2n ** 63n),
    2n ** 53n,
    1.5,
    NaN,
    Infinity,
    -Infinity,
    float(3),
    float(-0),
    float(2 ** 60),
    "",
    "héllo 😀 \uffff",
    [],
    [1, [2.5, [null, "x", [float(1)]]]],
    {},
    { b: 1, a: { c: [true, { d: null }] } },
    json('{"__proto__": {"__proto__": [1]}, "constructor": 1}'),
    date({ year: -44, month: 3, day: 15 }),
    date({ year: 2 ** 31 - 1, month: 2, day: 28 }),
    date({ year: 2000, month: 2, day: 29 }),
    localTime({ hour: 23, minute: 59, second: 59, nanosecond: 999_999_999 }),
    time({ hour: 12, minute: 34, second: 56, nanosecond: 5e8, offsetSeconds: -64800 }),
    localDateTime({ year: 2024, month: 1, day: 2, hour: 3, minute: 4, second: 5 }),
    dateTime({ year: -(2 ** 31), month: 12, day: 31, hour: 0, offsetSeconds: 3600 }),
    duration({ months: 14, days: -3, seconds: 2n ** 63n - 1n, nanoseconds: -(2n ** 63n) }),
    point({ x: 1.5, y: -2, srid: 7203 }),
    point({ x: NaN, y: 0, z: -0, srid: 2 ** 32 - 1 }),
    vector({ elementType: "float64", values: [0.1, -0, NaN, Infinity] }),
    vector({ elementType: "float32", values: [1.5, 0.1, -1e30] }),
    vector({ elementType: "int64", values: [2n ** 63n - 1n, -(2n ** 63n), -5, 0] }),
    vector({ elementType: "int32", values: [2 ** 31 - 1, -(2 ** 31), 7] }),
    vector({ elementType: "int16", values: [32767, -32768, -300, 2] }),
    vector({ elementType: "int8", values: [127, -128, 0, -1] }),
    vector({ elementType: "int8", values: [] }),
    binary({ segments: [] }),
    binary({ segments: [new Uint8Array(0)] }),
    binary({ segments: [new Uint8Array([1, 2]), new Uint8Array(0), new Uint8Array([255])] }),
  ];
  for (const value of same) {
    const back = roundTrip(value);
    assert.deepEqual(back, value);
    assert.ok(valuesEqual(back, value));
  }
});

void test("values read back in their canonical form", () => {
  const reads: [PropertyValue, PropertyValue][] = [
    [5n, 5], // an Int that is safe reads as a number
    [-0, 0], // a plain -0 is the Int 0
    [2 ** 60, float(2 ** 60)], // an integral number beyond safe range is a Float
    [new Uint8Array([1, 2]), binary({ segments: [new Uint8Array([1, 2])] })],
    [[Buffer.from("a")], [binary({ segments: [new Uint8Array([97])] })]],
  ];
  for (const [written, read] of reads) assert.deepEqual(roundTrip(written), read);
  assert.ok(Object.is((roundTrip(float(-0)) as { value: number }).value, -0));
  assert.ok(Object.is(roundTrip(-0), 0));
});

void test("__proto__ keys stay data through a round trip", () => {
  const back = roundTrip(json('{"__proto__": {"polluted": true}, "a": 1}')) as object;
  assert.equal(Object.getPrototypeOf(back), Object.prototype);
  assert.deepEqual(Object.keys(back), ["__proto__", "a"]);
  assert.equal((back as { polluted?: unknown }).polluted, undefined);
  assert.equal(({} as { polluted?: unknown }).polluted, undefined);
  assert.deepEqual(Object.getOwnPropertyDescriptor(back, "__proto__")?.value, { polluted: true });
});

void test("golden bytes of tagged values written by hand from the format", () => {
  const golden: [PropertyValue, string][] = [
    [date({ year: 2024, month: 2, day: 29 }), "07 e8070000 02000000 1d000000"],
    [
      time({ hour: 12, minute: 34, second: 56, nanosecond: 5e8, offsetSeconds: 3600 }),
      "08 0c000000 22000000 38000000 0065cd1d 100e0000",
    ],
    [localTime({ hour: 1, nanosecond: 2 }), "09 01000000 00000000 00000000 02000000"],
    [
      dateTime({ year: -1, month: 1, day: 2, hour: 3, offsetSeconds: -60 }),
      "0a ffffffff 01000000 02000000 03000000 00000000 00000000 00000000 c4ffffff",
    ],
    [
      localDateTime({ year: 1, month: 1, day: 2, hour: 3 }),
      "0b 01000000 01000000 02000000 03000000 00000000 00000000 00000000",
    ],
    [
      duration({ months: 14, days: -3, nanoseconds: 2n ** 62n }),
      `0c ${u64(14)} fdffffffffffffff ${u64(0)} 0000000000000040`,
    ],
    [point({ x: 1, y: 2, srid: 7203 }), "0d 000000000000f03f 0000000000000040 00 231c0000"],
    [
      point({ x: 1, y: 2, z: 3, srid: 9157 }),
      "0d 000000000000f03f 0000000000000040 01 0000000000000840 c5230000",
    ],
    [vector({ elementType: "int16", values: [-300, 2] }), `0e ${u64(2)} 05 ${u64(2)} d4fe 0200`],
    [vector({ elementType: "float32", values: [1.5] }), `0e ${u64(1)} 02 ${u64(1)} 0000c03f`],
    [
      binary({ segments: [new Uint8Array([1, 2]), new Uint8Array([3])] }),
      `0f ${u64(2)} ${u64(2)} 0102 ${u64(1)} 03`,
    ],
    [2n ** 63n - 1n, "02 ffffffffffffff7f"],
    [-(2 ** 53 - 1), "02 010000000000e0ff"],
  ];
  for (const [value, bytes] of golden) {
    assert.equal(toHex(encodeValue(value)), toHex(hex(bytes)));
    assert.deepEqual(decodeValue(hex(bytes)), value);
  }
});

void test("decoding refuses nesting deeper than the limit", () => {
  const nested = (depth: number): Uint8Array => hex(`${`05 ${u64(1)}`.repeat(depth)} 00`);
  const deepest = nested(MAX_VALUE_DEPTH);
  assert.equal(toHex(encodeValue(decodeValue(deepest))), toHex(deepest));
  refuses(nested(MAX_VALUE_DEPTH + 1), /nests deeper than 512/);
  refuses(nested(200_000), /nests deeper than 512/);
});

void test("property maps round-trip, keys in UTF-8 order, __proto__ as data", () => {
  const props: Properties = {
    z: 1,
    "\uffff": float(2),
    "😀": [null, "x"],
    a: { nested: date({ year: 2024, month: 1, day: 1 }) },
    ...(JSON.parse('{"__proto__": 7}') as Properties),
  };
  const w = new ByteWriter(16);
  writeProperties(w, props);
  const r = new ByteReader(w.view());
  const back = readProperties(r);
  assert.equal(r.remaining, 0);
  assert.deepEqual(back, props);
  assert.deepEqual(Object.keys(back), ["__proto__", "a", "z", "\uffff", "😀"]);
  assert.equal(Object.getPrototypeOf(back), Object.prototype);
  const empty = new ByteWriter(16);
  writeProperties(empty, {});
  assert.equal(toHex(empty.view()), u64(0));
  assert.deepEqual(readProperties(new ByteReader(empty.view())), {});
});

void test("readValue and readProperties stop at the end of what they read", () => {
  const w = new ByteWriter(16);
  writeValue(w, "first");
  writeProperties(w, { k: 2 });
  writeValue(w, [1.5]);
  w.u8(0xee);
  const r = new ByteReader(w.view());
  assert.equal(readValue(r), "first");
  assert.deepEqual(readProperties(r), { k: 2 });
  assert.deepEqual(readValue(r), [1.5]);
  assert.equal(r.u8(), 0xee);
});

void test("writeProperties refuses what is not a plain object", () => {
  for (const bad of [null, [], new Map(), 3]) {
    assert.throws(
      () => writeProperties(new ByteWriter(), bad as unknown as Properties),
      /properties must be a plain object/,
    );
  }
});

void test("malformed values are refused with SkeinError DECODE and the byte offset", () => {
  refuses(hex("10"), /unknown value tag 16 at byte 0/);
  refuses(hex("01 02"), /bool value byte 2 at byte 1 is not 0 or 1/);
  refuses(hex(`05 ${u64(2n ** 62n)} 00`), /list length \d+ at byte 1 exceeds the 1 bytes/);
  refuses(hex(`06 ${u64(1)} ${u64(1)} 61`), /unexpected end of input reading value tag/);
  refuses(hex(`06 ${u64(2)} ${u64(1)} 61 00 ${u64(1)} 61 00`), /duplicate map key "a" at byte 19/);
  assert.throws(
    () => readProperties(new ByteReader(hex(`${u64(2n ** 40n)} 00`))),
    /map entry count \d+ at byte 0 exceeds/,
  );
});
