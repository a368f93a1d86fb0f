// The arithmetic operators: + - * / % ^ and unary minus, with openCypher's semantics.
// null in, null out; Int op Int stays Int and fails with IntegerOverflow outside int64; an
// Int mixed with a Float gives a Float; `^` always gives a Float; Int division truncates
// toward zero and an Int divided by Int zero fails (DivisionByZero) while Floats follow
// IEEE 754 (±Infinity, NaN). `+` also concatenates lists (list + list, list + element,
// element + list) and strings (a string with a string, number or boolean).
//
// Speed: the executor calls these per row, so plain numbers take a fast path with no
// allocation; bigint is used only when a result leaves the safe-integer range, which is
// also how overflow is detected exactly. Temporal operands (date + duration, duration * 2,
// ...) go to temporal/operators.ts, tried only once the common cases have not matched.
import { Float } from "../../store/tagged-values.js";
import { divisionByZero, operandTypeError, overflow } from "./errors.js";
import { scalarText } from "./format.js";
import {
  temporalAdd,
  temporalDivide,
  temporalMultiply,
  temporalNegate,
  temporalSubtract,
} from "./temporal/index.js";
import type { Value } from "./types.js";
import { bigIntOf, cypherTypeName, isNumber, makeFloat, makeInt, numberValue } from "./types.js";

type Numeric = number | bigint | Float;

const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;

export function add(a: Value, b: Value): Value {
  if (typeof a === "number" && typeof b === "number") {
    const r = a + b;
    if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b)) return makeFloat(r);
    return Number.isSafeInteger(r) ? r : exact(BigInt(a) + BigInt(b), a, "+", b);
  }
  if (typeof a === "string" && typeof b === "string") return a + b;
  if (a === null || b === null) return null;
  if (Array.isArray(a)) {
    const list = a as readonly Value[];
    return Array.isArray(b) ? [...list, ...(b as readonly Value[])] : [...list, b];
  }
  if (Array.isArray(b)) return [a, ...(b as readonly Value[])];
  if (isNumber(a) && isNumber(b)) return numeric(a, "+", b);
  if (typeof a === "string" || typeof b === "string") {
    const left = scalarText(a);
    const right = scalarText(b);
    if (left !== null && right !== null) return left + right;
  }
  return temporalAdd(a, b) ?? cannot("add", a, b);
}

export function subtract(a: Value, b: Value): Value {
  if (typeof a === "number" && typeof b === "number") {
    const r = a - b;
    if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b)) return makeFloat(r);
    return Number.isSafeInteger(r) ? r : exact(BigInt(a) - BigInt(b), a, "-", b);
  }
  if (a === null || b === null) return null;
  if (isNumber(a) && isNumber(b)) return numeric(a, "-", b);
  return temporalSubtract(a, b) ?? cannot("subtract", a, b);
}

export function multiply(a: Value, b: Value): Value {
  if (typeof a === "number" && typeof b === "number") {
    const r = a * b;
    if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b)) return makeFloat(r);
    // A rounded product inside the safe range means the exact one was too (rounding is
    // monotonic and 2^53 is representable), so only larger results take the bigint path.
    return Number.isSafeInteger(r) ? r + 0 : exact(BigInt(a) * BigInt(b), a, "*", b);
  }
  if (a === null || b === null) return null;
  if (isNumber(a) && isNumber(b)) return numeric(a, "*", b);
  return temporalMultiply(a, b) ?? cannot("multiply", a, b);
}

export function divide(a: Value, b: Value): Value {
  if (typeof a === "number" && typeof b === "number") {
    if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b)) return makeFloat(a / b);
    if (b === 0) throw divisionByZero(`division by zero: ${a} / 0`);
    // a % b is exact, so a - a % b is an exact multiple of b and the quotient is exact.
    return (a - (a % b)) / b + 0;
  }
  if (a === null || b === null) return null;
  if (isNumber(a) && isNumber(b)) return numeric(a, "/", b);
  return temporalDivide(a, b) ?? cannot("divide", a, b);
}

export function modulo(a: Value, b: Value): Value {
  if (typeof a === "number" && typeof b === "number") {
    if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b)) return makeFloat(a % b);
    if (b === 0) throw divisionByZero(`division by zero: ${a} % 0`);
    return (a % b) + 0; // the sign follows the dividend, as on the JVM; + 0 drops -0
  }
  if (a === null || b === null) return null;
  if (isNumber(a) && isNumber(b)) return numeric(a, "%", b);
  return cannot("take the modulo of", a, b);
}

/** `a ^ b`: always a Float, even for Ints (2 ^ 3 = 8.0). */
export function power(a: Value, b: Value): Value {
  if (a === null || b === null) return null;
  if (isNumber(a) && isNumber(b)) return makeFloat(numberValue(a) ** numberValue(b));
  return cannot("raise", a, b);
}

/** Unary minus. */
export function negate(a: Value): Value {
  if (typeof a === "number") return Number.isSafeInteger(a) ? 0 - a : makeFloat(-a);
  if (a === null) return null;
  if (typeof a === "bigint")
    return checked(-a, `integer overflow: -(${a}) does not fit in 64 bits`);
  if (a instanceof Float) return makeFloat(-a.value);
  const negated = temporalNegate(a);
  if (negated !== undefined) return negated;
  throw operandTypeError(`cannot negate a ${cypherTypeName(a)}`);
}

/** Unary plus: a number (or null) unchanged. */
export function unaryPlus(a: Value): Value {
  if (a === null || isNumber(a)) return a;
  throw operandTypeError(`unary plus needs a number, got a ${cypherTypeName(a)}`);
}

type Operator = "+" | "-" | "*" | "/" | "%";

// The general case: bigint Ints, Float instances, or a mix with bare numbers.
function numeric(a: Numeric, op: Operator, b: Numeric): Value {
  if (isIntValue(a) && isIntValue(b)) {
    const x = bigIntOf(a);
    const y = bigIntOf(b);
    if ((op === "/" || op === "%") && y === 0n)
      throw divisionByZero(`division by zero: ${a} ${op} 0`);
    return exact(bigOp(x, op, y), a, op, b);
  }
  const x = numberValue(a);
  const y = numberValue(b);
  switch (op) {
    case "+":
      return makeFloat(x + y);
    case "-":
      return makeFloat(x - y);
    case "*":
      return makeFloat(x * y);
    case "/":
      return makeFloat(x / y);
    case "%":
      return makeFloat(x % y);
  }
}

function isIntValue(v: Numeric): v is number | bigint {
  return typeof v === "bigint" || (typeof v === "number" && Number.isSafeInteger(v));
}

function bigOp(x: bigint, op: Operator, y: bigint): bigint {
  switch (op) {
    case "+":
      return x + y;
    case "-":
      return x - y;
    case "*":
      return x * y;
    case "/":
      return x / y; // bigint division truncates toward zero, as Cypher's does
    case "%":
      return x % y;
  }
}

function exact(r: bigint, a: number | bigint, op: string, b: number | bigint): number | bigint {
  return checked(r, `integer overflow: ${a} ${op} ${b} does not fit in 64 bits`);
}

function checked(r: bigint, message: string): number | bigint {
  if (r < I64_MIN || r > I64_MAX) throw overflow(message);
  return makeInt(r);
}

function cannot(verb: string, a: Value, b: Value): never {
  throw operandTypeError(`cannot ${verb} ${cypherTypeName(a)} and ${cypherTypeName(b)}`);
}
