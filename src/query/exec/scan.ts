// Where a pattern starts: every node, the nodes of one label, nodes by id, a node bound
// by an earlier clause, or the relationships of some types (with both their end nodes).
// Each scan writes the candidate into its slot of the input row, runs the row test that
// planning attached to this step (labels, property maps, WHERE conjuncts that became
// decidable), and yields a copy only for accepted rows, so a rejected candidate costs no
// allocation. Slots a scan binds belong to it alone, so the scratch write is invisible.
import { Node, Relationship } from "../../store/entities.js";
import { isFloat, isInt, numberValue, type Value } from "../runtime/types.js";
import type { ExecContext, Row } from "./context.js";
import type { Expr, Pipe, RowTest } from "./pipe.js";

export function scanNodes(slot: number, label: string | null, test: RowTest | null): Pipe {
  const filter = label === null ? undefined : { label };
  return function* nodeScan(input: Iterable<Row>, ctx: ExecContext) {
    for (const row of input) {
      for (const n of ctx.view.nodes(filter)) {
        ctx.tick();
        row[slot] = n;
        if (test === null || test(row, ctx)) yield row.slice();
      }
    }
  };
}

/**
 * The nodes of `label` whose `key` may equal the value: from the equality index when the
 * database has one for the graph as it is, else by scanning the label. The caller's test
 * still checks the equality, so both ways give the same rows.
 */
export function nodesByProperty(
  slot: number,
  label: string,
  key: string,
  value: Expr,
  test: RowTest | null,
): Pipe {
  const scan = scanNodes(slot, label, test);
  return function* nodeByProperty(input: Iterable<Row>, ctx: ExecContext) {
    for (const row of input) {
      const v = value(row, ctx);
      const ids = ctx.indexes?.lookup(ctx.view, label, key, v, ctx.mayBuildIndex()) ?? null;
      if (ids === null) {
        yield* scan([row], ctx);
        continue;
      }
      for (const id of ids) {
        ctx.tick();
        const n = ctx.view.node(id);
        if (n === null) continue;
        row[slot] = n;
        if (test === null || test(row, ctx)) yield row.slice();
      }
    }
  };
}

/** The node id a value names: an Int, or a Float equal to one (id(n) = 1.0 holds). */
function idNumber(v: Value): number | null {
  if (isInt(v)) return Number(v);
  if (isFloat(v)) {
    const x = numberValue(v);
    return Number.isSafeInteger(x) && x >= 0 ? x : null;
  }
  return null;
}

/** `WHERE id(n) = x` or `id(n) IN list`: the nodes with those ids (duplicates once). */
export function nodesById(slot: number, ids: Expr, many: boolean, test: RowTest | null): Pipe {
  function bind(row: Row, ctx: ExecContext, id: Value): boolean {
    const key = idNumber(id);
    if (key === null) return false;
    const n = ctx.view.node(key);
    if (n === null) return false;
    row[slot] = n;
    return test === null || test(row, ctx);
  }
  return function* nodeById(input: Iterable<Row>, ctx: ExecContext) {
    for (const row of input) {
      const v = ids(row, ctx);
      if (!many) {
        if (bind(row, ctx, v)) yield row.slice();
        continue;
      }
      if (!Array.isArray(v)) continue;
      const seen = new Set<number>();
      for (const id of v as readonly Value[]) {
        ctx.tick();
        const key = idNumber(id);
        if (key === null || seen.has(key)) continue;
        seen.add(key);
        if (bind(row, ctx, id)) yield row.slice();
      }
    }
  };
}

/** Rows pass when the test holds; the rows are not copied. */
export function filterRows(test: RowTest): Pipe {
  return function* filter(input: Iterable<Row>, ctx: ExecContext) {
    for (const row of input) {
      ctx.tick();
      if (test(row, ctx)) yield row;
    }
  };
}

export interface RelationshipScan {
  readonly rel: number;
  readonly left: number;
  readonly right: number;
  /** The relationship is bound already: it is read from `rel` instead of scanned. */
  readonly relBound: boolean;
  /** `(a)-[r]-(a)`: both ends are one variable, so they must be one node. */
  readonly sameEnds: boolean;
  readonly types: readonly string[] | null;
  readonly direction: "out" | "in" | "both";
  readonly test: RowTest | null;
}

/**
 * A pattern that starts at a relationship: each relationship of the types (or the bound
 * one) gives its end nodes as left and right, by the pattern's direction; an undirected
 * pattern takes both orientations, except for a self-loop, which it matches once.
 */
export function scanRelationships(spec: RelationshipScan): Pipe {
  const { rel, left, right, relBound, sameEnds, direction, test } = spec;
  const filters = spec.types === null ? [undefined] : spec.types.map((type) => ({ type }));
  function* candidates(row: Row, ctx: ExecContext): Iterable<Relationship> {
    if (relBound) {
      const r = row[rel];
      if (r instanceof Relationship && (spec.types === null || spec.types.includes(r.type)))
        yield r;
      return;
    }
    for (const f of filters) yield* ctx.view.relationships(f);
  }
  return function* relationshipScan(input: Iterable<Row>, ctx: ExecContext) {
    for (const row of input) {
      for (const r of candidates(row, ctx)) {
        ctx.tick();
        if (sameEnds && r.src !== r.dst) continue;
        row[rel] = r;
        if (direction !== "in") {
          if (bindEnds(row, ctx, r.src, r.dst, left, right) && (test === null || test(row, ctx))) {
            yield row.slice();
          }
        }
        if (direction === "in" || (direction === "both" && r.src !== r.dst)) {
          if (bindEnds(row, ctx, r.dst, r.src, left, right) && (test === null || test(row, ctx))) {
            yield row.slice();
          }
        }
      }
    }
  };
}

function bindEnds(
  row: Row,
  ctx: ExecContext,
  a: number,
  b: number,
  left: number,
  right: number,
): boolean {
  const x = ctx.view.node(a);
  const y = a === b ? x : ctx.view.node(b);
  if (x === null || y === null) return false;
  row[left] = x;
  row[right] = y;
  return true;
}

/** The node bound in `slot` is a node (not null, as after an OPTIONAL MATCH that missed). */
export function isBoundNode(slot: number): RowTest {
  return (row) => row[slot] instanceof Node;
}
