// duration(x): from text (`duration('P1Y2M')`, see duration-parse.ts), from a map of
// amounts (`duration({days: 14, hours: 16.5})`), or a duration unchanged. Amounts may be
// Ints or Floats and any sign; the units add up (years and quarters into months, weeks into
// days, the clock units into nanoseconds) and fractions carry down as durations.ts says.
import type { DurationValue } from "../../../store/tagged-values.js";
import { Float, isTaggedValue } from "../../../store/tagged-values.js";
import { argumentTypeError, invalidArgument } from "../errors.js";
import type { Value } from "../types.js";
import { cypherTypeName, isMap, isNumber } from "../types.js";
import { parseDurationText } from "./duration-parse.js";
import { durationOfAmounts } from "./durations.js";
import type { Ratio } from "./ratio.js";
import { add, ratio, ratioOfNumber, scale } from "./ratio.js";

type Part = "months" | "days" | "nanos";

const SECOND = 1_000_000_000n;
/** Each map key (lower-cased): the part it adds to and how many of that part it is worth. */
const UNITS: ReadonlyMap<string, readonly [Part, bigint]> = new Map([
  ["years", ["months", 12n]],
  ["quarters", ["months", 3n]],
  ["months", ["months", 1n]],
  ["weeks", ["days", 7n]],
  ["days", ["days", 1n]],
  ["hours", ["nanos", 3600n * SECOND]],
  ["minutes", ["nanos", 60n * SECOND]],
  ["seconds", ["nanos", SECOND]],
  ["milliseconds", ["nanos", 1_000_000n]],
  ["microseconds", ["nanos", 1000n]],
  ["nanoseconds", ["nanos", 1n]],
]);

function amountOf(key: string, v: Value): Ratio {
  if (!isNumber(v)) {
    throw invalidArgument(`duration(): ${key} must be a number, got ${cypherTypeName(v)}`);
  }
  if (typeof v === "bigint") return ratio(v);
  const n = v instanceof Float ? v.value : v;
  if (!Number.isFinite(n)) throw invalidArgument(`duration(): ${key} cannot be ${n}`);
  return ratioOfNumber(n);
}

/** The duration `duration(arg)` makes. */
export function constructDuration(arg: Value): Value {
  if (arg === null) return null;
  if (typeof arg === "string") return parseDurationText(arg);
  if (isTaggedValue(arg) && arg.kind === "duration") return arg;
  if (!isMap(arg)) {
    throw argumentTypeError(`duration() expects a STRING or MAP, got ${cypherTypeName(arg)}`);
  }
  const parts: Record<Part, Ratio> = { months: ratio(0n), days: ratio(0n), nanos: ratio(0n) };
  for (const [key, v] of Object.entries(arg)) {
    if (v === null) continue;
    const unit = UNITS.get(key.toLowerCase());
    if (unit === undefined) throw invalidArgument(`duration() does not take the key ${key}`);
    const [part, worth] = unit;
    parts[part] = add(parts[part], scale(amountOf(key, v), worth));
  }
  return durationOfAmounts(parts) satisfies DurationValue;
}
