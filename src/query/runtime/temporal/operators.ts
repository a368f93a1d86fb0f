// The arithmetic operators on temporal operands, for arithmetic.ts to try before it reports
// a type error: temporal ± duration, duration + temporal, duration ± duration,
// duration * number, number * duration, duration / number and -duration. Each answers
// undefined when its operands are not such a pair, so the caller keeps one place for the
// error message.
import type { DurationValue } from "../../../store/tagged-values.js";
import { isTaggedValue } from "../../../store/tagged-values.js";
import type { Value } from "../types.js";
import { isNumber } from "../types.js";
import { divideDuration, multiplyDuration, negateDuration, plusDurations } from "./durations.js";
import { shiftTemporal } from "./shift.js";
import { isTemporalInstant } from "./values.js";

function isDuration(v: Value): v is DurationValue {
  return isTaggedValue(v) && v.kind === "duration";
}

export function temporalAdd(a: Value, b: Value): Value | undefined {
  if (isDuration(b)) {
    if (isDuration(a)) return plusDurations(a, b, 1n);
    if (isTemporalInstant(a)) return shiftTemporal(a, b, 1);
  } else if (isDuration(a) && isTemporalInstant(b)) {
    return shiftTemporal(b, a, 1);
  }
  return undefined;
}

export function temporalSubtract(a: Value, b: Value): Value | undefined {
  if (!isDuration(b)) return undefined;
  if (isDuration(a)) return plusDurations(a, b, -1n);
  return isTemporalInstant(a) ? shiftTemporal(a, b, -1) : undefined;
}

export function temporalMultiply(a: Value, b: Value): Value | undefined {
  if (isDuration(a) && isNumber(b)) return multiplyDuration(a, b);
  if (isNumber(a) && isDuration(b)) return multiplyDuration(b, a);
  return undefined;
}

export function temporalDivide(a: Value, b: Value): Value | undefined {
  return isDuration(a) && isNumber(b) ? divideDuration(a, b) : undefined;
}

export function temporalNegate(a: Value): Value | undefined {
  return isDuration(a) ? negateDuration(a) : undefined;
}
