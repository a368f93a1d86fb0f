// Tests of the LW1 codec: round trips of every event kind, golden bytes written by hand
// from the format and bytes written by LoraDB 0.15, determinism, every refusal, and a fuzz
// loop showing that malformed input only ever raises a SkeinError. Values alone are tested
// in lw1-values.test.ts; here they are tested inside events.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ByteWriter } from "../internal/bytes.js";
import { SkeinError } from "../internal/errors.js";
import type { MutationEvent } from "./events.js";
import { writeProperties, writeValue } from "./lw1-values.js";
import { PropertyArena } from "./property-arena.js";
import {
  decodeBatchPayload,
  decodeBatchPayloadInto,
  decodeEventPayload,
  encodeBatchPayload,
  encodeEventPayload,
  writeBatchPayload,
  writeEventPayload,
} from "./lw1-codec.js";
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
  type PropertyValue,
} from "./values.js";

const hex = (s: string): Uint8Array => Buffer.from(s.replace(/\s+/g, ""), "hex");
const toHex = (b: Uint8Array): string => Buffer.from(b).toString("hex");
const u64 = (n: number | bigint): string => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(n));
  return b.toString("hex");
};
const MAGIC = "4c573100";

function roundTrip(value: PropertyValue): PropertyValue {
  const ev: MutationEvent = { kind: "setNodeProperty", nodeId: 1, key: "k", value };
  const back = decodeEventPayload(encodeEventPayload(ev));
  assert.equal(back.kind, "setNodeProperty");
  return back.kind === "setNodeProperty" ? back.value : null;
}

/** Decoding must fail with a SkeinError of `code` whose message matches. */
function refuses(bytes: Uint8Array, code: string, message: RegExp, batch = false): void {
  assert.throws(
    () => (batch ? decodeBatchPayload(bytes) : decodeEventPayload(bytes)),
    (err: unknown) => {
      assert.ok(err instanceof SkeinError, `not a SkeinError: ${String(err)}`);
      assert.equal(err.code, code);
      assert.match(err.message, message);
      return true;
    },
  );
}

const json = (text: string): PropertyValue => JSON.parse(text) as PropertyValue;

void test("values and properties inside events are the bytes of lw1-values", () => {
  const values: PropertyValue[] = [
    null,
    true,
    -1,
    2n ** 63n - 1n,
    1.5,
    float(3),
    "héllo 😀",
    [1, [2.5, [null, "x"]]],
    { b: 1, a: { c: [true] } },
    json('{"__proto__": {"__proto__": [1]}, "constructor": 1}'),
    date({ year: -44, month: 3, day: 15 }),
    localTime({ hour: 23, minute: 59, second: 59, nanosecond: 999_999_999 }),
    time({ hour: 12, minute: 34, second: 56, nanosecond: 5e8, offsetSeconds: -64800 }),
    localDateTime({ year: 2024, month: 1, day: 2, hour: 3, minute: 4, second: 5 }),
    dateTime({ year: 1, month: 12, day: 31, hour: 0, offsetSeconds: 3600 }),
    duration({ months: 14, days: -3, seconds: 2n ** 63n - 1n }),
    point({ x: 1.5, y: -2, z: 3, srid: 9157 }),
    vector({ elementType: "int16", values: [-300, 2] }),
    binary({ segments: [new Uint8Array([1, 2]), new Uint8Array(0)] }),
  ];
  for (const value of values) {
    const w = new ByteWriter(16);
    writeValue(w, value);
    const ev: MutationEvent = { kind: "setNodeProperty", nodeId: 1, key: "k", value };
    const payload = `${MAGIC}03${u64(1)}${u64(1)}6b${toHex(w.view())}`;
    assert.equal(toHex(encodeEventPayload(ev)), payload);
    const back = roundTrip(value);
    assert.deepEqual(back, value);
    assert.ok(valuesEqual(back, value));
  }
  const properties = { since: 2020, tags: ["a"], at: date({ year: 2020, month: 1, day: 1 }) };
  const w = new ByteWriter(16);
  writeProperties(w, properties);
  const ev: MutationEvent = { kind: "createNode", id: 2, labels: [], properties };
  assert.equal(toHex(encodeEventPayload(ev)), `${MAGIC}01${u64(2)}${u64(0)}${toHex(w.view())}`);
  assert.deepEqual(decodeEventPayload(encodeEventPayload(ev)), ev);
});

