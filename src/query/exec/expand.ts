// One-hop expansion: from the node in `from`, along each relationship of the types in
// the direction, to the node at the other end. Within one MATCH every relationship must
// differ from those the pattern bound before (relationship uniqueness), which planning
// lists in `unique` (single relationships) and `uniqueLists` (variable-length lists).
// A relationship or target node bound earlier is checked instead of enumerated.
import { Node, Relationship } from "../../store/entities.js";
import type { Direction } from "../syntax/ast.js";
import type { Value } from "../runtime/types.js";
import { otherEnd, relationshipsAt, touches } from "./adjacency.js";
import type { ExecContext, Row } from "./context.js";
import type { Pipe, RowTest } from "./pipe.js";

export interface ExpandSpec {
  readonly from: number;
  readonly rel: number;
  readonly to: number;
  /** Any one of these types; null for any type. */
  readonly types: readonly string[] | null;
  /** From `from` towards `to`. */
  readonly direction: Direction;
  readonly relBound: boolean;
  readonly toBound: boolean;
  readonly unique: readonly number[];
  readonly uniqueLists: readonly number[];
  readonly test: RowTest | null;
}

/** Whether `r` differs from every relationship bound in the listed slots. */
export function isFresh(
  r: Relationship,
  row: Row,
  unique: readonly number[],
  uniqueLists: readonly number[],
): boolean {
  for (const s of unique) {
    const x = row[s];
    if (x instanceof Relationship && x.id === r.id) return false;
  }
  for (const s of uniqueLists) {
    const list = row[s];
    if (!Array.isArray(list)) continue;
    for (const x of list as readonly Value[]) {
      if (x instanceof Relationship && x.id === r.id) return false;
    }
  }
  return true;
}

export function expand(spec: ExpandSpec): Pipe {
  const { from, rel, to, types, direction, relBound, toBound, unique, uniqueLists, test } = spec;
  function bindTarget(row: Row, ctx: ExecContext, r: Relationship, id: number): boolean {
    const other = otherEnd(r, id);
    if (toBound) {
      const b = row[to];
      return b instanceof Node && b.id === other;
    }
    const b = ctx.view.node(other);
    if (b === null) return false;
    row[to] = b;
    return true;
  }
  return function* expandAll(input: Iterable<Row>, ctx: ExecContext) {
    for (const row of input) {
      const a = row[from];
      if (!(a instanceof Node)) continue;
      if (relBound) {
        const r = row[rel];
        if (!(r instanceof Relationship) || (types !== null && !types.includes(r.type))) continue;
        if (!touches(r, a.id, direction) || !isFresh(r, row, unique, uniqueLists)) continue;
        if (bindTarget(row, ctx, r, a.id) && (test === null || test(row, ctx))) yield row.slice();
        continue;
      }
      for (const r of relationshipsAt(ctx.view, a.id, direction, types)) {
        ctx.tick();
        if (!isFresh(r, row, unique, uniqueLists) || !bindTarget(row, ctx, r, a.id)) continue;
        row[rel] = r;
        if (test === null || test(row, ctx)) yield row.slice();
      }
    }
  };
}
