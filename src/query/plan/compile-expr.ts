// Expressions compiled once per query into closures `(row, ctx) => value`: variables read
// their slot, constants are folded into the closure, operators call the runtime's value
// operations. This file holds the dispatcher and the plain operators; lists and
// comprehensions are compile-lists.ts, function calls compile-call.ts, expressions that
// hold patterns or subqueries compile-patterns.ts. Aggregates are not evaluated here: a
// projection with aggregation substitutes their results through `env.subst`.
import { QueryError } from "../../internal/errors.js";
import { Node, Relationship } from "../../store/entities.js";
import { setMapEntry, type PropertyMap } from "../../store/values.js";
import type {
  BinaryOp,
  Expression,
  IndexAccess,
  PropertyAccess,
  SliceAccess,
} from "../syntax/ast.js";
import type { ExecContext, Row } from "../exec/context.js";
import type { Expr } from "../exec/pipe.js";
import { indexOf, propertyOf, sliceOf } from "../exec/access.js";
import { currentLabels } from "../exec/entity.js";
import { asLogical, not3, xor3 } from "../exec/logic.js";
import { matchRegex } from "../regex/index.js";
import {
  add,
  compare,
  contains,
  divide,
  endsWith,
  equals,
  listContains,
  modulo,
  multiply,
  negate,
  power,
  startsWith,
  subtract,
} from "../runtime/index.js";
import { cypherTypeName, isNumber, makeFloat, makeInt, type Value } from "../runtime/types.js";
import {
  compileCase,
  compileComprehension,
  compileMapProjection,
  compileQuantifier,
  compileReduce,
} from "./compile-lists.js";
import { compileFunction } from "./compile-call.js";
import {
  compileCountSubquery,
  compileExists,
  compilePatternComprehension,
  compilePatternPredicate,
} from "./compile-patterns.js";
import type { CompileEnv } from "./context.js";
import { planError } from "./errors.js";

/** Marks closures whose value never depends on the row, so callers can fold them. */
const CONSTANT = Symbol("constant");
type ConstExpr = Expr & { [CONSTANT]?: Value };

export function constant(v: Value): Expr {
  const f: ConstExpr = () => v;
  f[CONSTANT] = v;
  return f;
}

/** The value of a constant closure, or undefined when it depends on the row. */
export function constantValue(f: Expr): Value | undefined {
  return (f as ConstExpr)[CONSTANT];
}

export function compileExpression(e: Expression, env: CompileEnv): Expr {
  if (env.subst !== null) {
    const slot = env.subst(e);
    if (slot !== undefined) return (row) => row[slot]!;
  }
  switch (e.kind) {
    case "null":
      return constant(null);
    case "boolean":
    case "string":
      return constant(e.value);
    case "integer":
      return constant(makeInt(e.value));
    case "float":
      return constant(makeFloat(e.value));
    case "parameter": {
      const name = e.name;
      env.pc.params.add(name);
      return (_row, ctx) => ctx.params[name]!;
    }
    case "variable": {
      const slot = env.scope.require(e.name, e.pos).slot;
      return (row) => row[slot]!;
    }
    case "property":
    case "index":
    case "slice":
      return compileAccess(e, env);
    case "unary":
      return compileUnary(e.op, compileExpression(e.operand, env));
    case "binary":
      return compileBinary(e, env);
    case "isNull": {
      const operand = compileExpression(e.operand, env);
      return e.negated
        ? (row, ctx) => operand(row, ctx) !== null
        : (row, ctx) => operand(row, ctx) === null;
    }
    case "labelCheck":
      return compileLabelCheck(compileExpression(e.operand, env), e.labels);
    case "function":
      return compileFunction(e, env);
    case "countStar":
      throw planError("InvalidAggregation", "count(*) is only allowed in WITH and RETURN", e.pos);
    default:
      return compileComposite(e, env);
  }
}

/** `x.key`, `x[i]`, `x[a..b]` */
function compileAccess(e: PropertyAccess | IndexAccess | SliceAccess, env: CompileEnv): Expr {
  const obj = compileExpression(e.object, env);
  if (e.kind === "property") {
    const key = e.key;
    return (row, ctx) => propertyOf(obj(row, ctx), key, ctx);
  }
  if (e.kind === "index") {
    const index = compileExpression(e.index, env);
    return (row, ctx) => indexOf(obj(row, ctx), index(row, ctx), ctx);
  }
  const from = e.from === null ? null : compileExpression(e.from, env);
  const to = e.to === null ? null : compileExpression(e.to, env);
  return (row, ctx) =>
    sliceOf(
      obj(row, ctx),
      from === null ? undefined : from(row, ctx),
      to === null ? undefined : to(row, ctx),
    );
}

/** Expressions built of other expressions: literals of lists and maps, loops, subqueries. */
function compileComposite(e: Expression, env: CompileEnv): Expr {
  switch (e.kind) {
    case "list":
      return compileList(e.items.map((x) => compileExpression(x, env)));
    case "map":
      return compileMap(e.entries.map((x) => [x.key, compileExpression(x.value, env)] as const));
    case "mapProjection":
      return compileMapProjection(e, env);
    case "case":
      return compileCase(e, env);
    case "listComprehension":
      return compileComprehension(e, env);
    case "patternComprehension":
      return compilePatternComprehension(e, env);
    case "quantifier":
      return compileQuantifier(e, env);
    case "reduce":
      return compileReduce(e, env);
    case "exists":
      return compileExists(e, env);
    case "countSubquery":
      return compileCountSubquery(e, env);
    case "patternPredicate":
      return compilePatternPredicate(e, env);
    default:
      throw new Error(`no compiler for expression kind ${e.kind}`);
  }
}