const ALL_EVENTS: MutationEvent[] = [
  { kind: "createNode", id: 0, labels: [], properties: {} },
  { kind: "createNode", id: 2 ** 53 - 1, labels: ["A", "Bé"], properties: { x: 1, y: [float(2)] } },
  { kind: "createRelationship", id: 3, src: 1, dst: 2, type: "KNOWS", properties: { since: 2020 } },
  { kind: "setNodeProperty", nodeId: 1, key: "name", value: "Ada" },
  { kind: "removeNodeProperty", nodeId: 1, key: "name" },
  { kind: "addNodeLabel", nodeId: 1, label: "Person" },
  { kind: "removeNodeLabel", nodeId: 1, label: "Person" },
  { kind: "setRelationshipProperty", relId: 3, key: "w", value: { deep: [1, 2] } },
  { kind: "removeRelationshipProperty", relId: 3, key: "w" },
  { kind: "deleteRelationship", relId: 3 },
  { kind: "deleteNode", nodeId: 2 },
  { kind: "detachDeleteNode", nodeId: 1 },
  { kind: "clear" },
];

void test("every event kind round-trips alone and in a batch", () => {
  for (const ev of ALL_EVENTS) assert.deepEqual(decodeEventPayload(encodeEventPayload(ev)), ev);
  assert.deepEqual(decodeBatchPayload(encodeBatchPayload(ALL_EVENTS)), ALL_EVENTS);
  assert.deepEqual(decodeBatchPayload(encodeBatchPayload([])), []);
  const w = new ByteWriter(16);
  writeEventPayload(w, { kind: "clear" });
  writeBatchPayload(w, [{ kind: "clear" }]);
  assert.equal(toHex(w.view()), `${MAGIC}0c${MAGIC}${u64(1)}0c`);
});

// Regression: fixed-width writes that land where the writer grows must go to the new buffer.
void test("encoding is the same whatever offset the writer grows at", () => {
  const value = [
    1.5,
    -1,
    2n ** 62n,
    date({ year: 1, month: 1, day: 1 }),
    point({ x: 1, y: 2, srid: 0 }),
  ];
  const events: MutationEvent[] = [
    ...ALL_EVENTS,
    { kind: "setNodeProperty", nodeId: 1, key: "k", value },
  ];
  const expected = toHex(encodeBatchPayload(events));
  for (let prefix = 0; prefix < 64; prefix++) {
    const w = new ByteWriter(16);
    w.bytes(new Uint8Array(prefix));
    writeBatchPayload(w, events);
    assert.equal(toHex(w.view(prefix)), expected, `prefix ${prefix}`);
  }
});

void test("golden bytes written by hand from the format", () => {
  const golden: [MutationEvent, string][] = [
    [{ kind: "deleteNode", nodeId: 7 }, `${MAGIC} 0a ${u64(7)}`],
    [
      { kind: "setNodeProperty", nodeId: 1, key: "a", value: float(3) },
      `${MAGIC} 03 ${u64(1)} ${u64(1)} 61 03 0000000000000840`,
    ],
    [
      { kind: "createNode", id: 2, labels: ["P"], properties: { b: -1, a: true } },
      `${MAGIC} 01 ${u64(2)} ${u64(1)} ${u64(1)} 50 ${u64(2)}` +
        `${u64(1)} 61 01 01  ${u64(1)} 62 02 ffffffffffffffff`,
    ],
    [
      { kind: "setRelationshipProperty", relId: 4, key: "v", value: [1, "x", null] },
      `${MAGIC} 07 ${u64(4)} ${u64(1)} 76 05 ${u64(3)} 02 ${u64(1)} 04 ${u64(1)} 78 00`,
    ],
  ];
  for (const [ev, bytes] of golden) {
    assert.equal(toHex(encodeEventPayload(ev)), toHex(hex(bytes)));
    assert.deepEqual(decodeEventPayload(hex(bytes)), ev);
  }
  const batch: MutationEvent[] = [
    { kind: "clear" },
    { kind: "createRelationship", id: 0, src: 1, dst: 2, type: "R", properties: {} },
  ];
  const batchBytes = `${MAGIC} ${u64(2)} 0c 02 ${u64(0)} ${u64(1)} ${u64(2)} ${u64(1)} 52 ${u64(0)}`;
  assert.equal(toHex(encodeBatchPayload(batch)), toHex(hex(batchBytes)));
});

