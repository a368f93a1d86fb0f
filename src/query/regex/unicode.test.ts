// Unicode behaviour: text and pattern are read by code point (a surrogate pair is one
// character, a lone surrogate is one too), \p{…} classes agree with JavaScript's own
// property tables, and (?iu) folds case beyond ASCII.
import { test } from "node:test";
import assert from "node:assert/strict";
import { CompiledRegex } from "./compiled-regex.js";
import { matchRegex } from "./index.js";

void test("a surrogate pair is one character in texts and patterns", () => {
  const rows: [string, string, boolean][] = [
    [".", "😀", true],
    ["..", "😀", false],
    [".{2}", "😀😀", true],
    ["[😀]", "😀", true],
    ["[^a]", "😀", true],
    ["[😀-😂]+", "😁😀😂", true],
    ["😀+", "😀😀😀", true],
    ["a😀?b", "ab", true],
    ["\\uD83D", "\uD83D", true], // a lone surrogate matches itself
    ["\\uD83D", "😀", false],
    [".", "\uDE00", true],
    ["..", "\uDE00\uD83D", true], // low then high: two lone surrogates
    ["\\x{1F600}", "😀", true],
    ["(?i)😀", "😀", true],
    ["\\p{So}", "😀", true],
    ["[^😀]", "\uD83D", true],
  ];
  for (const [pattern, text, expected] of rows) {
    const c = new CompiledRegex(pattern);
    const message = `${pattern} on ${JSON.stringify(text)}`;
    assert.equal(c.matches(text), expected, message);
    assert.equal(c.matchWithStats(text, { dfa: false }).matched, expected, message);
  }
});

/** Every ASCII character, a stride through all of Unicode, and each plane's edges. */
function sampleCodePoints(): number[] {
  const out: number[] = [];
  for (let c = 0; c < 0x80; c++) out.push(c);
  for (let c = 0x80; c <= 0x10ffff; c += 61) out.push(c);
  for (let plane = 0; plane <= 16; plane++) {
    const base = plane * 0x10000;
    out.push(base, base + 1, base + 0xfffd, base + 0xfffe, base + 0xffff);
  }
  return out;
}

void test("\\p{…} classes agree with JavaScript's Unicode properties", () => {
  const pairs: [java: string, js: string][] = [
    ["\\p{L}", "\\p{L}"],
    ["\\pL", "\\p{L}"],
    ["\\PL", "\\P{L}"],
    ["\\p{Lu}", "\\p{Lu}"],
    ["\\p{IsLu}", "\\p{Lu}"],
    ["\\p{gc=Nd}", "\\p{Nd}"],
    ["\\p{general_category=Sc}", "\\p{Sc}"],
    ["\\p{P}", "\\p{P}"],
    ["\\p{IsGreek}", "\\p{Script=Greek}"],
    ["\\p{IsLATIN}", "\\p{Script=Latin}"],
    ["\\p{script=cyrl}", "\\p{Script=Cyrillic}"],
    ["\\p{sc=Old_Italic}", "\\p{Script=Old_Italic}"],
    ["\\p{IsAlphabetic}", "\\p{Alphabetic}"],
    ["\\p{IsWhite_Space}", "\\p{White_Space}"],
    ["\\p{IsWhiteSpace}", "\\p{White_Space}"],
    ["\\p{javaLetter}", "\\p{L}"],
    ["\\p{Cn}", "\\p{Cn}"],
    ["\\p{Cs}", "\\p{Cs}"],
    ["\\p{Co}", "\\p{Co}"],
    ["\\p{IsNoncharacterCodePoint}", "\\p{Noncharacter_Code_Point}"],
    ["\\p{javaDefined}", "\\P{Cn}"],
    ["[\\p{L}&&\\p{IsCyrillic}]", "[\\p{L}--[^\\p{Script=Cyrillic}]]"],
  ];
  const points = sampleCodePoints();
  for (const [java, js] of pairs) {
    const ours = new CompiledRegex(java);
    const theirs = new RegExp(`^${js}$`, js.includes("--") ? "v" : "u");
    for (const c of points) {
      const text = String.fromCodePoint(c);
      assert.equal(ours.matches(text), theirs.test(text), `${java} on U+${c.toString(16)}`);
    }
  }
});

void test("(?iu) folds case across scripts; (?i) alone leaves non-ASCII alone", () => {
  const pairs: [string, string][] = [
    ["é", "É"],
    ["ж", "Ж"],
    ["ω", "Ω"],
    ["ա", "Ա"],
    ["ǆ", "ǅ"], // title case folds with both others
    ["ǆ", "Ǆ"],
    ["𐐨", "𐐀"], // Deseret, outside the BMP
    ["i", "İ"], // Java lowercases U+0130 to plain i
  ];
  for (const [lower, upper] of pairs) {
    assert.equal(matchRegex(`(?iu)${lower}`, upper), true, `${lower} ~ ${upper}`);
    assert.equal(matchRegex(`(?iu)${upper}`, lower), true, `${upper} ~ ${lower}`);
    assert.equal(matchRegex(`(?iu)[${lower}]`, upper), true, `[${lower}] ~ ${upper}`);
    if (lower !== "i") assert.equal(matchRegex(`(?i)${lower}`, upper), false, `(?i)${lower}`);
  }
  assert.equal(matchRegex("(?iu)[а-я]+", "ПРИВЕТ"), true);
  assert.equal(matchRegex("(?iu)[^а-я]", "П"), false);
  assert.equal(matchRegex("(?iu)\\p{IsCyrillic}+", "Привет"), true);
});
