// The executor: pull-based operators over rows of slots, and what a running query carries.
// The planner (plan/) builds pipelines from these; the engine runs them.
//   context.ts         ExecContext: view, transaction, parameters, clock, deletions; Row
//   pipe.ts            Pipe, Expr, RowTest; chain (staged when very long), emptyRow
//   scan.ts            start points: all nodes, a label, ids, an equality index, relationships
//   adjacency.ts       the relationships at a node in a direction, the other end
//   expand.ts          one-hop expansion with relationship uniqueness
//   var-expand.ts      variable-length expansion, depth first, with the unbounded limit
//   shortest-path.ts   shortestPath() and allShortestPaths(), breadth first
//   path.ts            named paths built from a chain's slots
//   project.ts         projection, UNWIND, OPTIONAL MATCH, materialise
//   aggregate.ts       grouping and aggregates
//   order.ts           DISTINCT, ORDER BY, SKIP, LIMIT
//   union.ts           UNION and UNION ALL
//   call.ts            procedure calls and CALL { … } subqueries
//   procedures.ts      ProcedureDefinition: what a procedure is to the engine
//   parameters.ts      query parameters checked before a query runs
//   access.ts          property, index and slice access on values
//   entity.ts          current data of nodes and relationships; deleted-entity errors
//   logic.ts           three-valued logic
//   property-value.ts  what a query may store as a property
//   property-index.ts  equality indexes on (label, key), valid for one graph version
//   create.ts          CREATE, and the creating half of MERGE
//   merge.ts           MERGE and FOREACH
//   set.ts             SET and REMOVE
//   delete.ts          DELETE, DETACH DELETE, the end-of-query connected-node check
export { ExecContext, type Row } from "./context.js";
export { settleNodeDeletes } from "./delete.js";
export { refreshValue } from "./entity.js";
export { queryParameters } from "./parameters.js";
export { emptyRow, type Expr, type Pipe, type RowTest } from "./pipe.js";
export type { ProcedureDefinition, ProcedureField, ProcedureRecord } from "./procedures.js";
export { PropertyIndexes } from "./property-index.js";