// Batch payloads taken from a WAL written by @loradb/lora-node 0.15.0.
const LORA_CREATE_P =
  "4c5731000100000000000000010000000000000000010000000000000001000000000000005007000000" +
  "000000000500000000000000616c70686103000000000000084001000000000000006203000000000000" +
  "008001000000000000006d0602000000000000000100000000000000780100010000000000000079010104" +
  "000000000000007a6574610201000000000000000200000000000000c3a904010000000000000078030000" +
  "0000000000efbfbf03000000000000f83f0400000000000000f09f988005020000000000000002010000000000000000";
const LORA_CREATE_TAGGED =
  "4c5731000100000000000000010100000000000000000000000000000004000000000000000100000000000000" +
  "620f020000000000000002000000000000000102010000000000000003010000000000000064" +
  "07e8070000020000001d0000000100000000000000700d000000000000f03f0000000000000040010000000000" +
  "000840c52300000100000000000000760e0200000000000000050200000000000000d4fe0200";

void test("bytes written by LoraDB decode, and re-encode to the same bytes", () => {
  const created: MutationEvent[] = [
    {
      kind: "createNode",
      id: 0,
      labels: ["P"],
      properties: {
        zeta: 1,
        alpha: float(3),
        b: float(-0),
        é: "x",
        "\uffff": 1.5,
        "😀": [1, null],
        m: { y: true, x: false },
      },
    },
  ];
  assert.deepEqual(decodeBatchPayload(hex(LORA_CREATE_P)), created);
  assert.equal(toHex(encodeBatchPayload(created)), LORA_CREATE_P);
  const tagged: MutationEvent[] = [
    {
      kind: "createNode",
      id: 1,
      labels: [],
      properties: {
        p: point({ x: 1, y: 2, z: 3, srid: 9157 }),
        v: vector({ elementType: "int16", values: [-300, 2] }),
        b: binary({ segments: [new Uint8Array([1, 2]), new Uint8Array([3])] }),
        d: date({ year: 2024, month: 2, day: 29 }),
      },
    },
  ];
  assert.deepEqual(decodeBatchPayload(hex(LORA_CREATE_TAGGED)), tagged);
  assert.equal(toHex(encodeBatchPayload(tagged)), LORA_CREATE_TAGGED);
});

void test("encoding is deterministic whatever the insertion order", () => {
  const a = { z: 1, "😀": 2, "\uffff": 3, a: { y: 1, x: [{ d: 1, c: 2 }] } };
  const b = { a: { x: [{ c: 2, d: 1 }], y: 1 }, "\uffff": 3, "😀": 2, z: 1 };
  const ev = (properties: typeof a): MutationEvent => ({
    kind: "createNode",
    id: 1,
    labels: ["L"],
    properties,
  });
  const bytes = encodeEventPayload(ev(a));
  assert.equal(toHex(bytes), toHex(encodeEventPayload(ev(b))));
  // UTF-8 order puts U+FFFF (ef bf bf) before U+1F600 (f0 9f 98 80); UTF-16 order would not.
  const text = Buffer.from(bytes).toString("latin1");
  assert.ok(text.indexOf("\xef\xbf\xbf") < text.indexOf("\xf0\x9f\x98\x80"));
  assert.ok(text.indexOf("a") < text.indexOf("z"));
});

