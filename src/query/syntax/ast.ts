// The abstract syntax tree of a Cypher statement: what the parser produces and the
// analyser, planner and executor consume. Every node is immutable and carries the position
// where its text starts, so any later stage can point at the query text in an error.
// It holds syntax only: no resolved variables, no types, no plans (those are derived).

/** Where a node's text starts: 0-based offset, 1-based line and column (in UTF-16 units). */
export interface Position {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
}

interface At {
  readonly pos: Position;
}

// ---- statements ---------------------------------------------------------------------

/** One statement: single queries joined by UNION (`unionAll[i]` joins parts i and i+1). */
export interface Statement extends At {
  readonly kind: "statement";
  readonly parts: readonly SingleQuery[];
  readonly unionAll: readonly boolean[];
}

export interface SingleQuery extends At {
  readonly kind: "singleQuery";
  readonly clauses: readonly Clause[];
}

export type Clause =
  | MatchClause
  | UnwindClause
  | WithClause
  | ReturnClause
  | CreateClause
  | MergeClause
  | SetClause
  | RemoveClause
  | DeleteClause
  | ForeachClause
  | CallSubqueryClause
  | CallProcedureClause;

export interface MatchClause extends At {
  readonly kind: "match";
  readonly optional: boolean;
  readonly pattern: Pattern;
  readonly where: Expression | null;
}

export interface UnwindClause extends At {
  readonly kind: "unwind";
  readonly expression: Expression;
  readonly variable: Variable;
}

export interface WithClause extends At {
  readonly kind: "with";
  readonly projection: Projection;
  readonly where: Expression | null;
}

export interface ReturnClause extends At {
  readonly kind: "return";
  readonly projection: Projection;
}

export interface CreateClause extends At {
  readonly kind: "create";
  readonly pattern: Pattern;
}

export interface MergeClause extends At {
  readonly kind: "merge";
  readonly part: PatternPart;
  readonly onCreate: readonly SetItem[];
  readonly onMatch: readonly SetItem[];
}

export interface SetClause extends At {
  readonly kind: "set";
  readonly items: readonly SetItem[];
}

export interface RemoveClause extends At {
  readonly kind: "remove";
  readonly items: readonly RemoveItem[];
}

export interface DeleteClause extends At {
  readonly kind: "delete";
  readonly detach: boolean;
  readonly expressions: readonly Expression[];
}

export interface ForeachClause extends At {
  readonly kind: "foreach";
  readonly variable: Variable;
  readonly list: Expression;
  readonly clauses: readonly Clause[];
}

/**
 * `CALL { … }`, and `CALL (a, b) { … }` with an explicit import list (`importAll` for
 * `CALL (*)`). Without an import list the subquery imports through its leading WITH.
 */
export interface CallSubqueryClause extends At {
  readonly kind: "callSubquery";
  readonly query: Statement;
  readonly imports: readonly Variable[] | null;
  readonly importAll: boolean;
}

/** `CALL ns.name(args) YIELD a, b AS c WHERE …`; `args` is null for the implicit form. */
export interface CallProcedureClause extends At {
  readonly kind: "callProcedure";
  /** Dotted name as written, e.g. `test.my.proc`. */
  readonly name: string;
  readonly args: readonly Expression[] | null;
  /** null: no YIELD; "*": YIELD *. */
  readonly yield: readonly YieldItem[] | "*" | null;
  readonly where: Expression | null;
}

export interface YieldItem extends At {
  readonly field: string;
  readonly alias: Variable | null;
}

/** What WITH and RETURN share. */
export interface Projection extends At {
  readonly distinct: boolean;
  /** `*`: every variable in scope, before the listed items. */
  readonly star: boolean;
  readonly items: readonly ProjectionItem[];
  readonly orderBy: readonly SortItem[];
  readonly skip: Expression | null;
  readonly limit: Expression | null;
}

export interface ProjectionItem extends At {
  readonly expression: Expression;
  readonly alias: Variable | null;
  /** The expression's source text exactly as written: the column name without an alias. */
  readonly text: string;
}

export interface SortItem extends At {
  readonly expression: Expression;
  readonly descending: boolean;
}

export type SetItem = SetPropertyItem | SetAllPropertiesItem | MergePropertiesItem | SetLabelsItem;

/** `SET a.b = v` (the target may be any expression followed by `.key`). */
export interface SetPropertyItem extends At {
  readonly kind: "setProperty";
  readonly target: PropertyAccess;
  readonly value: Expression;
}

