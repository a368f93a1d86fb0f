// The aggregate functions: count, sum, avg, min, max, collect, stDev, stDevP,
// percentileCont and percentileDisc. The executor creates one Accumulator per group and
// aggregate, feeds it each row's evaluated arguments, and reads the result once.
//
// Every aggregate ignores null inputs (count(x) counts the non-null x; collect skips them).
// Empty groups give: count 0, sum 0, collect [], stDev/stDevP 0.0, and null for avg, min,
// max and the percentiles. DISTINCT keeps the first of each set of equivalent inputs
// (group-key.ts), so count(DISTINCT x) counts 1 and 1.0 once. count(*) is the executor's
// (it counts rows, not values). Summing or averaging durations waits for the temporal work
// (TODO) and is refused like any non-number.
import { argumentTypeError, outOfRange, overflow } from "./errors.js";
import { compareNumbers } from "./compare.js";
import { groupKey } from "./group-key.js";
import { orderCompare } from "./order.js";
import type { Value } from "./types.js";
import { cypherTypeName, isNumber, makeFloat, makeInt, numberValue } from "./types.js";
import type { Float } from "../../store/tagged-values.js";

/** The running state of one aggregate over one group. */
export interface Accumulator {
  /** Adds one row's evaluated arguments. */
  add(args: readonly Value[]): void;
  /** The aggregate of everything added so far. */
  result(): Value;
}

export interface AggregateDef {
  readonly name: string;
  readonly minArgs: number;
  readonly maxArgs: number;
  create(distinct: boolean): Accumulator;
}

type Numeric = number | bigint | Float;

const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;

function numericInput(fn: string, v: Value): Numeric {
  if (!isNumber(v)) throw argumentTypeError(`${fn}() expects numbers, got a ${cypherTypeName(v)}`);
  return v;
}

class Count implements Accumulator {
  #n = 0;
  add(args: readonly Value[]): void {
    if ((args[0] ?? null) !== null) this.#n++;
  }
  result(): Value {
    return this.#n;
  }
}

