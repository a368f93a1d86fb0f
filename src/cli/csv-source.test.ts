// Tests of CSV files as import sources: which columns a node or relationship file may
// have, records to items (id groups, the named id property, labels, absent cells), and a
// bad header rejecting its file.
import { test } from "node:test";
import assert from "node:assert/strict";
import { csvSource, parseHeader, recordItem } from "./csv-source.js";
import type { SourceEntry } from "./import-batches.js";

async function* text(...chunks: string[]): AsyncGenerator<string> {
  for (const c of chunks) {
    await Promise.resolve();
    yield c;
  }
}

async function entriesOf(
  kind: "nodes" | "relationships",
  ...chunks: string[]
): Promise<SourceEntry[]> {
  const source = csvSource("f.csv", { bytesRead: () => 0, chunks: text(...chunks) }, kind, ";");
  const out: SourceEntry[] = [];
  for await (const group of source.entries()) out.push(...group);
  return out;
}

void test("headers: what each kind of file may hold", () => {
  assert.equal(parseHeader([":ID", "name", ":LABEL", ":LABEL"], "nodes").length, 4);
  assert.throws(() => parseHeader([":ID", ":ID(x)"], "nodes"), /a nodes file has one :ID column/);
  assert.throws(
    () => parseHeader([":START_ID", ":END_ID"], "relationships"),
    /needs one :TYPE column/,
  );
  assert.throws(
    () => parseHeader([":ID", ":TYPE"], "nodes"),
    /a nodes file cannot have a :TYPE column/,
  );
  assert.throws(() => parseHeader(["a", "a:int"], "nodes"), /property "a" has two columns/);
  assert.throws(() => parseHeader(["a:ID", "a"], "nodes"), /property "a" has two columns/);
});

void test("records to items", () => {
  const nodeCols = parseHeader(["uid:ID(P)", "age:int", ":LABEL"], "nodes");
  assert.deepEqual(recordItem(nodeCols, ["7", null, "A;;B"], "nodes", ";"), {
    kind: "node",
    key: "P\u00007",
    labels: ["A", "B"],
    properties: Object.assign(Object.create(null) as object, { uid: "7" }),
  });
  const plain = recordItem(parseHeader([":ID"], "nodes"), ["7"], "nodes", ";");
  assert.equal(plain.kind === "node" && plain.key, 7);
  const relCols = parseHeader([":START_ID(P)", ":END_ID", ":TYPE"], "relationships");
  const rel = recordItem(relCols, ["1", "x", "R"], "relationships", ";");
  assert.deepEqual(rel.kind === "relationship" && [rel.src, rel.dst, rel.type], [
    "P\u00001",
    "x",
    "R",
  ]);
  assert.throws(
    () => recordItem(relCols, ["1", "x"], "relationships", ";"),
    /the record has 2 fields, the header 3/,
  );
  assert.throws(
    () => recordItem(relCols, ["1", "x", null], "relationships", ";"),
    /:TYPE is empty/,
  );
  assert.throws(() => recordItem(nodeCols, ["", "1", null], "nodes", ";"), /:ID is empty/);
  assert.throws(
    () => recordItem(nodeCols, ["1", "x", null], "nodes", ";"),
    /column "age": "x" is not an integer/,
  );
});

void test("a source: header first, records after, across chunks", async () => {
  const entries = await entriesOf("nodes", ":ID,na", 'me\n1,Ada\n2,"B\nob"\n3,x,y\n');
  assert.deepEqual(
    entries.map((e) => [
      e.line,
      e.error ?? (e.item.kind === "node" ? e.item.properties["name"] : null),
    ]),
    [
      [2, "Ada"],
      [3, "B\nob"],
      [5, "the record has 3 fields, the header 2"],
    ],
  );
});

void test("a bad or missing header rejects the file", async () => {
  assert.deepEqual(await entriesOf("nodes", "a:nope\n1\n2\n"), [
    {
      line: 1,
      error:
        'header: "a:nope": unknown type "nope" (a property key with ":" in it needs an explicit type, e.g. "a:nope:string")',
    },
  ]);
  assert.deepEqual(await entriesOf("nodes", ""), [
    { line: 1, error: "the file is empty: it needs a header line" },
  ]);
});
