// The Cypher engine a database runs queries with. `execute` compiles the query (length
// check, parse, analyse, plan: every error so far is a compile-time one), checks that
// every parameter it uses was given, then runs the plan: a read-only plan inside
// `access.read` (so it logs nothing), a plan with any write clause whole inside one
// `access.write` callback, so a failure or a timeout rolls every change back and a
// success is one commit. Compiled plans are cached by query text; a plan holds no state
// of its own between runs. Equality indexes (exec/property-index.ts) are kept per
// database, and used only where the store reports a version for its views.
import { QueryError } from "../internal/errors.js";
import { settle } from "../internal/settle.js";
import type { ExecuteOptions, QueryAccess, QueryEngine, QueryResult } from "../db/database.js";
import type { GraphView } from "../store/graph.js";
import type { WriteTransaction } from "../db/transaction.js";
import {
  ExecContext,
  PropertyIndexes,
  emptyRow,
  queryParameters,
  refreshValue,
  settleNodeDeletes,
  type ProcedureDefinition,
} from "./exec/index.js";
import { compileStatement, type CompiledQuery } from "./plan/index.js";
import type { Value } from "./runtime/types.js";
import { analyze, MAX_QUERY_CHARS, parse } from "./syntax/index.js";

export interface CypherEngineOptions {
  /** Procedures that CALL can run, by qualified name. Default: none. */
  readonly procedures?: readonly ProcedureDefinition[];
  /**
   * How far a variable-length pattern without an upper bound (`*`, `*2..`) may reach.
   * Default 64. A longer matching path raises QUERY_TOO_COMPLEX rather than returning a
   * partial answer; patterns with an explicit upper bound are not limited.
   */
  readonly maxVarLength?: number;
  /** Compiled plans kept for reuse, by query text. Default 256; 0 turns the cache off. */
  readonly planCacheSize?: number;
}

function parameterMissing(name: string): QueryError {
  return new QueryError("PARAMETER_MISSING", `expected a parameter named \`${name}\``, {
    phase: "compile",
    detail: "MissingParameter",
  });
}

function checkTimeout(options: ExecuteOptions): number | undefined {
  const t = options.timeoutMs;
  if (t === undefined) return undefined;
  if (typeof t !== "number" || Number.isNaN(t) || t < 0) {
    throw new TypeError(`timeoutMs must be a non-negative number, got ${String(t)}`);
  }
  return t;
}

/** A result record: keys are data, even `__proto__`. */
function record(
  columns: readonly { name: string; slot: number }[],
  row: readonly Value[],
  ctx: ExecContext,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of columns) {
    const v = refreshValue(row[c.slot]!, ctx);
    if (c.name in Object.prototype) {
      Object.defineProperty(out, c.name, {
        value: v,
        writable: true,
        enumerable: true,
        configurable: true,
      });
    } else out[c.name] = v;
  }
  return out;
}

/** One execution of a compiled query: everything but the graph it runs against. */
interface Execution {
  readonly query: CompiledQuery;
  readonly params: Record<string, Value>;
  readonly timeoutMs: number | undefined;
  readonly startedMs: number;
  readonly indexes: PropertyIndexes;
}

function run(e: Execution, view: GraphView, tx: WriteTransaction | null): QueryResult {
  const q = e.query;
  const ctx = new ExecContext(view, tx, e.params, e.timeoutMs, e.startedMs, e.indexes);
  ctx.checkTime();
  const rows: Record<string, unknown>[] = [];
  const keep = q.returns && q.columns.length > 0;
  for (const row of q.pipe([emptyRow(q.layout.width)], ctx)) {
    if (keep) rows.push(record(q.columns, row, ctx));
  }
  if (tx !== null) settleNodeDeletes(ctx, true);
  ctx.checkTime();
  return { columns: q.returns ? q.columns.map((c) => c.name) : [], rows };
}

export function createCypherEngine(options: CypherEngineOptions = {}): QueryEngine {
  const procedures = new Map((options.procedures ?? []).map((p) => [p.name, p]));
  const maxVarLength = options.maxVarLength ?? 64;
  if (!Number.isSafeInteger(maxVarLength) || maxVarLength < 1) {
    throw new RangeError(`maxVarLength must be a positive integer, got ${maxVarLength}`);
  }
  const cacheSize = options.planCacheSize ?? 256;
  if (!Number.isSafeInteger(cacheSize) || cacheSize < 0) {
    throw new RangeError(`planCacheSize must be a non-negative integer, got ${cacheSize}`);
  }
  const cache = new Map<string, CompiledQuery>();
  const resolved = { maxVarLength };
  // Equality indexes belong to one database: kept per QueryAccess, dropped with it.
  const indexesByDb = new WeakMap<QueryAccess, PropertyIndexes>();
  const indexesOf = (access: QueryAccess): PropertyIndexes => {
    let found = indexesByDb.get(access);
    if (found === undefined) indexesByDb.set(access, (found = new PropertyIndexes()));
    return found;
  };

  function compile(query: string): CompiledQuery {
    const hit = cache.get(query);
    if (hit !== undefined) {
      cache.delete(query); // most recently used last: the oldest is evicted first
      cache.set(query, hit);
      return hit;
    }
    if (query.length > MAX_QUERY_CHARS) {
      throw new QueryError(
        "QUERY_TOO_COMPLEX",
        `query is ${query.length} characters long, more than the ${MAX_QUERY_CHARS} allowed`,
        { phase: "compile" },
      );
    }
    const statement = parse(query);
    analyze(statement, query);
    const compiled = compileStatement(statement, resolved, procedures);
    if (cacheSize > 0) {
      if (cache.size >= cacheSize) cache.delete(cache.keys().next().value!);
      cache.set(query, compiled);
    }
    return compiled;
  }

  return {
    execute(
      access: QueryAccess,
      query: string,
      params: Record<string, unknown>,
      opts: ExecuteOptions,
    ) {
      return settle(() => {
        const startedMs = performance.now();
        const timeoutMs = checkTimeout(opts);
        const q = compile(query);
        for (const name of q.params) if (!Object.hasOwn(params, name)) throw parameterMissing(name);
        const e: Execution = {
          query: q,
          params: queryParameters(params, q.params),
          timeoutMs,
          startedMs,
          indexes: indexesOf(access),
        };
        if (!q.writes) return access.read((view) => run(e, view, null));
        return access.write((tx) => run(e, tx, tx));
      });
    },
  };
}

export const cypherEngine: QueryEngine = createCypherEngine();
