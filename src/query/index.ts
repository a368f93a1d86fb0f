// The Cypher query engine.
//   engine.ts   cypherEngine: compile a query, run it against a read view or inside one
//               write transaction
export { cypherEngine } from "./engine.js";
