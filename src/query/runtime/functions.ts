// The table of scalar functions the executor calls by name: FUNCTIONS, keyed by the
// lower-cased name because Cypher function names are case-insensitive (toUpper, TOUPPER and
// toupper are one function). The functions themselves live in the files by subject
// (math-, string-, list-, conversion- and graph-functions.ts); this file only assembles
// them, plus coalesce and randomUUID, which belong to no subject.
//
// The temporal functions (date(), datetime.truncate(), duration.between(), ...) live in
// temporal/ and join the table here. Not here: aggregates (aggregates.ts), exists() and
// pattern predicates (the executor evaluates them against the graph), and the spatial
// functions (point(), distance()).
import { randomUUID } from "node:crypto";
import { CONVERSION_FUNCTIONS } from "./conversion-functions.js";
import type { FunctionDef } from "./function-def.js";
import { defineFunction } from "./function-def.js";
import { GRAPH_FUNCTIONS } from "./graph-functions.js";
import { LIST_FUNCTIONS } from "./list-functions.js";
import { MATH_FUNCTIONS } from "./math-functions.js";
import { STRING_FUNCTIONS } from "./string-functions.js";
import { TEMPORAL_FUNCTIONS } from "./temporal/index.js";
import type { Value } from "./types.js";

export type { FunctionContext, FunctionDef } from "./function-def.js";

function coalesce(args: readonly Value[]): Value {
  for (const v of args) if (v !== null) return v;
  return null;
}

const GENERAL_FUNCTIONS: readonly FunctionDef[] = [
  defineFunction("coalesce", 1, Infinity, coalesce),
  defineFunction("randomUUID", 0, 0, () => randomUUID()),
];

function buildTable(groups: readonly (readonly FunctionDef[])[]): ReadonlyMap<string, FunctionDef> {
  const table = new Map<string, FunctionDef>();
  for (const group of groups) {
    for (const def of group) {
      const key = def.name.toLowerCase();
      if (table.has(key)) throw new Error(`function ${def.name} is defined twice`);
      table.set(key, def);
    }
  }
  return table;
}

/** Every scalar function, keyed by lower-cased name. */
export const FUNCTIONS: ReadonlyMap<string, FunctionDef> = buildTable([
  GENERAL_FUNCTIONS,
  MATH_FUNCTIONS,
  STRING_FUNCTIONS,
  LIST_FUNCTIONS,
  CONVERSION_FUNCTIONS,
  GRAPH_FUNCTIONS,
  TEMPORAL_FUNCTIONS,
]);

/** The function called `name` in any letter case, or undefined. */
export function lookupFunction(name: string): FunctionDef | undefined {
  return FUNCTIONS.get(name.toLowerCase());
}
