// The Cypher front end: text → syntax tree (parse) → accepted or rejected with the TCK's
// compile-time errors (analyze). Other folders use only what this file re-exports.
//   ast.ts                   the syntax tree: the contract with the planner and executor
//   tokens.ts                token kinds, punctuation, reserved words
//   lexer.ts                 text → tokens with positions; words, names, parameters, comments
//   lex-number.ts            number literals: decimal, hex, octal, floats
//   lex-string.ts            string literals and their escapes
//   token-stream.ts          the parser's cursor, expectations, nesting guard
//   parse-expressions.ts     operator precedence, chained comparisons, postfix operators
//   parse-atoms.ts           literals, variables, maps, CASE, function calls
//   parse-special-forms.ts   comprehensions, quantifiers, reduce, EXISTS/COUNT, pattern predicates
//   parse-patterns.ts        node and relationship patterns, path parts
//   parse-projection.ts      WITH/RETURN items, ORDER BY, SKIP, LIMIT
//   parse-clauses.ts         every clause
//   parser.ts                parse(): statements, UNION, subquery braces
//   source-text.ts           the query text behind each parsed statement
//   caret-excerpt.ts         caretExcerpt(), positionAt(): pointing at a Position
//   compile-error.ts         how compile errors are built; the size and depth bounds
//   analyze.ts               analyze(): the analyser's entry, UNION, nested statements
//   scope.ts                 Scope, ExpressionContext, the Analyzer interface
//   static-types.ts          what is statically known of a type
//   analyze-clauses.ts       clause by clause: scopes and clause composition
//   analyze-projection.ts    WITH/RETURN: items, ORDER BY, naming, SKIP/LIMIT, WHERE
//   aggregation.ts           ambiguous aggregation (grouping keys)
//   analyze-patterns.ts      binding pattern variables in MATCH, CREATE, MERGE
//   analyze-updates.ts       SET, REMOVE, DELETE items
//   analyze-call-clauses.ts  CALL subqueries and procedure calls
//   analyze-expressions.ts   expressions: scope, literal ranges, operator types
//   analyze-calls.ts         function calls, aggregates, count(*)
//   analyze-local-forms.ts   comprehensions, quantifiers, reduce, subqueries, pattern predicates
//   require-type.ts          the InvalidArgumentType rule; WHERE conditions
//   expression-walk.ts       sub-expressions, aggregate detection, canonical text
//   function-table.ts        known functions and their arities
//   testing/                 helpers for this folder's tests (TCK corpus reader, tree shapes)
export type * from "./ast.js";
export { parse } from "./parser.js";
export { analyze } from "./analyze.js";
export { caretExcerpt, positionAt } from "./caret-excerpt.js";
export { compileError, MAX_NESTING_DEPTH, MAX_QUERY_CHARS } from "./compile-error.js";
