// The variables visible at one point of a query, each with the row slot that holds it.
// Scopes are values: binding a variable makes a new scope, so a clause can be planned
// against the scope before it while later clauses see the one after. Slots are handed out
// by the plan's SlotLayout, once per binding, so two bindings never share a slot: a
// shadowing alias (`WITH a.x AS a`) gets a slot of its own and the old value stays
// readable where the old scope still applies (ORDER BY of a plain projection).
import { planError } from "./errors.js";
import type { Position } from "../syntax/ast.js";

/** What a variable holds, where planning can tell; "value" when anything may be there. */
export type VarKind = "node" | "relationship" | "relationshipList" | "path" | "value";

export interface Binding {
  readonly slot: number;
  readonly kind: VarKind;
}

/** Hands out row slots for one compiled query; `width` is the size of every row. */
export class SlotLayout {
  width = 0;

  next(): number {
    return this.width++;
  }
}

export class Scope {
  readonly #vars: ReadonlyMap<string, Binding>;

  constructor(vars: ReadonlyMap<string, Binding> = new Map()) {
    this.#vars = vars;
  }

  get(name: string): Binding | undefined {
    return this.#vars.get(name);
  }

  has(name: string): boolean {
    return this.#vars.has(name);
  }

  /** The variable's binding; an undefined variable is a compile-time error. */
  require(name: string, pos?: Position): Binding {
    const b = this.#vars.get(name);
    if (b === undefined) {
      throw planError("UndefinedVariable", `variable \`${name}\` is not defined`, pos ?? null);
    }
    return b;
  }

  /** The visible variable names, in the order they were bound. */
  names(): string[] {
    return [...this.#vars.keys()];
  }

  entries(): [string, Binding][] {
    return [...this.#vars.entries()];
  }

  with(name: string, binding: Binding): Scope {
    const vars = new Map(this.#vars);
    vars.set(name, binding);
    return new Scope(vars);
  }

  /** Only the given variables, in the given order. */
  static of(entries: Iterable<[string, Binding]>): Scope {
    return new Scope(new Map(entries));
  }
}
