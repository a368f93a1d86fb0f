// Dropping anchors at the edges of a whole-text match: which ones go, which must stay,
// and that answers are unchanged either way.
import { test } from "node:test";
import assert from "node:assert/strict";
import { CompiledRegex } from "./compiled-regex.js";
import { dropEdgeAnchors } from "./edge-anchors.js";
import { parsePattern } from "./parser.js";

function assertionsLeft(pattern: string): number {
  const ast = dropEdgeAnchors(parsePattern(pattern));
  return JSON.stringify(ast).split('"assert"').length - 1;
}

void test("anchors at the edges go, anchors that can meet the middle of the text stay", () => {
  assert.equal(assertionsLeft("^abc$"), 0);
  assert.equal(assertionsLeft("\\Aabc\\z"), 0);
  assert.equal(assertionsLeft("^(a|^b)c(d$|e\\Z)$"), 0);
  assert.equal(assertionsLeft("(?m)a$"), 0);
  assert.equal(assertionsLeft("a*+"), 0); // the possessive stop test at the very end
  assert.equal(assertionsLeft("(?m)^a"), 1); // Java refuses a multiline ^ on an empty text
  assert.equal(assertionsLeft("a$\\n"), 1);
  assert.equal(assertionsLeft("(a$)*"), 1);
  assert.equal(assertionsLeft("a(^b)"), 1);
  assert.equal(assertionsLeft("a$b?"), 1);
  assert.equal(assertionsLeft("a\\b$"), 1);
  assert.equal(new CompiledRegex("^abc$").matchWithStats("abc").path, "literal");
});

void test("answers with anchors dropped are Java's", () => {
  const rows: [string, string, boolean][] = [
    ["^abc$", "abc", true],
    ["^abc$", "abc\n", false],
    ["(a$)*", "a", true],
    ["(a$)*", "aa", false],
    ["a(?:$|b)", "a", true],
    ["a(?:$|b)", "ab", true],
    ["a(?:$|b)", "a\n", false],
    ["a$b?", "a", true],
    ["a$b?", "ab", false],
    ["^|a", "", true],
    ["a\\b$", "a", true],
    ["a*+$", "aaa", true],
  ];
  for (const [pattern, text, expected] of rows) {
    const c = new CompiledRegex(pattern);
    assert.equal(c.matches(text), expected, `${pattern} on ${JSON.stringify(text)}`);
    assert.equal(c.matchWithStats(text, { dfa: false }).matched, expected);
  }
});
