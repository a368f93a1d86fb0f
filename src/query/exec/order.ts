// DISTINCT, ORDER BY, SKIP and LIMIT. Sorting uses the runtime's orderCompare (the total
// order openCypher defines for ORDER BY) and is stable; sort keys are computed once per
// row. SKIP and LIMIT are evaluated once, before the first row, and must be non-negative
// Ints; LIMIT stops pulling from its input as soon as it has enough, so work upstream
// stops too. LIMIT 0 pulls nothing.
import { QueryError } from "../../internal/errors.js";
import { groupKey, groupKeyOfRow, orderCompare } from "../runtime/index.js";
import { cypherTypeName, isInt, type Value } from "../runtime/types.js";
import type { ExecContext, Row } from "./context.js";
import type { Expr, Pipe } from "./pipe.js";

export function distinct(slots: readonly number[]): Pipe {
  return function* distinctRows(input: Iterable<Row>, ctx: ExecContext) {
    const seen = new Set<string>();
    const values = new Array<Value>(slots.length);
    for (const row of input) {
      ctx.tick();
      let k: string;
      if (slots.length === 1) k = groupKey(row[slots[0]!]!);
      else {
        for (let i = 0; i < slots.length; i++) values[i] = row[slots[i]!]!;
        k = groupKeyOfRow(values);
      }
      if (seen.has(k)) continue;
      seen.add(k);
      yield row;
    }
  };
}

export interface SortKey {
  readonly expr: Expr;
  readonly descending: boolean;
}

export function sort(keys: readonly SortKey[]): Pipe {
  const n = keys.length;
  return function* sorted(input: Iterable<Row>, ctx: ExecContext) {
    const entries: { row: Row; values: Value[]; index: number }[] = [];
    for (const row of input) {
      ctx.tick();
      const values = new Array<Value>(n);
      for (let i = 0; i < n; i++) values[i] = keys[i]!.expr(row, ctx);
      entries.push({ row, values, index: entries.length });
    }
    entries.sort((a, b) => {
      for (let i = 0; i < n; i++) {
        const c = orderCompare(a.values[i]!, b.values[i]!);
        if (c !== 0) return keys[i]!.descending ? -c : c;
      }
      return a.index - b.index;
    });
    for (const e of entries) yield e.row;
  };
}

/** The value of SKIP or LIMIT: a non-negative Int, else an error as the TCK expects. */
export function countArgument(
  what: "SKIP" | "LIMIT",
  v: Value,
  phase: "compile" | "runtime",
): number {
  if (!isInt(v)) {
    throw new QueryError(
      "SEMANTIC",
      `${what} expects a non-negative INTEGER, got ${v === null ? "null" : cypherTypeName(v)}`,
      {
        phase,
        detail: "InvalidArgumentType",
      },
    );
  }
  if (v < 0) {
    throw new QueryError("SEMANTIC", `${what} expects a non-negative INTEGER, got ${v}`, {
      phase,
      detail: "NegativeIntegerArgument",
    });
  }
  return typeof v === "bigint" ? Number.MAX_SAFE_INTEGER : v;
}

export function skip(count: Expr): Pipe {
  return function* skipping(input: Iterable<Row>, ctx: ExecContext) {
    let n = countArgument("SKIP", count([], ctx), "runtime");
    for (const row of input) {
      if (n > 0) {
        n--;
        continue;
      }
      yield row;
    }
  };
}

/**
 * LIMIT. With `drain` (a query that writes), the input is still read to its end after
 * the last row passes, so every write upstream happens whatever the limit.
 */
export function limit(count: Expr, drain: boolean): Pipe {
  return function* limiting(input: Iterable<Row>, ctx: ExecContext) {
    let n = countArgument("LIMIT", count([], ctx), "runtime");
    if (n === 0 && !drain) return;
    for (const row of input) {
      if (n > 0) {
        n--;
        yield row;
        if (n === 0 && !drain) return;
      }
    }
  };
}
