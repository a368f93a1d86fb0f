// Reading durations from ISO 8601 text: the unit form `P1Y2M3W4DT5H6M7.5S` (each amount
// signed on its own and possibly fractional, `P0.75M`, `PT-1.5S`; a sign before the P
// negates the whole) and the date-time form `P2012-02-02T14:37:21.545`. Fractions carry
// down as durations.ts describes, so `P5M1.5D` is P5M1DT12H.
//
// It does not print durations (text-format.ts).
import type { DurationValue } from "../../../store/tagged-values.js";
import { invalidArgument } from "../errors.js";
import { durationOfAmounts } from "./durations.js";
import type { Ratio } from "./ratio.js";
import { add, ratio, ratioOfDecimal, scale } from "./ratio.js";

const NUMBER = String.raw`([+-]?\d+(?:[.,]\d+)?)`;
const UNIT_FORM = new RegExp(
  `^([+-])?P(?:${NUMBER}Y)?(?:${NUMBER}M)?(?:${NUMBER}W)?(?:${NUMBER}D)?` +
    `(?:T(?:${NUMBER}H)?(?:${NUMBER}M)?(?:${NUMBER}S)?)?$`,
  "i",
);
const DATE_TIME_FORM =
  /^([+-])?P(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?$/i;

const SECOND = 1_000_000_000n;
const UNIT_SCALES: readonly bigint[] = [12n, 1n, 7n, 1n, 3600n * SECOND, 60n * SECOND, SECOND];

function unparsable(text: string): Error {
  return invalidArgument(`cannot parse ${JSON.stringify(text)} as a duration`);
}

/** The duration written in `text`. */
export function parseDurationText(text: string): DurationValue {
  const unit = UNIT_FORM.exec(text);
  if (unit !== null) return unitForm(text, unit);
  const m = DATE_TIME_FORM.exec(text);
  if (m === null) throw unparsable(text);
  const [years, months, days, hours, minutes, seconds] = m.slice(2, 8).map((s) => BigInt(s ?? "0"));
  const nanos =
    ((hours ?? 0n) * 3600n + (minutes ?? 0n) * 60n + (seconds ?? 0n)) * SECOND +
    BigInt((m[8] ?? "").padEnd(9, "0"));
  const sign = m[1] === "-" ? -1n : 1n;
  return durationOfAmounts({
    months: ratio(sign * ((years ?? 0n) * 12n + (months ?? 0n))),
    days: ratio(sign * (days ?? 0n)),
    nanos: ratio(sign * nanos),
  });
}

function unitForm(text: string, m: RegExpExecArray): DurationValue {
  const amounts = m.slice(2, 9);
  if (amounts.every((a) => a === undefined)) throw unparsable(text);
  // A T must be followed by at least one time amount.
  if (/T$/i.test(text)) throw unparsable(text);
  const scaled = amounts.map((a, i): Ratio => {
    if (a === undefined) return ratio(0n);
    return scale(ratioOfDecimal(a), UNIT_SCALES[i] ?? 1n);
  });
  const [y, mo, w, d, h, mi, s] = scaled as [Ratio, Ratio, Ratio, Ratio, Ratio, Ratio, Ratio];
  const sign = m[1] === "-" ? -1n : 1n;
  return durationOfAmounts({
    months: scale(add(y, mo), sign),
    days: scale(add(w, d), sign),
    nanos: scale(add(add(h, mi), s), sign),
  });
}