/** Ints add exactly (overflow is an error); from the first Float on, the sum is a Float. */
class Sum implements Accumulator {
  #int: number | bigint = 0;
  #float = 0;
  #isFloat = false;
  add(args: readonly Value[]): void {
    const v = args[0] ?? null;
    if (v === null) return;
    if (typeof v === "number" && Number.isSafeInteger(v) && !this.#isFloat) {
      const r = typeof this.#int === "number" ? this.#int + v : NaN;
      if (Number.isSafeInteger(r)) this.#int = r;
      else this.#addExact(BigInt(v));
      return;
    }
    const x = numericInput("sum", v);
    if (
      !this.#isFloat &&
      (typeof x === "bigint" || (typeof x === "number" && Number.isSafeInteger(x)))
    ) {
      this.#addExact(BigInt(x));
      return;
    }
    if (!this.#isFloat) this.#float = Number(this.#int);
    this.#isFloat = true;
    this.#float += numberValue(x);
  }
  #addExact(x: bigint): void {
    const r = BigInt(this.#int) + x;
    if (r < I64_MIN || r > I64_MAX)
      throw overflow(`integer overflow in sum(): ${r} does not fit in 64 bits`);
    this.#int = makeInt(r);
  }
  result(): Value {
    return this.#isFloat ? makeFloat(this.#float) : this.#int;
  }
}

class Avg implements Accumulator {
  #sum = 0;
  #n = 0;
  add(args: readonly Value[]): void {
    const v = args[0] ?? null;
    if (v === null) return;
    this.#sum += typeof v === "number" ? v : numberValue(numericInput("avg", v));
    this.#n++;
  }
  result(): Value {
    return this.#n === 0 ? null : makeFloat(this.#sum / this.#n);
  }
}

/** min (sign -1) or max (sign 1) by ORDER BY's order, so mixed types are fine. */
class Extreme implements Accumulator {
  readonly #sign: number;
  #best: Value = null;
  constructor(sign: number) {
    this.#sign = sign;
  }
  add(args: readonly Value[]): void {
    const v = args[0] ?? null;
    if (v === null) return;
    if (this.#best === null || orderCompare(v, this.#best) * this.#sign > 0) this.#best = v;
  }
  result(): Value {
    return this.#best;
  }
}

class Collect implements Accumulator {
  readonly #items: Value[] = [];
  add(args: readonly Value[]): void {
    const v = args[0] ?? null;
    if (v !== null) this.#items.push(v);
  }
  result(): Value {
    return this.#items;
  }
}

/** Welford's running mean and squared deviations: stable for large, close values. */
class StandardDeviation implements Accumulator {
  readonly #sample: boolean;
  #n = 0;
  #mean = 0;
  #m2 = 0;
  constructor(sample: boolean) {
    this.#sample = sample;
  }
  add(args: readonly Value[]): void {
    const v = args[0] ?? null;
    if (v === null) return;
    const x = numberValue(numericInput(this.#sample ? "stDev" : "stDevP", v));
    this.#n++;
    const delta = x - this.#mean;
    this.#mean += delta / this.#n;
    this.#m2 += delta * (x - this.#mean);
  }
  result(): Value {
    const divisor = this.#sample ? this.#n - 1 : this.#n;
    return makeFloat(divisor <= 0 ? 0 : Math.sqrt(this.#m2 / divisor));
  }
}

class Percentile implements Accumulator {
  readonly #continuous: boolean;
  readonly #values: Numeric[] = [];
  #p = 0;
  constructor(continuous: boolean) {
    this.#continuous = continuous;
  }
  get #name(): string {
    return this.#continuous ? "percentileCont" : "percentileDisc";
  }
  add(args: readonly Value[]): void {
    const p = args[1] ?? null;
    if (!isNumber(p)) {
      throw argumentTypeError(
        `${this.#name}() percentile must be a number, got a ${cypherTypeName(p)}`,
      );
    }
    const fraction = numberValue(p);
    if (!(fraction >= 0 && fraction <= 1)) {
      throw outOfRange(`${this.#name}() percentile must be between 0.0 and 1.0, got ${fraction}`);
    }
    this.#p = fraction;
    const v = args[0] ?? null;
    if (v !== null) this.#values.push(numericInput(this.#name, v));
  }
  result(): Value {
    const n = this.#values.length;
    if (n === 0) return null;
    const sorted = this.#values.sort(compareNumbers);
    if (!this.#continuous) {
      return sorted[Math.max(0, Math.ceil(this.#p * n) - 1)] as Numeric;
    }
    const position = this.#p * (n - 1);
    const lower = Math.floor(position);
    const low = numberValue(sorted[lower] as Numeric);
    if (lower === position) return makeFloat(low);
    const high = numberValue(sorted[lower + 1] as Numeric);
    return makeFloat(low + (high - low) * (position - lower));
  }
}

/** Passes each equivalence class of the first argument to `inner` once. */
class Distinct implements Accumulator {
  readonly #inner: Accumulator;
  readonly #seen = new Set<string>();
  constructor(inner: Accumulator) {
    this.#inner = inner;
  }
  add(args: readonly Value[]): void {
    const v = args[0] ?? null;
    if (v !== null) {
      const key = groupKey(v);
      if (this.#seen.has(key)) return;
      this.#seen.add(key);
    }
    this.#inner.add(args);
  }
  result(): Value {
    return this.#inner.result();
  }
}

function aggregate(
  name: string,
  minArgs: number,
  maxArgs: number,
  make: () => Accumulator,
): AggregateDef {
  return {
    name,
    minArgs,
    maxArgs,
    create: (distinct) => (distinct ? new Distinct(make()) : make()),
  };
}

const DEFINITIONS: readonly AggregateDef[] = [
  aggregate("count", 1, 1, () => new Count()),
  aggregate("sum", 1, 1, () => new Sum()),
  aggregate("avg", 1, 1, () => new Avg()),
  aggregate("min", 1, 1, () => new Extreme(-1)),
  aggregate("max", 1, 1, () => new Extreme(1)),
  aggregate("collect", 1, 1, () => new Collect()),
  aggregate("stDev", 1, 1, () => new StandardDeviation(true)),
  aggregate("stDevP", 1, 1, () => new StandardDeviation(false)),
  aggregate("percentileCont", 2, 2, () => new Percentile(true)),
  aggregate("percentileDisc", 2, 2, () => new Percentile(false)),
];

/** Every aggregate function, keyed by lower-cased name. */
export const AGGREGATES: ReadonlyMap<string, AggregateDef> = new Map(
  DEFINITIONS.map((def) => [def.name.toLowerCase(), def]),
);

/** The aggregate called `name` in any letter case, or undefined. */
export function lookupAggregate(name: string): AggregateDef | undefined {
  return AGGREGATES.get(name.toLowerCase());
}
