// Tests of the exact JSON parser: number literals keep Int versus Float and int64 digits,
// keys are data, and errors say where.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Float } from "../index.js";
import { JsonSyntaxError, detach, parseJson } from "./json-parse.js";

void test("integer literals are Ints, exactly, whatever their size", () => {
  assert.equal(parseJson("3"), 3);
  assert.equal(parseJson("-0"), -0);
  assert.equal(parseJson("9007199254740991"), 9007199254740991);
  assert.equal(parseJson("9007199254740993"), 9007199254740993n);
  assert.equal(parseJson("-9223372036854775808"), -9223372036854775808n);
  assert.equal(parseJson("123456789012345678901234567890"), 123456789012345678901234567890n);
});

void test("float literals are Floats: Float objects when integral", () => {
  const three = parseJson("3.0");
  assert.ok(three instanceof Float && three.value === 3);
  const negZero = parseJson("-0.0");
  assert.ok(negZero instanceof Float && Object.is(negZero.value, -0));
  const big = parseJson("1e21");
  assert.ok(big instanceof Float && big.value === 1e21);
  assert.equal(parseJson("0.5"), 0.5);
  assert.equal(parseJson("-1.5e-7"), -1.5e-7);
});

void test("strings, arrays, objects and escapes", () => {
  assert.deepEqual(parseJson(' [1, "a\\"b\\u00e9\\n", true, false, null, []] '), [
    1,
    'a"bé\n',
    true,
    false,
    null,
    [],
  ]);
  const o = parseJson('{"__proto__": {"x": 1}, "constructor": 2}') as Record<string, unknown>;
  assert.equal(Object.getPrototypeOf(o), null);
  assert.deepEqual(Object.keys(o), ["__proto__", "constructor"]);
  assert.equal(({} as { x?: number }).x, undefined, "no prototype was touched");
});

void test("syntax errors name the column", () => {
  const cases: [string, RegExp][] = [
    ['{"a":1,}', /expected a key in double quotes, found "}" at column 8/],
    ['{"a":1 "b":2}', /expected ',' or '}', found "\\"" at column 8/],
    ['{"a":1,"a":2}', /duplicate key "a" at column 8/],
    ["[1,2", /expected ',' or ']', found end of line at column 5/],
    ["01", /unexpected text after the value at column 2/],
    ["NaN", /expected a value/],
    ['"abc', /unterminated string at column 1/],
    ['"a\tb"', /control character in string at column 3/],
    ['"\\x"', /bad escape/],
    ["[".repeat(700), /nesting deeper than 600/],
  ];
  for (const [text, re] of cases) {
    assert.throws(
      () => parseJson(text),
      (err: Error) => err instanceof JsonSyntaxError && re.test(err.message),
      text,
    );
  }
});

void test("detach copies without changing the text", () => {
  const long = "x".repeat(100);
  assert.equal(detach(long.slice(3, 40)), "x".repeat(37));
  assert.equal(detach("short"), "short");
});
