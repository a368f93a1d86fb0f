// Lexer: words, names, strings and escapes, numbers, parameters, comments, operators,
// positions, and the errors only characters can show.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { tokenize } from "./lexer.js";
import { errorOf } from "./testing/ast-shape.js";

const kinds = (q: string) => tokenize(q).map((t) => `${t.kind}:${t.text}`);

describe("lexer", () => {
  test("words keep their case; upper holds the keyword form", () => {
    const [match, name] = tokenize("mAtCh fooBar");
    assert.equal(match?.kind, "word");
    assert.equal(match?.upper, "MATCH");
    assert.equal(name?.text, "fooBar");
  });

  test("unicode identifiers, underscores, digits after the first character, currency", () => {
    assert.deepEqual(kinds("_a1 ñandú 名前 a$b"), [
      "word:_a1",
      "word:ñandú",
      "word:名前",
      "word:a$b",
      "eof:",
    ]);
  });

  test("backtick names unescape doubled backticks and may be empty", () => {
    assert.deepEqual(kinds("`a``b` `` `MATCH`"), ["quoted:a`b", "quoted:", "quoted:MATCH", "eof:"]);
  });

  test("strings in either quote with every escape", () => {
    const [t] = tokenize(String.raw`'a\\b\'c\"d\ne\tf\rg\bh\fi\u00e9\U0001F600' "it's"`);
    assert.equal(t?.text, "a\\b'c\"d\ne\tf\rg\bh\fi\u00e9\u{1F600}");
    assert.equal(tokenize(`"it's"`)[0]?.text, "it's");
  });

  test("a malformed unicode escape is InvalidUnicodeLiteral", () => {
    for (const q of [
      String.raw`RETURN '\uH'`,
      String.raw`RETURN '\U0011FFFF'`,
      String.raw`'\u12'`,
    ]) {
      const err = errorOf(() => tokenize(q));
      assert.equal(err.code, "SYNTAX");
      assert.equal(err.detail, "InvalidUnicodeLiteral", q);
    }
  });

  test("an unknown escape and an unterminated string are syntax errors", () => {
    assert.equal(errorOf(() => tokenize(String.raw`'\q'`)).detail, "UnexpectedSyntax");
    const err = errorOf(() => tokenize("RETURN 'abc"));
    assert.equal(err.column, 8);
    assert.match(err.message, /^unterminated string literal/);
  });

  test("integers: decimal, hex, octal, legacy octal; values as bigint", () => {
    const values = tokenize("0 42 0x1F 0XfF 0o17 017 9223372036854775808").map((t) => t.integer);
    assert.deepEqual(values, [0n, 42n, 31n, 255n, 15n, 15n, 9223372036854775808n, undefined]);
  });

  test("floats: fraction, leading dot, exponent", () => {
    const values = tokenize("1.5 .5 1e3 2E-2 3.0e+1 1.34E999").map((t) => t.float);
    assert.deepEqual(values, [1.5, 0.5, 1000, 0.02, 30, Infinity, undefined]);
  });

  test("ranges and slices split `1..3` into integer, dots, integer", () => {
    assert.deepEqual(kinds("[1..3]"), [
      "punct:[",
      "integer:1",
      "punct:..",
      "integer:3",
      "punct:]",
      "eof:",
    ]);
  });

  test("digits run into letters make a badNumber token", () => {
    assert.deepEqual(kinds("12ab 0x 0x1G 09"), [
      "badNumber:12ab",
      "badNumber:0x",
      "badNumber:0x1G",
      "badNumber:09",
      "eof:",
    ]);
  });

  test("parameters by name, number, or quoted name", () => {
    assert.deepEqual(kinds("$name $0 $`a b`"), [
      "parameter:name",
      "parameter:0",
      "parameter:a b",
      "eof:",
    ]);
  });

  test("comments are skipped; positions count lines and columns", () => {
    const tokens = tokenize("MATCH // one\n  /* two\n three */ (n)");
    assert.deepEqual(
      tokens.map((t) => [t.text, t.pos.line, t.pos.column]),
      [
        ["MATCH", 1, 1],
        ["(", 3, 11],
        ["n", 3, 12],
        [")", 3, 13],
        ["", 3, 14],
      ],
    );
    assert.match(errorOf(() => tokenize("/* open")).message, /unterminated comment/);
  });

  test("operators match longest first", () => {
    assert.deepEqual(
      kinds("=~ <> <= >= += .. <-- -->").slice(0, -1),
      ["=~", "<>", "<=", ">=", "+=", "..", "<", "-", "-", "-", "-", ">"].map((p) => `punct:${p}`),
    );
  });

  test("an unknown non-ASCII character is InvalidUnicodeCharacter, ASCII is UnexpectedSyntax", () => {
    const dash = errorOf(() => tokenize("RETURN 42 — 41"));
    assert.equal(dash.detail, "InvalidUnicodeCharacter");
    assert.equal(dash.column, 11);
    assert.equal(errorOf(() => tokenize("RETURN 1 # 2")).detail, "UnexpectedSyntax");
    assert.match(errorOf(() => tokenize("RETURN 1 != 2")).message, /use "<>"/);
  });
});
