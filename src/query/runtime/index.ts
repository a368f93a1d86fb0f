// src/query/runtime: pure functions over runtime values, called by the executor per row.
// It knows values only (no syntax tree, no plans).
//   types.ts                 Value, kind predicates, makeInt/makeFloat, cypherTypeName
//   errors.ts                the runtime QueryErrors with their TCK details
//   format.ts                the text of scalars (toString, string concatenation)
//   arithmetic.ts            + - * / % ^ and unary minus/plus
//   equality.ts              three-valued = and <>
//   compare.ts               three-valued < <= > >= (comparability)
//   order.ts                 ORDER BY's total order (orderability), min/max
//   group-key.ts             equivalence keys for DISTINCT, grouping and UNION
//   temporal-compare.ts      comparison of temporal values, shared by the three above
//   temporal/                temporal functions, arithmetic, parsing and text (its index.ts)
//   components.ts            x.year, x.offset, x.minutesOfHour, p.latitude: tagged components
//   string-match.ts          STARTS WITH, ENDS WITH, CONTAINS, IN
//   function-def.ts          FunctionDef, FunctionContext, argument checks
//   functions.ts             FUNCTIONS: the scalar function table (plus coalesce)
//   math-functions.ts        abs, round, sqrt, sin, ... (rounding.ts: decimal rounding modes)
//   string-functions.ts      substring, left, trim, replace, split, ...
//   list-functions.ts        head, last, tail, size, reverse, isEmpty, range
//   conversion-functions.ts  toString, toInteger, toFloat, toBoolean and their variants
//   graph-functions.ts       id, labels, type, keys, properties, startNode, nodes, length, ...
//   aggregates.ts            AGGREGATES: count, sum, avg, min, max, collect, stDev, percentiles
export type { RuntimeKind, Value, ValueMap } from "./types.js";
export {
  cypherTypeName,
  isFloat,
  isInt,
  isList,
  isMap,
  isNode,
  isNumber,
  isPath,
  isRelationship,
  kindOf,
  makeFloat,
  makeInt,
  numberValue,
} from "./types.js";
export { formatFloat, scalarText } from "./format.js";
export { add, divide, modulo, multiply, negate, power, subtract, unaryPlus } from "./arithmetic.js";
export { equals, notEquals } from "./equality.js";
export {
  compare,
  compareNumbers,
  compareStrings,
  greaterThan,
  greaterThanOrEqual,
  lessThan,
  lessThanOrEqual,
} from "./compare.js";
export { orderCompare } from "./order.js";
export { groupKey, groupKeyOfRow } from "./group-key.js";
export { componentOf } from "./components.js";
export { offsetText, temporalTextOf } from "./temporal/index.js";
export { contains, endsWith, listContains, startsWith } from "./string-match.js";
export type { FunctionContext, FunctionDef } from "./function-def.js";
export { FUNCTIONS, lookupFunction } from "./functions.js";
export { MAX_RANGE_LENGTH } from "./list-functions.js";
export { elementIdOf } from "./graph-functions.js";
export type { Accumulator, AggregateDef } from "./aggregates.js";
export { AGGREGATES, lookupAggregate } from "./aggregates.js";
