// The package's one error class. Every failure the package reports on purpose is a
// SkeinError with a stable `code`; callers branch on the code, never on the message.
// This file does not decide when to raise: it only names what can be raised.

/** Every code the package raises. Documented in docs/errors.md. */
export type SkeinErrorCode =
  | "WAL_ALREADY_OPEN"
  | "WAL_MALFORMED"
  | "WAL_CORRUPTION"
  | "WAL_POISONED"
  | "WAL_LSN_EXHAUSTED"
  | "WAL_RECORD_TOO_LARGE"
  | "WAL_UNSUPPORTED_EVENT"
  | "SNAPSHOT_CORRUPTION"
  | "DECODE"
  | "IO"
  | "CLOSED"
  | "NOT_FOUND"
  | "CONSTRAINT"
  | "INVALID_ARGUMENT"
  | "SYNTAX"
  | "SEMANTIC"
  | "TYPE"
  | "ARGUMENT"
  | "PARAMETER_MISSING"
  | "QUERY_TIMEOUT"
  | "QUERY_TOO_COMPLEX";

export class SkeinError extends Error {
  readonly code: SkeinErrorCode;

  constructor(code: SkeinErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = "SkeinError";
  }
}

/** Where in the log a corruption was found; the fields operators need to act on it. */
export class WalCorruptionError extends SkeinError {
  readonly segmentPath: string;
  readonly offsetBytes: number;

  constructor(segmentPath: string, offsetBytes: number, message: string) {
    super("WAL_CORRUPTION", message);
    this.name = "WalCorruptionError";
    this.segmentPath = segmentPath;
    this.offsetBytes = offsetBytes;
  }
}

/** Whether a query failed before it ran (compiling) or while it ran. */
export type QueryErrorPhase = "compile" | "runtime";

/**
 * A Cypher query's failure. `line` and `column` (1-based) locate it in the query text when
 * it has a place there (always for SYNTAX); `detail` names the kind of problem in the
 * openCypher TCK's words (e.g. `UndefinedVariable`, `InvalidArgumentType`) when known.
 */
export class QueryError extends SkeinError {
  readonly phase: QueryErrorPhase;
  readonly line: number | null;
  readonly column: number | null;
  readonly detail: string | null;

  constructor(
    code: SkeinErrorCode,
    message: string,
    fields: {
      phase: QueryErrorPhase;
      line?: number | null;
      column?: number | null;
      detail?: string | null;
      cause?: unknown;
    },
  ) {
    super(code, message, fields.cause === undefined ? undefined : { cause: fields.cause });
    this.name = "QueryError";
    this.phase = fields.phase;
    this.line = fields.line ?? null;
    this.column = fields.column ?? null;
    this.detail = fields.detail ?? null;
  }
}

export function isSkeinError(err: unknown, code?: SkeinErrorCode): err is SkeinError {
  return err instanceof SkeinError && (code === undefined || err.code === code);
}
