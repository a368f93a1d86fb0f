// Tests of the function table: case-insensitive names, arities, and coalesce.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Graph } from "../../store/graph.js";
import { FUNCTIONS, lookupFunction } from "./functions.js";

const ctx = { view: new Graph(), random: Math.random };

void test("names are keyed in lower case and looked up in any case", () => {
  for (const [key, def] of FUNCTIONS) assert.equal(key, def.name.toLowerCase());
  assert.equal(lookupFunction("TOUPPER")?.name, "toUpper");
  assert.equal(lookupFunction("toupper"), FUNCTIONS.get("toupper"));
  assert.equal(lookupFunction("noSuchFunction"), undefined);
  assert.equal(lookupFunction("count"), undefined); // aggregates are a separate table
});

void test("the standard functions are all present with sensible arities", () => {
  const expected = [
    "coalesce",
    "head",
    "last",
    "tail",
    "size",
    "length",
    "range",
    "reverse",
    "keys",
    "labels",
    "type",
    "id",
    "elementId",
    "properties",
    "startNode",
    "endNode",
    "nodes",
    "relationships",
    "toString",
    "toInteger",
    "toFloat",
    "toBoolean",
    "toStringOrNull",
    "toIntegerOrNull",
    "toFloatOrNull",
    "toBooleanOrNull",
    "toStringList",
    "toIntegerList",
    "toFloatList",
    "toBooleanList",
    "abs",
    "ceil",
    "floor",
    "round",
    "sign",
    "rand",
    "sqrt",
    "exp",
    "log",
    "log10",
    "e",
    "pi",
    "sin",
    "cos",
    "tan",
    "cot",
    "asin",
    "acos",
    "atan",
    "atan2",
    "degrees",
    "radians",
    "haversin",
    "left",
    "right",
    "substring",
    "toUpper",
    "toLower",
    "upper",
    "lower",
    "trim",
    "ltrim",
    "rtrim",
    "replace",
    "split",
    "char_length",
    "character_length",
    "isEmpty",
    "isNaN",
  ];
  for (const name of expected) assert.ok(lookupFunction(name), name);
  for (const def of FUNCTIONS.values()) {
    assert.ok(def.minArgs >= 0 && def.minArgs <= def.maxArgs, def.name);
  }
  assert.equal(lookupFunction("round")?.maxArgs, 3);
  assert.equal(lookupFunction("coalesce")?.maxArgs, Infinity);
});

void test("coalesce returns the first non-null argument", () => {
  const coalesce = lookupFunction("coalesce")!;
  assert.equal(coalesce.call([null, 2, 3], ctx), 2);
  assert.equal(coalesce.call([null, null], ctx), null);
  assert.deepEqual(coalesce.call([null, []], ctx), []);
  assert.equal(coalesce.call([false, true], ctx), false);
});

void test("randomUUID gives distinct version 4 UUIDs", () => {
  const uuid = lookupFunction("randomUUID")!;
  const a = uuid.call([], ctx) as string;
  assert.match(a, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.notEqual(uuid.call([], ctx), a);
});
