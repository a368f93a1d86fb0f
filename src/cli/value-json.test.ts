// Tests of the JSON value encoding: every kind round-trips exactly (the samples in
// test/cli/value-samples.ts), the encodings are the documented ones, and bad tags are
// refused with a reason.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Float, isTaggedValue, valuesEqual, type PropertyValue } from "../index.js";
import { VALUE_SAMPLES } from "../../test/cli/value-samples.js";
import { encodeValue, parseValue } from "./value-json.js";

void test("every sample value round-trips exactly", () => {
  for (const [name, v] of Object.entries(VALUE_SAMPLES)) {
    const text = encodeValue(v);
    const back = parseValue(text);
    assert.ok(valuesEqual(back, v), `${name}: ${text}`);
    assert.equal(encodeValue(back), text, `${name} encodes the same twice`);
  }
});

void test("the documented encodings", () => {
  const cases: [PropertyValue, string][] = [
    [3, "3"],
    [new Float(3), "3.0"],
    [new Float(-0), "-0.0"],
    [0.1, "0.1"],
    [new Float(1e21), "1e+21"],
    [new Float(1e20), "100000000000000000000.0"],
    [NaN, '{"$float":"NaN"}'],
    [-Infinity, '{"$float":"-Infinity"}'],
    [9223372036854775807n, "9223372036854775807"],
    ["a\n", '"a\\n"'],
    [[1, "x"], '[1,"x"]'],
    [{ $k: 1 }, '{"$map":{"$k":1}}'],
    [{ $k: 1, b: 2 }, '{"$k":1,"b":2}'],
    [VALUE_SAMPLES["date"]!, '{"$date":"1815-12-10"}'],
    [VALUE_SAMPLES["time"]!, '{"$time":"09:30:00.000000001-05:30:30"}'],
    [VALUE_SAMPLES["duration"]!, '{"$duration":"P14M3DT3600.5S"}'],
    [
      VALUE_SAMPLES["durationMixedSigns"]!,
      '{"$duration":{"months":0,"days":0,"seconds":1,"nanoseconds":-1}}',
    ],
    [VALUE_SAMPLES["point2d"]!, '{"$point":{"x":1.5,"y":-2.0,"srid":7203}}'],
    [VALUE_SAMPLES["vectorInt8"]!, '{"$vector":{"elementType":"int8","values":[-128,0,127]}}'],
    [VALUE_SAMPLES["binary"]!, '{"$binary":["AAEC/w==","","Bw=="]}'],
    [new Uint8Array([1]), '{"$binary":["AQ=="]}'],
  ];
  for (const [v, text] of cases) assert.equal(encodeValue(v), text);
});

void test("reading accepts $int and $float spelt other ways", () => {
  assert.equal(parseValue('{"$int":"9223372036854775807"}'), 9223372036854775807n);
  assert.equal(parseValue('{"$int":"12"}'), 12);
  const f = parseValue('{"$float":3}');
  assert.ok(f instanceof Float && f.value === 3);
  assert.equal(parseValue('{"$float":"0.25"}'), 0.25);
  assert.ok(Number.isNaN(parseValue('{"$float":"NaN"}')));
  const single = parseValue('{"$binary":"AQI="}');
  assert.ok(isTaggedValue(single) && single.kind === "binary" && single.segments.length === 1);
  const fromFields = parseValue(
    '{"$dateTime":{"year":2024,"month":2,"day":29,"hour":9,"minute":30,"second":0,"nanosecond":1,"offsetSeconds":3600}}',
  );
  assert.ok(
    valuesEqual(fromFields, parseValue('{"$dateTime":"2024-02-29T09:30:00.000000001+01:00"}')),
  );
  const iso = parseValue('{"$duration":"P1Y2W"}');
  assert.ok(isTaggedValue(iso) && iso.kind === "duration" && iso.months === 12 && iso.days === 14);
});

void test("bad tags are refused with a reason", () => {
  const cases: [string, RegExp][] = [
    [
      '{"$nope":1}',
      /unknown tag "\$nope" \(a map whose only key starts with "\$" is written \{"\$map": \{\.\.\.\}\}\)/,
    ],
    ['{"$date":20240101}', /\$date needs a string \(or an object of its fields\)/],
    ['{"$date":{"year":2024,"month":2}}', /date day must be a number, got undefined/],
    ['{"$time":{"hour":1,"offset":0}}', /\$time has an unknown field "offset"/],
    ['{"$date":"2024-13-01"}', /date month 13 is not an integer in 1\.\.12/],
    ['{"$int":1.5}', /\$int needs an integer/],
    ['{"$float":"fast"}', /\$float needs a number/],
    ['{"$point":{"x":1,"y":2}}', /\$point needs an integer "srid"/],
    ['{"$point":{"x":1,"y":2,"srid":1,"w":0}}', /\$point has an unknown field "w"/],
    [
      '{"$vector":{"elementType":"int8","values":[128]}}',
      /int8 vector element 0 128 is not an integer in -128\.\.127/,
    ],
    ['{"$vector":{"elementType":"int4","values":[]}}', /vector elementType "int4"/],
    ['{"$binary":["not base64!"]}', /\$binary segment 0 is not base64/],
    ['{"$duration":{"weeks":1}}', /\$duration has an unknown field "weeks"/],
    ['{"$map":[1]}', /\$map needs an object/],
  ];
  for (const [text, re] of cases) {
    assert.throws(
      () => parseValue(text),
      (err: Error) => re.test(err.message),
      text,
    );
  }
});
