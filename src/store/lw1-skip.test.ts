// Walking encoded property maps without building them (lw1-skip.ts): it must end where
// the decoder ends for every kind of value, and refuse every framing the decoder refuses.
import assert from "node:assert/strict";
import { test } from "node:test";
import { ByteReader, ByteWriter } from "../internal/bytes.js";
import { SkeinError } from "../internal/errors.js";
import { skipProperties } from "./lw1-skip.js";
import { readProperties, writeProperties } from "./lw1-values.js";
import type { Properties } from "./values.js";
import { binary, date, dateTime, duration, float, localDateTime, localTime } from "./index.js";
import { point, time, vector } from "./index.js";

const RICH: Properties = {
  nothing: null,
  yes: true,
  n: -7,
  big: 2n ** 60n,
  f: float(1),
  x: 0.25,
  s: "häj ✓",
  list: [1, "two", [false, null]],
  map: { inner: { deeper: [date({ year: 2024, month: 2, day: 29 })] } },
  t: time({ hour: 1, minute: 2, second: 3, nanosecond: 4, offsetSeconds: 3600 }),
  lt: localTime({ hour: 1, minute: 2, second: 3, nanosecond: 4 }),
  dt: dateTime({
    year: 1999,
    month: 12,
    day: 31,
    hour: 23,
    minute: 59,
    second: 59,
    nanosecond: 0,
    offsetSeconds: -1800,
  }),
  ldt: localDateTime({ year: 1, month: 1, day: 1, hour: 0, minute: 0, second: 0, nanosecond: 1 }),
  d: duration({ months: 1, days: -2, seconds: 3, nanoseconds: 4 }),
  p2: point({ x: 1, y: 2, srid: 7203 }),
  p3: point({ x: 1, y: 2, z: 3, srid: 9157 }),
  v: vector({ elementType: "int16", values: [1, -2, 3] }),
  vf: vector({ elementType: "float64", values: [0.5] }),
  b: binary({ segments: [new Uint8Array([1, 2, 3]), new Uint8Array(0)] }),
};

function encoded(props: Properties, padding = 0): Uint8Array {
  const w = new ByteWriter();
  writeProperties(w, props);
  for (let i = 0; i < padding; i++) w.u8(0xee);
  return w.toBytes();
}

test("ends exactly where the decoder ends, for every kind of value", () => {
  for (const props of [{}, { a: 1 }, RICH]) {
    const bytes = encoded(props, 5);
    const r = new ByteReader(bytes);
    readProperties(r);
    assert.equal(skipProperties(bytes, 0, bytes.length), r.position);
    // And from an offset inside a larger buffer.
    const shifted = new Uint8Array(bytes.length + 3);
    shifted.set(bytes, 3);
    assert.equal(skipProperties(shifted, 3, shifted.length), r.position + 3);
  }
});

test("every truncation is refused as a decode error", () => {
  const bytes = encoded(RICH);
  for (let end = 0; end < bytes.length; end++) {
    assert.throws(
      () => skipProperties(bytes, 0, end),
      (e: unknown) => e instanceof SkeinError && e.code === "DECODE",
      `cut at ${end}`,
    );
  }
});

test("malformed framing is refused with where it is", () => {
  const map = (build: (w: ByteWriter) => void): Uint8Array => {
    const w = new ByteWriter();
    w.u64(1);
    w.u64(1);
    w.u8(0x6b); // key "k"
    build(w);
    return w.toBytes();
  };
  const cases: [Uint8Array, RegExp][] = [
    [map((w) => w.u8(99)), /unknown value tag 99 at byte 17/],
    [map((w) => (w.u8(1), w.u8(2))), /bool value byte 2 is not 0 or 1 at byte 18/],
    [map((w) => (w.u8(13), w.bytes(new Uint8Array(16)), w.u8(5))), /point hasZ byte 5/],
    [
      map((w) => (w.u8(14), w.u64(3), w.u8(4), w.u64(2), w.bytes(new Uint8Array(8)))),
      /vector has dimension 3 but 2 elements/,
    ],
    [map((w) => (w.u8(14), w.u64(1), w.u8(9))), /unknown vector element type 9/],
    [map((w) => (w.u8(4), w.u64(2 ** 40))), /string length 1099511627776 exceeds/],
  ];
  for (const [bytes, message] of cases) {
    assert.throws(() => skipProperties(bytes, 0, bytes.length), message);
  }
  // A list of one null, then a stray byte: the map ends before it (the caller checks).
  const stray = map((w) => (w.u8(5), w.u64(1), w.u8(0), w.u8(0)));
  assert.equal(skipProperties(stray, 0, stray.length), stray.length - 1);
  // Hostile map counts never loop over what is not there.
  const w = new ByteWriter();
  w.u64(2 ** 50);
  assert.throws(() => skipProperties(w.toBytes(), 0, 8), /map entry count \d+ exceeds/);
});

test("nesting deeper than values may is refused", () => {
  const w = new ByteWriter();
  w.u64(1);
  w.u64(1);
  w.u8(0x6b);
  for (let i = 0; i < 600; i++) {
    w.u8(5); // a list of one item: a list of one item: ...
    w.u64(1);
  }
  w.u8(0);
  const bytes = w.toBytes();
  assert.throws(() => skipProperties(bytes, 0, bytes.length), /nests deeper than 512/);
});