void test("encoding refuses invalid events with TypeError or RangeError", () => {
  const bad: [unknown, typeof TypeError | typeof RangeError, RegExp][] = [
    [{ kind: "explode" }, TypeError, /unknown mutation event kind "explode"/],
    [null, TypeError, /must be an object/],
    [
      { kind: "deleteNode", nodeId: -1 },
      RangeError,
      /node id -1 is not a non-negative safe integer/,
    ],
    [{ kind: "deleteRelationship", relId: 1.5 }, RangeError, /relationship id 1\.5/],
    [{ kind: "deleteNode", nodeId: 2 ** 53 }, RangeError, /node id/],
    [
      { kind: "createNode", id: 1, labels: "A", properties: {} },
      TypeError,
      /labels must be an array/,
    ],
    [
      { kind: "createNode", id: 1, labels: [1], properties: {} },
      TypeError,
      /label must be a string/,
    ],
    [
      { kind: "createNode", id: 1, labels: [], properties: [] },
      TypeError,
      /properties must be a plain object/,
    ],
    [
      { kind: "setNodeProperty", nodeId: 1, key: "k", value: undefined },
      TypeError,
      /undefined is not/,
    ],
    [
      { kind: "setNodeProperty", nodeId: 1, key: "k", value: new Date(0) },
      TypeError,
      /a Date object/,
    ],
    [
      { kind: "setNodeProperty", nodeId: 1, key: "k", value: 2n ** 63n },
      RangeError,
      /does not fit int64/,
    ],
    [{ kind: "setNodeProperty", nodeId: 1, key: "\ud800", value: 1 }, TypeError, /lone surrogate/],
    [
      { kind: "setNodeProperty", nodeId: 1, key: 7, value: 1 },
      TypeError,
      /property key must be a string/,
    ],
  ];
  for (const [ev, ErrorClass, message] of bad) {
    assert.throws(
      () => encodeEventPayload(ev as MutationEvent),
      (err: unknown) => {
        assert.ok(err instanceof ErrorClass, String(err));
        assert.match(err.message, message);
        return true;
      },
    );
  }
  let deep: PropertyValue = 1;
  for (let i = 0; i <= MAX_VALUE_DEPTH; i++) deep = [deep];
  const tooDeep: MutationEvent = { kind: "setNodeProperty", nodeId: 1, key: "k", value: deep };
  assert.throws(() => encodeEventPayload(tooDeep), /value nests deeper than 512/);
});

const setValue = (valueHex: string): Uint8Array =>
  hex(`${MAGIC} 03 ${u64(1)} ${u64(1)} 6b ${valueHex}`);

void test("decoding refuses malformed payloads with SkeinError DECODE", () => {
  const cases: [Uint8Array, RegExp, boolean?][] = [
    [hex(""), /unexpected end of input reading payload magic/],
    [hex(`4c573200 0c`), /bad payload magic 0x4c573200/],
    [hex(MAGIC), /unexpected end of input reading event tag/],
    [hex(`${MAGIC} 0c 00`), /1 trailing bytes after mutation event/],
    [hex(`${MAGIC} ${u64(1)} 0c 0c`), /1 trailing bytes after mutation batch/, true],
    [hex(`${MAGIC} ${u64(2)} 0a ${u64(7)}`), /unexpected end of input reading event tag/, true],
    [hex(`${MAGIC} 00`), /unknown event tag 0 at byte 4/],
    [hex(`${MAGIC} 11`), /unknown event tag 17 at byte 4/],
    [hex(`${MAGIC} 0a 0700`), /unexpected end of input reading node id/],
    [hex(`${MAGIC} 0a 0000000000002000`), /node id at byte 5 does not fit a safe integer/],
    [setValue("10"), /unknown value tag 16 at byte 22/],
    [setValue("01 02"), /bool value byte 2 at byte 23 is not 0 or 1/],
    [setValue(`04 ${u64(2)} c328`), /invalid utf-8 in string value/],
    [hex(`${MAGIC} 04 ${u64(1)} ${u64(1)} ff`), /invalid utf-8 in property key/],
    [setValue(`0d ${u64(0)} ${u64(0)} 02 00000000`), /point hasZ byte 2 at byte 39 is not 0 or 1/],
    [
      setValue(`0e ${u64(3)} 06 ${u64(2)} 0102`),
      /vector at byte 22 has dimension 3 but 2 elements/,
    ],
    [setValue(`0e ${u64(1)} 07 ${u64(1)} 01`), /unknown vector element type 7 at byte 31/],
    [setValue("07 e8070000 0d000000 01000000"), /invalid value at byte 22: date month 13/],
    [setValue("09 18000000 00000000 00000000 00000000"), /localTime hour 24/],
    [setValue("08 00000000 00000000 00000000 00000000 01000100"), /time offsetSeconds 65537/],
    [setValue(`06 ${u64(2)} ${u64(1)} 61 00 ${u64(1)} 61 00`), /duplicate map key "a" at byte 41/],
    [setValue(`06 ${u64(1)} ${u64(1)} 61`), /unexpected end of input reading value tag/],
  ];
  for (const [bytes, message, batch] of cases) refuses(bytes, "DECODE", message, batch);
});

