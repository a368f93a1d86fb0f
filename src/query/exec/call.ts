// Running a procedure per row (CALL … YIELD) and a subquery per row (CALL { … }). A
// procedure's arguments are checked against its declared input types, an Int passed
// where a FLOAT is declared becoming a Float; each record it yields extends the row with
// the yielded fields. A subquery runs with the row as its only input; each row it returns
// extends the outer row with the returned columns, and a subquery that returns nothing
// (a unit subquery) passes the outer row on once.
import { QueryError } from "../../internal/errors.js";
import { Float } from "../../store/tagged-values.js";
import { cypherTypeName, isFloat, isInt, isMap, isNumber, type Value } from "../runtime/types.js";
import type { ExecContext, Row } from "./context.js";
import type { Expr, Pipe } from "./pipe.js";
import type { ProcedureDefinition } from "./procedures.js";

/** The argument as the declared type takes it, or undefined when it does not. */
export function coerceArgument(type: string, v: Value): Value | undefined {
  if (v === null) return null;
  const t = type.replace(/\?$/, "").toUpperCase();
  switch (t) {
    case "ANY":
      return v;
    case "INTEGER":
      return isInt(v) ? v : undefined;
    case "FLOAT":
      if (isFloat(v)) return v;
      return isInt(v) ? new Float(Number(v)) : undefined;
    case "NUMBER":
      return isNumber(v) ? v : undefined;
    case "STRING":
      return typeof v === "string" ? v : undefined;
    case "BOOLEAN":
      return typeof v === "boolean" ? v : undefined;
    case "MAP":
      return isMap(v) ? v : undefined;
    default:
      return t.startsWith("LIST") ? (Array.isArray(v) ? v : undefined) : v;
  }
}

export interface ProcedureCallSpec {
  readonly procedure: ProcedureDefinition;
  readonly args: readonly Expr[];
  /** Output field → slot. */
  readonly yields: readonly { readonly field: string; readonly slot: number }[];
}

function argumentValues(spec: ProcedureCallSpec, row: Row, ctx: ExecContext): Value[] {
  const { procedure } = spec;
  return spec.args.map((f, i) => {
    const field = procedure.inputs[i]!;
    const v = f(row, ctx);
    const c = coerceArgument(field.type, v);
    if (c === undefined) {
      throw new QueryError(
        "TYPE",
        `procedure ${procedure.name} expects ${field.type} for \`${field.name}\`, got ${cypherTypeName(v)}`,
        { phase: "runtime", detail: "InvalidArgumentType" },
      );
    }
    return c;
  });
}

export function callProcedure(spec: ProcedureCallSpec): Pipe {
  return function* procedureCall(input: Iterable<Row>, ctx: ExecContext) {
    for (const row of input) {
      const args = argumentValues(spec, row, ctx);
      if (spec.procedure.outputs.length === 0) {
        // A procedure without outputs is called for its effect: the row passes once.
        for (const _ of spec.procedure.call(args)) ctx.tick();
        yield row;
        continue;
      }
      for (const record of spec.procedure.call(args)) {
        ctx.tick();
        const out = row.slice();
        for (const y of spec.yields)
          out[y.slot] = Object.hasOwn(record, y.field) ? record[y.field]! : null;
        yield out;
      }
    }
  };
}

/** CALL { … }: `slots` are the subquery's returned columns (empty for a unit subquery). */
export function callSubquery(inner: Pipe, slots: readonly number[], returns: boolean): Pipe {
  return function* subqueryCall(input: Iterable<Row>, ctx: ExecContext) {
    for (const row of input) {
      if (!returns) {
        for (const _ of inner([row.slice()], ctx)) ctx.tick();
        yield row;
        continue;
      }
      for (const r of inner([row.slice()], ctx)) {
        const out = row.slice();
        for (const s of slots) out[s] = r[s]!;
        yield out;
      }
    }
  };
}
