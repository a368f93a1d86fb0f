// Variable-length expansion (`-[*min..max]->`): every path from the node in `from` whose
// length is within the bounds, with no relationship twice on the path (nor any the
// pattern bound before), walked depth first with an explicit stack so that long paths
// cannot overflow the call stack. The relationship list is stored in pattern order: when
// planning walks the pattern right to left, `reversed` turns it around.
//
// An unbounded pattern (`*`, `*2..`) stops at the engine's maxVarLength; if a longer path
// exists it raises QUERY_TOO_COMPLEX instead of silently returning a partial answer.
import { QueryError } from "../../internal/errors.js";
import { Node, Relationship } from "../../store/entities.js";
import type { Direction } from "../syntax/ast.js";
import { otherEnd, relationshipsAt, touches } from "./adjacency.js";
import type { ExecContext, Row } from "./context.js";
import { isFresh } from "./expand.js";
import type { Pipe, RowTest } from "./pipe.js";

export type RelationshipTest = (r: Relationship, row: Row, ctx: ExecContext) => boolean;

export interface VarExpandSpec {
  readonly from: number;
  readonly list: number;
  readonly to: number;
  readonly types: readonly string[] | null;
  readonly direction: Direction;
  readonly min: number;
  readonly max: number;
  /** The pattern gave no upper bound: `max` is the engine's limit. */
  readonly unbounded: boolean;
  /** The pattern's property map, checked on every relationship of the path. */
  readonly relTest: RelationshipTest | null;
  readonly toBound: boolean;
  /** The relationship list is bound already: the path must be exactly that list. */
  readonly listBound: boolean;
  readonly reversed: boolean;
  readonly unique: readonly number[];
  readonly uniqueLists: readonly number[];
  readonly test: RowTest | null;
}

function tooLong(max: number): QueryError {
  return new QueryError(
    "QUERY_TOO_COMPLEX",
    `a variable-length pattern without an upper bound found a path longer than ${max} relationships; give an upper bound (*..n) or raise maxVarLength`,
    { phase: "runtime" },
  );
}

/** Whether the path may go on along `r`: not on it yet, unique in the pattern, passing. */
function usable(
  spec: VarExpandSpec,
  r: Relationship,
  path: readonly Relationship[],
  row: Row,
  ctx: ExecContext,
): boolean {
  for (const x of path) if (x.id === r.id) return false;
  if (!isFresh(r, row, spec.unique, spec.uniqueLists)) return false;
  return spec.relTest === null || spec.relTest(r, row, ctx);
}

/** The row for a path ending at node `end`, or null when the end or the test refuses it. */
function emit(
  spec: VarExpandSpec,
  row: Row,
  ctx: ExecContext,
  end: number,
  path: readonly Relationship[],
): Row | null {
  if (spec.toBound) {
    const b = row[spec.to];
    if (!(b instanceof Node) || b.id !== end) return null;
  } else {
    const b = ctx.view.node(end);
    if (b === null) return null;
    row[spec.to] = b;
  }
  const rels = path.slice();
  if (spec.reversed) rels.reverse();
  row[spec.list] = rels;
  return spec.test === null || spec.test(row, ctx) ? row.slice() : null;
}

/** A bound relationship list walked from `start`: the row when it is such a path. */
function walkBound(spec: VarExpandSpec, row: Row, ctx: ExecContext, start: number): Row | null {
  const v = row[spec.list];
  if (!Array.isArray(v)) return null;
  const bound = v as readonly unknown[];
  const rels = spec.reversed ? [...bound].reverse() : bound;
  if (rels.length < spec.min || rels.length > spec.max) return null;
  let at = start;
  for (const r of rels) {
    if (!(r instanceof Relationship)) return null;
    if (spec.types !== null && !spec.types.includes(r.type)) return null;
    if (!touches(r, at, spec.direction)) return null;
    at = otherEnd(r, at);
  }
  return emit(spec, row, ctx, at, rels as readonly Relationship[]);
}

/** Every path from node `start`, depth first, as rows. */
function* pathsFrom(spec: VarExpandSpec, row: Row, ctx: ExecContext, start: number): Iterable<Row> {
  const { direction, types, min, max } = spec;
  const path: Relationship[] = [];
  const ends: number[] = [start];
  if (min === 0) {
    const out = emit(spec, row, ctx, start, path);
    if (out !== null) yield out;
  }
  if (max === 0) return;
  const iters = [relationshipsAt(ctx.view, start, direction, types)[Symbol.iterator]()];
  while (iters.length > 0) {
    const step = iters[iters.length - 1]!.next();
    if (step.done === true) {
      iters.pop();
      path.pop();
      ends.pop();
      continue;
    }
    const r = step.value;
    ctx.tick();
    if (!usable(spec, r, path, row, ctx)) continue;
    const next = otherEnd(r, ends[ends.length - 1]!);
    path.push(r);
    ends.push(next);
    if (path.length >= min) {
      const out = emit(spec, row, ctx, next, path);
      if (out !== null) yield out;
    }
    if (path.length < max) {
      iters.push(relationshipsAt(ctx.view, next, direction, types)[Symbol.iterator]());
      continue;
    }
    if (spec.unbounded) {
      for (const further of relationshipsAt(ctx.view, next, direction, types)) {
        if (usable(spec, further, path, row, ctx)) throw tooLong(max);
      }
    }
    path.pop();
    ends.pop();
  }
}

export function varExpand(spec: VarExpandSpec): Pipe {
  return function* varLengthExpand(input: Iterable<Row>, ctx: ExecContext) {
    for (const row of input) {
      const a = row[spec.from];
      if (!(a instanceof Node)) continue;
      if (spec.listBound) {
        const out = walkBound(spec, row, ctx, a.id);
        if (out !== null) yield out;
        continue;
      }
      yield* pathsFrom(spec, row, ctx, a.id);
    }
  };
}
