// Expressions that run a pattern or a subquery per row: pattern predicates
// (`WHERE (a)-->(b)`), EXISTS { … }, COUNT { … } and pattern comprehensions. Each plans
// its pattern once, against the enclosing scope, and runs it per row with that row as
// its only input; EXISTS and pattern predicates stop at the first match.
import type {
  CountSubquery,
  ExistsSubquery,
  Pattern,
  PatternComprehension,
  PatternElement,
  PatternPredicate,
  Position,
  Variable,
} from "../syntax/ast.js";
import type { Pipe } from "../exec/pipe.js";
import type { ExecContext, Row } from "../exec/context.js";
import type { Expr } from "../exec/pipe.js";
import type { Value } from "../runtime/types.js";
import { compileIn, type CompileEnv } from "./context.js";

function patternOf(element: PatternElement, variable: Variable | null, pos: Position): Pattern {
  return { pos, parts: [{ pos, variable, shortest: null, element }] };
}

function anyRow(pipe: Pipe): Expr {
  return (row: Row, ctx: ExecContext) => {
    for (const _ of pipe([row], ctx)) return true;
    return false;
  };
}

function countRows(pipe: Pipe): Expr {
  return (row: Row, ctx: ExecContext) => {
    let n = 0;
    for (const _ of pipe([row], ctx)) {
      ctx.tick();
      n++;
    }
    return n;
  };
}

export function compilePatternPredicate(e: PatternPredicate, env: CompileEnv): Expr {
  return anyRow(env.pc.hooks.matchPipe(patternOf(e.element, null, e.pos), null, env).pipe);
}

function subqueryPipe(e: ExistsSubquery | CountSubquery, env: CompileEnv): Pipe {
  if (e.pattern !== null) return env.pc.hooks.matchPipe(e.pattern, e.where, env).pipe;
  return env.pc.hooks.subquery(e.query!, env).pipe;
}

export function compileExists(e: ExistsSubquery, env: CompileEnv): Expr {
  return anyRow(subqueryPipe(e, env));
}

export function compileCountSubquery(e: CountSubquery, env: CompileEnv): Expr {
  return countRows(subqueryPipe(e, env));
}

export function compilePatternComprehension(e: PatternComprehension, env: CompileEnv): Expr {
  const { pipe, scope } = env.pc.hooks.matchPipe(
    patternOf(e.element, e.variable, e.pos),
    e.where,
    env,
  );
  const map = compileIn(e.map, { ...env, scope });
  return (row, ctx) => {
    const out: Value[] = [];
    for (const r of pipe([row], ctx)) {
      ctx.tick();
      out.push(map(r, ctx));
    }
    return out;
  };
}
