// Checks one expression against its scope and place, and works out what is statically
// known of its type: undefined variables, out-of-range literals, operators applied to
// values that can never suit them (`123 AND true`, `1 IN 'foo'`, `'a' % 2`, `path.key`).
// Function calls and the forms with local variables are in analyze-calls.ts and
// analyze-local-forms.ts. Anything whose type is unknown until run time passes.

import type { BinaryOp, Expression, Literal, PropertyAccess, UnaryOp, Variable } from "./ast.js";
import { checkCall, checkCountStar } from "./analyze-calls.js";
import { checkLocalForm } from "./analyze-local-forms.js";
import { canonicalText } from "./expression-walk.js";
import { requireType } from "./require-type.js";
import type { Analyzer, ExpressionContext } from "./scope.js";
import {
  elementOf,
  isList,
  join,
  joinAll,
  mayBe,
  typeName,
  type StaticType,
} from "./static-types.js";

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

export function checkExpression(an: Analyzer, e: Expression, ctx: ExpressionContext): StaticType {
  // In ORDER BY after DISTINCT or aggregation, a projected expression stands for its column.
  const projected = ctx.projectedItems?.get(canonicalText(e));
  if (projected !== undefined) return projected;
  const sub = (x: Expression): StaticType => an.expression(x, { ...ctx, predicate: false });
  switch (e.kind) {
    case "null":
    case "boolean":
    case "string":
    case "integer":
    case "float":
      return literalType(an, e);
    case "parameter":
      return "any";
    case "variable":
      return variableType(an, e, ctx);
    case "property":
      return propertyType(an, e, sub(e.object));
    case "index":
    case "slice":
    case "list":
    case "map":
    case "mapProjection":
      return collectionType(e, sub);
    case "unary":
      return unaryType(an, e, ctx);
    case "binary":
      return binaryType(an, e, ctx);
    case "isNull":
      sub(e.operand);
      return "boolean";
    case "labelCheck":
      requireType(an, e.operand, sub(e.operand), "a label check", "node", "relationship");
      return "boolean";
    case "function":
      return checkCall(an, e, ctx);
    case "countStar":
      return checkCountStar(an, e, ctx);
    case "case": {
      if (e.test !== null) sub(e.test);
      const results: StaticType[] = [];
      for (const alt of e.alternatives) {
        sub(alt.when);
        results.push(sub(alt.then));
      }
      if (e.otherwise !== null) results.push(sub(e.otherwise));
      return joinAll(results);
    }
    default:
      return checkLocalForm(an, e, ctx);
  }
}

/** Literals: integers must fit in 64 bits, floats must be finite. */
function literalType(an: Analyzer, e: Literal): StaticType {
  if (e.kind === "integer" && (e.value < INT64_MIN || e.value > INT64_MAX)) {
    const message = `integer literal ${e.value} does not fit in 64 bits`;
    an.fail("SYNTAX", "IntegerOverflow", message, e.pos);
  }
  if (e.kind === "float" && !Number.isFinite(e.value)) {
    const message = "float literal is too large for a 64-bit float";
    an.fail("SYNTAX", "FloatingPointOverflow", message, e.pos);
  }
  return e.kind;
}

type Collection = Extract<
  Expression,
  { kind: "index" | "slice" | "list" | "map" | "mapProjection" }
>;

function collectionType(e: Collection, sub: (x: Expression) => StaticType): StaticType {
  switch (e.kind) {
    case "index": {
      const object = sub(e.object);
      sub(e.index);
      return isList(object) ? object.list : "any";
    }
    case "slice": {
      const object = sub(e.object);
      if (e.from !== null) sub(e.from);
      if (e.to !== null) sub(e.to);
      return isList(object) ? object : "any";
    }
    case "list":
      return { list: joinAll(e.items.map(sub)) };
    case "map":
      for (const entry of e.entries) sub(entry.value);
      return "map";
    case "mapProjection":
      sub(e.object);
      for (const item of e.items) {
        if (item.kind === "literal") sub(item.value);
        else if (item.kind === "variable") sub(item.variable);
      }
      return "map";
  }
}

function variableType(an: Analyzer, v: Variable, ctx: ExpressionContext): StaticType {
  const info = ctx.scope.get(v.name);
  if (info === undefined) {
    an.fail("SEMANTIC", "UndefinedVariable", `variable \`${v.name}\` is not defined`, v.pos);
  }
  return info.type;
}

function propertyType(an: Analyzer, e: PropertyAccess, object: StaticType): StaticType {
  if (object === "path") {
    an.fail(
      "SEMANTIC",
      "InvalidArgumentType",
      `type mismatch: a Path has no property "${e.key}"`,
      e.pos,
    );
  }
  if (!mayBe(object, "map", "node", "relationship")) {
    const message = `type mismatch: expected a map, node or relationship for ".${e.key}" but got ${typeName(object)}`;
    an.fail("TYPE", "InvalidArgumentType", message, e.pos);
  }
  return "any";
}

function unaryType(an: Analyzer, e: UnaryOp, ctx: ExpressionContext): StaticType {
  if (e.op === "not") {
    requireType(an, e.operand, an.expression(e.operand, ctx), "NOT", "boolean");
    return "boolean";
  }
  const t = an.expression(e.operand, { ...ctx, predicate: false });
  requireType(an, e.operand, t, `unary ${e.op}`, "integer", "float");
  return t;
}

function binaryType(an: Analyzer, e: BinaryOp, ctx: ExpressionContext): StaticType {
  const logical = e.op === "and" || e.op === "or" || e.op === "xor";
  const inner = logical ? ctx : { ...ctx, predicate: false };
  const left = an.expression(e.left, inner);
  const right = an.expression(e.right, inner);
  switch (e.op) {
    case "and":
    case "or":
    case "xor":
      requireType(an, e.left, left, e.op.toUpperCase(), "boolean");
      requireType(an, e.right, right, e.op.toUpperCase(), "boolean");
      return "boolean";
    case "in":
      requireType(an, e.right, right, "IN", "list");
      return "boolean";
    case "+":
      return plusType(left, right);
    case "-":
    case "*":
    case "/":
    case "%":
    case "^":
      requireType(an, e.left, left, `"${e.op}"`, "integer", "float");
      requireType(an, e.right, right, `"${e.op}"`, "integer", "float");
      if (e.op === "^") return "float";
      return left === "integer" && right === "integer" ? "integer" : join(left, right);
    default:
      return "boolean";
  }
}

function plusType(left: StaticType, right: StaticType): StaticType {
  if (isList(left) || isList(right)) {
    return { list: join(elementOf(left), isList(right) ? right.list : right) };
  }
  if (left === "string" || right === "string") return "string";
  return left === right ? left : "any";
}
