// The JSON form `skein wal dump` gives values: exact, and safe for any JSON reader.
import assert from "node:assert/strict";
import { test } from "node:test";
import { binary, duration, float, localTime, point, vector } from "../index.js";
import { eventJson, valueJson } from "./wal-json.js";

/** Through JSON text and back, as a reader in any language would see it. */
const roundTrip = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

test("ints and floats stay apart, and nothing beyond 2^53 is a JSON number", () => {
  const cases: [Parameters<typeof valueJson>[0], unknown][] = [
    [42, 42],
    [-(2 ** 53 - 1), -(2 ** 53 - 1)],
    [2n ** 63n - 1n, { $int: "9223372036854775807" }],
    [-(2n ** 63n), { $int: "-9223372036854775808" }],
    [0.5, 0.5],
    [1e300, { $float: 1e300 }],
    [float(3), { $float: 3 }],
    [float(-0), { $float: "-0" }],
    [NaN, { $float: "NaN" }],
    [-Infinity, { $float: "-Infinity" }],
    [null, null],
    ["text", "text"],
    [
      [1, [true, "a"]],
      [1, [true, "a"]],
    ],
  ];
  for (const [value, json] of cases) assert.deepEqual(roundTrip(valueJson(value)), json);
});

test("tagged values carry their fields; binary is base64", () => {
  assert.deepEqual(
    roundTrip(valueJson(localTime({ hour: 1, minute: 2, second: 3, nanosecond: 4 }))),
    {
      $localTime: { hour: 1, minute: 2, second: 3, nanosecond: 4 },
    },
  );
  const d = duration({ months: 2n ** 60n, days: 1, seconds: -3, nanoseconds: 5 });
  assert.deepEqual(roundTrip(valueJson(d)), {
    $duration: { months: "1152921504606846976", days: 1, seconds: -3, nanoseconds: 5 },
  });
  assert.deepEqual(roundTrip(valueJson(point({ x: 1, y: -0, srid: 7203 }))), {
    $point: { x: 1, y: "-0", srid: 7203 },
  });
  const v = vector({ elementType: "int64", values: [1, 2n ** 62n] });
  assert.deepEqual(roundTrip(valueJson(v)), {
    $vector: { elementType: "int64", values: [1, "4611686018427387904"] },
  });
  const b = binary({ segments: [Uint8Array.of(1, 2, 3), new Uint8Array(0)] });
  assert.deepEqual(roundTrip(valueJson(b)), { $binary: ["AQID", ""] });
  assert.deepEqual(roundTrip(valueJson(Uint8Array.of(255))), { $binary: ["/w=="] });
});

test("maps: a lone $ key is wrapped, __proto__ is data", () => {
  assert.deepEqual(roundTrip(valueJson({ $int: "not a tag" })), { $map: { $int: "not a tag" } });
  assert.deepEqual(roundTrip(valueJson({ $a: 1, b: 2 })), { $a: 1, b: 2 });
  const text = JSON.stringify(valueJson(JSON.parse('{"__proto__": 1}') as { __proto__: number }));
  assert.equal(text, '{"__proto__":1}');
});

test("events: properties and values encoded, the rest as is", () => {
  assert.deepEqual(
    roundTrip(eventJson({ kind: "setNodeProperty", nodeId: 3, key: "k", value: 2n ** 60n })),
    { kind: "setNodeProperty", nodeId: 3, key: "k", value: { $int: "1152921504606846976" } },
  );
  assert.deepEqual(
    roundTrip(eventJson({ kind: "createNode", id: 1, labels: ["A"], properties: { f: float(2) } })),
    { kind: "createNode", id: 1, labels: ["A"], properties: { f: { $float: 2 } } },
  );
});
