// Tests of the runtime value model: kind predicates, the Int and Float producers and the
// Cypher type names used in messages.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Node, Path, Relationship } from "../../store/entities.js";
import { date, duration, float, Float, point } from "../../store/tagged-values.js";
import { isSkeinError, type QueryError } from "../../internal/errors.js";
import {
  cypherTypeName,
  isFloat,
  isInt,
  isList,
  isMap,
  isNumber,
  kindOf,
  makeFloat,
  makeInt,
  numberValue,
  type Value,
} from "./types.js";

const node = new Node(1, ["A"], {});
const rel = new Relationship(2, 1, 1, "T", {});
const path = new Path([node], []);

void test("kindOf tells every runtime kind apart", () => {
  const cases: [Value, string][] = [
    [null, "null"],
    [true, "boolean"],
    [1, "int"],
    [-0, "int"],
    [2n ** 62n, "int"],
    [1.5, "float"],
    [NaN, "float"],
    [2 ** 60, "float"], // an integral number beyond 2^53 is a Float
    [float(3), "float"],
    ["x", "string"],
    [[1], "list"],
    [{ a: 1 }, "map"],
    [{ kind: "node", id: 1 }, "map"], // a look-alike object is a map
    [node, "node"],
    [rel, "relationship"],
    [path, "path"],
    [date({ year: 2020, month: 1, day: 2 }), "date"],
    [duration({ days: 1 }), "duration"],
    [new Uint8Array([1]), "binary"], // a bare Uint8Array, as parameters may carry
  ];
  for (const [v, kind] of cases) assert.equal(kindOf(v), kind, String(kind));
});

void test("predicates agree with kindOf", () => {
  assert.ok(isInt(3) && isInt(2n ** 60n) && !isInt(3.5) && !isInt(float(3)));
  assert.ok(isFloat(3.5) && isFloat(float(3)) && isFloat(Infinity) && !isFloat(3));
  assert.ok(isNumber(1) && isNumber(1n << 60n) && isNumber(float(0)) && !isNumber("1"));
  assert.ok(isList([]) && !isList({}));
  assert.ok(isMap({}) && !isMap(node) && !isMap([]) && !isMap(float(1)) && !isMap(null));
  assert.ok(!isMap(new Uint8Array(2)));
});

void test("makeFloat keeps integral floats distinguishable from Ints", () => {
  assert.equal(makeFloat(1.5), 1.5);
  assert.ok(makeFloat(3) instanceof Float);
  const negZero = makeFloat(-0);
  assert.ok(negZero instanceof Float && Object.is(negZero.value, -0));
  assert.equal(makeFloat(2 ** 60), 2 ** 60); // already a Float as a bare number
  assert.ok(Number.isNaN(makeFloat(NaN)));
  assert.equal(makeFloat(-Infinity), -Infinity);
});

void test("makeInt normalises and checks the int64 range", () => {
  assert.equal(makeInt(5n), 5);
  assert.ok(Object.is(makeInt(-0), 0));
  assert.equal(makeInt(2 ** 60), 2n ** 60n);
  assert.equal(makeInt(2n ** 63n - 1n), 2n ** 63n - 1n);
  assert.equal(makeInt(-(2n ** 63n)), -(2n ** 63n));
  assert.throws(
    () => makeInt(2n ** 63n),
    (e) => isSkeinError(e, "ARGUMENT") && (e as QueryError).detail === "IntegerOverflow",
  );
  assert.throws(() => makeInt(1.5), RangeError);
});

void test("numberValue reads every numeric representation", () => {
  assert.equal(numberValue(3), 3);
  assert.equal(numberValue(2n ** 60n), 2 ** 60);
  assert.equal(numberValue(float(4)), 4);
});

void test("cypherTypeName names types as Cypher does", () => {
  assert.equal(cypherTypeName(1), "INTEGER");
  assert.equal(cypherTypeName(float(1)), "FLOAT");
  assert.equal(cypherTypeName(null), "NULL");
  assert.equal(cypherTypeName("s"), "STRING");
  assert.equal(cypherTypeName([]), "LIST");
  assert.equal(cypherTypeName({}), "MAP");
  assert.equal(cypherTypeName(rel), "RELATIONSHIP");
  assert.equal(cypherTypeName(path), "PATH");
  assert.equal(cypherTypeName(date({ year: 1, month: 1, day: 1 })), "DATE");
  assert.equal(cypherTypeName(point({ x: 1, y: 2, srid: 7203 })), "POINT");
});
