// The Cypher query engine.
//   engine.ts   createCypherEngine, cypherEngine: compile a query (parse, analyse, plan),
//               run it against a read view or inside one write transaction
//   syntax/     lexer, parser, the syntax tree and the analyser
//   regex/      the linear-time matcher behind =~
//   runtime/    value operations: arithmetic, comparison, functions, aggregates
//   plan/       the planner: syntax tree → operators with slots and compiled expressions
//   exec/       the pull-based operators and what a running query carries
export { createCypherEngine, cypherEngine, type CypherEngineOptions } from "./engine.js";
export type { ProcedureDefinition, ProcedureField, ProcedureRecord } from "./exec/index.js";
