// The relationships at a node in one direction, of some types: what both expansion
// operators walk. Outgoing first, then incoming; an undirected walk skips incoming
// self-loops, which it already met going out, so a self-loop is met once. The node at the
// other end is `otherEnd(r, id)` (the node itself for a self-loop).
import type { Relationship } from "../../store/entities.js";
import type { GraphView } from "../../store/graph.js";
import type { Direction } from "../syntax/ast.js";

export function* relationshipsAt(
  view: GraphView,
  id: number,
  direction: Direction,
  types: readonly string[] | null,
): Iterable<Relationship> {
  if (types === null) {
    if (direction !== "in") yield* view.outgoing(id);
    if (direction !== "out") {
      for (const r of view.incoming(id)) if (direction === "in" || r.src !== r.dst) yield r;
    }
    return;
  }
  for (const t of types) if (direction !== "in") yield* view.outgoing(id, t);
  if (direction === "out") return;
  for (const t of types) {
    for (const r of view.incoming(id, t)) if (direction === "in" || r.src !== r.dst) yield r;
  }
}

export function otherEnd(r: Relationship, id: number): number {
  return r.src === id ? r.dst : r.src;
}

/** Whether `r` leaves or enters node `id` as `direction` says. */
export function touches(r: Relationship, id: number, direction: Direction): boolean {
  if (direction === "out") return r.src === id;
  if (direction === "in") return r.dst === id;
  return r.src === id || r.dst === id;
}

export function reverse(direction: Direction): Direction {
  return direction === "out" ? "in" : direction === "in" ? "out" : "both";
}
