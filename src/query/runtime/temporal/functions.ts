// The temporal functions as the executor calls them: the five constructors (date,
// localtime, time, localdatetime, datetime) with their clock variants (.statement,
// .transaction, .realtime) and .truncate, duration and duration.between / inMonths /
// inDays / inSeconds, datetime.fromepoch and datetime.fromepochmillis. This file checks
// arguments and dispatches; the work is in the files it imports.
import type { FunctionDef } from "../function-def.js";
import { arg, defineFunction, intArg, stringArg, wrongArgument } from "../function-def.js";
import type { Value } from "../types.js";
import type { BetweenUnit } from "./between.js";
import { durationBetween } from "./between.js";
import type { ClockName } from "./clock.js";
import type { TemporalKind } from "./construct.js";
import { constructTemporal } from "./construct.js";
import { constructDuration } from "./duration-construct.js";
import { truncateTemporal } from "./truncate.js";
import type { TemporalInstant } from "./values.js";
import { dateTimeAtInstant, isTemporalInstant, splitEpochNanos } from "./values.js";

const KINDS: readonly (readonly [string, TemporalKind])[] = [
  ["date", "date"],
  ["localtime", "localTime"],
  ["time", "time"],
  ["localdatetime", "localDateTime"],
  ["datetime", "dateTime"],
];
const CLOCKS: readonly ClockName[] = ["statement", "transaction", "realtime"];

function instantArg(fn: string, v: Value): TemporalInstant {
  if (!isTemporalInstant(v)) throw wrongArgument(fn, "a temporal value", v);
  return v;
}

function constructors(name: string, kind: TemporalKind): FunctionDef[] {
  return [
    defineFunction(name, 0, 1, (args, ctx) => constructTemporal(kind, name, args[0], ctx, null)),
    ...CLOCKS.map((clock) =>
      defineFunction(`${name}.${clock}`, 0, 1, (args, ctx) =>
        constructTemporal(kind, `${name}.${clock}`, args[0], ctx, clock),
      ),
    ),
    defineFunction(`${name}.truncate`, 2, 3, (args) => {
      const fn = `${name}.truncate`;
      const unit = arg(args, 0);
      const value = arg(args, 1);
      if (unit === null || value === null) return null;
      return truncateTemporal(kind, fn, stringArg(fn, unit), instantArg(fn, value), arg(args, 2));
    }),
  ];
}

function between(name: string, unit: BetweenUnit): FunctionDef {
  return defineFunction(name, 2, 2, (args) => {
    const a = arg(args, 0);
    const b = arg(args, 1);
    if (a === null || b === null) return null;
    return durationBetween(instantArg(name, a), instantArg(name, b), unit);
  });
}

function fromEpoch(args: readonly Value[]): Value {
  const seconds = arg(args, 0);
  const nanos = arg(args, 1);
  if (seconds === null || nanos === null) return null;
  const total =
    BigInt(intArg("datetime.fromepoch", seconds)) * 1_000_000_000n +
    BigInt(intArg("datetime.fromepoch", nanos));
  const [day, nano] = splitEpochNanos(total);
  return dateTimeAtInstant(day, nano, 0);
}

function fromEpochMillis(args: readonly Value[]): Value {
  const millis = arg(args, 0);
  if (millis === null) return null;
  const [day, nano] = splitEpochNanos(
    BigInt(intArg("datetime.fromepochmillis", millis)) * 1_000_000n,
  );
  return dateTimeAtInstant(day, nano, 0);
}

export const TEMPORAL_FUNCTIONS: readonly FunctionDef[] = [
  ...KINDS.flatMap(([name, kind]) => constructors(name, kind)),
  defineFunction("duration", 1, 1, (args) => constructDuration(arg(args, 0))),
  between("duration.between", "all"),
  between("duration.inMonths", "months"),
  between("duration.inDays", "days"),
  between("duration.inSeconds", "seconds"),
  defineFunction("datetime.fromepoch", 2, 2, fromEpoch),
  defineFunction("datetime.fromepochmillis", 1, 1, fromEpochMillis),
];
