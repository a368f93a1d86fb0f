// Pins the code, phase, detail and message of every error a pattern can raise: malformed
// patterns (with the position of the problem), unsupported features, oversized programs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { QueryError } from "../../internal/errors.js";
import { compileRegex, matchRegex, MAX_PROGRAM_SIZE } from "./index.js";

function errorOf(pattern: string): QueryError {
  try {
    compileRegex(pattern);
  } catch (err) {
    assert.ok(err instanceof QueryError, `${pattern} threw ${String(err)}`);
    assert.equal(err.code, "ARGUMENT");
    assert.equal(err.phase, "runtime");
    assert.equal(err.detail, "InvalidArgumentValue");
    return err;
  }
  assert.fail(`${JSON.stringify(pattern)} compiled`);
}

const MALFORMED: readonly [string, string][] = [
  ["(ab", 'invalid regular expression "(ab": unclosed group at position 0'],
  ["a(b(c)", 'invalid regular expression "a(b(c)": unclosed group at position 1'],
  ["ab)", 'invalid regular expression "ab)": unmatched closing parenthesis at position 2'],
  ["*a", 'invalid regular expression "*a": dangling quantifier * at position 0'],
  ["a|+", 'invalid regular expression "a|+": dangling quantifier + at position 2'],
  ["a**", 'invalid regular expression "a**": dangling quantifier * at position 2'],
  ["(?i)?", 'invalid regular expression "(?i)?": dangling quantifier ? at position 4'],
  [
    "a{",
    'invalid regular expression "a{": illegal repetition: { must start {n}, {n,} or {n,m} at position 1',
  ],
  ["{1}", 'invalid regular expression "{1}": dangling quantifier { at position 0'],
  ["a{1", 'invalid regular expression "a{1": unclosed counted repetition at position 1'],
  ["a{3,2}", 'invalid regular expression "a{3,2}": illegal repetition range {3,2} at position 1'],
  [
    "ab\\",
    'invalid regular expression "ab\\\\": dangling backslash at the end of the pattern at position 2',
  ],
  ["[abc", 'invalid regular expression "[abc": unclosed character class at position 0'],
  ["[]", 'invalid regular expression "[]": unclosed character class at position 0'],
  ["[z-a]", 'invalid regular expression "[z-a]": illegal character range at position 1'],
  ["[a-\\d]", 'invalid regular expression "[a-\\\\d]": illegal character range at position 1'],
  ["\\q", 'invalid regular expression "\\\\q": illegal escape sequence \\q at position 0'],
  [
    "[\\b]",
    'invalid regular expression "[\\\\b]": illegal escape sequence \\b in a class at position 1',
  ],
  [
    "\\x4",
    'invalid regular expression "\\\\x4": illegal hexadecimal escape sequence at position 0',
  ],
  [
    "\\x{12",
    'invalid regular expression "\\\\x{12": unclosed hexadecimal escape sequence at position 0',
  ],
  [
    "\\x{110000}",
    'invalid regular expression "\\\\x{110000}": hexadecimal code point is too big at position 0',
  ],
  ["\\u12", 'invalid regular expression "\\\\u12": illegal unicode escape sequence at position 0'],
  ["\\08", 'invalid regular expression "\\\\08": illegal octal escape sequence at position 0'],
  ["\\c", 'invalid regular expression "\\\\c": control escape \\c without a letter at position 0'],
  [
    "\\p{Nope}",
    'invalid regular expression "\\\\p{Nope}": unknown character property {Nope} at position 0',
  ],
  ["\\p{L", 'invalid regular expression "\\\\p{L": unclosed character property at position 0'],
  ["\\p{}", 'invalid regular expression "\\\\p{}": empty character property name at position 0'],
  [
    "(?q)",
    'invalid regular expression "(?q)": unknown inline flag or group type (?q at position 2',
  ],
  [
    "(?<1a>x)",
    'invalid regular expression "(?<1a>x)": group name must start with a letter at position 0',
  ],
  [
    "(?<ab",
    'invalid regular expression "(?<ab": group name is missing its closing > at position 0',
  ],
  ["(?i", 'invalid regular expression "(?i": unclosed group at position 0'],
  ["𝒳(", 'invalid regular expression "𝒳(": unclosed group at position 2'],
];

void test("malformed patterns name the problem and its position", () => {
  for (const [pattern, message] of MALFORMED) {
    assert.equal(errorOf(pattern).message, message, pattern);
  }
});

const UNSUPPORTED: readonly [string, string][] = [
  ["(a)\\1", "back-reference \\1 at position 3"],
  ["(?<n>a)\\k<n>", "named back-reference \\k at position 7"],
  ["(?=a)a", "lookahead (?=…) at position 0"],
  ["a(?!b)", "negative lookahead (?!…) at position 1"],
  ["(?<=a)b", "lookbehind (?<=…) at position 0"],
  ["(?<!a)b", "negative lookbehind (?<!…) at position 0"],
  ["(?>a|ab)c", "atomic group whose match length varies at position 0"],
  ["(?:ab)*+", "possessive quantifier on an expression longer than one character at position 6"],
  ["\\X", "grapheme cluster \\X at position 0"],
  ["\\N{LATIN SMALL LETTER A}", "named character \\N{…} at position 0"],
  ["\\b{g}", "boundary \\b{…} at position 0"],
  ["\\p{InGreek}", "unicode block property {InGreek} at position 0"],
  ["(?c)a", "canonical equivalence flag (?c) at position 0"],
];

void test("unsupported features are refused by name", () => {
  for (const [pattern, rest] of UNSUPPORTED) {
    const expected = `unsupported regular expression feature ${rest} in ${JSON.stringify(pattern)}`;
    assert.equal(errorOf(pattern).message, expected, pattern);
  }
});

void test("counted repetition that would expand past the program limit is refused", () => {
  const expected = (p: string): string =>
    `regular expression ${JSON.stringify(p)} is too large: it would compile to more than ${MAX_PROGRAM_SIZE} states`;
  for (const pattern of [
    "a{100001}",
    "(a{1000}){1000}",
    "((a{10}){10}){2000}",
    "a{0,2147483647}",
  ]) {
    assert.equal(errorOf(pattern).message, expected(pattern));
  }
  // Just under the limit still compiles.
  assert.equal(matchRegex("a{99990}", "a".repeat(99990)), true);
});

void test("long patterns are shortened in messages", () => {
  const pattern = `${"a".repeat(100)}(`;
  const message = errorOf(pattern).message;
  assert.equal(
    message,
    `invalid regular expression "${"a".repeat(60)}…": unclosed group at position 100`,
  );
});

void test("deep nesting is refused rather than overflowing the stack", () => {
  const message = errorOf("(".repeat(5000) + ")".repeat(5000)).message;
  assert.match(message, /groups nested too deeply at position 250$/);
  assert.match(errorOf("[".repeat(500)).message, /character classes nested too deeply/);
});
