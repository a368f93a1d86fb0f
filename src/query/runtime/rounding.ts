// Decimal rounding for round(x, precision, mode): rounds the decimal number a Float prints
// as (its shortest round-trip digits, so 2.675 rounds to 2.68 at precision 2, as users who
// read "2.675" expect, not to 2.67 as its binary value would), keeping `precision` digits
// after the point (a negative precision rounds to tens, hundreds, ...). The modes are the
// JVM's RoundingMode names that Cypher documents: UP and DOWN (away from / toward zero),
// CEILING and FLOOR, HALF_UP, HALF_DOWN and HALF_EVEN (ties away from zero, toward zero,
// to the even neighbour).
//
// It works on digit strings rather than by scaling with powers of ten, which would round
// twice and misplace ties. It does not validate arguments (math-functions.ts does).

export type RoundingMode =
  "UP" | "DOWN" | "CEILING" | "FLOOR" | "HALF_UP" | "HALF_DOWN" | "HALF_EVEN";

export const ROUNDING_MODES: ReadonlySet<string> = new Set<RoundingMode>([
  "UP",
  "DOWN",
  "CEILING",
  "FLOOR",
  "HALF_UP",
  "HALF_DOWN",
  "HALF_EVEN",
]);

/** `x` rounded to `precision` decimal places with `mode`. */
export function roundDecimal(x: number, precision: number, mode: RoundingMode): number {
  if (!Number.isFinite(x) || x === 0) return x;
  const negative = x < 0;
  const [digits, pointAt] = decimalDigits(Math.abs(x));
  const keep = pointAt + precision; // how many leading digits survive
  if (keep >= digits.length) return x; // nothing to drop
  const kept = keep > 0 ? digits.slice(0, keep) : "";
  // Dropped digits: everything from `keep`; when keep < 0 there are zeros in front of them.
  const dropped = keep >= 0 ? digits.slice(keep) : "0".repeat(-keep) + digits;
  const up = roundsAwayFromZero(mode, negative, dropped, kept);
  const magnitude = up ? increment(kept) : kept === "" ? "0" : kept;
  const result = Number(`${magnitude}e${-precision}`);
  return negative ? -result : result;
}

// The shortest decimal digits of a positive finite x (no leading or trailing zeros) and
// how many of them come before the decimal point (may be ≤ 0 or exceed the digit count).
function decimalDigits(x: number): [string, number] {
  const scientific = x.toExponential(); // "d.ddde±n", shortest round-trip digits
  const e = scientific.indexOf("e");
  const digits = scientific.slice(0, e).replace(".", "");
  return [digits, Number(scientific.slice(e + 1)) + 1];
}

// Whether the kept magnitude must go up by one unit, given the dropped digits (not all
// zero: the shortest digits never end in a zero).
function roundsAwayFromZero(
  mode: RoundingMode,
  negative: boolean,
  dropped: string,
  kept: string,
): boolean {
  switch (mode) {
    case "UP":
      return true;
    case "DOWN":
      return false;
    case "CEILING":
      return !negative;
    case "FLOOR":
      return negative;
  }
  const first = dropped.charCodeAt(0) - 48;
  if (first !== 5) return first > 5;
  const exactHalf = dropped.length === 1;
  if (!exactHalf) return true;
  if (mode === "HALF_UP") return true;
  if (mode === "HALF_DOWN") return false;
  const last = kept === "" ? 0 : kept.charCodeAt(kept.length - 1) - 48;
  return last % 2 === 1; // HALF_EVEN
}

// Adds one to a string of decimal digits ("" counts as 0).
function increment(digits: string): string {
  let i = digits.length - 1;
  while (i >= 0 && digits[i] === "9") i--;
  if (i < 0) return `1${"0".repeat(digits.length)}`;
  return (
    digits.slice(0, i) +
    String.fromCharCode(digits.charCodeAt(i) + 1) +
    "0".repeat(digits.length - i - 1)
  );
}
