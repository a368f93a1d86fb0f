// Patterns that make backtracking matchers take exponential time, against texts of tens of
// thousands of characters. Each must give the right answer in both matching modes, and the
// work counter must stay within a bound linear in program size × text length, and double
// (not square) when the text doubles. Elapsed times are reported as diagnostics only:
// timing assertions would be flaky on a shared machine, step counts are not.
import { test, type TestContext } from "node:test";
import assert from "node:assert/strict";
import { CompiledRegex } from "./compiled-regex.js";

const N = 50_000;

interface Case {
  readonly pattern: string;
  readonly text: string;
  readonly expected: boolean;
}

const a = (n: number): string => "a".repeat(n);

const CASES: readonly Case[] = [
  { pattern: "(a+)+b", text: `${a(N)}b`, expected: true },
  { pattern: "(a+)+b", text: `${a(N)}bb`, expected: false },
  { pattern: "(a|a)*b", text: `${a(N)}cb`, expected: false },
  { pattern: "(a*)*b", text: `${a(N)}b`, expected: true },
  { pattern: "(a*)*b", text: `${a(N)}!b`, expected: false },
  { pattern: "(.*a){20}", text: a(N), expected: true },
  { pattern: "(.*a){20}", text: `${a(N)}!`, expected: false },
  { pattern: "(a|aa)*b", text: `${a(N)}cb`, expected: false },
  { pattern: "^(\\w+\\s?)*$", text: `${a(N)}!`, expected: false },
  { pattern: "(?:a?){30}a{30}", text: a(60), expected: true },
  { pattern: "(?:a?){30}a{30}", text: a(29), expected: false },
  { pattern: "(x+x+)+y", text: `${"x".repeat(N)}y`, expected: true },
  { pattern: "(\\d|\\d\\d)+z", text: `${"1".repeat(N)}!z`, expected: false },
  { pattern: "(\\d|\\d\\d)+z", text: `${"1".repeat(N)}z`, expected: true },
];

function bound(compiled: CompiledRegex, text: string): number {
  return 4 * (compiled.programSize + 2) * (text.length + 1);
}

function timed<T>(t: TestContext, label: string, run: () => T): T {
  const start = performance.now();
  const result = run();
  t.diagnostic(`${label}: ${(performance.now() - start).toFixed(1)} ms`);
  return result;
}

void test("hostile patterns give the right answer with linear work", (t) => {
  for (const { pattern, text, expected } of CASES) {
    const compiled = new CompiledRegex(pattern);
    const label = `${pattern} on ${text.length} chars`;
    for (const dfa of [true, false]) {
      const stats = timed(t, `${label} (${dfa ? "dfa" : "simulation"})`, () =>
        compiled.matchWithStats(text, { dfa }),
      );
      assert.equal(stats.matched, expected, label);
      assert.ok(stats.steps <= bound(compiled, text), `${label}: ${stats.steps} steps`);
    }
  }
});

void test("work doubles, not squares, when the text doubles", () => {
  const cases: [string, (n: number) => string][] = [
    ["(a+)+b", (n) => `${a(n)}!b`],
    ["(.*a){20}", (n) => `${a(n)}!`],
    ["(a|aa)*b", (n) => `${a(n)}cb`],
    ["(?:a|b)*a(?:a|b){12}", (n) => `${"ab".repeat(n / 2)}!`],
  ];
  for (const [pattern, text] of cases) {
    const steps = (n: number, dfa: boolean): number =>
      new CompiledRegex(pattern).matchWithStats(text(n), { dfa }).steps;
    for (const dfa of [true, false]) {
      const small = steps(10_000, dfa);
      const large = steps(20_000, dfa);
      assert.ok(small >= 10_000, `${pattern}: only ${small} steps, the text was not read`);
      assert.ok(large <= 2.2 * small, `${pattern}: ${small} → ${large} steps`);
    }
  }
});

void test("a warmed-up DFA costs about one lookup per character", () => {
  const compiled = new CompiledRegex("(a+)+b");
  const text = `${a(N)}b`;
  compiled.matches(text);
  const stats = compiled.matchWithStats(text);
  assert.equal(stats.path, "dfa");
  assert.ok(stats.steps <= text.length + 10, `${stats.steps} steps`);
});

void test("a pattern with an exponential DFA stays bounded and correct", (t) => {
  // The last 15 characters decide; the DFA would need 2^15 states, far over its budget,
  // so the cache is dropped and rebuilt and the match finishes by simulation.
  const compiled = new CompiledRegex("(?:a|b)*a(?:a|b){14}");
  let seed = 1;
  const bit = (): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed >>> 31;
  };
  for (let round = 0; round < 4; round++) {
    const text = Array.from({ length: 100_000 }, () => (bit() === 0 ? "a" : "b")).join("");
    const expected = text[text.length - 15] === "a";
    const stats = timed(t, `exponential DFA round ${round}`, () => compiled.matchWithStats(text));
    assert.equal(stats.matched, expected);
    assert.equal(stats.path, "simulation");
    assert.ok(stats.steps <= bound(compiled, text), `${stats.steps} steps`);
  }
});
