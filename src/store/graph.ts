// The in-memory property graph: nodes, relationships, labels and properties, with a label
// index, a type index and per-node adjacency by direction and type, so that a lookup by
// label, type or neighbourhood costs what it returns. Every change is one MutationEvent
// applied by `apply`, the one path used by live writes and by replay alike, so the two
// cannot diverge. `apply` checks each event against the graph and, given an undo log,
// records how to reverse it; transactions use that to roll back. It knows nothing of
// files, logs or transactions.
import { SkeinError } from "../internal/errors.js";
import { canonicalProperties, canonicalValue, hasOwn, withProperty } from "./canonical.js";
import { Node, Relationship } from "./entities.js";
import type { MutationEvent } from "./events.js";
import type { Properties } from "./values.js";

/** Reverses one applied change. */
export type Undo = () => void;

/** Read access to a graph: what `Database.read` hands to its callback. */
export interface GraphView {
  node(id: number): Node | null;
  relationship(id: number): Relationship | null;
  nodes(filter?: { label?: string }): Iterable<Node>;
  relationships(filter?: { type?: string }): Iterable<Relationship>;
  outgoing(nodeId: number, type?: string): Iterable<Relationship>;
  incoming(nodeId: number, type?: string): Iterable<Relationship>;
  readonly nodeCount: number;
  readonly relationshipCount: number;
}

interface NodeRec {
  labels: readonly string[];
  props: Properties;
  out: Map<string, number[]> | null;
  in: Map<string, number[]> | null;
}

interface RelRec {
  readonly src: number;
  readonly dst: number;
  readonly type: string;
  props: Properties;
}

function notFound(what: string, id: number): SkeinError {
  return new SkeinError("NOT_FOUND", `${what} ${id} does not exist`);
}

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}

function removeFrom<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (set && set.delete(value) && set.size === 0) map.delete(key);
}

function link(adj: Map<string, number[]>, type: string, relId: number): void {
  const list = adj.get(type);
  if (list) list.push(relId);
  else adj.set(type, [relId]);
}

function unlink(adj: Map<string, number[]> | null, type: string, relId: number): void {
  const list = adj?.get(type);
  if (!list) return;
  const i = list.lastIndexOf(relId);
  if (i >= 0) list.splice(i, 1);
  if (list.length === 0) adj!.delete(type);
}

export class Graph implements GraphView {
  readonly #nodes = new Map<number, NodeRec>();
  readonly #rels = new Map<number, RelRec>();
  readonly #byLabel = new Map<string, Set<number>>();
  readonly #byType = new Map<string, Set<number>>();
  /** One frozen array per distinct label set, shared by every node that has it. */
  readonly #labelSets = new Map<string, readonly string[]>();
  /** The next ids to hand out; they only grow, so no id is ever handed out twice. */
  nextNodeId = 0;
  nextRelationshipId = 0;

  get nodeCount(): number {
    return this.#nodes.size;
  }

  get relationshipCount(): number {
    return this.#rels.size;
  }

