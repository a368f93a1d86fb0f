// Tests of JSON Lines envelopes: lines for nodes and relationships, what a line may hold,
// and the reasons a line is refused.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Node, Relationship, date } from "../index.js";
import { decodeLine, nodeLine, relationshipLine } from "./jsonl-format.js";

void test("lines as documented", () => {
  const n = new Node(7, ["Person"], {
    name: "Ada",
    born: date({ year: 1815, month: 12, day: 10 }),
  });
  assert.equal(
    nodeLine(n),
    '{"type":"node","id":7,"labels":["Person"],"properties":{"name":"Ada","born":{"$date":"1815-12-10"}}}',
  );
  const r = new Relationship(0, 7, 8, "KNOWS", { since: 1833 });
  assert.equal(
    relationshipLine(r),
    '{"type":"relationship","id":0,"src":7,"dst":8,"label":"KNOWS","properties":{"since":1833}}',
  );
});

void test("decoding: ids as keys, defaults for labels and properties", () => {
  assert.deepEqual(decodeLine('{"type":"node","id":"7"}'), {
    kind: "node",
    key: 7,
    labels: [],
    properties: {},
  });
  assert.deepEqual(decodeLine('{"type":"node","id":"007","labels":["A","B"]}'), {
    kind: "node",
    key: "007",
    labels: ["A", "B"],
    properties: {},
  });
  assert.deepEqual(decodeLine('{"type":"node"}'), {
    kind: "node",
    key: null,
    labels: [],
    properties: {},
  });
  const rel = decodeLine(
    '{"type":"relationship","src":1,"dst":"x","label":"R","properties":{"w":1.0}}',
  );
  assert.equal(rel.kind, "relationship");
  assert.deepEqual(
    [rel.kind === "relationship" && rel.src, rel.kind === "relationship" && rel.dst],
    [1, "x"],
  );
});

void test("bad lines say why", () => {
  const cases: [string, RegExp][] = [
    ["[1]", /a line must be a JSON object/],
    ['{"type":"edge"}', /"type" must be "node" or "relationship", got "edge"/],
    ['{"id":1}', /"type" must be "node" or "relationship", got nothing/],
    ['{"type":"node","lables":["A"]}', /node has an unknown key "lables"/],
    ['{"type":"node","labels":"A"}', /"labels" must be an array of strings/],
    ['{"type":"node","id":1.5}', /"id" must be an integer or a string, got 1\.5/],
    ['{"type":"node","properties":[]}', /"properties" must be an object/],
    ['{"type":"relationship","src":1,"dst":2}', /relationship needs a string "label"/],
    ['{"type":"relationship","dst":2,"label":"R"}', /relationship needs "src"/],
    ['{"type":"node",}', /expected a key in double quotes/],
  ];
  for (const [line, re] of cases) assert.throws(() => decodeLine(line), re, line);
});
