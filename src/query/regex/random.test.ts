// Random small patterns and texts over a tiny alphabet, checked against JavaScript's own
// RegExp (anchored as ^(?:…)$ with the u flag), where Java and JavaScript agree: no line
// terminators in the texts, ASCII only. Possessive quantifiers and atomic groups, which
// JavaScript lacks, are rendered for it with the classic (?=(X))\1 emulation. Every case is
// run through both the lazy DFA and the plain simulation. The generator is seeded, so a
// failure names a reproducible pattern.
import { test } from "node:test";
import assert from "node:assert/strict";
import { CompiledRegex } from "./compiled-regex.js";

/** Deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Rendered {
  java: string;
  js: string;
  /** Whether the piece consumes exactly one character from a set (possessive-able). */
  single: boolean;
}

class Generator {
  readonly #r: () => number;
  /** Capturing groups used by the JavaScript emulation of atomic groups. */
  groups = 0;

  constructor(seed: number) {
    this.#r = rng(seed);
  }

  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.#r() * xs.length)]!;
  }

  int(lo: number, hi: number): number {
    return lo + Math.floor(this.#r() * (hi - lo + 1));
  }

  single(): Rendered {
    const s = this.pick(["a", "b", "1", " ", ".", "[ab]", "[^a]", "[a-b1]", "\\d", "\\w", "\\s"]);
    return { java: s, js: s, single: true };
  }

  atom(depth: number): Rendered {
    const roll = this.#r();
    if (depth <= 0 || roll < 0.55) return this.single();
    if (roll < 0.75) {
      const inner = this.alternation(depth - 1);
      return { java: `(${inner.java})`, js: `(?:${inner.js})`, single: false };
    }
    if (roll < 0.85) {
      const inner = this.alternation(depth - 1);
      return { java: `(?:${inner.java})`, js: `(?:${inner.js})`, single: false };
    }
    if (roll < 0.93) return this.atomicGroup();
    const anchor = this.pick(["^", "$", "\\b", "\\B"]);
    return { java: anchor, js: anchor, single: false };
  }

  /** An atomic group over same-length alternatives: the rewrite possessive.ts accepts. */
  atomicGroup(): Rendered {
    const len = this.int(1, 2);
    const word = (): string => Array.from({ length: len }, () => this.pick(["a", "b"])).join("");
    const body = `${word()}|${word()}`;
    const n = ++this.groups;
    return { java: `(?>${body})`, js: `(?:(?=(${body}))\\${n})`, single: false };
  }

  quantified(depth: number): Rendered {
    const a = this.atom(depth);
    if (a.java === "^" || a.java === "$" || a.java.startsWith("\\b") || a.java === "\\B") return a;
    if (this.#r() < 0.5) return a;
    const lo = this.int(0, 2);
    const q = this.pick(["*", "+", "?", `{${lo}}`, `{${lo},}`, `{${lo},${lo + this.int(0, 2)}}`]);
    if (a.single && this.#r() < 0.3) {
      const n = ++this.groups;
      return { java: `${a.java}${q}+`, js: `(?:(?=(${a.js}${q}))\\${n})`, single: false };
    }
    const lazy = this.#r() < 0.2 ? "?" : "";
    return { java: `${a.java}${q}${lazy}`, js: `${a.js}${q}${lazy}`, single: false };
  }

  sequence(depth: number): Rendered {
    const parts = Array.from({ length: this.int(1, 3) }, () => this.quantified(depth));
    return {
      java: parts.map((p) => p.java).join(""),
      js: parts.map((p) => p.js).join(""),
      single: false,
    };
  }

  alternation(depth: number): Rendered {
    const branches = Array.from({ length: this.#r() < 0.7 ? 1 : this.int(2, 3) }, () =>
      this.sequence(depth),
    );
    return {
      java: branches.map((b) => b.java).join("|"),
      js: branches.map((b) => b.js).join("|"),
      single: false,
    };
  }

  text(alphabet: readonly string[]): string {
    return Array.from({ length: this.int(0, 7) }, () => this.pick(alphabet)).join("");
  }
}

const ALPHABET = ["a", "a", "a", "b", "b", "b", "1", " "];

void test("random patterns agree with JavaScript's RegExp in DFA and simulation modes", () => {
  const g = new Generator(20240611);
  let checked = 0;
  let matched = 0;
  for (let p = 0; p < 1500; p++) {
    g.groups = 0;
    const pattern = g.alternation(3);
    const re = new RegExp(`^(?:${pattern.js})$`, "u");
    const compiled = new CompiledRegex(pattern.java);
    for (let t = 0; t < 12; t++) {
      const text = g.text(ALPHABET);
      const expected = re.test(text);
      const message = `pattern ${JSON.stringify(pattern.java)} (js ${pattern.js}) on ${JSON.stringify(text)}`;
      assert.equal(compiled.matchWithStats(text).matched, expected, message);
      assert.equal(compiled.matchWithStats(text, { dfa: false }).matched, expected, message);
      checked++;
      if (expected) matched++;
    }
  }
  // The comparison only means something if a fair share of cases actually match.
  assert.ok(matched > checked / 10, `only ${matched} of ${checked} cases matched`);
});

void test("random case-insensitive and dot-all patterns agree with JavaScript", () => {
  const g = new Generator(7);
  const alphabet = ["a", "A", "b", "B", "\n", "1"];
  let matched = 0;
  for (let p = 0; p < 600; p++) {
    g.groups = 0;
    const pattern = g.alternation(2);
    const flags = g.pick(["i", "s", "is"]);
    const re = new RegExp(`^(?:${pattern.js})$`, `u${flags}`);
    // Java's $ also matches before a final line terminator; JavaScript's does not.
    if (pattern.java.includes("$") && flags.includes("s")) continue;
    const compiled = new CompiledRegex(`(?${flags})${pattern.java}`);
    for (let t = 0; t < 10; t++) {
      const text = flags.includes("s") ? g.text(alphabet) : g.text(alphabet.slice(0, 4));
      const expected = re.test(text);
      if (expected) matched++;
      assert.equal(
        compiled.matches(text),
        expected,
        `(?${flags})${pattern.java} on ${JSON.stringify(text)}`,
      );
    }
  }
  assert.ok(matched > 200, `only ${matched} cases matched`);
});

void test("random patterns with Java's anchors give the same answers in DFA and simulation", () => {
  // Java-only semantics (\Z, $ before a final terminator, multiline and (?d) anchors)
  // have no JavaScript counterpart; the plain simulation evaluates every assertion afresh
  // at every position, so it checks the DFA's cached treatment of the same assertions.
  const g = new Generator(99);
  const anchors = ["$", "^", "\\Z", "\\z", "\\A", "\\b", "\\B", "\\R", "\\n", "\\r", "."];
  const alphabet = ["a", "a", "b", "\n", "\r", "\u2028", " "];
  let matched = 0;
  for (let p = 0; p < 400; p++) {
    g.groups = 0;
    const flags = g.pick(["", "(?m)", "(?d)", "(?md)", "(?s)", "(?U)"]);
    const parts = Array.from({ length: g.int(2, 6) }, () =>
      g.int(0, 2) === 0 ? g.pick(anchors) : g.quantified(1).java,
    );
    const pattern = flags + parts.join("");
    const compiled = new CompiledRegex(pattern);
    for (let t = 0; t < 15; t++) {
      const text = g.text(alphabet);
      const viaDfa = compiled.matches(text);
      const viaSimulation = compiled.matchWithStats(text, { dfa: false }).matched;
      assert.equal(viaDfa, viaSimulation, `${JSON.stringify(pattern)} on ${JSON.stringify(text)}`);
      if (viaDfa) matched++;
    }
  }
  assert.ok(matched > 100, `only ${matched} cases matched`);
});