  #labelsOf(labels: readonly string[]): readonly string[] {
    const unique = labels.length < 2 ? labels : [...new Set(labels)];
    const key = unique.join("\u0000");
    let shared = this.#labelSets.get(key);
    if (!shared) this.#labelSets.set(key, (shared = Object.freeze([...unique])));
    return shared;
  }

  #node(id: number): NodeRec {
    const n = this.#nodes.get(id);
    if (!n) throw notFound("node", id);
    return n;
  }

  #rel(id: number): RelRec {
    const r = this.#rels.get(id);
    if (!r) throw notFound("relationship", id);
    return r;
  }

  hasNode(id: number): boolean {
    return this.#nodes.has(id);
  }

  hasRelationship(id: number): boolean {
    return this.#rels.has(id);
  }

  /** Apply one event; with `undo`, record how to reverse it. Throws and changes nothing on refusal. */
  apply(ev: MutationEvent, undo?: Undo[]): void {
    switch (ev.kind) {
      case "createNode":
        return this.#createNode(ev.id, ev.labels, canonicalProperties(ev.properties), undo);
      case "createRelationship":
        return this.#createRel(ev, undo);
      case "setNodeProperty": {
        const n = this.#node(ev.nodeId);
        return this.#setProps(n, withProperty(n.props, ev.key, canonicalValue(ev.value)), undo);
      }
      case "removeNodeProperty": {
        const n = this.#node(ev.nodeId);
        if (!hasOwn(n.props, ev.key)) return;
        return this.#setProps(n, withProperty(n.props, ev.key, undefined), undo);
      }
      case "addNodeLabel":
        return this.#setLabels(ev.nodeId, ev.label, true, undo);
      case "removeNodeLabel":
        return this.#setLabels(ev.nodeId, ev.label, false, undo);
      case "setRelationshipProperty": {
        const r = this.#rel(ev.relId);
        return this.#setProps(r, withProperty(r.props, ev.key, canonicalValue(ev.value)), undo);
      }
      case "removeRelationshipProperty": {
        const r = this.#rel(ev.relId);
        if (!hasOwn(r.props, ev.key)) return;
        return this.#setProps(r, withProperty(r.props, ev.key, undefined), undo);
      }
      case "deleteRelationship":
        return this.#deleteRel(ev.relId, undo);
      case "deleteNode":
        return this.#deleteNode(ev.nodeId, undo);
      case "detachDeleteNode":
        // LoraDB logs the relationship deletions and DeleteNode before DetachDeleteNode,
        // so a detach-delete of a node that is already gone is accepted as done.
        if (!this.#nodes.has(ev.nodeId)) return;
        for (const r of [...this.#attached(ev.nodeId)]) this.#deleteRel(r, undo);
        return this.#deleteNode(ev.nodeId, undo);
      case "clear":
        return this.#clear(undo);
    }
  }

  #createNode(id: number, labels: readonly string[], props: Properties, undo?: Undo[]): void {
    if (this.#nodes.has(id)) throw new SkeinError("CONSTRAINT", `node ${id} already exists`);
    const rec: NodeRec = { labels: this.#labelsOf(labels), props, out: null, in: null };
    this.#nodes.set(id, rec);
    for (const l of rec.labels) addTo(this.#byLabel, l, id);
    const prevNext = this.nextNodeId;
    if (id >= this.nextNodeId) this.nextNodeId = id + 1;
    undo?.push(() => {
      this.#nodes.delete(id);
      for (const l of rec.labels) removeFrom(this.#byLabel, l, id);
      this.nextNodeId = prevNext;
    });
  }

  #createRel(ev: Extract<MutationEvent, { kind: "createRelationship" }>, undo?: Undo[]): void {
    if (this.#rels.has(ev.id)) {
      throw new SkeinError("CONSTRAINT", `relationship ${ev.id} already exists`);
    }
    const src = this.#nodes.get(ev.src);
    const dst = this.#nodes.get(ev.dst);
    if (!src) throw notFound("start node", ev.src);
    if (!dst) throw notFound("end node", ev.dst);
    const rec: RelRec = {
      src: ev.src,
      dst: ev.dst,
      type: ev.type,
      props: canonicalProperties(ev.properties),
    };
    this.#insertRel(ev.id, rec, src, dst);
    const prevNext = this.nextRelationshipId;
    if (ev.id >= this.nextRelationshipId) this.nextRelationshipId = ev.id + 1;
    undo?.push(() => {
      this.#removeRel(ev.id, rec);
      this.nextRelationshipId = prevNext;
    });
  }

  #insertRel(id: number, rec: RelRec, src: NodeRec, dst: NodeRec): void {
    this.#rels.set(id, rec);
    addTo(this.#byType, rec.type, id);
    link((src.out ??= new Map<string, number[]>()), rec.type, id);
    link((dst.in ??= new Map<string, number[]>()), rec.type, id);
  }

  #removeRel(id: number, rec: RelRec): void {
    this.#rels.delete(id);
    removeFrom(this.#byType, rec.type, id);
    unlink(this.#nodes.get(rec.src)?.out ?? null, rec.type, id);
    unlink(this.#nodes.get(rec.dst)?.in ?? null, rec.type, id);
  }

  #deleteRel(id: number, undo?: Undo[]): void {
    const rec = this.#rel(id);
    this.#removeRel(id, rec);
    undo?.push(() => this.#insertRel(id, rec, this.#node(rec.src), this.#node(rec.dst)));
  }

  #attached(id: number): Set<number> {
    const n = this.#node(id);
    const ids = new Set<number>();
    for (const list of n.out?.values() ?? []) for (const r of list) ids.add(r);
    for (const list of n.in?.values() ?? []) for (const r of list) ids.add(r);
    return ids;
  }

  #deleteNode(id: number, undo?: Undo[]): void {
    const rec = this.#node(id);
    if ((rec.out?.size ?? 0) > 0 || (rec.in?.size ?? 0) > 0) {
      const n = this.#attached(id).size;
      throw new SkeinError(
        "CONSTRAINT",
        `node ${id} still has ${n} relationship${n === 1 ? "" : "s"}; delete them first or detach-delete it`,
      );
    }
    this.#nodes.delete(id);
    for (const l of rec.labels) removeFrom(this.#byLabel, l, id);
    undo?.push(() => {
      this.#nodes.set(id, rec);
      for (const l of rec.labels) addTo(this.#byLabel, l, id);
    });
  }

  #setProps(rec: NodeRec | RelRec, props: Properties, undo?: Undo[]): void {
    const before = rec.props;
    rec.props = props;
    undo?.push(() => (rec.props = before));
  }

  #setLabels(id: number, label: string, add: boolean, undo?: Undo[]): void {
    const rec = this.#node(id);
    const has = rec.labels.includes(label);
    if (has === add) return;
    const before = rec.labels;
    rec.labels = this.#labelsOf(add ? [...before, label] : before.filter((l) => l !== label));
    if (add) addTo(this.#byLabel, label, id);
    else removeFrom(this.#byLabel, label, id);
    undo?.push(() => {
      rec.labels = before;
      if (add) removeFrom(this.#byLabel, label, id);
      else addTo(this.#byLabel, label, id);
    });
  }

  #clear(undo?: Undo[]): void {
    const nodes = new Map(this.#nodes);
    const rels = new Map(this.#rels);
    const byLabel = new Map(this.#byLabel);
    const byType = new Map(this.#byType);
    this.#nodes.clear();
    this.#rels.clear();
    this.#byLabel.clear();
    this.#byType.clear();
    // Adjacency lives on the node records, which are dropped with the nodes.
    undo?.push(() => {
      for (const [k, v] of nodes) this.#nodes.set(k, v);
      for (const [k, v] of rels) this.#rels.set(k, v);
      for (const [k, v] of byLabel) this.#byLabel.set(k, v);
      for (const [k, v] of byType) this.#byType.set(k, v);
    });
  }

  // ---- reads ----

  node(id: number): Node | null {
    const n = this.#nodes.get(id);
    return n ? new Node(id, n.labels, n.props) : null;
  }

  relationship(id: number): Relationship | null {
    const r = this.#rels.get(id);
    return r ? new Relationship(id, r.src, r.dst, r.type, r.props) : null;
  }

  *nodes(filter?: { label?: string }): Iterable<Node> {
    if (filter?.label !== undefined) {
      for (const id of [...(this.#byLabel.get(filter.label) ?? [])]) {
        const n = this.node(id);
        if (n) yield n;
      }
      return;
    }
    for (const [id, n] of this.#nodes) yield new Node(id, n.labels, n.props);
  }

  *relationships(filter?: { type?: string }): Iterable<Relationship> {
    if (filter?.type !== undefined) {
      for (const id of [...(this.#byType.get(filter.type) ?? [])]) {
        const r = this.relationship(id);
        if (r) yield r;
      }
      return;
    }
    for (const [id, r] of this.#rels) yield new Relationship(id, r.src, r.dst, r.type, r.props);
  }

  outgoing(nodeId: number, type?: string): Iterable<Relationship> {
    return this.#adjacent(this.#nodes.get(nodeId)?.out ?? null, type);
  }

  incoming(nodeId: number, type?: string): Iterable<Relationship> {
    return this.#adjacent(this.#nodes.get(nodeId)?.in ?? null, type);
  }

  *#adjacent(adj: Map<string, number[]> | null, type?: string): Iterable<Relationship> {
    if (!adj) return;
    const lists = type === undefined ? [...adj.values()] : [adj.get(type) ?? []];
    // Copies: a reader may delete what it iterates over.
    for (const list of lists.map((l) => [...l])) {
      for (const id of list) {
        const r = this.relationship(id);
        if (r) yield r;
      }
    }
  }

  /** Raw records for snapshots: no Node objects are made. */
  *nodeRecords(): Iterable<{ id: number; labels: readonly string[]; properties: Properties }> {
    for (const [id, n] of this.#nodes) yield { id, labels: n.labels, properties: n.props };
  }

  *relationshipRecords(): Iterable<{
    id: number;
    src: number;
    dst: number;
    type: string;
    properties: Properties;
  }> {
    for (const [id, r] of this.#rels) {
      yield { id, src: r.src, dst: r.dst, type: r.type, properties: r.props };
    }
  }

  /** Label → node count and type → relationship count, for statistics. */
  labelCounts(): Map<string, number> {
    return new Map([...this.#byLabel].map(([l, s]) => [l, s.size]));
  }

  typeCounts(): Map<string, number> {
    return new Map([...this.#byType].map(([t, s]) => [t, s.size]));
  }
}
