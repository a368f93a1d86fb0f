// Projection (WITH and RETURN items), UNWIND and OPTIONAL MATCH: the row operators that
// bind new slots from expressions. A projection writes its items into their slots of the
// row it is given (rows belong to the operator that receives them) and keeps the other
// slots, so an ORDER BY after a plain projection can still read the variables before it.
import { QueryError } from "../../internal/errors.js";
import type { Value } from "../runtime/types.js";
import type { ExecContext, Row } from "./context.js";
import type { Expr, Pipe } from "./pipe.js";

export interface ProjectItem {
  readonly slot: number;
  readonly expr: Expr;
}

export function project(items: readonly ProjectItem[]): Pipe {
  const n = items.length;
  return function* projection(input: Iterable<Row>, ctx: ExecContext) {
    for (const row of input) {
      ctx.tick();
      // Evaluate every item before writing any: an item never reads a slot written here,
      // but refreshing or erroring midway must not leave a half-projected row behind.
      if (n === 1) {
        row[items[0]!.slot] = items[0]!.expr(row, ctx);
      } else {
        const values = new Array<Value>(n);
        for (let i = 0; i < n; i++) values[i] = items[i]!.expr(row, ctx);
        for (let i = 0; i < n; i++) row[items[i]!.slot] = values[i]!;
      }
      yield row;
    }
  };
}

/** UNWIND: one row per element; null or [] gives none, a non-list gives itself once. */
export function unwind(slot: number, list: Expr): Pipe {
  return function* unwinding(input: Iterable<Row>, ctx: ExecContext) {
    for (const row of input) {
      const v = list(row, ctx);
      if (v === null) continue;
      if (!Array.isArray(v)) {
        row[slot] = v;
        yield row;
        continue;
      }
      for (const x of v as readonly Value[]) {
        ctx.tick();
        const out = row.slice();
        out[slot] = x;
        yield out;
      }
    }
  };
}

/** OPTIONAL MATCH: the inner match's rows, or the row with its slots null when none. */
export function optional(inner: Pipe, slots: readonly number[]): Pipe {
  return function* optionalMatch(input: Iterable<Row>, ctx: ExecContext) {
    for (const row of input) {
      let any = false;
      for (const out of inner([row], ctx)) {
        any = true;
        yield out;
      }
      if (!any) {
        const out = row.slice();
        for (const s of slots) out[s] = null;
        yield out;
      }
    }
  };
}

/** Runs `inner` for each row, for its effects only, and passes the row on. */
export function drainEach(inner: Pipe): Pipe {
  return function* sideEffects(input: Iterable<Row>, ctx: ExecContext) {
    for (const row of input) {
      for (const _ of inner([row.slice()], ctx)) ctx.tick();
      yield row;
    }
  };
}

/** Every row of the input, read before the first is passed on (write clauses are eager). */
export function materialise(input: Iterable<Row>, ctx: ExecContext): Row[] {
  const rows: Row[] = [];
  for (const row of input) {
    ctx.tick();
    rows.push(row);
  }
  return rows;
}

export function runtimeError(
  code: "TYPE" | "ARGUMENT" | "SEMANTIC",
  message: string,
  detail: string,
): QueryError {
  return new QueryError(code, message, { phase: "runtime", detail });
}
