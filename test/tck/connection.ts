// What a scenario runs against: a TckConnection, a fresh graph with a query engine in
// front of it. The default is a Skein in-memory database (`openSkeinConnection`); the
// runner needs nothing else, so another engine can be checked with the same scenarios.
//
// Procedures: a scenario may declare test procedures after its database exists ("And there
// exists a procedure …" follows "Given an empty graph"), while a Skein database gets its
// engine when it opens. So the database gets ProcedureEngine, a wrapper that builds the
// real engine on first use and again whenever the list of procedures grows.
// `defaultEngineFor` uses the package's `cypherEngine` when no procedure is declared, and
// `createCypherEngine({ procedures })` when one is, each table turned into a procedure
// whose call answers with the table's matching rows. To adapt to another procedure API,
// change `defaultEngineFor` only.
import type {
  ExecuteOptions,
  QueryAccess,
  QueryEngine,
  QueryResult,
} from "../../src/db/database.js";
import { openDatabase } from "../../src/db/open.js";
import * as query from "../../src/query/index.js";
import { valuesEqual, type PropertyValue } from "../../src/store/values.js";
import { procedureRows, type TckProcedure } from "./procedures.js";
import { summarizeGraph, type GraphSummary } from "./side-effects.js";

export interface TckConnection {
  execute(
    query: string,
    params: Record<string, PropertyValue>,
    options: ExecuteOptions,
  ): Promise<QueryResult>;
  /** The graph as side effects count it; taken before and after each query. */
  summarize(): GraphSummary | Promise<GraphSummary>;
  addProcedure(procedure: TckProcedure): void;
  close(): Promise<void>;
}

export type EngineFactory = (procedures: readonly TckProcedure[]) => QueryEngine;

/** A TCK procedure as the engine takes it: its table answers each call. */
function definitionOf(p: TckProcedure): query.ProcedureDefinition {
  const equal = (a: PropertyValue, b: PropertyValue): boolean => {
    try {
      return valuesEqual(a, b);
    } catch {
      return false; // a graph value as argument: equal to no table cell
    }
  };
  return {
    name: p.name,
    inputs: p.inputs,
    outputs: p.outputs,
    call: (args) => procedureRows(p, args as PropertyValue[], equal) as query.ProcedureRecord[],
  };
}

export const defaultEngineFor: EngineFactory = (procedures) => {
  if (procedures.length === 0) return query.cypherEngine;
  return query.createCypherEngine({ procedures: procedures.map(definitionOf) });
};

export class ProcedureEngine implements QueryEngine {
  readonly #factory: EngineFactory;
  readonly #procedures: TckProcedure[] = [];
  #engine: QueryEngine | null = null;

  constructor(factory: EngineFactory) {
    this.#factory = factory;
  }

  addProcedure(procedure: TckProcedure): void {
    this.#procedures.push(procedure);
    this.#engine = null;
  }

  execute(
    access: QueryAccess,
    text: string,
    params: Record<string, unknown>,
    options: ExecuteOptions,
  ): Promise<QueryResult> {
    this.#engine ??= this.#factory([...this.#procedures]);
    return this.#engine.execute(access, text, params, options);
  }
}

/** A fresh in-memory Skein database whose engine `engineFor` builds. */
export async function openSkeinConnection(
  engineFor: EngineFactory = defaultEngineFor,
): Promise<TckConnection> {
  const engine = new ProcedureEngine(engineFor);
  const db = await openDatabase(undefined, undefined, engine);
  return {
    execute: (text, params, options) => db.execute(text, params, options),
    summarize: () => db.read(summarizeGraph),
    addProcedure: (p) => engine.addProcedure(p),
    close: () => db.close(),
  };
}
