// The semantic analyser's entry: `analyze(statement)` raises, at compile time and in the
// openCypher TCK's terms, what the grammar alone cannot catch: undefined and conflicting
// variables, misplaced or ambiguous aggregation, clause composition, literal ranges,
// arguments that can never suit their operator or function. It changes nothing in the
// tree and computes nothing the planner needs; it only accepts or rejects.
// This file wires the parts together (see scope.ts for why through an interface) and
// handles the statement level: UNION and the scopes of nested statements.

import type { SkeinErrorCode } from "../../internal/errors.js";
import type { Expression, PatternElement, Position, Statement, Variable } from "./ast.js";
import { analyzeSingleQuery } from "./analyze-clauses.js";
import { checkExpression } from "./analyze-expressions.js";
import { declareMatchPattern } from "./analyze-patterns.js";
import { compileError } from "./compile-error.js";
import { Scope, type Analyzer, type ExpressionContext, type StatementMode } from "./scope.js";
import { sourceOf } from "./source-text.js";
import type { StaticType } from "./static-types.js";

/**
 * Checks a parsed statement; throws a QueryError (phase "compile", code SYNTAX, SEMANTIC
 * or TYPE, with the TCK detail) at the first problem. `query` defaults to the text the
 * statement was parsed from, for the caret excerpt in messages.
 */
export function analyze(statement: Statement, query?: string): void {
  new StatementAnalyzer(query ?? sourceOf(statement)).statement(statement, new Scope(), "top");
}

class StatementAnalyzer implements Analyzer {
  constructor(readonly query: string | undefined) {}

  fail(code: SkeinErrorCode, detail: string, message: string, pos: Position): never {
    throw compileError(code, detail, message, pos, this.query);
  }

  expression(e: Expression, ctx: ExpressionContext): StaticType {
    return checkExpression(this, e, ctx);
  }

  localPattern(element: PatternElement, scope: Scope, path: Variable | null): void {
    const part = { variable: path, shortest: null, element, pos: element.pos };
    declareMatchPattern(this, { parts: [part], pos: element.pos }, scope);
  }

  statement(statement: Statement, outer: Scope, mode: StatementMode): string[] {
    this.#checkUnionKinds(statement);
    let first: readonly string[] | null = null;
    statement.parts.forEach((part, i) => {
      const standalone =
        mode === "top" && statement.parts.length === 1 && part.clauses.length === 1;
      const columns = analyzeSingleQuery(this, part, startScope(part, outer, mode), {
        mode,
        standalone,
      });
      if (statement.parts.length > 1 && columns === null) {
        this.fail(
          "SEMANTIC",
          "InvalidClauseComposition",
          "every part of a UNION must end with RETURN",
          part.pos,
        );
      }
      if (i === 0) first = columns;
      else if (!sameColumns(first ?? [], columns ?? [])) {
        const message = `all parts of a UNION must return the same columns: ${describe(first ?? [])} vs ${describe(columns ?? [])}`;
        this.fail("SEMANTIC", "DifferentColumnsInUnion", message, part.pos);
      }
    });
    return [...(first ?? [])];
  }

  #checkUnionKinds(statement: Statement): void {
    const mixed = statement.unionAll.findIndex((all) => all !== statement.unionAll[0]);
    if (mixed === -1) return;
    const part = statement.parts[mixed + 1] ?? statement;
    this.fail(
      "SEMANTIC",
      "InvalidClauseComposition",
      "UNION and UNION ALL cannot be mixed in one query",
      part.pos,
    );
  }
}

/** What a nested query starts from: nothing, its imports, or (EXISTS) the outer scope. */
function startScope(part: Statement["parts"][number], outer: Scope, mode: StatementMode): Scope {
  switch (mode) {
    case "top":
      return new Scope();
    case "call":
      // CALL { WITH a … } imports through its leading WITH, and only through it.
      return part.clauses[0]?.kind === "with" ? outer.child() : new Scope();
    default:
      return outer.child();
  }
}

function sameColumns(a: readonly string[], b: readonly string[]): boolean {
  const sortedA = [...a].sort();
  const sortedB = [...b].sort();
  return sortedA.length === sortedB.length && sortedA.every((name, i) => name === sortedB[i]);
}

function describe(columns: readonly string[]): string {
  return `(${columns.map((c) => `\`${c}\``).join(", ")})`;
}
