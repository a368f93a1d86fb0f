// The numeric functions: abs, ceil, floor, round, sign, rand, sqrt, exp, log, log10, e, pi,
// the trigonometric functions, degrees, radians, haversin and isNaN.
//
// Result types follow Cypher: abs keeps the argument's type (an Int stays an Int, and
// abs(-2^63) overflows); sign gives an Int; everything else gives a Float, including
// ceil, floor and round of an Int (ceil(1) = 1.0). null gives null. Domain errors are not
// errors: sqrt(-1) and log(0) give NaN and -Infinity as IEEE 754 says.
//
// round: without a precision, ties go toward +Infinity (round(-1.5) = -1.0), the JVM's
// Math.round that Cypher documents; with a precision ties go away from zero (HALF_UP),
// except at precision 0 where the two-argument form agrees with the one-argument one;
// with a mode, that mode (rounding.ts) at any precision.
import { invalidArgument, overflow } from "./errors.js";
import type { FunctionDef } from "./function-def.js";
import { arg, defineFunction, intArg, numberArg, stringArg } from "./function-def.js";
import type { RoundingMode } from "./rounding.js";
import { ROUNDING_MODES, roundDecimal } from "./rounding.js";
import type { Value } from "./types.js";
import { makeFloat, numberValue } from "./types.js";

const I64_MIN = -(2n ** 63n);

/** A one-argument function from a number (as a double) to a Float. */
function floatFunction(name: string, f: (x: number) => number): FunctionDef {
  return defineFunction(name, 1, 1, (args) => {
    const v = arg(args, 0);
    if (v === null) return null;
    return makeFloat(f(typeof v === "number" ? v : numberValue(numberArg(name, v))));
  });
}

function abs(args: readonly Value[]): Value {
  const v = arg(args, 0);
  if (v === null) return null;
  if (typeof v === "number") return Math.abs(v); // an Int stays an Int, a Float a Float
  if (typeof v === "bigint") {
    if (v === I64_MIN) throw overflow(`integer overflow: abs(${v}) does not fit in 64 bits`);
    return v < 0n ? -v : v;
  }
  return makeFloat(Math.abs(numberValue(numberArg("abs", v))));
}

function sign(args: readonly Value[]): Value {
  const v = arg(args, 0);
  if (v === null) return null;
  if (typeof v === "bigint") return v < 0n ? -1 : 1; // bigints are never 0
  const x = typeof v === "number" ? v : numberValue(numberArg("sign", v));
  return x > 0 ? 1 : x < 0 ? -1 : 0; // NaN has no sign: 0
}

function round(args: readonly Value[]): Value {
  const v = arg(args, 0);
  if (v === null) return null;
  const x = numberValue(numberArg("round", v));
  if (args.length === 1) return makeFloat(Math.round(x));
  const p = arg(args, 1);
  if (p === null) return null;
  const precision = Number(intArg("round", p));
  let mode: RoundingMode = "HALF_UP";
  if (args.length === 3) {
    const m = arg(args, 2);
    if (m === null) return null;
    const name = stringArg("round", m).toUpperCase();
    if (!ROUNDING_MODES.has(name)) {
      throw invalidArgument(`round() rounding mode ${JSON.stringify(m)} is not one of ${modeList}`);
    }
    mode = name as RoundingMode;
  } else if (precision === 0) {
    return makeFloat(Math.round(x));
  }
  return makeFloat(roundDecimal(x, precision, mode));
}

const modeList = [...ROUNDING_MODES].join(", ");

function isNaNFunction(args: readonly Value[]): Value {
  const v = arg(args, 0);
  if (v === null) return null;
  if (typeof v === "number") return Number.isNaN(v);
  numberArg("isNaN", v); // refuses what is not a number
  return false; // bigint Ints and integral Floats are never NaN
}

function atan2(args: readonly Value[]): Value {
  const y = arg(args, 0);
  const x = arg(args, 1);
  if (y === null || x === null) return null;
  return makeFloat(
    Math.atan2(numberValue(numberArg("atan2", y)), numberValue(numberArg("atan2", x))),
  );
}

export const MATH_FUNCTIONS: readonly FunctionDef[] = [
  defineFunction("abs", 1, 1, abs),
  floatFunction("ceil", Math.ceil),
  floatFunction("floor", Math.floor),
  defineFunction("round", 1, 3, round),
  defineFunction("sign", 1, 1, sign),
  defineFunction("rand", 0, 0, (_args, ctx) => makeFloat(ctx.random())),
  floatFunction("sqrt", Math.sqrt),
  floatFunction("exp", Math.exp),
  floatFunction("log", Math.log),
  floatFunction("log10", Math.log10),
  defineFunction("e", 0, 0, () => Math.E),
  defineFunction("pi", 0, 0, () => Math.PI),
  floatFunction("sin", Math.sin),
  floatFunction("cos", Math.cos),
  floatFunction("tan", Math.tan),
  floatFunction("cot", (x) => 1 / Math.tan(x)),
  floatFunction("asin", Math.asin),
  floatFunction("acos", Math.acos),
  floatFunction("atan", Math.atan),
  defineFunction("atan2", 2, 2, atan2),
  floatFunction("degrees", (x) => (x * 180) / Math.PI),
  floatFunction("radians", (x) => (x * Math.PI) / 180),
  floatFunction("haversin", (x) => (1 - Math.cos(x)) / 2),
  defineFunction("isNaN", 1, 1, isNaNFunction),
];