void test("oversized counts are refused before anything is allocated", () => {
  const huge = [2n ** 62n, 2n ** 64n - 1n, 2n ** 32n];
  for (const n of huge) {
    refuses(
      hex(`${MAGIC} ${u64(n)} 0c`),
      "DECODE",
      /event count \d+ at byte 4 exceeds the 1 bytes/,
      true,
    );
    refuses(hex(`${MAGIC} 01 ${u64(0)} ${u64(n)}`), "DECODE", /label count \d+ at byte 13 exceeds/);
    refuses(
      setValue(`05 ${u64(n)} 00`),
      "DECODE",
      /list length \d+ at byte 23 exceeds the 1 bytes/,
    );
    refuses(setValue(`06 ${u64(n)} 00`), "DECODE", /map entry count/);
    refuses(setValue(`04 ${u64(n)} 61`), "DECODE", /string value length/);
    refuses(setValue(`0f ${u64(n)}`), "DECODE", /binary segment count/);
    refuses(setValue(`0f ${u64(1)} ${u64(n)} 00`), "DECODE", /binary segment length/);
    refuses(setValue(`0e ${u64(n)} 01 ${u64(n)} 00`), "DECODE", /vector element count/);
  }
});

void test("index and constraint events are recognised and refused by name", () => {
  const schema: [string, string][] = [
    [`0d ${u64(2)} 0102 01`, "CreateIndex (tag 13): indexes"],
    [`0e ${u64(3)} 696478 00`, "DropIndex (tag 14): indexes"],
    [`0f ${u64(0)} 00`, "CreateConstraint (tag 15): constraints"],
    [`10 ${u64(1)} 63 01`, "DropConstraint (tag 16): constraints"],
  ];
  for (const [event, name] of schema) {
    const message = new RegExp(
      `^unsupported mutation event ${name.replace(/[()]/g, "\\$&")} are not supported yet$`,
    );
    refuses(hex(`${MAGIC} ${event}`), "WAL_UNSUPPORTED_EVENT", message);
    refuses(hex(`${MAGIC} ${u64(2)} 0c ${event}`), "WAL_UNSUPPORTED_EVENT", message, true);
    // A malformed one is a decode error, not a refusal.
    refuses(hex(`${MAGIC} ${event} 00`), "DECODE", /trailing bytes/);
    refuses(hex(`${MAGIC} ${event}`.slice(0, -2)), "DECODE", /unexpected end of input/);
  }
  refuses(hex(`${MAGIC} 0d ${u64(0)} 02`), "DECODE", /CreateIndex flag byte 2/);
  // As LoraDB wrote it for `CREATE INDEX idx FOR (n:A) ON (n.zeta)`.
  const lora =
    "4c5731000100000000000000" +
    "0d3c000000000000000103000000000000006964780101010100000000000000410000000000000000" +
    "010000000000000004000000000000007a657461000000000000000000";
  refuses(
    hex(lora),
    "WAL_UNSUPPORTED_EVENT",
    /^unsupported mutation event CreateIndex \(tag 13\)/,
    true,
  );
});

