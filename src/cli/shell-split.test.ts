// Tests of the shell's statement splitting and value notation: `;` inside strings,
// backtick names and comments, statements over several lines and several on one line,
// start lines, comment-only input; Cypher-like text and exact JSON of graph values.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Node, Path, Relationship, date, float } from "../index.js";
import { StatementSplitter } from "./shell-split.js";
import { cypherText, jsonText, paramsText } from "./shell-values.js";

function split(text: string): { text: string; line: number }[] {
  const s = new StatementSplitter();
  const out = text.split("\n").flatMap((l, i) => s.push(l, i + 1));
  const last = s.finish();
  return last === null ? out : [...out, last];
}

test("a `;` ends a statement only outside strings, names and comments", () => {
  assert.deepEqual(
    split(`RETURN 'a;b' AS x; RETURN "c\\";d" AS \`e;f\`;RETURN 1 // g;h\n;`).map((s) => s.text),
    [`RETURN 'a;b' AS x`, `RETURN "c\\";d" AS \`e;f\``, "RETURN 1 // g;h"],
  );
  assert.deepEqual(
    split("RETURN /* ; */ 1 AS `a``;b`;").map((s) => s.text),
    ["RETURN /* ; */ 1 AS `a``;b`"],
  );
  assert.deepEqual(
    split("RETURN '\\\\';RETURN 2").map((s) => s.text),
    ["RETURN '\\\\'", "RETURN 2"],
  );
});

test("statements span lines, strings and comments too; start lines are kept", () => {
  const got = split("\nMATCH (n)\n  RETURN n;\n\nRETURN 'a\n;b' AS s; /* x\n;*/ RETURN 3;");
  assert.deepEqual(got, [
    { text: "MATCH (n)\n  RETURN n", line: 2 },
    { text: "RETURN 'a\n;b' AS s", line: 5 },
    { text: "/* x\n;*/ RETURN 3", line: 6 },
  ]);
});

test("blank and comment-only statements are skipped; pending says a statement has begun", () => {
  assert.deepEqual(split(";;  ; // only a comment;\n/* c */;"), []);
  const s = new StatementSplitter();
  assert.equal(s.pending, false);
  assert.deepEqual(s.push("RETURN 1 +", 1), []);
  assert.equal(s.pending, true);
  assert.deepEqual(s.push("2;", 2), [{ text: "RETURN 1 +\n2", line: 1 }]);
  assert.equal(s.pending, false);
  s.push("RETURN 'open", 3);
  s.clear();
  assert.deepEqual(s.push("RETURN 4;", 4), [{ text: "RETURN 4", line: 4 }]);
  assert.equal(s.finish(), null);
});

test("cypherText: Int vs Float, quoted nested strings, graph values, temporal text", () => {
  const ada = new Node(0, ["Person"], { name: "Ada", born: 1815 });
  const bob = new Node(1, ["Person", "Odd label"], {});
  const knows = new Relationship(5, 0, 1, "KNOWS", { since: 1833 });
  const back = new Relationship(6, 0, 1, "R", {});
  assert.equal(cypherText(1), "1");
  assert.equal(cypherText(float(1)), "1.0");
  assert.equal(cypherText(1.5), "1.5");
  assert.equal(cypherText(NaN), "NaN");
  assert.equal(cypherText(9223372036854775807n), "9223372036854775807");
  assert.equal(cypherText("plain"), "plain");
  assert.equal(cypherText(["a", 1, null, { "k k": float(2) }]), '["a", 1, null, {`k k`: 2.0}]');
  assert.equal(cypherText(ada), '(:Person {name: "Ada", born: 1815})');
  assert.equal(cypherText(bob), "(:Person:`Odd label`)");
  assert.equal(cypherText(knows), "[:KNOWS {since: 1833}]");
  assert.equal(
    cypherText(new Path([ada, bob, ada], [knows, back])),
    '(:Person {name: "Ada", born: 1815})-[:KNOWS {since: 1833}]->(:Person:`Odd label`)<-[:R]-(:Person {name: "Ada", born: 1815})',
  );
  assert.equal(cypherText(date({ year: 2024, month: 2, day: 29 })), "2024-02-29");
  assert.equal(
    paramsText({ d: date({ year: 2024, month: 2, day: 29 }), s: 'a"b' }),
    '{d: date("2024-02-29"), s: "a\\"b"}',
  );
});

test("jsonText: exact numbers, tagged values, graph tags, $-maps wrapped", () => {
  const ada = new Node(0, ["Person"], { score: float(3) });
  const knows = new Relationship(5, 0, 0, "KNOWS", {});
  assert.equal(jsonText([1, float(1), 2n ** 63n - 1n]), "[1,1.0,9223372036854775807]");
  assert.equal(jsonText(date({ year: 2024, month: 2, day: 29 })), '{"$date":"2024-02-29"}');
  assert.equal(jsonText({ $x: 1 }), '{"$map":{"$x":1}}');
  assert.equal(jsonText(ada), '{"$node":{"id":0,"labels":["Person"],"properties":{"score":3.0}}}');
  assert.equal(
    jsonText(new Path([ada, ada], [knows])),
    '{"$path":{"nodes":[{"id":0,"labels":["Person"],"properties":{"score":3.0}},{"id":0,"labels":["Person"],"properties":{"score":3.0}}],"relationships":[{"id":5,"type":"KNOWS","src":0,"dst":0,"properties":{}}]}}',
  );
});
