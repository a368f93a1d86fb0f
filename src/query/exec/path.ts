// Named paths (`p = (a)-[r*]->(b)`): a Path value made from the slots of one pattern
// chain, in the chain's order. A variable-length piece holds a list of relationships; the
// nodes between them are found by walking the list from the node before it. A chain with
// a null piece (an OPTIONAL MATCH that found nothing) makes a null path.
import { Node, Path, Relationship } from "../../store/entities.js";
import type { Value } from "../runtime/types.js";
import { otherEnd } from "./adjacency.js";
import type { ExecContext, Row } from "./context.js";
import type { Pipe } from "./pipe.js";

/** Slots of a chain: node, then (relationship or relationship list, node) repeated. */
export interface PathShape {
  readonly nodes: readonly number[];
  readonly rels: readonly { readonly slot: number; readonly list: boolean }[];
}

export function buildPath(shape: PathShape, row: Row, ctx: ExecContext): Path | null {
  const first = row[shape.nodes[0]!];
  if (!(first instanceof Node)) return null;
  const nodes: Node[] = [first];
  const rels: Relationship[] = [];
  for (let i = 0; i < shape.rels.length; i++) {
    const piece = shape.rels[i]!;
    const v = row[piece.slot];
    const next = row[shape.nodes[i + 1]!];
    if (!(next instanceof Node)) return null;
    if (piece.list) {
      if (!Array.isArray(v)) return null;
      const list = v as readonly Value[];
      for (let j = 0; j < list.length; j++) {
        const r = list[j];
        if (!(r instanceof Relationship)) return null;
        rels.push(r);
        const at = otherEnd(r, nodes[nodes.length - 1]!.id);
        nodes.push(j === list.length - 1 ? next : (ctx.view.node(at) ?? next));
      }
    } else {
      if (!(v instanceof Relationship)) return null;
      rels.push(v);
      nodes.push(next);
    }
  }
  return new Path(nodes, rels);
}

/** Binds the path of each row into `slot` (the row is yielded, not copied). */
export function bindPath(slot: number, shape: PathShape): Pipe {
  return function* namePath(input: Iterable<Row>, ctx: ExecContext) {
    for (const row of input) {
      row[slot] = buildPath(shape, row, ctx);
      yield row;
    }
  };
}
