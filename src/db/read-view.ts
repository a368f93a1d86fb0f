// The read-only face of the graph handed to `Database.read`: the graph's reads and
// nothing else, so a reader cannot reach `apply` and change the graph unlogged.
import type { Node, Relationship } from "../store/entities.js";
import type { Graph, GraphView } from "../store/graph.js";

export class ReadView implements GraphView {
  readonly #g: Graph;

  constructor(graph: Graph) {
    this.#g = graph;
  }

  node(id: number): Node | null {
    return this.#g.node(id);
  }
  relationship(id: number): Relationship | null {
    return this.#g.relationship(id);
  }
  nodes(filter?: { label?: string }): Iterable<Node> {
    return this.#g.nodes(filter);
  }
  relationships(filter?: { type?: string }): Iterable<Relationship> {
    return this.#g.relationships(filter);
  }
  outgoing(nodeId: number, type?: string): Iterable<Relationship> {
    return this.#g.outgoing(nodeId, type);
  }
  incoming(nodeId: number, type?: string): Iterable<Relationship> {
    return this.#g.incoming(nodeId, type);
  }
  get nodeCount(): number {
    return this.#g.nodeCount;
  }
  get relationshipCount(): number {
    return this.#g.relationshipCount;
  }
  get version(): number {
    return this.#g.version;
  }
}
