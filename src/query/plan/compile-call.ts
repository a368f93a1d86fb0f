// Function calls: the runtime's scalar functions looked up case-insensitively, arity
// checked at compile time, arguments evaluated per row. In a mutating query, nodes and
// relationships passed to a function are refreshed first (labels(n) after SET n:L sees
// the label), and the functions that read an entity's data refuse a deleted one.
// Aggregating functions are not evaluated here: projections plan them (projection.ts).
import type { QueryError } from "../../internal/errors.js";
import { planError } from "./errors.js";
import { Node, Relationship } from "../../store/entities.js";
import type { FunctionCall } from "../syntax/ast.js";
import type { ExecContext } from "../exec/context.js";
import type { Expr } from "../exec/pipe.js";
import { deletedAccess, refreshValue } from "../exec/entity.js";
import { AGGREGATES, FUNCTIONS } from "../runtime/index.js";
import type { Value } from "../runtime/types.js";
import { compileIn, type CompileEnv } from "./context.js";

/** Functions that read a node's or relationship's data: a deleted one is refused. */
const READS_ENTITY_DATA: ReadonlySet<string> = new Set(["labels", "keys", "properties"]);

function compileError(e: FunctionCall, message: string, detail: string): QueryError {
  return planError(detail, message, e.pos);
}

export function isAggregateCall(e: FunctionCall): boolean {
  return AGGREGATES.has(e.name.toLowerCase());
}

export function compileFunction(e: FunctionCall, env: CompileEnv): Expr {
  const name = e.name.toLowerCase();
  if (AGGREGATES.has(name)) {
    throw compileError(
      e,
      `aggregate ${e.name}() is only allowed in WITH and RETURN`,
      "InvalidAggregation",
    );
  }
  const args = e.args.map((a) => compileIn(a, env));
  if (name === "exists" && args.length === 1) {
    const only = args[0]!;
    return (row, ctx) => only(row, ctx) !== null;
  }
  const def = FUNCTIONS.get(name);
  if (def === undefined) throw compileError(e, `unknown function ${e.name}()`, "UnknownFunction");
  if (args.length < def.minArgs || args.length > def.maxArgs) {
    throw compileError(
      e,
      `${e.name}() takes ${arity(def.minArgs, def.maxArgs)}, got ${args.length}`,
      "InvalidNumberOfArguments",
    );
  }
  const fresh = env.pc.writes;
  const guard = READS_ENTITY_DATA.has(name);
  const n = args.length;
  return (row, ctx) => {
    const values = new Array<Value>(n);
    for (let i = 0; i < n; i++) {
      const v = args[i]!(row, ctx);
      values[i] = fresh ? freshArgument(v, guard, ctx) : v;
    }
    return def.call(values, ctx);
  };
}

function arity(min: number, max: number): string {
  if (min === max) return `${min} argument${min === 1 ? "" : "s"}`;
  return max === Infinity ? `at least ${min} arguments` : `${min} to ${max} arguments`;
}

function freshArgument(v: Value, guard: boolean, ctx: ExecContext): Value {
  if (guard) {
    if (v instanceof Node && ctx.deletedNodes.has(v.id)) throw deletedAccess("node", v.id);
    if (v instanceof Relationship && ctx.deletedRelationships.has(v.id)) {
      throw deletedAccess("relationship", v.id);
    }
  }
  return refreshValue(v, ctx);
}
