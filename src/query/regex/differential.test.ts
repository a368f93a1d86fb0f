// A table of everyday patterns and texts, each checked against JavaScript's own RegExp
// (anchored as ^(?:…)$ with the u flag) on the constructs where Java and JavaScript agree,
// through the public matchRegex and through both matching modes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { CompiledRegex } from "./compiled-regex.js";
import { matchRegex } from "./index.js";

const PATTERNS = [
  "",
  "abc",
  "a.c",
  ".*",
  ".+",
  ".*foo.*",
  "foo.*",
  ".*foo",
  "[A-Z][a-z]+",
  "[a-z]+[0-9]*",
  "[^aeiou ]+",
  "(ab|cd)*",
  "(ab|cd)+e?",
  "(a|ab)(c|bcd)(d*)",
  "a{3}",
  "a{2,}",
  "a{1,3}b{0,2}",
  "(?:x|y){2,4}z",
  "\\d+(\\.\\d+)?",
  "\\w+@\\w+\\.com",
  "\\s*\\S+\\s*",
  "\\D\\W",
  "[\\d\\s]+",
  "[-a-c]+",
  "[a\\-c]+",
  "[\\]\\[]+",
  "\\.\\*\\+\\?\\(\\)\\{\\}\\|\\^\\$\\\\",
  "\\t\\n?",
  "\\x41\\u0042",
  "^abc$",
  "^$",
  "\\bfoo\\b.*",
  ".*\\Bar\\b",
  "(a*)*b",
  "(a|b)*abb",
  "((a)|b)+",
  "a+?b*?c??",
  "(?:(?:a))",
  "x*y*z*",
  "(a|)+",
  "(|a)b",
  "[a-c&&b]",
];

const TEXTS = [
  "",
  "a",
  "abc",
  "abd",
  "aaa",
  "aaaa",
  "abb",
  "aabb",
  "foo",
  "a foo b",
  "foobar",
  "Hello",
  "hello",
  "HELLO",
  "abcd",
  "ababcd",
  "abcde",
  "xyz",
  "xxyyz",
  "12.5",
  "12.",
  "user@host.com",
  "  word  ",
  "a-b-c",
  "[]",
  ".*+?(){}|^$\\",
  "\t\n",
  "\t",
  "AB",
  "foo bar",
  "a foo",
  "bar",
  "b",
  "ab",
  "ac",
  "x y",
];

void test("everyday patterns agree with JavaScript's RegExp", () => {
  let matched = 0;
  for (const pattern of PATTERNS) {
    // Java reads [a-c&&b] as an intersection, JavaScript's u mode as a syntax error.
    const jsPattern = pattern === "[a-c&&b]" ? "[b]" : pattern;
    const re = new RegExp(`^(?:${jsPattern})$`, "u");
    const compiled = new CompiledRegex(pattern);
    for (const text of TEXTS) {
      const expected = re.test(text);
      const message = `${JSON.stringify(pattern)} on ${JSON.stringify(text)}`;
      assert.equal(matchRegex(pattern, text), expected, message);
      assert.equal(compiled.matchWithStats(text, { dfa: false }).matched, expected, message);
      if (expected) matched++;
    }
  }
  assert.ok(matched >= 100, `only ${matched} matches in the table`);
});

void test("answers are the same on repeated use of one compiled pattern", () => {
  const compiled = new CompiledRegex("(a|b)*abb");
  for (let round = 0; round < 3; round++) {
    assert.equal(compiled.matches("ababb"), true);
    assert.equal(compiled.matches("ababa"), false);
    assert.equal(compiled.matches("abb"), true);
  }
});
