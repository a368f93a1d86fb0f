// The string functions: left, right, substring, toUpper/upper, toLower/lower, trim, ltrim,
// rtrim, btrim, replace, split, char_length/character_length (size and reverse of strings
// are in list-functions.ts, which handles both lists and strings).
//
// Positions and lengths count Unicode code points, not UTF-16 units, so an emoji is one
// character for size(), substring() and left() alike and no function cuts a surrogate pair
// in half. Strings without surrogates (nearly all) take a fast path on UTF-16 offsets.
// null in any argument gives null; a negative length or start is NumberOutOfRange.
import { outOfRange } from "./errors.js";
import type { FunctionDef } from "./function-def.js";
import { arg, defineFunction, intArg, stringArg, wrongArgument } from "./function-def.js";
import type { Value } from "./types.js";

const SURROGATE = /[\uD800-\uDFFF]/;

/** The number of code points in `s`. */
export function codePointLength(s: string): number {
  if (!SURROGATE.test(s)) return s.length;
  let n = s.length;
  for (let i = 0; i + 1 < s.length; i++) {
    const unit = s.charCodeAt(i);
    if (unit < 0xd800 || unit > 0xdbff) continue;
    const next = s.charCodeAt(i + 1);
    if (next >= 0xdc00 && next <= 0xdfff) {
      n--; // a well-formed pair is one code point (a lone surrogate counts as one)
      i++;
    }
  }
  return n;
}

/** The code points of `s` from `start` (inclusive) to `end` (exclusive), clamped. */
export function codePointSlice(s: string, start: number, end: number): string {
  if (!SURROGATE.test(s)) return s.slice(start, end);
  return Array.from(s).slice(start, end).join("");
}

/** Reverses `s` code point by code point. */
export function reverseString(s: string): string {
  if (!SURROGATE.test(s)) {
    let out = "";
    for (let i = s.length - 1; i >= 0; i--) out += s[i];
    return out;
  }
  return Array.from(s).reverse().join("");
}

function nonNegative(fn: string, what: string, v: Value): number {
  const n = Number(intArg(fn, v));
  if (n < 0) throw outOfRange(`${fn}() ${what} must not be negative, got ${n}`);
  return n;
}

function left(args: readonly Value[]): Value {
  const s = arg(args, 0);
  const n = arg(args, 1);
  if (s === null || n === null) return null;
  return codePointSlice(stringArg("left", s), 0, nonNegative("left", "length", n));
}

function right(args: readonly Value[]): Value {
  const s = arg(args, 0);
  const n = arg(args, 1);
  if (s === null || n === null) return null;
  const str = stringArg("right", s);
  const count = nonNegative("right", "length", n);
  const length = codePointLength(str);
  return count >= length ? str : codePointSlice(str, length - count, length);
}

function substring(args: readonly Value[]): Value {
  const s = arg(args, 0);
  const start = arg(args, 1);
  if (s === null || start === null) return null;
  const str = stringArg("substring", s);
  const from = nonNegative("substring", "start", start);
  if (args.length < 3) return codePointSlice(str, from, Infinity);
  const n = arg(args, 2);
  if (n === null) return null;
  return codePointSlice(str, from, from + nonNegative("substring", "length", n));
}

function stringFunction(name: string, f: (s: string) => string): FunctionDef {
  return defineFunction(name, 1, 1, (args) => {
    const s = arg(args, 0);
    return s === null ? null : f(stringArg(name, s));
  });
}

// Trims the code points found in `chars` from one or both ends; without `chars`, whitespace.
function trimFunction(name: string, fromStart: boolean, fromEnd: boolean): FunctionDef {
  return defineFunction(name, 1, 2, (args) => {
    const s = arg(args, 0);
    if (s === null) return null;
    const str = stringArg(name, s);
    if (args.length < 2) {
      return fromStart && fromEnd ? str.trim() : fromStart ? str.trimStart() : str.trimEnd();
    }
    const chars = arg(args, 1);
    if (chars === null) return null;
    const set = new Set(Array.from(stringArg(name, chars)));
    const points = Array.from(str);
    let i = 0;
    let j = points.length;
    while (fromStart && i < j && set.has(points[i] as string)) i++;
    while (fromEnd && j > i && set.has(points[j - 1] as string)) j--;
    return points.slice(i, j).join("");
  });
}

function replace(args: readonly Value[]): Value {
  const s = arg(args, 0);
  const search = arg(args, 1);
  const replacement = arg(args, 2);
  if (s === null || search === null || replacement === null) return null;
  const str = stringArg("replace", s);
  const target = stringArg("replace", search);
  const by = stringArg("replace", replacement);
  // Empty search: insert between code points (and at both ends), never inside a pair.
  if (target === "") return by + Array.from(str).join(by) + (str === "" ? "" : by);
  return str.split(target).join(by);
}

function split(args: readonly Value[]): Value {
  const s = arg(args, 0);
  const delimiter = arg(args, 1);
  if (s === null || delimiter === null) return null;
  const str = stringArg("split", s);
  if (typeof delimiter === "string") {
    return delimiter === "" ? Array.from(str) : str.split(delimiter);
  }
  if (!Array.isArray(delimiter))
    throw wrongArgument("split", "a string or a list of strings", delimiter);
  const delimiters = (delimiter as readonly Value[]).map((d) => stringArg("split", d));
  return splitOnAny(str, delimiters);
}

// Splits at every occurrence of any delimiter, the longest one winning where several match.
function splitOnAny(s: string, delimiters: readonly string[]): string[] {
  const nonEmpty = delimiters.filter((d) => d !== "").sort((a, b) => b.length - a.length);
  if (nonEmpty.length === 0) return delimiters.length === 0 ? [s] : Array.from(s);
  const parts: string[] = [];
  let from = 0;
  for (let i = 0; i < s.length;) {
    const hit = nonEmpty.find((d) => s.startsWith(d, i));
    if (hit === undefined) {
      i++;
      continue;
    }
    parts.push(s.slice(from, i));
    i += hit.length;
    from = i;
  }
  parts.push(s.slice(from));
  return parts;
}

function charLength(name: string): FunctionDef {
  return defineFunction(name, 1, 1, (args) => {
    const s = arg(args, 0);
    return s === null ? null : codePointLength(stringArg(name, s));
  });
}

export const STRING_FUNCTIONS: readonly FunctionDef[] = [
  defineFunction("left", 2, 2, left),
  defineFunction("right", 2, 2, right),
  defineFunction("substring", 2, 3, substring),
  stringFunction("toUpper", (s) => s.toUpperCase()),
  stringFunction("upper", (s) => s.toUpperCase()),
  stringFunction("toLower", (s) => s.toLowerCase()),
  stringFunction("lower", (s) => s.toLowerCase()),
  trimFunction("trim", true, true),
  trimFunction("btrim", true, true),
  trimFunction("ltrim", true, false),
  trimFunction("rtrim", false, true),
  defineFunction("replace", 3, 3, replace),
  defineFunction("split", 2, 2, split),
  charLength("char_length"),
  charLength("character_length"),
];
