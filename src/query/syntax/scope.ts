// The analyser's shared vocabulary: the Scope of variables visible at a point of the
// query (with what each is known to be), the context an expression is checked in, and
// the Analyzer interface through which the analyser's parts (expressions, patterns,
// projections, clauses) call one another without importing one another.

import type { SkeinErrorCode } from "../../internal/errors.js";
import type { Expression, PatternElement, Position, Statement, Variable } from "./ast.js";
import type { StaticType } from "./static-types.js";

export interface VariableInfo {
  readonly type: StaticType;
  readonly pos: Position;
}

/** Variables by name. Copy-on-branch: `child()` gives an independent copy. */
export class Scope {
  readonly #vars: Map<string, VariableInfo>;

  constructor(entries?: Iterable<readonly [string, VariableInfo]>) {
    this.#vars = new Map(entries);
  }

  get(name: string): VariableInfo | undefined {
    return this.#vars.get(name);
  }

  has(name: string): boolean {
    return this.#vars.has(name);
  }

  set(name: string, info: VariableInfo): void {
    this.#vars.set(name, info);
  }

  get size(): number {
    return this.#vars.size;
  }

  names(): string[] {
    return [...this.#vars.keys()];
  }

  entries(): IterableIterator<[string, VariableInfo]> {
    return this.#vars.entries();
  }

  child(): Scope {
    return new Scope(this.#vars);
  }
}

/** Where an expression stands, which decides what it may contain. */
export interface ExpressionContext {
  readonly scope: Scope;
  /** Aggregates allowed here (projection items, ORDER BY after an aggregating projection). */
  readonly aggregates: boolean;
  /** Inside an aggregate's arguments (a nested aggregate is an error). */
  readonly inAggregate: boolean;
  /** Directly under WHERE through AND/OR/XOR/NOT only: pattern predicates allowed. */
  readonly predicate: boolean;
  /** Names the place in messages: "WHERE", "ORDER BY", "a list comprehension". */
  readonly place: string;
  /**
   * ORDER BY after DISTINCT or aggregation: the projected items by canonical text, each
   * usable as a whole even though its variables are no longer in scope.
   */
  readonly projectedItems?: ReadonlyMap<string, StaticType>;
}

/** How a nested statement is analysed. */
export type StatementMode =
  /** The whole query. */
  | "top"
  /** CALL { … }: may update; need not return; imports through a leading WITH. */
  | "call"
  /** CALL (a, b) { … }: like "call", starting from the imported variables. */
  | "callImported"
  /** EXISTS { … } / COUNT { … }: read-only; need not return. */
  | "exists";

export interface Analyzer {
  /** The query text, for caret excerpts (undefined if the tree did not come from parse). */
  readonly query: string | undefined;
  fail(code: SkeinErrorCode, detail: string, message: string, pos: Position): never;
  expression(e: Expression, ctx: ExpressionContext): StaticType;
  /**
   * Declares into `scope` the variables a pattern in an expression introduces (pattern
   * comprehension, EXISTS { pattern }) and checks its property maps.
   */
  localPattern(element: PatternElement, scope: Scope, path: Variable | null): void;
  /** A nested statement seeing `outer`; returns the names of its result columns. */
  statement(statement: Statement, outer: Scope, mode: StatementMode): string[];
}

/** The context of a plain expression: no aggregates, no pattern predicates. */
export function plainContext(scope: Scope, place: string): ExpressionContext {
  return { scope, aggregates: false, inAggregate: false, predicate: false, place };
}
