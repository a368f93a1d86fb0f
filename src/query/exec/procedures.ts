// Procedures a database offers to CALL: their signature and the function that runs them.
// The engine is given them at creation; it checks names and arity at compile time and
// the declared types of arguments at run time. It knows no procedure of its own.
import type { Value } from "../runtime/types.js";

export interface ProcedureField {
  readonly name: string;
  /** A Cypher type as written in a signature: `INTEGER?`, `STRING?`, `NUMBER?`, `ANY?`. */
  readonly type: string;
}

/** One row a procedure yields, keyed by output name. */
export type ProcedureRecord = Record<string, Value>;

export interface ProcedureDefinition {
  /** Qualified name, e.g. `db.labels` or `test.my.proc`; matched exactly. */
  readonly name: string;
  readonly inputs: readonly ProcedureField[];
  readonly outputs: readonly ProcedureField[];
  /** Runs the procedure; yields one record per output row, keyed by output name. */
  call(args: readonly Value[]): Iterable<ProcedureRecord>;
}
