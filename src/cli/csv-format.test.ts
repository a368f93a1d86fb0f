// Tests of CSV headers and cells: the header grammar (neo4j-admin's, with synonyms), every
// type's cell text both ways, arrays and the empty cell versus the quoted empty cell, points
// in map syntax, and RFC 4180 quoting on the way out.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Float, isTaggedValue, point, valuesEqual, type PropertyValue } from "../index.js";
import { VALUE_SAMPLES } from "../../test/cli/value-samples.js";
import {
  cellValue,
  columnHeader,
  csvField,
  parseColumn,
  parsePointText,
  pointText,
  scalarText,
  scalarType,
} from "./csv-format.js";

void test("header cells", () => {
  assert.deepEqual(parseColumn("name"), {
    role: "property",
    key: "name",
    type: "string",
    array: false,
  });
  assert.deepEqual(parseColumn("age:long"), {
    role: "property",
    key: "age",
    type: "int",
    array: false,
  });
  assert.deepEqual(parseColumn("score:Double"), {
    role: "property",
    key: "score",
    type: "float",
    array: false,
  });
  assert.deepEqual(parseColumn("tags:string[]"), {
    role: "property",
    key: "tags",
    type: "string",
    array: true,
  });
  assert.deepEqual(parseColumn("a:b:int"), {
    role: "property",
    key: "a:b",
    type: "int",
    array: false,
  });
  assert.deepEqual(parseColumn(":ID:string"), {
    role: "property",
    key: ":ID",
    type: "string",
    array: false,
  });
  assert.deepEqual(parseColumn(":ID"), { role: "id", group: "", key: null });
  assert.deepEqual(parseColumn("personId:ID(Person)"), {
    role: "id",
    group: "Person",
    key: "personId",
  });
  assert.deepEqual(parseColumn(":START_ID(Person)"), { role: "start", group: "Person" });
  assert.deepEqual(parseColumn(":END_ID"), { role: "end", group: "" });
  assert.deepEqual(parseColumn(":LABEL"), { role: "label" });
  assert.deepEqual(parseColumn(":TYPE"), { role: "type" });
  assert.deepEqual(parseColumn("notes:IGNORE"), { role: "ignore" });
  assert.throws(() => parseColumn("a:b"), /unknown type "b".*"a:b:string"/);
  assert.throws(() => parseColumn(""), /a header cell is empty/);
  assert.throws(() => parseColumn(":int"), /needs a name/);
  assert.throws(() => parseColumn("x:LABEL"), /:LABEL takes no name/);
  assert.throws(() => parseColumn("m:json[]"), /json columns cannot be arrays/);
  assert.equal(columnHeader("tags", "string", true), "tags:string[]");
});

void test("cells of each type", () => {
  const cell = (text: string | null, header: string): PropertyValue | undefined => {
    const c = parseColumn(header);
    assert.ok(c.role === "property");
    return cellValue(text, c.type, c.array, ";");
  };
  assert.equal(cell("Ada", "n"), "Ada");
  assert.equal(cell("", "n"), "");
  assert.equal(cell(null, "n"), undefined);
  assert.equal(cell(" 42 ", "n:int"), 42);
  assert.equal(cell("-9223372036854775808", "n:int"), -9223372036854775808n);
  const three = cell("3", "n:float");
  assert.ok(three instanceof Float && three.value === 3);
  assert.equal(cell("2.5e-3", "n:float"), 0.0025);
  assert.ok(Object.is((cell("-0", "n:float") as Float).value, -0));
  assert.ok(Number.isNaN(cell("NaN", "n:float")));
  assert.equal(cell("-Infinity", "n:float"), -Infinity);
  assert.equal(cell("TRUE", "n:boolean"), true);
  assert.equal(cell("", "n:int"), undefined);
  assert.deepEqual(cell("1;2;3", "n:int[]"), [1, 2, 3]);
  assert.deepEqual(cell("", "n:int[]"), []);
  assert.deepEqual(cell("a;;b", "n:string[]"), ["a", "", "b"]);
  assert.ok(valuesEqual(cell("1815-12-10", "d:date")!, VALUE_SAMPLES["date"]!));
  assert.ok(valuesEqual(cell('{"$date":"1815-12-10"}', "d:json")!, VALUE_SAMPLES["date"]!));
  assert.throws(() => cell("4x", "n:int"), /"4x" is not an integer/);
  assert.throws(() => cell("1;;2", "n:int[]"), /an empty int array element/);
  assert.throws(() => cell("yes", "n:boolean"), /"yes" is not true or false/);
  assert.throws(() => cell("1e", "n:float"), /"1e" is not a float/);
});

void test("scalar text of every typable sample reads back exactly", () => {
  for (const [name, v] of Object.entries(VALUE_SAMPLES)) {
    const type = scalarType(v);
    if (type === null) continue;
    const back = cellValue(scalarText(v, type), type, false, ";");
    assert.ok(back !== undefined && valuesEqual(back, v), name);
  }
  assert.equal(scalarType(VALUE_SAMPLES["durationMixedSigns"]!), null);
  assert.equal(scalarType(VALUE_SAMPLES["vectorInt8"]!), null);
  assert.equal(scalarType(VALUE_SAMPLES["mapEmpty"]!), null);
  assert.equal(scalarType(VALUE_SAMPLES["listInts"]!), null);
});

void test("points in neo4j's map syntax", () => {
  assert.equal(pointText(point({ x: 1, y: -0, srid: 7203 })), "{x:1, y:-0, srid:7203}");
  const p = parsePointText("{ latitude: 55.6, longitude: 12.9 }");
  assert.ok(isTaggedValue(p) && p.x === 12.9 && p.y === 55.6 && p.srid === 4326);
  const q = parsePointText("{x:1, y:2, z:3, crs:'cartesian-3d'}");
  assert.equal(q.srid, 9157);
  assert.equal(parsePointText("{x:1,y:2}").srid, 7203);
  assert.throws(() => parsePointText("{x:1}"), /x and y are required/);
  assert.throws(() => parsePointText("(1,2)"), /expected \{x:\.\.\., y:\.\.\., srid:\.\.\.\}/);
  assert.throws(() => parsePointText("{x:1, y:2, crs:'mars'}"), /unknown crs/);
});

void test("fields are quoted when they must be", () => {
  assert.equal(csvField(null), "");
  assert.equal(csvField(""), '""');
  assert.equal(csvField("plain"), "plain");
  assert.equal(csvField('a "b"'), '"a ""b"""');
  assert.equal(csvField("a,b"), '"a,b"');
  assert.equal(csvField("a\nb"), '"a\nb"');
  assert.equal(csvField("a\rb"), '"a\rb"');
});
