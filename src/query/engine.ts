// The query engine handed to every database opened through the public entry.
// TODO: the engine proper (parser, analyser, planner, executor) replaces this refusal.
import { QueryError } from "../internal/errors.js";
import type { QueryEngine } from "../db/index.js";

export const cypherEngine: QueryEngine = {
  execute() {
    return Promise.reject(
      new QueryError("SYNTAX", "cypher queries are not supported yet", { phase: "compile" }),
    );
  },
};
