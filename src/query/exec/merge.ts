// MERGE and FOREACH, the write clauses that run a plan per row. MERGE matches its whole
// pattern from the row and, when nothing matches, creates it whole; rows are handled one
// after the other, so a row sees what the MERGE created for the rows before it. ON MATCH
// actions run on each matched row, ON CREATE actions on the created one. FOREACH runs its
// clauses once per list element, for their effects; the rows pass on unchanged.
import { QueryError } from "../../internal/errors.js";
import { cypherTypeName, type Value } from "../runtime/types.js";
import type { ExecContext, Row } from "./context.js";
import { createInRow, type CreateSpec } from "./create.js";
import { materialise } from "./project.js";
import type { Expr, Pipe } from "./pipe.js";
import type { RowAction } from "./set.js";

export interface MergeSpec {
  readonly match: Pipe;
  readonly create: CreateSpec;
  readonly onMatch: readonly RowAction[];
  readonly onCreate: readonly RowAction[];
}

export function merge(spec: MergeSpec): Pipe {
  return function* merging(input: Iterable<Row>, ctx: ExecContext) {
    const rows = materialise(input, ctx);
    const out: Row[] = [];
    for (const row of rows) {
      ctx.tick();
      const found = materialise(spec.match([row], ctx), ctx);
      if (found.length > 0) {
        for (const m of found) {
          for (const a of spec.onMatch) a(m, ctx);
          out.push(m);
        }
        continue;
      }
      const made = row.slice();
      createInRow(spec.create, made, ctx);
      for (const a of spec.onCreate) a(made, ctx);
      out.push(made);
    }
    yield* out;
  };
}

export function foreach(slot: number, list: Expr, body: Pipe): Pipe {
  return function* forEach(input: Iterable<Row>, ctx: ExecContext) {
    const rows = materialise(input, ctx);
    for (const row of rows) {
      const v = list(row, ctx);
      if (v === null) continue;
      if (!Array.isArray(v)) {
        throw new QueryError("TYPE", `FOREACH needs a list, got ${cypherTypeName(v)}`, {
          phase: "runtime",
          detail: "InvalidArgumentType",
        });
      }
      for (const x of v as readonly Value[]) {
        const inner = row.slice();
        inner[slot] = x;
        for (const _ of body([inner], ctx)) ctx.tick();
      }
    }
    yield* rows;
  };
}
