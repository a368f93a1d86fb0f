// The current instant for date(), datetime.statement(), time.transaction(), ... Cypher has
// three clocks: the statement clock (one instant for a whole query, so that every call in
// it agrees), the transaction clock (one instant per transaction) and the real-time clock
// (read afresh on every call). The plain functions (`date()`) use the statement clock.
//
// The instants are remembered per execution context, and per write transaction for the
// transaction clock, in weak maps: the executor needs no hook, and a finished query's
// instant goes with its context.
import type { FunctionContext } from "../function-def.js";
import { NANOS_PER_DAY } from "./values.js";

/** An instant as [UTC epoch day, nanosecond of that day]. */
export type Instant = readonly [number, number];

export type ClockName = "statement" | "transaction" | "realtime";

const statementInstants = new WeakMap<object, Instant>();
const transactionInstants = new WeakMap<object, Instant>();

/** The real time, to the microsecond that the process clock gives. */
export function realtimeInstant(): Instant {
  const ms = performance.timeOrigin + performance.now();
  const wholeMs = Math.floor(ms);
  const day = Math.floor(wholeMs / 86_400_000);
  const nanos = (wholeMs - day * 86_400_000) * 1e6 + Math.round((ms - wholeMs) * 1000) * 1000;
  return [day, Math.min(nanos, NANOS_PER_DAY - 1)];
}

function remembered(map: WeakMap<object, Instant>, key: object): Instant {
  let instant = map.get(key);
  if (instant === undefined) {
    instant = realtimeInstant();
    map.set(key, instant);
  }
  return instant;
}

/** The instant `clock` reads in the query running with `ctx`. */
export function currentInstant(ctx: FunctionContext, clock: ClockName): Instant {
  if (clock === "realtime") return realtimeInstant();
  if (clock === "transaction") {
    const tx = (ctx as { tx?: unknown }).tx;
    if (typeof tx === "object" && tx !== null) return remembered(transactionInstants, tx);
  }
  return remembered(statementInstants, ctx);
}
