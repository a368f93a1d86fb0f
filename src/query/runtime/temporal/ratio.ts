// Exact rational numbers (bigint numerator over a positive bigint denominator) for the one
// place temporal work meets fractions: durations built from fractional amounts
// (`duration({months: 0.75})`, `P2.5W`, `dur * 0.5`). Working exactly and rounding once, at
// the nanosecond, keeps results like 70.5 seconds or half a month free of binary noise
// that a cascade of doubles would leave in the last digit.
//
// It knows nothing of durations; durations.ts decides what the numbers mean.

export interface Ratio {
  readonly n: bigint;
  /** Always positive. */
  readonly d: bigint;
}

export function ratio(n: bigint, d = 1n): Ratio {
  return d < 0n ? { n: -n, d: -d } : { n, d };
}

/** The exact value of a finite double (every double is a fraction over a power of two). */
export function ratioOfNumber(x: number): Ratio {
  if (Number.isInteger(x)) return { n: BigInt(x), d: 1n };
  let d = 1n;
  let scaled = x;
  while (!Number.isInteger(scaled)) {
    scaled *= 2; // exact: doubling only changes the exponent
    d *= 2n;
  }
  return { n: BigInt(scaled), d };
}

/** The exact value of a decimal literal such as "-12", "0.75" or "2,5" (ISO's comma). */
export function ratioOfDecimal(text: string): Ratio {
  const m = /^([+-]?)(\d+)(?:[.,](\d+))?$/.exec(text);
  if (m === null) throw new RangeError(`not a decimal number: ${text}`);
  const fraction = m[3] ?? "";
  const n = BigInt((m[2] ?? "0") + fraction);
  return { n: m[1] === "-" ? -n : n, d: 10n ** BigInt(fraction.length) };
}

export function add(a: Ratio, b: Ratio): Ratio {
  return a.d === b.d ? { n: a.n + b.n, d: a.d } : { n: a.n * b.d + b.n * a.d, d: a.d * b.d };
}

export function sub(a: Ratio, b: Ratio): Ratio {
  return add(a, { n: -b.n, d: b.d });
}

export function mul(a: Ratio, b: Ratio): Ratio {
  return { n: a.n * b.n, d: a.d * b.d };
}

export function scale(a: Ratio, k: bigint): Ratio {
  return { n: a.n * k, d: a.d };
}

/** 1 / a; the caller has checked that a is not zero. */
export function inverse(a: Ratio): Ratio {
  return ratio(a.d, a.n);
}

/** The integer part, rounded toward zero (bigint division truncates). */
export function trunc(a: Ratio): bigint {
  return a.n / a.d;
}

/** The nearest integer, ties to even. */
export function roundHalfEven(a: Ratio): bigint {
  const q = a.n / a.d;
  const r = a.n - q * a.d; // same sign as n
  const twice = 2n * (r < 0n ? -r : r);
  if (twice < a.d) return q;
  const away = a.n < 0n ? q - 1n : q + 1n;
  if (twice > a.d) return away;
  return q % 2n === 0n ? q : away;
}
