// Tests of three-valued equality, with the TCK's tables (Comparison1, List3, Null3).
import { test } from "node:test";
import assert from "node:assert/strict";
import { Node, Path, Relationship } from "../../store/entities.js";
import {
  binary,
  date,
  dateTime,
  duration,
  float,
  localTime,
  time,
} from "../../store/tagged-values.js";
import { equals, notEquals } from "./equality.js";
import type { Value } from "./types.js";

const NAN = 0 / 0;

void test("numbers compare by value across Int and Float", () => {
  assert.equal(equals(1, float(1)), true);
  assert.equal(equals(float(1), float(1)), true);
  assert.equal(equals(0, float(-0)), true);
  assert.equal(equals(1, 1.5), false);
  assert.equal(equals(2n ** 62n + 1n, 2n ** 62n + 1n), true);
  assert.equal(equals(4611686018427387905n, 4611686018427387900n), false);
  assert.equal(equals(2n ** 60n, 2 ** 60), true); // the Float 2^60 has the same value
  assert.equal(equals(2n ** 60n + 1n, 2 ** 60), false); // no rounding of the Int
});

void test("NaN equals nothing, itself included", () => {
  for (const other of [1, float(1), NAN, "a"] as Value[]) {
    assert.equal(equals(NAN, other), false);
    assert.equal(notEquals(NAN, other), true);
  }
});

void test("different types are unequal, not unknown", () => {
  assert.equal(equals("1", 1), false);
  assert.equal(equals("1.0", float(1)), false);
  assert.equal(equals([1, 2], "foo"), false);
  assert.equal(equals({}, []), false);
  assert.equal(equals(true, 1), false);
});

void test("null makes equality unknown", () => {
  assert.equal(equals(null, null), null);
  assert.equal(notEquals(null, null), null);
  assert.equal(equals(1, null), null);
  assert.equal(equals(null, [1]), null);
});

void test("lists: false on any unequal pair or length, else null on any null pair", () => {
  const cases: [Value, Value, boolean | null][] = [
    [[1, 2], [1], false],
    [[null], [1], null],
    [["a"], [1], false],
    [[[1]], [[1], [null]], false],
    [[[1], [2]], [[1], [null]], null],
    [[[1], [2, 3]], [[1], [null]], false],
    [[1], [1, null], false],
    [[1, 2], [null, "foo"], false],
    [[1, 2], [null, 2], null],
    [
      [
        [1, 2],
        [1, 3],
      ],
      [
        [1, 2],
        [null, "foo"],
      ],
      false,
    ],
    [
      [
        [1, 2],
        ["foo", "bar"],
      ],
      [
        [1, 2],
        [null, "bar"],
      ],
      null,
    ],
    [[1, float(2)], [1, 2], true],
    [[], [], true],
  ];
  for (const [a, b, expected] of cases) {
    assert.equal(equals(a, b), expected, `${JSON.stringify(a)} = ${JSON.stringify(b)}`);
  }
});

void test("maps: key sets must match, then values as in lists", () => {
  const cases: [Value, Value, boolean | null][] = [
    [{}, {}, true],
    [{ k: true }, { k: true }, true],
    [{ k: float(1) }, { k: float(1) }, true],
    [{ k: "a", l: 2 }, { l: 2, k: "a" }, true],
    [{}, { k: null }, false],
    [{ k: null }, {}, false],
    [{ k: 1 }, { k: 1, l: null }, false],
    [{ k: null, l: 1 }, { l: 1 }, false],
    [{ k: null }, { k: null, l: null }, false],
    [{ k: null }, { k: null }, null],
    [{ k: 1 }, { k: null }, null],
    [{ k: 1, l: null }, { k: null, l: null }, null],
    [{ k: 1, l: null }, { k: null, l: 1 }, null],
    [{ k: 1, l: null }, { k: 1, l: 1 }, null],
  ];
  for (const [a, b, expected] of cases) {
    assert.equal(equals(a, b), expected, `${JSON.stringify(a)} = ${JSON.stringify(b)}`);
  }
});

void test("graph values are equal when they are the same entities", () => {
  const a = new Node(1, ["A"], {});
  const aAgain = new Node(1, ["A", "B"], { x: 1 }); // a later read of the same node
  const b = new Node(2, [], {});
  const r = new Relationship(5, 1, 1, "LOOP", {});
  assert.equal(equals(a, aAgain), true);
  assert.equal(equals(a, b), false);
  assert.equal(equals(a, new Relationship(1, 1, 2, "T", {})), false);
  assert.equal(equals(new Path([a, a], [r]), new Path([aAgain, a], [r])), true);
  assert.equal(equals(new Path([a], []), new Path([b], [])), false);
  assert.equal(equals(new Path([a, a], [r]), new Path([a], [])), false);
});

void test("temporal values: same kind and value; zoned ones by instant", () => {
  const d = date({ year: 1984, month: 10, day: 11 });
  assert.equal(equals(d, date({ year: 1984, month: 10, day: 11 })), true);
  assert.equal(equals(d, date({ year: 1984, month: 10, day: 12 })), false);
  assert.equal(equals(d, localTime({ hour: 1 })), false);
  const noonParis = time({ hour: 12, offsetSeconds: 3600 });
  assert.equal(equals(noonParis, time({ hour: 11, offsetSeconds: 0 })), true);
  const dt = dateTime({ year: 2000, month: 1, day: 1, hour: 0, offsetSeconds: 3600 });
  const dtUtc = dateTime({ year: 1999, month: 12, day: 31, hour: 23, offsetSeconds: 0 });
  assert.equal(equals(dt, dtUtc), true);
  assert.equal(
    equals(duration({ months: 1, seconds: 70 }), duration({ months: 1, seconds: 70 })),
    true,
  );
  assert.equal(equals(duration({ days: 1 }), duration({ seconds: 86400 })), false);
});

void test("binaries are equal by bytes, bare or segmented", () => {
  const segmented = binary({ segments: [new Uint8Array([1]), new Uint8Array([2])] });
  assert.equal(equals(new Uint8Array([1, 2]), segmented), true);
  assert.equal(equals(new Uint8Array([1, 2]), new Uint8Array([1, 3])), false);
  assert.equal(equals(new Uint8Array([]), {}), false);
});
