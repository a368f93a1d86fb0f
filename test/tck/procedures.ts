// The TCK's test procedures ("And there exists a procedure test.my.proc(in :: INTEGER?) ::
// (out :: STRING?):" followed by a table): parsed into TckProcedure, the shape handed to the
// query engine. A procedure's table lists, per row, values for its inputs and its outputs
// by column name; calling it with arguments yields the output columns of the rows whose
// inputs equal the arguments (`procedureRows` shows that reading, for engines and tests).
//
// It does not register anything with an engine (runner.ts passes the list on) and does not
// check argument types: the signature's types are given as written (`INTEGER?`) for the
// engine to enforce.
import type { PropertyValue } from "../../src/store/values.js";
import { toPropertyValue } from "./tck-params.js";
import { parseTckValue } from "./tck-values.js";

export interface TckProcedureField {
  readonly name: string;
  /** The Cypher type as the TCK writes it, e.g. `INTEGER?`, `STRING?`, `NUMBER?`. */
  readonly type: string;
}

export interface TckProcedure {
  /** Qualified name, e.g. `test.my.proc`. */
  readonly name: string;
  readonly inputs: readonly TckProcedureField[];
  readonly outputs: readonly TckProcedureField[];
  /** The table's rows: input and output column names mapped to values. */
  readonly rows: readonly Readonly<Record<string, PropertyValue>>[];
}

const SIGNATURE_RE = /^there exists a procedure ([\w.]+)\s*\(([^)]*)\)\s*::\s*\(([^)]*)\)\s*:$/;

function fields(list: string): TckProcedureField[] {
  if (list.trim() === "") return [];
  return list.split(",").map((part) => {
    const m = /^\s*(\w+)\s*::\s*(\S+)\s*$/.exec(part);
    if (m === null) throw new Error(`bad procedure field: ${part.trim()}`);
    return { name: m[1] ?? "", type: m[2] ?? "" };
  });
}

/** Whether a step text declares a procedure. */
export function isProcedureStep(text: string): boolean {
  return text.startsWith("there exists a procedure ");
}

/** The procedure a step declares, from its text and table (header row, then value rows). */
export function parseProcedure(
  text: string,
  table: readonly (readonly string[])[] | null,
): TckProcedure {
  const m = SIGNATURE_RE.exec(text);
  if (m === null) throw new Error(`bad procedure declaration: ${text}`);
  const inputs = fields(m[2] ?? "");
  const outputs = fields(m[3] ?? "");
  const [header = [], ...body] = table ?? [];
  const columns = [...inputs, ...outputs].map((f) => f.name);
  if (header.length !== columns.length || !header.every((h) => columns.includes(h))) {
    throw new Error(`procedure ${m[1]}: table columns ${header.join(", ")} ≠ signature`);
  }
  const rows = body.map((cells) =>
    Object.fromEntries(header.map((h, i) => [h, toPropertyValue(parseTckValue(cells[i] ?? ""))])),
  );
  return { name: m[1] ?? "", inputs, outputs, rows };
}

/**
 * The rows a call yields: for each table row whose input values equal `args` (by the
 * value model's equality, given as `equal`), its output columns. In table order.
 */
export function procedureRows(
  procedure: TckProcedure,
  args: readonly PropertyValue[],
  equal: (a: PropertyValue, b: PropertyValue) => boolean,
): Record<string, PropertyValue>[] {
  return procedure.rows
    .filter((row) => procedure.inputs.every((f, i) => equal(row[f.name] ?? null, args[i] ?? null)))
    .map((row) => Object.fromEntries(procedure.outputs.map((f) => [f.name, row[f.name] ?? null])));
}
