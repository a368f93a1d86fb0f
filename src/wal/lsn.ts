// Log sequence numbers. On disk an LSN is a u64; in memory it is a JS number, so the
// largest usable LSN is Number.MAX_SAFE_INTEGER (about 9e15: at a million records a
// second, 285 years). Running out is refused with WAL_LSN_EXHAUSTED rather than wrapping
// or losing precision. LSN 0 means "nothing".
export const MAX_LSN = Number.MAX_SAFE_INTEGER;

/** An LSN argument: TypeError unless an integer, RangeError when negative or too large. */
export function checkLsnArgument(name: string, lsn: unknown): number {
  if (typeof lsn !== "number" || !Number.isInteger(lsn)) {
    throw new TypeError(`${name} must be an integer lsn, got ${String(lsn)}`);
  }
  if (lsn < 0 || lsn > MAX_LSN) {
    throw new RangeError(`${name} must be between 0 and ${MAX_LSN}, got ${lsn}`);
  }
  return lsn;
}
