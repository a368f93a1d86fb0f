// What a scalar function is to the executor (FunctionDef, FunctionContext) and the helpers
// every function file uses to check its arguments, so that all functions word and classify
// a wrong argument the same way.
//
// Argument conventions (openCypher's, as the TCK exercises them): a function given null
// where it takes a value returns null; a function given a value of a type it does not take
// raises TYPE (InvalidArgumentValue); a value of the right type outside what the function
// accepts raises ARGUMENT (NumberOutOfRange). Arity is checked by whoever compiles the call
// (minArgs/maxArgs), not here.
import type { GraphView } from "../../store/graph.js";
import { argumentTypeError } from "./errors.js";
import type { Value } from "./types.js";
import { cypherTypeName, isNumber } from "./types.js";
import type { Float } from "../../store/tagged-values.js";

/** What a function may use besides its arguments. */
export interface FunctionContext {
  /** The graph the query reads (startNode/endNode look nodes up here). */
  readonly view: GraphView;
  /** A uniform random number in [0, 1), for rand() (seedable by tests). */
  readonly random: () => number;
}

/** A scalar function: called once per evaluation with its evaluated arguments. */
export interface FunctionDef {
  /** The name as documented (lookups are case-insensitive). */
  readonly name: string;
  readonly minArgs: number;
  /** Infinity for variadic functions (coalesce). */
  readonly maxArgs: number;
  call(args: readonly Value[], ctx: FunctionContext): Value;
}

/** Builds a FunctionDef. */
export function defineFunction(
  name: string,
  minArgs: number,
  maxArgs: number,
  call: (args: readonly Value[], ctx: FunctionContext) => Value,
): FunctionDef {
  return { name, minArgs, maxArgs, call };
}

/** The error for an argument of a type `fn` does not take. */
export function wrongArgument(fn: string, expected: string, got: Value): Error {
  return argumentTypeError(`${fn}() expects ${expected}, got a ${cypherTypeName(got)}`);
}

/** The `i`th argument (null when the caller passed fewer, for optional arguments). */
export function arg(args: readonly Value[], i: number): Value {
  const v = args[i];
  return v === undefined ? null : v;
}

/** Checks that a non-null argument is a string. */
export function stringArg(fn: string, v: Value): string {
  if (typeof v !== "string") throw wrongArgument(fn, "a string", v);
  return v;
}

/** Checks that a non-null argument is an Int or a Float. */
export function numberArg(fn: string, v: Value): number | bigint | Float {
  if (!isNumber(v)) throw wrongArgument(fn, "a number", v);
  return v;
}

/** Checks that a non-null argument is an Int. */
export function intArg(fn: string, v: Value): number | bigint {
  if (typeof v === "number" ? !Number.isSafeInteger(v) : typeof v !== "bigint") {
    throw wrongArgument(fn, "an integer", v);
  }
  return v as number | bigint;
}

/** Checks that a non-null argument is a list. */
export function listArg(fn: string, v: Value): readonly Value[] {
  if (!Array.isArray(v)) throw wrongArgument(fn, "a list", v);
  return v as readonly Value[];
}
