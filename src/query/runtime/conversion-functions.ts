// The type conversion functions: toString, toInteger, toFloat, toBoolean, their OrNull
// forms and their List forms.
//
// Each conversion has three outcomes: a value; null, when the argument is of a convertible
// type but does not denote a value of the target ('foo' as an integer, 1e30 as an int64);
// or a refusal, when its type cannot be converted at all (a list, a map, a node; a Float to
// a boolean; a boolean to a float). toX raises TYPE (InvalidArgumentValue, as the TCK
// expects) on a refusal; toXOrNull and the elements of toXList give null instead.
//
// Strings parse as the JVM parses them, which is what Cypher users meet elsewhere: an
// integer string must be a whole decimal number (else it is read as a float and truncated:
// toInteger('2.9') = 2); float strings accept an exponent, NaN and Infinity; both ignore
// surrounding whitespace. toBoolean accepts 'true'/'false' in any case. Temporal values
// print in ISO 8601 (temporal/text-format.ts).
import { argumentTypeError } from "./errors.js";
import { scalarText } from "./format.js";
import { temporalTextOf } from "./temporal/index.js";
import type { FunctionDef } from "./function-def.js";
import { arg, defineFunction, listArg } from "./function-def.js";
import type { Value } from "./types.js";
import { cypherTypeName, makeFloat, makeInt, numberValue } from "./types.js";
import { Float } from "../../store/tagged-values.js";

/** What a converter answers for an argument whose type it cannot convert. */
const REFUSED = Symbol("refused");
type Converted = Value | typeof REFUSED;
type Converter = (v: Value) => Converted;

const INTEGER_TEXT = /^[+-]?\d+$/;
const FLOAT_TEXT = /^[+-]?(?:NaN|Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[fFdD]?)$/;
const TWO_TO_63 = 2 ** 63;
const I64_LIMIT = 2n ** 63n;

function convertToString(v: Value): Converted {
  if (v === null) return null;
  return scalarText(v) ?? temporalTextOf(v) ?? REFUSED; // TODO: points once they print
}

// An integral double to an Int, or null outside int64.
function truncatedInt(x: number): Value {
  if (!Number.isFinite(x)) return null;
  const t = Math.trunc(x);
  return t >= -TWO_TO_63 && t < TWO_TO_63 ? makeInt(t) : null;
}

function parseFloatText(s: string): number | null {
  const t = s.trim();
  if (!FLOAT_TEXT.test(t)) return null;
  const last = t.charCodeAt(t.length - 1) | 0x20; // a JVM type suffix: f or d
  return Number(last === 0x66 || last === 0x64 ? t.slice(0, -1) : t);
}

function convertToInteger(v: Value): Converted {
  if (typeof v === "number") return Number.isSafeInteger(v) ? v : truncatedInt(v);
  switch (typeof v) {
    case "bigint":
      return v;
    case "boolean":
      return v ? 1 : 0;
    case "string": {
      const t = v.trim();
      if (INTEGER_TEXT.test(t)) {
        const n = BigInt(t);
        return n >= -I64_LIMIT && n < I64_LIMIT ? makeInt(n) : null;
      }
      const x = parseFloatText(t);
      return x === null ? null : truncatedInt(x);
    }
  }
  if (v instanceof Float) return truncatedInt(v.value);
  return v === null ? null : REFUSED;
}

function convertToFloat(v: Value): Converted {
  if (typeof v === "number") return Number.isSafeInteger(v) ? makeFloat(v) : v;
  if (typeof v === "bigint") return makeFloat(numberValue(v));
  if (typeof v === "string") {
    const x = parseFloatText(v);
    return x === null ? null : makeFloat(x);
  }
  if (v instanceof Float || v === null) return v;
  return REFUSED;
}

function convertToBoolean(v: Value): Converted {
  switch (typeof v) {
    case "boolean":
      return v;
    case "string": {
      const t = v.trim().toLowerCase();
      return t === "true" ? true : t === "false" ? false : null;
    }
    case "number":
      return Number.isSafeInteger(v) ? v !== 0 : REFUSED;
    case "bigint":
      return true; // a bigint Int is never 0
  }
  return v === null ? null : REFUSED;
}

function strict(name: string, convert: Converter): FunctionDef {
  return defineFunction(name, 1, 1, (args) => {
    const v = arg(args, 0);
    const out = convert(v);
    if (out === REFUSED) {
      throw argumentTypeError(`${name}() cannot convert a ${cypherTypeName(v)}`);
    }
    return out;
  });
}

function orNull(name: string, convert: Converter): FunctionDef {
  return defineFunction(name, 1, 1, (args) => {
    const out = convert(arg(args, 0));
    return out === REFUSED ? null : out;
  });
}

function listOf(name: string, convert: Converter): FunctionDef {
  return defineFunction(name, 1, 1, (args) => {
    const v = arg(args, 0);
    if (v === null) return null;
    return listArg(name, v).map((item) => {
      const out = convert(item);
      return out === REFUSED ? null : out;
    });
  });
}

export const CONVERSION_FUNCTIONS: readonly FunctionDef[] = [
  strict("toString", convertToString),
  strict("toInteger", convertToInteger),
  strict("toFloat", convertToFloat),
  strict("toBoolean", convertToBoolean),
  orNull("toStringOrNull", convertToString),
  orNull("toIntegerOrNull", convertToInteger),
  orNull("toFloatOrNull", convertToFloat),
  orNull("toBooleanOrNull", convertToBoolean),
  listOf("toStringList", convertToString),
  listOf("toIntegerList", convertToInteger),
  listOf("toFloatList", convertToFloat),
  listOf("toBooleanList", convertToBoolean),
];
