// Which functions exist and how many arguments each takes, for the analyser's
// UnknownFunction and InvalidNumberOfArguments. The runtime's tables (FUNCTIONS,
// AGGREGATES) are the source; the functions the executor evaluates itself (exists) and
// the temporal and spatial ones not yet in those tables are listed here so that queries
// using them are not refused before they reach the executor.

import { AGGREGATES, FUNCTIONS } from "../runtime/index.js";

export interface Arity {
  readonly minArgs: number;
  readonly maxArgs: number;
  readonly aggregate: boolean;
}

const TEMPORAL_TYPES = ["date", "localtime", "time", "localdatetime", "datetime"];

/** Functions outside the runtime tables, with their arities. */
const EXTRA: ReadonlyMap<string, readonly [number, number]> = new Map<
  string,
  readonly [number, number]
>([
  ["exists", [1, 1]],
  ["duration", [1, 1]],
  ["duration.between", [2, 2]],
  ["duration.inmonths", [2, 2]],
  ["duration.indays", [2, 2]],
  ["duration.inseconds", [2, 2]],
  ["datetime.fromepoch", [2, 2]],
  ["datetime.fromepochmillis", [1, 1]],
  ["point", [1, 1]],
  ["distance", [2, 2]],
  ["point.distance", [2, 2]],
  ...TEMPORAL_TYPES.flatMap((t): [string, readonly [number, number]][] => [
    [t, [0, 1]],
    [`${t}.transaction`, [0, 1]],
    [`${t}.statement`, [0, 1]],
    [`${t}.realtime`, [0, 1]],
    [`${t}.truncate`, [2, 3]],
  ]),
]);

/** The arity of the function called `name` (any letter case), or undefined if unknown. */
export function functionArity(name: string): Arity | undefined {
  const key = name.toLowerCase();
  const aggregate = AGGREGATES.get(key);
  if (aggregate !== undefined) {
    return { minArgs: aggregate.minArgs, maxArgs: aggregate.maxArgs, aggregate: true };
  }
  const scalar = FUNCTIONS.get(key);
  if (scalar !== undefined) {
    return { minArgs: scalar.minArgs, maxArgs: scalar.maxArgs, aggregate: false };
  }
  const extra = EXTRA.get(key);
  return extra === undefined
    ? undefined
    : { minArgs: extra[0], maxArgs: extra[1], aggregate: false };
}

export function isAggregateName(name: string): boolean {
  return AGGREGATES.has(name.toLowerCase());
}