/** `SET n = {…}`: replaces every property. */
export interface SetAllPropertiesItem extends At {
  readonly kind: "setAllProperties";
  readonly variable: Variable;
  readonly value: Expression;
}

/** `SET n += {…}`: adds or replaces the given properties. */
export interface MergePropertiesItem extends At {
  readonly kind: "mergeProperties";
  readonly variable: Variable;
  readonly value: Expression;
}

export interface SetLabelsItem extends At {
  readonly kind: "setLabels";
  readonly variable: Variable;
  readonly labels: readonly string[];
}

export type RemoveItem = RemovePropertyItem | RemoveLabelsItem;

export interface RemovePropertyItem extends At {
  readonly kind: "removeProperty";
  readonly target: PropertyAccess;
}

export interface RemoveLabelsItem extends At {
  readonly kind: "removeLabels";
  readonly variable: Variable;
  readonly labels: readonly string[];
}

// ---- patterns -----------------------------------------------------------------------

/** Comma-separated pattern parts. */
export interface Pattern extends At {
  readonly parts: readonly PatternPart[];
}

/** `p = (a)-[r]->(b)`, or a `shortestPath(...)` / `allShortestPaths(...)` of one. */
export interface PatternPart extends At {
  readonly variable: Variable | null;
  readonly shortest: "shortestPath" | "allShortestPaths" | null;
  readonly element: PatternElement;
}

/** A chain: `nodes.length === relationships.length + 1`, relationship i joins nodes i, i+1. */
export interface PatternElement extends At {
  readonly nodes: readonly NodePattern[];
  readonly relationships: readonly RelationshipPattern[];
}

export interface NodePattern extends At {
  readonly variable: Variable | null;
  /** `(:A:B)`: the node has every one of them. */
  readonly labels: readonly string[];
  /** A map literal or a parameter, or null. */
  readonly properties: Expression | null;
}

export type Direction = "out" | "in" | "both";

export interface RelationshipPattern extends At {
  readonly variable: Variable | null;
  /** `[:A|B]`: any one of them; empty means any type. */
  readonly types: readonly string[];
  /** `-->` is "out", `<--` is "in", `--` (or `<-->`) is "both". */
  readonly direction: Direction;
  /** null: exactly one hop. `*` is {min: null, max: null}; `*2..` is {min: 2, max: null}. */
  readonly length: { readonly min: number | null; readonly max: number | null } | null;
  readonly properties: Expression | null;
}

// ---- expressions --------------------------------------------------------------------

export type Expression =
  | Literal
  | Parameter
  | Variable
  | PropertyAccess
  | IndexAccess
  | SliceAccess
  | ListLiteral
  | MapLiteral
  | MapProjection
  | UnaryOp
  | BinaryOp
  | IsNull
  | LabelCheck
  | FunctionCall
  | CountStar
  | CaseExpression
  | ListComprehension
  | PatternComprehension
  | Quantifier
  | Reduce
  | ExistsSubquery
  | CountSubquery
  | PatternPredicate;

/**
 * Literal values. Integers are kept as bigint so that the analyser, not the lexer, decides
 * range errors; `float` holds the JS number of a float literal (3.0 included).
 */
export type Literal =
  | (At & { readonly kind: "null" })
  | (At & { readonly kind: "boolean"; readonly value: boolean })
  | (At & { readonly kind: "integer"; readonly value: bigint })
  | (At & { readonly kind: "float"; readonly value: number })
  | (At & { readonly kind: "string"; readonly value: string });

export interface Parameter extends At {
  readonly kind: "parameter";
  readonly name: string;
}

export interface Variable extends At {
  readonly kind: "variable";
  readonly name: string;
}

/** `x.key` */
export interface PropertyAccess extends At {
  readonly kind: "property";
  readonly object: Expression;
  readonly key: string;
}

/** `x[i]` on lists, and `x['key']` on maps, nodes and relationships. */
export interface IndexAccess extends At {
  readonly kind: "index";
  readonly object: Expression;
  readonly index: Expression;
}

/** `x[from..to]`, either bound optional. */
export interface SliceAccess extends At {
  readonly kind: "slice";
  readonly object: Expression;
  readonly from: Expression | null;
  readonly to: Expression | null;
}

export interface ListLiteral extends At {
  readonly kind: "list";
  readonly items: readonly Expression[];
}

