// Durations as Cypher computes them: four independent amounts (months, days, seconds,
// nanoseconds), never converted into one another except where a fraction has to go
// somewhere. A fraction of a month becomes days and seconds at the average month length
// (365.2425 / 12 days, 2,629,746 seconds), a fraction of a day becomes seconds, a fraction
// of a nanosecond is rounded (ties to even). So `{months: 0.75}` is P22DT19H51M49.5S and
// `{weeks: 2.5}` is P17DT12H, while 70 seconds stay 70 seconds (PT1M10S when printed).
//
// The stored form keeps nanoseconds in [0, 1e9) with the seconds floored, so -1.5 seconds
// is (-2 s, 500,000,000 ns); equal amounts have equal fields.
//
// It covers building (from amounts), + and - of durations, and * and / by numbers; adding
// durations to dates and times is shift.ts's.
import { DurationValue, Float } from "../../../store/tagged-values.js";
import { divisionByZero, overflow } from "../errors.js";
import type { Ratio } from "./ratio.js";
import { add, inverse, mul, ratio, ratioOfNumber, roundHalfEven, scale, trunc } from "./ratio.js";

const NANOS_PER_SECOND = 1_000_000_000n;
const NANOS_PER_DAY = 86_400n * NANOS_PER_SECOND;
const NANOS_PER_AVERAGE_MONTH = 2_629_746n * NANOS_PER_SECOND;
const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;

/** A duration's amounts before normalisation, each possibly fractional. */
export interface DurationAmounts {
  readonly months: Ratio;
  readonly days: Ratio;
  readonly nanos: Ratio;
}

function checked(v: bigint, what: string): bigint {
  if (v < I64_MIN || v > I64_MAX) throw overflow(`duration ${what} ${v} does not fit in 64 bits`);
  return v;
}

/** A duration from whole months and days and a nanosecond count. */
export function durationOf(months: bigint, days: bigint, nanos: bigint): DurationValue {
  let seconds = nanos / NANOS_PER_SECOND;
  let rest = nanos - seconds * NANOS_PER_SECOND;
  if (rest < 0n) {
    seconds -= 1n;
    rest += NANOS_PER_SECOND;
  }
  return new DurationValue({
    months: checked(months, "months"),
    days: checked(days, "days"),
    seconds: checked(seconds, "seconds"),
    nanoseconds: rest,
  });
}

/** A duration from possibly fractional amounts, fractions carried down as described above. */
export function durationOfAmounts(a: DurationAmounts): DurationValue {
  const months = trunc(a.months);
  const monthFraction = scale(add(a.months, ratio(-months)), NANOS_PER_AVERAGE_MONTH);
  const fractionDays = trunc(mul(monthFraction, ratio(1n, NANOS_PER_DAY)));
  let nanos = add(a.nanos, add(monthFraction, ratio(-fractionDays * NANOS_PER_DAY)));
  const days = trunc(a.days);
  nanos = add(nanos, scale(add(a.days, ratio(-days)), NANOS_PER_DAY));
  return durationOf(months, days + fractionDays, roundHalfEven(nanos));
}

/** The seconds and nanoseconds of a duration as one nanosecond count. */
export function totalNanos(d: DurationValue): bigint {
  return BigInt(d.seconds) * NANOS_PER_SECOND + BigInt(d.nanoseconds);
}

export function plusDurations(a: DurationValue, b: DurationValue, sign: 1n | -1n): DurationValue {
  return durationOf(
    BigInt(a.months) + sign * BigInt(b.months),
    BigInt(a.days) + sign * BigInt(b.days),
    totalNanos(a) + sign * totalNanos(b),
  );
}

export function negateDuration(d: DurationValue): DurationValue {
  return durationOf(-BigInt(d.months), -BigInt(d.days), -totalNanos(d));
}

function factorOf(x: number | bigint | Float): Ratio {
  if (typeof x === "bigint") return ratio(x);
  const n = x instanceof Float ? x.value : x;
  if (!Number.isFinite(n)) throw overflow(`cannot scale a duration by ${n}`);
  return ratioOfNumber(n);
}

/** `d * x` for an Int or Float x. */
export function multiplyDuration(d: DurationValue, x: number | bigint | Float): DurationValue {
  return scaleDuration(d, factorOf(x));
}

/** `d / x` for an Int or Float x. */
export function divideDuration(d: DurationValue, x: number | bigint | Float): DurationValue {
  const f = factorOf(x);
  if (f.n === 0n) throw divisionByZero(`cannot divide a duration by zero`);
  return scaleDuration(d, inverse(f));
}

function scaleDuration(d: DurationValue, f: Ratio): DurationValue {
  return durationOfAmounts({
    months: mul(ratio(BigInt(d.months)), f),
    days: mul(ratio(BigInt(d.days)), f),
    nanos: mul(ratio(totalNanos(d)), f),
  });
}
