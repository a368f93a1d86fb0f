// Function calls and count(*): the function exists (UnknownFunction), gets a number of
// arguments it accepts (InvalidNumberOfArguments), aggregates stand where aggregation is
// allowed and not inside one another (InvalidAggregation, NestedAggregation, and
// NonConstantExpression for rand() under an aggregate), and the graph functions do not get
// arguments that can never suit them (labels of a path, type of a node, size of a path).

import type { CountStar, FunctionCall } from "./ast.js";
import { requireType } from "./require-type.js";
import { functionArity } from "./function-table.js";
import type { Analyzer, ExpressionContext } from "./scope.js";
import { elementOf, FUNCTION_RESULT_TYPES, type StaticType } from "./static-types.js";

/** Functions whose single argument must be one of these kinds. */
const ARGUMENT_KINDS: Readonly<Record<string, readonly (StaticType | "list")[]>> = {
  labels: ["node"],
  type: ["relationship"],
  properties: ["node", "relationship", "map"],
  keys: ["node", "relationship", "map"],
  length: ["path", "string"],
  size: ["list", "string"],
  nodes: ["path"],
  relationships: ["path"],
  startnode: ["relationship"],
  endnode: ["relationship"],
};

export function checkCall(an: Analyzer, e: FunctionCall, ctx: ExpressionContext): StaticType {
  const lower = e.name.toLowerCase();
  const arity = functionArity(e.name);
  if (arity === undefined)
    an.fail("SEMANTIC", "UnknownFunction", `unknown function ${e.name}()`, e.pos);
  if (e.args.length < arity.minArgs || e.args.length > arity.maxArgs) {
    const wanted =
      arity.minArgs === arity.maxArgs
        ? `${arity.minArgs}`
        : arity.maxArgs === Infinity
          ? `at least ${arity.minArgs}`
          : `${arity.minArgs} to ${arity.maxArgs}`;
    const message = `${e.name}() takes ${wanted} argument${wanted === "1" ? "" : "s"}, got ${e.args.length}`;
    an.fail("SEMANTIC", "InvalidNumberOfArguments", message, e.pos);
  }
  if (lower === "rand" && ctx.inAggregate) {
    const message =
      "rand() cannot be used inside an aggregate function: its result is not constant";
    an.fail("SEMANTIC", "NonConstantExpression", message, e.pos);
  }
  if (arity.aggregate) checkAggregatePlacement(an, e.name, e.pos, ctx);
  const argContext: ExpressionContext = {
    ...ctx,
    inAggregate: ctx.inAggregate || arity.aggregate,
    // exists((a)-->(b)) is the one call that takes a pattern predicate.
    predicate: lower === "exists",
  };
  const types = e.args.map((a) => an.expression(a, argContext));
  const kinds = ARGUMENT_KINDS[lower];
  const first = e.args[0];
  if (kinds !== undefined && first !== undefined) {
    requireType(an, first, types[0] ?? "any", `${e.name}()`, ...kinds);
  }
  return resultType(lower, types);
}

export function checkCountStar(an: Analyzer, e: CountStar, ctx: ExpressionContext): StaticType {
  checkAggregatePlacement(an, "count", e.pos, ctx);
  return "integer";
}

function checkAggregatePlacement(
  an: Analyzer,
  name: string,
  pos: FunctionCall["pos"],
  ctx: ExpressionContext,
): void {
  if (ctx.inAggregate) {
    an.fail(
      "SEMANTIC",
      "NestedAggregation",
      `aggregate ${name}() cannot be nested in another aggregate`,
      pos,
    );
  }
  if (!ctx.aggregates) {
    an.fail(
      "SEMANTIC",
      "InvalidAggregation",
      `aggregate ${name}() is not allowed in ${ctx.place}`,
      pos,
    );
  }
}

function resultType(lower: string, args: readonly StaticType[]): StaticType {
  const fixed = FUNCTION_RESULT_TYPES.get(lower);
  if (fixed !== undefined) return fixed;
  switch (lower) {
    case "collect":
      return { list: args[0] ?? "any" };
    case "head":
    case "last":
      return elementOf(args[0] ?? "any");
    case "tail":
    case "reverse":
      return args[0] ?? "any";
    case "tointeger":
      return "integer";
    case "tofloat":
      return "float";
    case "toboolean":
      return "boolean";
    default:
      return "any";
  }
}
