// The planner: a checked syntax tree in, a pipeline of executor operators out, with every
// variable resolved to a row slot and every expression compiled to a closure once.
//   planner.ts           compileStatement: UNION, subqueries, the planning hooks
//   context.ts           PlanContext, CompileEnv: what planning carries everywhere
//   scope.ts             Scope and SlotLayout: variables and their slots
//   clauses.ts           one single query, clause by clause
//   match.ts             patterns: start points, expansions, early predicates
//   match-slots.ts       slots of a pattern's elements
//   match-predicates.ts  labels, property maps and WHERE parts as conjuncts
//   id-lookup.ts         id(n) = … and n.key = … as lookups
//   projection.ts        WITH and RETURN: grouping, DISTINCT, ORDER BY, SKIP, LIMIT
//   writes.ts            CREATE, MERGE, SET, REMOVE, DELETE, FOREACH
//   call.ts              procedure calls and CALL { … } with imports
//   compile-expr.ts      expressions: the dispatcher and plain operators
//   compile-lists.ts     comprehensions, quantifiers, reduce, CASE, map projections
//   compile-call.ts      function calls
//   compile-patterns.ts  pattern predicates, EXISTS, COUNT, pattern comprehensions
//   ast-walk.ts          names mentioned, tree equality, conjuncts
//   errors.ts            the planner's compile-time errors
export { compileStatement, type CompiledQuery } from "./planner.js";
export type { ResolvedEngineOptions } from "./context.js";