function compileList(items: Expr[]): Expr {
  if (items.every((f) => constantValue(f) !== undefined)) {
    return constant(items.map((f) => constantValue(f)!));
  }
  return (row, ctx) => {
    const out = new Array<Value>(items.length);
    for (let i = 0; i < items.length; i++) out[i] = items[i]!(row, ctx);
    return out;
  };
}

function compileMap(entries: readonly (readonly [string, Expr])[]): Expr {
  const keys = entries.map(([k]) => k);
  const values = entries.map(([, f]) => f);
  // Keys named like Object.prototype members need setMapEntry; the rest a plain store.
  const special = keys.map((k) => k in Object.prototype);
  const n = keys.length;
  return (row, ctx) => {
    const out: PropertyMap = {};
    for (let i = 0; i < n; i++) {
      const v = values[i]!(row, ctx) as never;
      if (special[i]) setMapEntry(out, keys[i]!, v);
      else out[keys[i]!] = v;
    }
    return out;
  };
}

function compileUnary(op: "not" | "-" | "+", operand: Expr): Expr {
  const v = constantValue(operand);
  if (op === "-" && v !== undefined && v !== null) {
    try {
      return constant(negate(v)); // -1 is a constant, as LIMIT -1 must be seen to be
    } catch {
      // left for run time, where the error belongs
    }
  }
  switch (op) {
    case "not":
      return (row, ctx) => not3(operand(row, ctx));
    case "-":
      return (row, ctx) => negate(operand(row, ctx));
    case "+":
      return (row, ctx) => {
        const v = operand(row, ctx);
        if (v === null || isNumber(v)) return v;
        throw new QueryError("TYPE", `unary + expects a number, got ${cypherTypeName(v)}`, {
          phase: "runtime",
          detail: "InvalidArgumentType",
        });
      };
  }
}

type Binary = (a: Value, b: Value) => Value;

const ARITHMETIC: Partial<Record<BinaryOp["op"], Binary>> = {
  "+": add,
  "-": subtract,
  "*": multiply,
  "/": divide,
  "%": modulo,
  "^": power,
  startsWith,
  endsWith,
  contains,
  "=": equals,
  in: (a, b) => listContains(b, a),
  "=~": regexMatch,
};

function regexMatch(text: Value, pattern: Value): Value {
  if (typeof text !== "string" || typeof pattern !== "string") return null;
  return matchRegex(pattern, text);
}

function compileBinary(e: BinaryOp, env: CompileEnv): Expr {
  const a = compileExpression(e.left, env);
  const b = compileExpression(e.right, env);
  switch (e.op) {
    case "and":
      return (row, ctx) => {
        const x = asLogical("AND", a(row, ctx));
        if (x === false) return false;
        const y = asLogical("AND", b(row, ctx));
        return y === false ? false : x === null || y === null ? null : true;
      };
    case "or":
      return (row, ctx) => {
        const x = asLogical("OR", a(row, ctx));
        if (x === true) return true;
        const y = asLogical("OR", b(row, ctx));
        return y === true ? true : x === null || y === null ? null : false;
      };
    case "xor":
      return (row, ctx) => xor3(a(row, ctx), b(row, ctx));
    case "<>":
      return (row, ctx) => {
        const r = equals(a(row, ctx), b(row, ctx));
        return r === null ? null : !r;
      };
    case "<":
      return comparison(a, b, (c) => c < 0);
    case "<=":
      return comparison(a, b, (c) => c <= 0);
    case ">":
      return comparison(a, b, (c) => c > 0);
    case ">=":
      return comparison(a, b, (c) => c >= 0);
  }
  const op = ARITHMETIC[e.op]!;
  const folded = foldBinary(op, a, b);
  return folded ?? ((row, ctx) => op(a(row, ctx), b(row, ctx)));
}

/** Constant operands of a pure operator: computed once (errors are left for run time). */
function foldBinary(op: Binary, a: Expr, b: Expr): Expr | null {
  const x = constantValue(a);
  const y = constantValue(b);
  if (x === undefined || y === undefined) return null;
  try {
    return constant(op(x, y));
  } catch {
    return null;
  }
}

function comparison(a: Expr, b: Expr, test: (c: number) => boolean): Expr {
  return (row: Row, ctx: ExecContext) => {
    const c = compare(a(row, ctx), b(row, ctx));
    return c === null ? null : test(c);
  };
}

function compileLabelCheck(operand: Expr, labels: readonly string[]): Expr {
  return (row, ctx) => {
    const v = operand(row, ctx);
    if (v === null) return null;
    if (v instanceof Node) {
      const has = currentLabels(v, ctx);
      return labels.every((l) => has.includes(l));
    }
    if (v instanceof Relationship) return labels.every((l) => l === v.type);
    throw new QueryError("TYPE", `a label check needs a node, got ${cypherTypeName(v)}`, {
      phase: "runtime",
      detail: "InvalidArgumentType",
    });
  };
}