export interface MapLiteral extends At {
  readonly kind: "map";
  readonly entries: readonly { readonly key: string; readonly value: Expression }[];
}

/** `n {.name, .*, total: 1, x}` */
export interface MapProjection extends At {
  readonly kind: "mapProjection";
  readonly object: Variable;
  readonly items: readonly MapProjectionItem[];
}

export type MapProjectionItem =
  | { readonly kind: "property"; readonly key: string }
  | { readonly kind: "allProperties" }
  | { readonly kind: "literal"; readonly key: string; readonly value: Expression }
  | { readonly kind: "variable"; readonly variable: Variable };

export interface UnaryOp extends At {
  readonly kind: "unary";
  readonly op: "not" | "-" | "+";
  readonly operand: Expression;
}

/**
 * Binary operators. Chained comparisons (`a < b < c`) are parsed as `a < b AND b < c`
 * with `b` shared, as openCypher defines them.
 */
export type BinaryOperator =
  | "or"
  | "xor"
  | "and"
  | "="
  | "<>"
  | "<"
  | "<="
  | ">"
  | ">="
  | "+"
  | "-"
  | "*"
  | "/"
  | "%"
  | "^"
  | "in"
  | "startsWith"
  | "endsWith"
  | "contains"
  | "=~";

export interface BinaryOp extends At {
  readonly kind: "binary";
  readonly op: BinaryOperator;
  readonly left: Expression;
  readonly right: Expression;
}

/** `x IS NULL` / `x IS NOT NULL` (negated). */
export interface IsNull extends At {
  readonly kind: "isNull";
  readonly operand: Expression;
  readonly negated: boolean;
}

/** `n:A:B` used as a predicate. */
export interface LabelCheck extends At {
  readonly kind: "labelCheck";
  readonly operand: Expression;
  readonly labels: readonly string[];
}

export interface FunctionCall extends At {
  readonly kind: "function";
  /** Dotted name as written (case kept); function names match case-insensitively. */
  readonly name: string;
  readonly distinct: boolean;
  readonly args: readonly Expression[];
}

/** `count(*)` */
export interface CountStar extends At {
  readonly kind: "countStar";
}

/** `CASE [test] WHEN … THEN … [ELSE …] END` */
export interface CaseExpression extends At {
  readonly kind: "case";
  readonly test: Expression | null;
  readonly alternatives: readonly { readonly when: Expression; readonly then: Expression }[];
  readonly otherwise: Expression | null;
}

/** `[x IN list WHERE pred | map]` */
export interface ListComprehension extends At {
  readonly kind: "listComprehension";
  readonly variable: Variable;
  readonly list: Expression;
  readonly where: Expression | null;
  readonly map: Expression | null;
}

/** `[p = (a)-->(b) WHERE pred | map]` */
export interface PatternComprehension extends At {
  readonly kind: "patternComprehension";
  readonly variable: Variable | null;
  readonly element: PatternElement;
  readonly where: Expression | null;
  readonly map: Expression;
}

/** `all(x IN list WHERE pred)` and friends. */
export interface Quantifier extends At {
  readonly kind: "quantifier";
  readonly quantifier: "all" | "any" | "none" | "single";
  readonly variable: Variable;
  readonly list: Expression;
  readonly where: Expression | null;
}

/** `reduce(acc = init, x IN list | expr)` */
export interface Reduce extends At {
  readonly kind: "reduce";
  readonly accumulator: Variable;
  readonly init: Expression;
  readonly variable: Variable;
  readonly list: Expression;
  readonly expression: Expression;
}

/**
 * `EXISTS { … }`: either a pattern with an optional WHERE (`EXISTS { (a)-->() WHERE … }`)
 * or a full subquery (`EXISTS { MATCH … RETURN … }`); exactly one of the two is set.
 */
export interface ExistsSubquery extends At {
  readonly kind: "exists";
  readonly pattern: Pattern | null;
  readonly where: Expression | null;
  readonly query: Statement | null;
}

/** `COUNT { … }`, shaped like ExistsSubquery. */
export interface CountSubquery extends At {
  readonly kind: "countSubquery";
  readonly pattern: Pattern | null;
  readonly where: Expression | null;
  readonly query: Statement | null;
}

/** A bare pattern used as a predicate: `WHERE (a)-[:T]->(:B)`. */
export interface PatternPredicate extends At {
  readonly kind: "patternPredicate";
  readonly element: PatternElement;
}
