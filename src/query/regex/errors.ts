// The two ways a pattern is refused: it is malformed, or it asks for something this matcher
// deliberately does not do (back-references, look-around: features that need backtracking
// or unbounded memory of the text). Both are runtime ARGUMENT errors, because in Cypher the
// pattern is usually a value computed while the query runs. Messages name the problem, the
// position (a UTF-16 index into the pattern as written) and the pattern itself.
import { QueryError } from "../../internal/errors.js";

const SHOWN_PATTERN_CHARS = 60;

function quoted(pattern: string): string {
  const shown =
    pattern.length > SHOWN_PATTERN_CHARS ? `${pattern.slice(0, SHOWN_PATTERN_CHARS)}…` : pattern;
  return JSON.stringify(shown);
}

function regexError(message: string): QueryError {
  return new QueryError("ARGUMENT", message, { phase: "runtime", detail: "InvalidArgumentValue" });
}

/** A pattern that is not a valid (Java-syntax) regular expression. */
export function malformedPattern(pattern: string, problem: string, position: number): QueryError {
  return regexError(
    `invalid regular expression ${quoted(pattern)}: ${problem} at position ${position}`,
  );
}

/** A valid pattern that uses a feature this matcher refuses. */
export function unsupportedFeature(pattern: string, feature: string, position: number): QueryError {
  return regexError(
    `unsupported regular expression feature ${feature} at position ${position} in ${quoted(pattern)}`,
  );
}

/** A pattern whose compiled form would exceed the program size limit. */
export function patternTooLarge(pattern: string, limit: number): QueryError {
  return regexError(
    `regular expression ${quoted(pattern)} is too large: it would compile to more than ${limit} states`,
  );
}
