// Tests of the string functions: code point positions, null, ranges and type errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import { isSkeinError, type QueryError } from "../../internal/errors.js";
import { Graph } from "../../store/graph.js";
import { FUNCTIONS } from "./functions.js";
import { codePointLength, codePointSlice, reverseString } from "./string-functions.js";
import type { Value } from "./types.js";

const ctx = { view: new Graph(), random: Math.random };

function call(name: string, ...args: Value[]): Value {
  const def = FUNCTIONS.get(name.toLowerCase());
  assert.ok(def, `no function ${name}`);
  return def.call(args, ctx);
}

function fails(f: () => unknown, code: string, detail: string): void {
  assert.throws(f, (e) => isSkeinError(e, code as never) && (e as QueryError).detail === detail);
}

void test("code point helpers treat a surrogate pair as one character", () => {
  assert.equal(codePointLength("abc"), 3);
  assert.equal(codePointLength("a😀b"), 3);
  assert.equal(codePointLength("\ud800x"), 2); // a lone surrogate counts as one
  assert.equal(codePointSlice("a😀b", 1, 2), "😀");
  assert.equal(reverseString("raksO"), "Oskar");
  assert.equal(reverseString("a😀b"), "b😀a");
});

void test("substring, left and right count code points", () => {
  assert.equal(call("substring", "0123456789", 1), "123456789");
  assert.equal(call("substring", "0123456789", 1, 3), "123");
  assert.equal(call("substring", "0123", 10), "");
  assert.equal(call("substring", "😀😁😂", 1, 1), "😁");
  assert.equal(call("left", "hello", 2), "he");
  assert.equal(call("left", "hi", 10), "hi");
  assert.equal(call("right", "hello", 3), "llo");
  assert.equal(call("right", "a😀", 1), "😀");
  assert.equal(call("right", "hi", 0), "");
  assert.equal(call("substring", null, 1), null);
  assert.equal(call("left", "a", null), null);
  fails(() => call("substring", "abc", -1), "ARGUMENT", "NumberOutOfRange");
  fails(() => call("substring", "abc", 0, -1), "ARGUMENT", "NumberOutOfRange");
  fails(() => call("left", "abc", -1), "ARGUMENT", "NumberOutOfRange");
  fails(() => call("left", 1, 1), "TYPE", "InvalidArgumentValue");
  fails(() => call("substring", "abc", 1.5), "TYPE", "InvalidArgumentValue");
});

void test("case, trimming and replacement", () => {
  assert.equal(call("toUpper", "abc"), "ABC");
  assert.equal(call("UPPER", "straße"), "STRASSE");
  assert.equal(call("toLower", "ABC"), "abc");
  assert.equal(call("lower", null), null);
  assert.equal(call("trim", "  a b \n"), "a b");
  assert.equal(call("ltrim", "  a "), "a ");
  assert.equal(call("rtrim", "  a "), "  a");
  assert.equal(call("btrim", "xxaxx", "x"), "a");
  assert.equal(call("ltrim", "xya", "yx"), "a");
  assert.equal(call("replace", "hello", "l", "L"), "heLLo");
  assert.equal(call("replace", "a$b", "$", "$&"), "a$&b"); // no replacement patterns
  assert.equal(call("replace", "ab", "", "-"), "-a-b-");
  assert.equal(call("replace", "a😀", "", "-"), "-a-😀-");
  assert.equal(call("replace", "ab", null, "-"), null);
  fails(() => call("toUpper", 1), "TYPE", "InvalidArgumentValue");
});

void test("split on a string, on nothing, or on any of several strings", () => {
  assert.deepEqual(call("split", "one1two", "1"), ["one", "two"]);
  assert.deepEqual(call("split", "a,b,", ","), ["a", "b", ""]);
  assert.deepEqual(call("split", "a😀", ""), ["a", "😀"]);
  assert.deepEqual(call("split", "a-b_c", ["-", "_"]), ["a", "b", "c"]);
  assert.deepEqual(call("split", "a--b", ["-", "--"]), ["a", "b"]);
  assert.equal(call("split", null, ","), null);
  assert.equal(call("split", "a", null), null);
  fails(() => call("split", "a", 1), "TYPE", "InvalidArgumentValue");
});

void test("character length", () => {
  assert.equal(call("char_length", "a😀"), 2);
  assert.equal(call("character_length", ""), 0);
  assert.equal(call("char_length", null), null);
});