/** mulberry32: a small seeded PRNG, so a failure reproduces. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

void test("fuzz: truncated and corrupted payloads only ever raise SkeinError", () => {
  const corpus = [
    ...ALL_EVENTS.map((ev) => ({ bytes: encodeEventPayload(ev), batch: false })),
    { bytes: encodeBatchPayload(ALL_EVENTS), batch: true },
    { bytes: hex(LORA_CREATE_P), batch: true },
    { bytes: hex(LORA_CREATE_TAGGED), batch: true },
  ];
  const decode = (bytes: Uint8Array, batch: boolean): unknown =>
    batch ? decodeBatchPayload(bytes) : decodeEventPayload(bytes);
  let truncations = 0;
  for (const { bytes, batch } of corpus) {
    for (let end = 0; end < bytes.length; end++, truncations++) {
      refuses(bytes.subarray(0, end), "DECODE", /./, batch);
    }
  }
  assert.ok(truncations > 500);
  const random = prng(0x5eed);
  const outcomes = { decoded: 0, refused: 0 };
  for (let i = 0; i < 4000; i++) {
    const { bytes, batch } = corpus[Math.floor(random() * corpus.length)] ?? {
      bytes: hex(""),
      batch: false,
    };
    const copy = bytes.slice();
    const flips = 1 + Math.floor(random() * 3);
    for (let f = 0; f < flips; f++)
      copy[Math.floor(random() * copy.length)] = Math.floor(random() * 256);
    try {
      decode(copy, batch);
      outcomes.decoded++;
    } catch (err) {
      assert.ok(err instanceof SkeinError, `iteration ${i}: ${String(err)} from ${toHex(copy)}`);
      outcomes.refused++;
    }
  }
  assert.ok(outcomes.refused > 1000 && outcomes.decoded > 100, JSON.stringify(outcomes));
});

test("decoding with a keep hook leaves creates' maps encoded, checked and kept", () => {
  const events: MutationEvent[] = [
    { kind: "createNode", id: 0, labels: ["P"], properties: { name: "ann", age: 31 } },
    { kind: "setNodeProperty", nodeId: 0, key: "age", value: 32 },
    { kind: "createRelationship", id: 0, src: 0, dst: 0, type: "R", properties: {} },
    { kind: "createNode", id: 1, labels: [], properties: { list: [1, [2, "x"]] } },
  ];
  const payload = encodeBatchPayload(events);
  const arena = new PropertyArena();
  const out: MutationEvent[] = [];
  const kept: number[] = [];
  decodeBatchPayloadInto(payload, out, kept, (b, s, e) => arena.append(b, s, e));
  assert.equal(out.length, 4);
  assert.deepEqual(
    kept.map((k) => k >= 0),
    [true, false, true, true],
  );
  assert.deepEqual(out[1], events[1]);
  events.forEach((ev, i) => {
    if (ev.kind !== "createNode" && ev.kind !== "createRelationship") return;
    assert.deepEqual(out[i], { ...ev, properties: {} }, "the event, its map left out");
    assert.deepEqual(arena.properties(kept[i]!), ev.properties, "the map, kept");
  });
  // Without the hook: the same events as decodeBatchPayload, nothing kept.
  const plain: MutationEvent[] = [];
  decodeBatchPayloadInto(payload, plain, null, null);
  assert.deepEqual(plain, decodeBatchPayload(payload));
  // A kept map's framing is checked: a bool byte of 2 inside it refuses the batch.
  const bad = encodeBatchPayload([
    { kind: "createNode", id: 0, labels: [], properties: { flag: true } },
  ]);
  bad[bad.length - 1] = 2;
  assert.throws(
    () => decodeBatchPayloadInto(bad, [], [], (b, s, e) => arena.append(b, s, e)),
    (e: unknown) =>
      e instanceof SkeinError && e.code === "DECODE" && /bool value byte 2/.test(e.message),
  );
});
