// The runtime errors of expression evaluation, made in one place so that every function and
// operator reports a given problem with the same code and openCypher TCK detail.
//
// Which detail where, as the TCK expects it: a function given a value of the wrong type is a
// TypeError "InvalidArgumentValue" (toInteger([]), labels(1), type('')); an operator given
// the wrong types is a TypeError "InvalidArgumentType" ('a' - 1); a number outside what an
// argument accepts is an ArgumentError "NumberOutOfRange" (range(1, 2, 0),
// percentileDisc(x, 1.5)). This file only builds errors; it does not decide when to raise.
import { QueryError } from "../../internal/errors.js";

/** An operator applied to operands of types it does not accept. */
export function operandTypeError(message: string): QueryError {
  return new QueryError("TYPE", message, { phase: "runtime", detail: "InvalidArgumentType" });
}

/** A function given an argument of a type it does not accept. */
export function argumentTypeError(message: string): QueryError {
  return new QueryError("TYPE", message, { phase: "runtime", detail: "InvalidArgumentValue" });
}

/** An argument of an acceptable type whose value is out of the accepted range. */
export function outOfRange(message: string): QueryError {
  return new QueryError("ARGUMENT", message, { phase: "runtime", detail: "NumberOutOfRange" });
}

/** An argument of the right type but an unusable value (a rounding mode that does not exist). */
export function invalidArgument(message: string): QueryError {
  return new QueryError("ARGUMENT", message, { phase: "runtime", detail: "InvalidArgumentValue" });
}

/** An Int result outside int64. */
export function overflow(message: string): QueryError {
  return new QueryError("ARGUMENT", message, { phase: "runtime", detail: "IntegerOverflow" });
}

/** An Int divided by Int zero (a Float division by zero gives ±Infinity or NaN instead). */
export function divisionByZero(message: string): QueryError {
  return new QueryError("ARGUMENT", message, { phase: "runtime", detail: "DivisionByZero" });
}

/** An argument whose type the function refuses, reported as an ArgumentError (range()). */
export function argumentKindError(message: string): QueryError {
  return new QueryError("ARGUMENT", message, { phase: "runtime", detail: "InvalidArgumentType" });
}

/** A result too large to build (a list of billions of elements). */
export function tooLarge(message: string): QueryError {
  return new QueryError("QUERY_TOO_COMPLEX", message, { phase: "runtime" });
}
