// Log sequence numbers. On disk an LSN is a u64; in memory it is a JS number, so the
// largest usable LSN is Number.MAX_SAFE_INTEGER (about 9e15: at a million records a
// second, 285 years). Running out is refused with WAL_LSN_EXHAUSTED rather than wrapping
// or losing precision. LSN 0 means "nothing".
import { SkeinError } from "../internal/errors.js";

export const MAX_LSN = Number.MAX_SAFE_INTEGER;

/** The LSN after `lsn`, refusing to pass the largest representable one. */
export function lsnAfter(lsn: number): number {
  if (lsn >= MAX_LSN) {
    throw new SkeinError(
      "WAL_LSN_EXHAUSTED",
      `lsn space exhausted: ${lsn} is the largest lsn this log can allocate`,
    );
  }
  return lsn + 1;
}

export function checkLsnArgument(name: string, lsn: unknown): number {
  if (typeof lsn !== "number" || !Number.isSafeInteger(lsn) || lsn < 0) {
    throw new TypeError(`${name} must be a non-negative safe integer, got ${String(lsn)}`);
  }
  return lsn;
}
