// shortestPath() and allShortestPaths() between two bound nodes: a breadth-first search
// along relationships of the types in the direction, each node visited at its shortest
// distance only, so the search is linear in what it visits and needs no length limit.
// shortestPath yields one path of the least length (the first found), allShortestPaths
// every path of that length. A relationship property map filters the relationships the
// search may use; the rest of WHERE applies to the paths found.
import { Node, Path, type Relationship } from "../../store/entities.js";
import type { Direction } from "../syntax/ast.js";
import { otherEnd, relationshipsAt } from "./adjacency.js";
import type { ExecContext, Row } from "./context.js";
import type { Pipe, RowTest } from "./pipe.js";
import type { RelationshipTest } from "./var-expand.js";

export interface ShortestPathSpec {
  readonly from: number;
  readonly to: number;
  /** The relationship slot: a list for a variable-length pattern, else one relationship. */
  readonly rel: number;
  readonly list: boolean;
  readonly path: number | null;
  readonly types: readonly string[] | null;
  readonly direction: Direction;
  /** 0 or 1: a zero-length path only when both ends are one node and min is 0. */
  readonly min: number;
  readonly max: number;
  readonly all: boolean;
  readonly relTest: RelationshipTest | null;
  readonly test: RowTest | null;
}

interface Step {
  readonly rel: Relationship;
  readonly prev: number;
}

/** For each node reached, the last steps of its shortest paths; null when `to` is not reached. */
function search(
  spec: ShortestPathSpec,
  row: Row,
  ctx: ExecContext,
  from: number,
  to: number,
): Map<number, Step[]> | null {
  const parents = new Map<number, Step[]>();
  const depth = new Map<number, number>([[from, 0]]);
  let frontier = [from];
  for (let level = 1; level <= spec.max && frontier.length > 0; level++) {
    const next: number[] = [];
    for (const id of frontier) {
      for (const r of relationshipsAt(ctx.view, id, spec.direction, spec.types)) {
        ctx.tick();
        if (spec.relTest !== null && !spec.relTest(r, row, ctx)) continue;
        const o = otherEnd(r, id);
        const d = depth.get(o);
        if (d === undefined) {
          depth.set(o, level);
          parents.set(o, [{ rel: r, prev: id }]);
          next.push(o);
        } else if (d === level && spec.all) parents.get(o)!.push({ rel: r, prev: id });
      }
    }
    if (depth.has(to)) return parents;
    frontier = next;
  }
  return null;
}

/** The paths from `from` to `to` through `parents`, as relationship lists in order. */
function* pathsTo(
  parents: Map<number, Step[]>,
  from: number,
  to: number,
  all: boolean,
): Iterable<Relationship[]> {
  const stack: { at: number; rels: Relationship[] }[] = [{ at: to, rels: [] }];
  while (stack.length > 0) {
    const { at, rels } = stack.pop()!;
    if (at === from) {
      yield rels.slice().reverse();
      if (!all) return;
      continue;
    }
    const steps = parents.get(at) ?? [];
    for (const s of all ? steps : steps.slice(0, 1))
      stack.push({ at: s.prev, rels: [...rels, s.rel] });
  }
}

export function shortestPath(spec: ShortestPathSpec): Pipe {
  function emit(row: Row, ctx: ExecContext, start: Node, rels: Relationship[]): Row | null {
    const nodes = [start];
    for (const r of rels) nodes.push(ctx.view.node(otherEnd(r, nodes[nodes.length - 1]!.id))!);
    row[spec.rel] = spec.list ? rels : (rels[0] ?? null);
    if (spec.path !== null) row[spec.path] = new Path(nodes, rels);
    return spec.test === null || spec.test(row, ctx) ? row.slice() : null;
  }
  return function* shortest(input: Iterable<Row>, ctx: ExecContext) {
    for (const row of input) {
      const a = row[spec.from];
      const b = row[spec.to];
      if (!(a instanceof Node) || !(b instanceof Node)) continue;
      if (a.id === b.id) {
        const out = spec.min === 0 ? emit(row, ctx, a, []) : null;
        if (out !== null) yield out;
        continue;
      }
      const parents = search(spec, row, ctx, a.id, b.id);
      if (parents === null) continue;
      for (const rels of pathsTo(parents, a.id, b.id, spec.all)) {
        const out = emit(row, ctx, a, rels);
        if (out !== null) yield out;
      }
    }
  };
}
