// Where Java's pattern language differs from JavaScript's, the answers Java gives, pinned
// case by case: $ before a final line terminator, multiline anchors, Java's \s \w \d and
// line terminators, ASCII-only (?i), \Q…\E, class union and intersection, possessive
// quantifiers, inline flag scoping, (?x) comments, escapes JavaScript lacks.
import { test } from "node:test";
import assert from "node:assert/strict";
import { CompiledRegex } from "./compiled-regex.js";

type Row = readonly [pattern: string, text: string, expected: boolean];

function check(rows: readonly Row[]): void {
  for (const [pattern, text, expected] of rows) {
    const compiled = new CompiledRegex(pattern);
    const message = `${JSON.stringify(pattern)} on ${JSON.stringify(text)}`;
    assert.equal(compiled.matches(text), expected, message);
    assert.equal(compiled.matchWithStats(text, { dfa: false }).matched, expected, message);
  }
}

void test("$ and \\Z also match before a final line terminator, \\z only at the end", () => {
  check([
    ["a$", "a\n", false], // $ matches at 1, but the \n is never consumed
    ["a$\\n", "a\n", true],
    ["a$\\r\\n", "a\r\n", true],
    ["a\\r$\\n", "a\r\n", false], // never between \r and \n
    ["a$\\u0085", "a\u0085", true],
    ["a$\\u2028", "a\u2028", true],
    ["a$.", "ab", false],
    ["a$\\n\\n", "a\n\n", false],
    ["a\\Z\\n", "a\n", true],
    ["a\\z\\n", "a\n", false],
    ["a\\z", "a", true],
    ["(?d)a$\\r", "a\r", false], // under (?d) only \n terminates a line
    ["(?d)a$\\n", "a\n", true],
    ["(?d)a\\Z\\n", "a\n", true],
    ["\\Aabc", "abc", true],
    ["a\\A", "a", false],
    ["\\Ga", "a", true],
  ]);
});

void test("multiline anchors follow Java, including no ^ at the very end", () => {
  check([
    ["(?m)a$\\nb", "a\nb", true],
    ["(?m)a\\n^b", "a\nb", true],
    ["(?m)^", "", false], // Java never matches a multiline ^ at the end of the text
    ["(?m)a\\n^", "a\n", false],
    ["^", "", true],
    ["(?m)a\\r^\\nb", "a\r\nb", false],
    ["(?m)a\\r\\n^b", "a\r\nb", true],
    ["(?m)a$\\r\\nb", "a\r\nb", true],
    ["(?m)a\\r$\\nb", "a\r\nb", false],
    ["(?m)a$\\u2029b", "a\u2029b", true],
    ["(?m)a$", "a", true],
    ["(?md)a$\\rb", "a\rb", false],
    ["(?md)a\\n^b", "a\nb", true],
    ["(?md)a\\r^b", "a\rb", false],
    ["(?m)(^a\\n)*$", "a\na\n", true],
  ]);
});

void test(". excludes Java's line terminators unless (?s); (?d) narrows them to \\n", () => {
  check([
    ["a.b", "a\nb", false],
    ["a.b", "a\rb", false],
    ["a.b", "a\u0085b", false],
    ["a.b", "a\u2028b", false],
    ["a.b", "a\u000bb", true],
    ["(?s)a.b", "a\nb", true],
    ["(?d)a.b", "a\rb", true],
    ["(?d)a.b", "a\nb", false],
    ["(?s:a.)b", "a\nb", true],
    ["(?s:a)\\n.", "a\n\n", false],
  ]);
});

void test("\\s \\w \\d \\b are ASCII unless (?U); \\h \\v \\R are Java's", () => {
  check([
    ["\\s", "\u000b", true],
    ["\\s", "\u00a0", false],
    ["(?U)\\s", "\u00a0", true],
    ["\\w", "é", false],
    ["(?U)\\w+", "héllo", true],
    ["\\d", "\u0663", false],
    ["(?U)\\d", "\u0663", true],
    ["\\bé", "é", false],
    ["(?U)\\bé\\b", "é", true],
    ["a\\b-", "a-", true],
    ["\\h", "\u00a0", true],
    ["\\h", "\n", false],
    ["\\v", "\u2028", true],
    ["\\V", "a", true],
    ["\\R", "\r\n", true],
    ["\\R", "\u0085", true],
    ["\\p{Lower}+", "abc", true],
    ["\\p{Lower}", "é", false],
    ["(?U)\\p{Lower}", "é", true],
    ["\\p{Punct}+", "!?.", true],
    ["\\p{XDigit}+", "0aF", true],
    ["\\p{javaLowerCase}", "é", true],
  ]);
});

