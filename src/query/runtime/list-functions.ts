// The list functions: head, last, tail, size, reverse, isEmpty and range (size, reverse and
// isEmpty also take strings, isEmpty maps too).
//
// range(start, end, step = 1) builds the whole list: its arguments must be Ints (a Float,
// even 0.0, is an ArgumentError InvalidArgumentType, as the TCK expects), a zero step is
// NumberOutOfRange, and a list longer than MAX_RANGE_LENGTH is refused rather than letting
// one expression exhaust memory. Its element arithmetic stays exact for int64 bounds.
import { argumentKindError, outOfRange, tooLarge } from "./errors.js";
import type { FunctionDef } from "./function-def.js";
import { arg, defineFunction, listArg, wrongArgument } from "./function-def.js";
import { codePointLength, reverseString } from "./string-functions.js";
import type { Value } from "./types.js";
import { cypherTypeName, isMap, makeInt } from "./types.js";

/** The longest list range() builds (2^24 elements, about 128 MiB of numbers). */
export const MAX_RANGE_LENGTH = 2 ** 24;

function listFunction(name: string, f: (list: readonly Value[]) => Value): FunctionDef {
  return defineFunction(name, 1, 1, (args) => {
    const v = arg(args, 0);
    return v === null ? null : f(listArg(name, v));
  });
}

function size(args: readonly Value[]): Value {
  const v = arg(args, 0);
  if (v === null) return null;
  if (Array.isArray(v)) return (v as readonly Value[]).length;
  if (typeof v === "string") return codePointLength(v);
  throw wrongArgument("size", "a list or a string", v);
}

function reverse(args: readonly Value[]): Value {
  const v = arg(args, 0);
  if (v === null) return null;
  if (Array.isArray(v)) return [...(v as readonly Value[])].reverse();
  if (typeof v === "string") return reverseString(v);
  throw wrongArgument("reverse", "a list or a string", v);
}

function isEmpty(args: readonly Value[]): Value {
  const v = arg(args, 0);
  if (v === null) return null;
  if (Array.isArray(v)) return (v as readonly Value[]).length === 0;
  if (typeof v === "string") return v.length === 0;
  if (isMap(v)) {
    for (const _ in v) if (Object.hasOwn(v, _)) return false;
    return true;
  }
  throw wrongArgument("isEmpty", "a list, a string or a map", v);
}

function rangeBound(v: Value, what: string): number | bigint {
  if ((typeof v === "number" && Number.isSafeInteger(v)) || typeof v === "bigint") return v;
  throw argumentKindError(`range() ${what} must be an integer, got a ${cypherTypeName(v)}`);
}

function range(args: readonly Value[]): Value {
  const start = rangeBound(arg(args, 0), "start");
  const end = rangeBound(arg(args, 1), "end");
  const step = args.length > 2 ? rangeBound(arg(args, 2), "step") : 1;
  if (step === 0) throw outOfRange("range() step must not be zero");
  if (typeof start === "number" && typeof end === "number" && typeof step === "number") {
    const diff = end - start;
    if (Number.isSafeInteger(diff)) {
      if (diff !== 0 && diff < 0 !== step < 0) return [];
      const count = (diff - (diff % step)) / step + 1; // exact: diff % step is exact
      checkLength(count);
      const out = new Array<number>(count);
      for (let i = 0, x = start; i < count; i++, x += step) out[i] = x;
      return out;
    }
  }
  return bigRange(BigInt(start), BigInt(end), BigInt(step));
}

// The slow path: bounds or differences beyond 2^53, computed in bigint.
function bigRange(start: bigint, end: bigint, step: bigint): Value {
  const diff = end - start;
  if (diff !== 0n && diff < 0n !== step < 0n) return [];
  const count = diff / step + 1n; // same signs: truncation is floor
  checkLength(count);
  const out: Value[] = [];
  for (let x = start, i = 0n; i < count; i++, x += step) out.push(makeInt(x));
  return out;
}

function checkLength(count: number | bigint): void {
  if (count > MAX_RANGE_LENGTH) {
    throw tooLarge(`range() would build ${count} elements, more than ${MAX_RANGE_LENGTH}`);
  }
}

export const LIST_FUNCTIONS: readonly FunctionDef[] = [
  listFunction("head", (list) => (list.length === 0 ? null : (list[0] as Value))),
  listFunction("last", (list) => (list.length === 0 ? null : (list[list.length - 1] as Value))),
  listFunction("tail", (list) => list.slice(1)),
  defineFunction("size", 1, 1, size),
  defineFunction("reverse", 1, 1, reverse),
  defineFunction("isEmpty", 1, 1, isEmpty),
  defineFunction("range", 2, 3, range),
];
