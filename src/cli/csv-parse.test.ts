// Tests of the CSV tokenizer: RFC 4180 quoting, line breaks inside quotes, CRLF, records
// split across chunks at every position, empty versus quoted-empty fields, and bad records
// reported with their line while parsing goes on.
import { test } from "node:test";
import assert from "node:assert/strict";
import { CsvParser, type CsvRow } from "./csv-parse.js";

function parseAll(text: string, chunkSize = text.length || 1): CsvRow[] {
  const p = new CsvParser();
  const rows: CsvRow[] = [];
  for (let i = 0; i < text.length; i += chunkSize)
    rows.push(...p.feed(text.slice(i, i + chunkSize)));
  rows.push(...p.end());
  return rows;
}

const TRICKY = 'a,"b ""q"", c","multi\nline\r\nfield",,""\r\n\n"x"\n1,2,3,4,5';

void test("quotes, delimiters and line breaks inside quoted fields", () => {
  assert.deepEqual(parseAll(TRICKY), [
    { line: 1, fields: ["a", 'b "q", c', "multi\nline\r\nfield", null, ""] },
    { line: 5, fields: ["x"] },
    { line: 6, fields: ["1", "2", "3", "4", "5"] },
  ]);
});

void test("the same records whatever the chunk boundaries", () => {
  const whole = parseAll(TRICKY);
  for (let size = 1; size <= TRICKY.length; size++)
    assert.deepEqual(parseAll(TRICKY, size), whole, `chunks of ${size}`);
});

void test("CRLF records, a missing final line break, and an empty file", () => {
  assert.deepEqual(parseAll("a,b\r\nc,d"), [
    { line: 1, fields: ["a", "b"] },
    { line: 2, fields: ["c", "d"] },
  ]);
  assert.deepEqual(parseAll(""), []);
  assert.deepEqual(parseAll("\n\n"), []);
  assert.deepEqual(parseAll('""'), [{ line: 1, fields: [""] }]);
});

void test("bad records are reported with their line and parsing resumes", () => {
  assert.deepEqual(parseAll('a,b"c\nok,1\n"x"y,2\n"z",3\n"open\nnever closed'), [
    { line: 1, error: "quote in an unquoted field (quote the whole field)" },
    { line: 2, fields: ["ok", "1"] },
    { line: 3, error: "text after a closing quote" },
    { line: 4, fields: ["z", "3"] },
    { line: 5, error: "unterminated quoted field" },
  ]);
});

void test("another delimiter", () => {
  const p = new CsvParser("\t");
  assert.deepEqual(p.feed('a\t"b\tc"\n'), [{ line: 1, fields: ["a", "b\tc"] }]);
  assert.throws(() => new CsvParser('"'), RangeError);
});
