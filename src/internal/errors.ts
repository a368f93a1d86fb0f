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
  | "INVALID_ARGUMENT";

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

export function isSkeinError(err: unknown, code?: SkeinErrorCode): err is SkeinError {
  return err instanceof SkeinError && (code === undefined || err.code === code);
}
