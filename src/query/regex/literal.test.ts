// The literal pre-checks: what is extracted from a pattern, and that answers found by them
// are the automaton's answers.
import { test } from "node:test";
import assert from "node:assert/strict";
import { CompiledRegex } from "./compiled-regex.js";
import { literalsOf } from "./literal.js";
import { parsePattern } from "./parser.js";

void test("exact, prefix, suffix and required literals", () => {
  const of = (p: string): ReturnType<typeof literalsOf> => literalsOf(parsePattern(p));
  assert.deepEqual(of("abc"), { exact: "abc", prefix: "abc", suffix: "abc", required: "abc" });
  assert.deepEqual(of(""), { exact: "", prefix: "", suffix: "", required: "" });
  assert.deepEqual(of("ab.*cd"), { exact: null, prefix: "ab", suffix: "cd", required: "ab" });
  assert.deepEqual(of(".*foo.*"), { exact: null, prefix: "", suffix: "", required: "foo" });
  assert.deepEqual(of("^ab$"), { exact: null, prefix: "ab", suffix: "ab", required: "ab" });
  assert.deepEqual(of("x\\d+yyy\\d"), { exact: null, prefix: "x", suffix: "", required: "yyy" });
  assert.deepEqual(of("a|b"), { exact: null, prefix: "", suffix: "", required: "" });
  assert.deepEqual(of("(?i)ab"), { exact: null, prefix: "", suffix: "", required: "" });
  assert.deepEqual(of("\\Q1+1\\E"), {
    exact: "1+1",
    prefix: "1+1",
    suffix: "1+1",
    required: "1+1",
  });
  assert.equal(of("😀x").exact, "😀x");
  assert.equal(of("\\uD83D").exact, null); // a lone surrogate could pair up in a string test
});

void test("literal answers agree with the automaton", () => {
  const rows: [string, string, boolean][] = [
    ["abc", "abc", true],
    ["abc", "abcd", false],
    ["ab.*cd", "abxxcd", true],
    ["ab.*cd", "abxxc", false],
    ["ab.*cd", "abcd", true],
    ["ab.*bc", "abc", false], // prefix and suffix may not overlap in the text
    [".*foo.*", "a fo o", false],
    ["^ab$", "ab", true],
    ["a\\bb", "ab", false], // the exact shortcut must not skip assertions
  ];
  for (const [pattern, text, expected] of rows) {
    const c = new CompiledRegex(pattern);
    assert.equal(c.matches(text), expected, `${pattern} on ${text}`);
    assert.equal(c.matchWithStats(text, { dfa: false }).matched, expected);
  }
  assert.equal(new CompiledRegex("abc").matchWithStats("abc").path, "literal");
  assert.equal(new CompiledRegex(".*foo.*").matchWithStats("bar").path, "literal");
});
