// The graph values readers receive: Node and Relationship (and Path, for query results).
// They are told apart from maps by class, and they share the graph's frozen labels and
// property maps rather than copying them, so a read costs one small object.
import type { Properties } from "./values.js";

export class Node {
  readonly kind = "node" as const;
  readonly id: number;
  readonly labels: readonly string[];
  readonly properties: Readonly<Properties>;

  constructor(id: number, labels: readonly string[], properties: Readonly<Properties>) {
    this.id = id;
    this.labels = labels;
    this.properties = properties;
    Object.freeze(this);
  }
}

export class Relationship {
  readonly kind = "relationship" as const;
  readonly id: number;
  readonly src: number;
  readonly dst: number;
  readonly type: string;
  readonly properties: Readonly<Properties>;

  constructor(
    id: number,
    src: number,
    dst: number,
    type: string,
    properties: Readonly<Properties>,
  ) {
    this.id = id;
    this.src = src;
    this.dst = dst;
    this.type = type;
    this.properties = properties;
    Object.freeze(this);
  }
}

export class Path {
  readonly kind = "path" as const;
  readonly nodes: readonly Node[];
  readonly relationships: readonly Relationship[];

  constructor(nodes: readonly Node[], relationships: readonly Relationship[]) {
    this.nodes = Object.freeze([...nodes]);
    this.relationships = Object.freeze([...relationships]);
    Object.freeze(this);
  }
}
