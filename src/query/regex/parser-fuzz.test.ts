// Random strings of pattern syntax: each must either compile or be refused with the
// ARGUMENT QueryError, never any other exception, and compiled ones must run on texts.
import { test } from "node:test";
import assert from "node:assert/strict";
import { QueryError } from "../../internal/errors.js";
import { CompiledRegex } from "./compiled-regex.js";

const PIECES = [
  ..."()[]{}*+?|^$.\\-&,<>=!:#",
  ..."abcAB019 ",
  ..."dDwWsSbBpPQEkxuRZzAGhHvVcNX",
  "(?",
  "(?:",
  "(?i)",
  "(?x)",
  "(?m)",
  "(?>",
  "{2}",
  "{1,3}",
  "\\p{L}",
  "\\x{41}",
  "[^",
  "&&",
  "\\Q",
  "\\E",
  "\n",
  "😀",
];

void test("random syntax compiles or fails with an ARGUMENT error", () => {
  let seed = 5;
  const next = (n: number): number => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return (seed >>> 8) % n;
  };
  let compiled = 0;
  for (let i = 0; i < 20_000; i++) {
    const pattern = Array.from({ length: 1 + next(10) }, () => PIECES[next(PIECES.length)]).join(
      "",
    );
    let c: CompiledRegex;
    try {
      c = new CompiledRegex(pattern);
    } catch (err) {
      assert.ok(err instanceof QueryError, `${JSON.stringify(pattern)}: ${String(err)}`);
      assert.equal(err.code, "ARGUMENT");
      continue;
    }
    compiled++;
    for (const text of ["", "a", "ab\n", "AB 01", "😀x"]) {
      assert.equal(c.matches(text), c.matchWithStats(text, { dfa: false }).matched, pattern);
    }
  }
  assert.ok(compiled > 2000, `only ${compiled} patterns compiled`);
});