void test("(?i) is ASCII-only; (?iu) folds Unicode case", () => {
  check([
    ["(?i)abc", "AbC", true],
    ["(?i)é", "É", false],
    ["(?iu)é", "É", true],
    ["(?iU)é", "É", true],
    ["(?i)[a-c]+", "ABC", true],
    ["(?i)[^a]", "A", false],
    ["(?i)[Z-a]", "z", true], // Z-a covers Z [ \ ] ^ _ ` a; z folds to Z
    ["(?iu)k", "\u212a", true], // Kelvin sign
    ["(?i)k", "\u212a", false],
    ["(?iu)\u03c3", "\u03a3", true],
    ["(?iu)\u03c3", "\u03c2", true], // final sigma folds with sigma
    ["(?iu)straße", "STRASSE", false], // one character never matches two
    ["(?iu)ß", "ẞ", true],
    ["(?i)\\p{Lower}", "A", true],
    ["(?i)\\p{Lu}", "a", true],
    ["(?i:a)b", "Ab", true],
    ["(?i:a)b", "AB", false],
    ["a(?i)b|c", "C", true], // a flag holds to the end of its group, across alternatives
    ["(a(?i)b)c", "aBc", true],
    ["(a(?i)b)c", "aBC", false],
    ["(?i)(?-i)a", "A", false],
    ["(?i)1", "1", true],
  ]);
});

void test("\\Q…\\E quotes metacharacters; a quantifier after it binds to the last character", () => {
  check([
    ["\\Qa.b\\E", "a.b", true],
    ["\\Qa.b\\E", "axb", false],
    ["\\Q(\\E+", "((", true],
    ["a\\Q\\E*", "aaa", true],
    ["\\Q\\d", "\\d", true],
    ["[\\Q]\\E]", "]", true],
    ["[\\Q^\\E]", "^", true],
    ["[a\\Q-\\Ec]", "-", true],
    ["[a\\Q-\\Ec]", "b", false],
    ["\\\\Q.", "\\Qx", true],
  ]);
});

void test("classes: Java's nesting, intersection, literal ] and -", () => {
  check([
    ["[a-z&&[^aeiou]]+", "bcd", true],
    ["[a-z&&[^aeiou]]+", "bad", false],
    ["[\\w&&\\D]+", "ab_", true],
    ["[\\w&&\\D]", "1", false],
    ["[a[bc]]+", "abc", true],
    ["[^a[bc]]", "b", false], // the negation covers the nested class (Java 9+)
    ["[^a[bc]]", "d", true],
    ["[a-c&&b-d&&c-e]", "c", true],
    ["[a-c&&b-d&&c-e]", "b", false],
    ["[]a]+", "]a", true],
    ["[^]a]", "b", true],
    ["[a-]", "-", true],
    ["[-a]", "-", true],
    ["[a&b]", "&", true],
    ["[\\p{L}&&[^a-z]]", "É", true],
    ["[\\x{1F600}-\\x{1F64F}]", "😃", true],
  ]);
});

void test("possessive quantifiers and atomic groups never give back", () => {
  check([
    ["a*+a", "aa", false],
    ["a++b", "aab", true],
    ["[ab]*+b", "ab", false],
    ["a?+a", "a", false],
    ["a?+b", "ab", true],
    ["a{1,3}+a", "aaaa", true],
    ["a{1,3}+a", "aaa", false],
    ["a{2}+", "aa", true],
    ["\\d*+\\.", "12.", true],
    ['[^"]*+"', 'abc"', true],
    ["(?>ab|cd)e", "cde", true],
    ["(?>a+)b", "aab", true],
    ["(?>a+)a", "aa", false],
    ["(?:a|b)++a", "aba", false],
    ["\\b*+a", "a", true],
  ]);
});

void test("escapes JavaScript spells differently or lacks", () => {
  check([
    ["\\x{1F600}", "😀", true],
    ["\\uD83D\\uDE00", "😀", true],
    ["\\0101", "A", true],
    ["\\011", "\t", true],
    ["\\0777", "?7", true], // \077 is ?, and 7 no longer fits an octal escape
    ["\\cA", "\u0001", true],
    ["\\e\\a", "\u001b\u0007", true],
    ["\\<\\>", "<>", true],
    ["(?<name>a)b", "ab", true],
    ["(?x) a b # comment\n c", "abc", true],
    ["(?x)a\\ b", "a b", true],
    ["(?x)[ a ]", " ", false],
    ["(?x)a{2}", "aa", true],
    ["(?x)a b(?-x) c", "ab c", true],
    ["a{0}", "", true],
    ["a|", "", true],
    ["()", "", true],
    ["^*a", "a", true],
  ]);
});
