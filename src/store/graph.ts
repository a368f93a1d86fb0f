// The in-memory property graph: nodes, relationships, labels and properties, with a label
// index, a type index and per-node adjacency by direction and type, so that a lookup by
// label, type or neighbourhood costs what it returns. Every change is one MutationEvent
// applied by `apply`, the one path used by live writes and by replay alike, so the two
// cannot diverge. `apply` checks each event against the graph and, given an undo log,
// records how to reverse it; transactions use that to roll back. It knows nothing of
// files, logs or transactions.
//
// Layout, for millions of entities: ids index plain arrays (labels, properties, ends and
// type of each relationship), indexes are bitmaps (id-set.ts), adjacency is one small
// array per node and direction (adjacency.ts). Label arrays are interned, so nodes with
// the same labels share one frozen array.
import { SkeinError } from "../internal/errors.js";
import { Adjacency } from "./adjacency.js";
import {
  canonicalProperties,
  canonicalValue,
  frozenProperties,
  hasOwn,
  withProperty,
} from "./canonical.js";
import { Node, Relationship } from "./entities.js";
import type { MutationEvent } from "./events.js";
import { IdSet } from "./id-set.js";
import { PropertyArena } from "./property-arena.js";
import { sameItems, type Properties } from "./values.js";

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
  /**
   * A counter that moves on every change and every undo: equal versions mean the same
   * graph, so a reader may keep what it derived (an index) while the version holds.
   */
  readonly version: number;
}

/**
 * An entity's properties: the frozen map, or, for an entity loaded or replayed at open and
 * not read since, the location of its encoded map in the graph's arena.
 */
type StoredProperties = Properties | number;

/** Everything `clear` replaces at once (and its undo puts back). */
class Contents {
  readonly nodes = new IdSet();
  readonly labelsOf: (readonly string[] | undefined)[] = [];
  readonly propsOf: StoredProperties[] = [];
  readonly byLabel = new Map<string, IdSet>();
  readonly rels = new IdSet();
  readonly typeOf: number[] = [];
  readonly srcOf: number[] = [];
  readonly dstOf: number[] = [];
  readonly relPropsOf: StoredProperties[] = [];
  readonly byType: IdSet[] = [];
  readonly out = new Adjacency(this.typeOf);
  readonly in = new Adjacency(this.typeOf);
}

type CreateRel = Extract<MutationEvent, { kind: "createRelationship" }>;

function notFound(what: string, id: number): SkeinError {
  return new SkeinError("NOT_FOUND", `${what} ${id} does not exist`);
}

export class Graph implements GraphView {
  #c = new Contents();
  /**
   * Encoded maps of entities loaded or replayed at open (see property-arena.ts). The
   * graph's, not its contents': a clear keeps it, so a location stays valid whatever was
   * cleared or undone around it.
   */
  readonly #arena = new PropertyArena();
  /** One frozen array per distinct label set, shared by every node that has it. */
  readonly #labelSets = new Map<string, readonly string[]>();
  readonly #typeNames: string[] = [];
  readonly #typeIds = new Map<string, number>();
  /** The next ids to hand out; they only grow, so no id is ever handed out twice. */
  nextNodeId = 0;
  nextRelationshipId = 0;
  #version = 0;
  #lastShared: readonly string[] = Object.freeze([]);

  get version(): number {
    return this.#version;
  }

  /** Note a change made other than through `apply` (an undo run by a rollback). */
  touch(): void {
    this.#version++;
  }

  get nodeCount(): number {
    return this.#c.nodes.size;
  }

  get relationshipCount(): number {
    return this.#c.rels.size;
  }

  /** The shared frozen array for this set of labels (duplicates dropped). */
  internLabels(labels: readonly string[]): readonly string[] {
    return this.#labelsOf(labels);
  }

  #labelsOf(labels: readonly string[]): readonly string[] {
    // Loads, writes and replay mostly repeat the labels of the node before: no key to
    // build for those. (Compared by content: a caller may reuse and change its array.)
    const last = this.#lastShared;
    if (sameItems(labels, last)) return last;
    const unique = labels.length < 2 ? labels : [...new Set(labels)];
    const key = unique.join("\u0000");
    let shared = this.#labelSets.get(key);
    if (!shared) this.#labelSets.set(key, (shared = Object.freeze([...unique])));
    this.#lastShared = shared;
    return shared;
  }

  #typeId(type: string): number {
    let id = this.#typeIds.get(type);
    if (id === undefined) {
      id = this.#typeNames.push(type) - 1;
      this.#typeIds.set(type, id);
    }
    return id;
  }

  #labelIndex(label: string): IdSet {
    let set = this.#c.byLabel.get(label);
    if (!set) this.#c.byLabel.set(label, (set = new IdSet()));
    return set;
  }

  #checkNode(id: number, what = "node"): void {
    if (!this.#c.nodes.has(id)) throw notFound(what, id);
  }

  #checkRel(id: number): void {
    if (!this.#c.rels.has(id)) throw notFound("relationship", id);
  }

  hasNode(id: number): boolean {
    return this.#c.nodes.has(id);
  }

  hasRelationship(id: number): boolean {
    return this.#c.rels.has(id);
  }

  /**
   * Apply one event; with `undo`, record how to reverse it. Throws and changes nothing on
   * refusal. `trusted` events come from the log or a snapshot: their values are already
   * canonical and owned by nobody else, so they are frozen in place instead of copied.
   */
  apply(ev: MutationEvent, undo?: Undo[], trusted = false): void {
    this.#version++;
    const props = trusted ? frozenProperties : canonicalProperties;
    switch (ev.kind) {
      case "createNode":
        return this.#createNode(ev.id, ev.labels, props(ev.properties), undo);
      case "createRelationship":
        return this.#createRel(ev, props(ev.properties), undo);
      case "setNodeProperty":
        this.#checkNode(ev.nodeId);
        return this.#setNodeProps(ev.nodeId, ev.key, canonicalValue(ev.value), undo);
      case "removeNodeProperty":
        this.#checkNode(ev.nodeId);
        return this.#setNodeProps(ev.nodeId, ev.key, undefined, undo);
      case "addNodeLabel":
        return this.#setLabel(ev.nodeId, ev.label, true, undo);
      case "removeNodeLabel":
        return this.#setLabel(ev.nodeId, ev.label, false, undo);
      case "setRelationshipProperty":
        this.#checkRel(ev.relId);
        return this.#setRelProps(ev.relId, ev.key, canonicalValue(ev.value), undo);
      case "removeRelationshipProperty":
        this.#checkRel(ev.relId);
        return this.#setRelProps(ev.relId, ev.key, undefined, undo);
      case "deleteRelationship":
        return this.#deleteRel(ev.relId, undo);
      case "deleteNode":
        return this.#deleteNode(ev.nodeId, undo);
      case "detachDeleteNode":
        // LoraDB logs the relationship deletions and DeleteNode before DetachDeleteNode,
        // so a detach-delete of a node that is already gone is accepted as done.
        if (!this.#c.nodes.has(ev.nodeId)) return;
        for (const r of this.#attached(ev.nodeId)) this.#deleteRel(r, undo);
        return this.#deleteNode(ev.nodeId, undo);
      case "clear":
        return this.#clear(undo);
    }
  }

  /**
   * Snapshot loading, without an event object per entity: like a trusted createNode and
   * createRelationship (values canonical and owned by nobody else, so frozen in place).
   * Properties may be a location in the graph's arena (see `encoded`), decoded on first
   * read.
   */
  loadNode(id: number, labels: readonly string[], properties: Properties | number): void {
    this.#version++;
    this.#createNode(id, labels, this.#loaded(properties));
  }

  loadRelationship(
    id: number,
    src: number,
    dst: number,
    type: string,
    properties: Properties | number,
  ): void {
    this.#version++;
    this.#createRel({ id, src, dst, type }, this.#loaded(properties));
  }

  /**
   * Before loading this many node and relationship ids into an empty graph: the tables
   * indexed by id are sized once instead of growing entity by entity.
   */
  reserveIds(nodes: number, relationships: number): void {
    const c = this.#c;
    // Beyond some millions V8 may keep a presized array as a dictionary; growing is better.
    if (c.nodes.size > 0 || c.rels.size > 0 || Math.max(nodes, relationships) > 2 ** 24) return;
    for (const table of [c.labelsOf, c.propsOf]) table.length = nodes;
    for (const table of [c.typeOf, c.srcOf, c.dstOf, c.relPropsOf]) table.length = relationships;
    c.out.reserveAll(nodes);
    c.in.reserveAll(nodes);
  }

  /**
   * Where encoded property maps are kept for loadNode and loadRelationship (snapshot
   * records and replayed creates); a location handed out must be of a map whose framing
   * was checked.
   */
  get encoded(): PropertyArena {
    return this.#arena;
  }

  #loaded(properties: Properties | number): StoredProperties {
    return typeof properties === "number" ? properties : frozenProperties(properties);
  }

  /** The properties stored for an entity, decoded (and kept) if they were still encoded. */
  #thawed(of: StoredProperties[], id: number): Properties {
    const stored = of[id]!;
    if (typeof stored !== "number") return stored;
    return (of[id] = this.#decoded(stored));
  }

  #decoded(location: number): Properties {
    return frozenProperties(this.#arena.properties(location));
  }

  #createNode(id: number, labels: readonly string[], props: StoredProperties, undo?: Undo[]): void {
    const c = this.#c;
    if (c.nodes.has(id)) throw new SkeinError("CONSTRAINT", `node ${id} already exists`);
    const shared = this.#labelsOf(labels);
    c.nodes.add(id);
    c.out.reserve(id);
    c.in.reserve(id);
    c.labelsOf[id] = shared;
    c.propsOf[id] = props;
    for (const l of shared) this.#labelIndex(l).add(id);
    const prevNext = this.nextNodeId;
    if (id >= this.nextNodeId) this.nextNodeId = id + 1;
    undo?.push(() => {
      this.#dropNode(id);
      this.nextNodeId = prevNext;
    });
  }

  #dropNode(id: number): void {
    const c = this.#c;
    for (const l of c.labelsOf[id] ?? []) c.byLabel.get(l)?.delete(id);
    c.nodes.delete(id);
    c.labelsOf[id] = undefined;
    c.propsOf[id] = EMPTY_PROPS;
  }

  #createRel(
    ev: Pick<CreateRel, "id" | "src" | "dst" | "type">,
    props: StoredProperties,
    undo?: Undo[],
  ): void {
    const c = this.#c;
    if (c.rels.has(ev.id)) {
      throw new SkeinError("CONSTRAINT", `relationship ${ev.id} already exists`);
    }
    this.#checkNode(ev.src, "start node");
    this.#checkNode(ev.dst, "end node");
    this.#insertRel(ev.id, ev.src, ev.dst, this.#typeId(ev.type), props);
    const prevNext = this.nextRelationshipId;
    if (ev.id >= this.nextRelationshipId) this.nextRelationshipId = ev.id + 1;
    undo?.push(() => {
      this.#removeRel(ev.id);
      this.nextRelationshipId = prevNext;
    });
  }

  #insertRel(id: number, src: number, dst: number, typeId: number, props: StoredProperties): void {
    const c = this.#c;
    c.rels.add(id);
    c.typeOf[id] = typeId;
    c.srcOf[id] = src;
    c.dstOf[id] = dst;
    c.relPropsOf[id] = props;
    // Created lazily: a type first seen after a clear that is later undone has no set yet.
    (c.byType[typeId] ??= new IdSet()).add(id);
    c.out.add(src, typeId, id);
    c.in.add(dst, typeId, id);
  }

  #removeRel(id: number): void {
    const c = this.#c;
    const typeId = c.typeOf[id]!;
    c.rels.delete(id);
    c.byType[typeId]!.delete(id);
    c.out.remove(c.srcOf[id]!, typeId, id);
    c.in.remove(c.dstOf[id]!, typeId, id);
    c.relPropsOf[id] = EMPTY_PROPS;
  }

  #deleteRel(id: number, undo?: Undo[]): void {
    this.#checkRel(id);
    const c = this.#c;
    const [src, dst, typeId, props] = [
      c.srcOf[id]!,
      c.dstOf[id]!,
      c.typeOf[id]!,
      c.relPropsOf[id]!,
    ];
    this.#removeRel(id);
    undo?.push(() => this.#insertRel(id, src, dst, typeId, props));
  }

  /** Relationships attached to a node in either direction, each once. */
  #attached(id: number): number[] {
    const ids = new Set([...this.#c.out.ids(id), ...this.#c.in.ids(id)]);
    return [...ids];
  }

  #deleteNode(id: number, undo?: Undo[]): void {
    this.#checkNode(id);
    const c = this.#c;
    if (c.out.any(id) || c.in.any(id)) {
      const n = this.#attached(id).length;
      throw new SkeinError(
        "CONSTRAINT",
        `node ${id} still has ${n} relationship${n === 1 ? "" : "s"}; delete them first or detach-delete it`,
      );
    }
    const labels = c.labelsOf[id]!;
    const props = c.propsOf[id]!;
    this.#dropNode(id);
    undo?.push(() => {
      c.nodes.add(id);
      c.labelsOf[id] = labels;
      c.propsOf[id] = props;
      for (const l of labels) this.#labelIndex(l).add(id);
    });
  }

  #setNodeProps(id: number, key: string, value: Properties[string] | undefined, undo?: Undo[]) {
    const c = this.#c;
    const before = this.#thawed(c.propsOf, id);
    if (value === undefined && !hasOwn(before, key)) return;
    c.propsOf[id] = withProperty(before, key, value);
    undo?.push(() => (c.propsOf[id] = before));
  }

  #setRelProps(id: number, key: string, value: Properties[string] | undefined, undo?: Undo[]) {
    const c = this.#c;
    const before = this.#thawed(c.relPropsOf, id);
    if (value === undefined && !hasOwn(before, key)) return;
    c.relPropsOf[id] = withProperty(before, key, value);
    undo?.push(() => (c.relPropsOf[id] = before));
  }

  #setLabel(id: number, label: string, add: boolean, undo?: Undo[]): void {
    this.#checkNode(id);
    const c = this.#c;
    const before = c.labelsOf[id]!;
    if (before.includes(label) === add) return;
    c.labelsOf[id] = this.#labelsOf(add ? [...before, label] : before.filter((l) => l !== label));
    if (add) this.#labelIndex(label).add(id);
    else c.byLabel.get(label)?.delete(id);
    undo?.push(() => {
      c.labelsOf[id] = before;
      if (add) c.byLabel.get(label)?.delete(id);
      else this.#labelIndex(label).add(id);
    });
  }

  #clear(undo?: Undo[]): void {
    const before = this.#c;
    this.#c = new Contents();
    undo?.push(() => (this.#c = before));
  }

  // ---- reads ----

  node(id: number): Node | null {
    const c = this.#c;
    return c.nodes.has(id) ? new Node(id, c.labelsOf[id]!, this.#thawed(c.propsOf, id)) : null;
  }

  relationship(id: number): Relationship | null {
    const c = this.#c;
    if (!c.rels.has(id)) return null;
    const type = this.#typeNames[c.typeOf[id]!]!;
    return new Relationship(id, c.srcOf[id]!, c.dstOf[id]!, type, this.#thawed(c.relPropsOf, id));
  }

  *nodes(filter?: { label?: string }): Iterable<Node> {
    const set = filter?.label === undefined ? this.#c.nodes : this.#c.byLabel.get(filter.label);
    for (const id of set ?? []) {
      const n = this.node(id);
      if (n) yield n;
    }
  }

  *relationships(filter?: { type?: string }): Iterable<Relationship> {
    let set: IdSet | undefined = this.#c.rels;
    if (filter?.type !== undefined) {
      const t = this.#typeIds.get(filter.type);
      set = t === undefined ? undefined : this.#c.byType[t];
    }
    for (const id of set ?? []) {
      const r = this.relationship(id);
      if (r) yield r;
    }
  }

  outgoing(nodeId: number, type?: string): Iterable<Relationship> {
    return this.#adjacent(this.#c.out, nodeId, type);
  }

  incoming(nodeId: number, type?: string): Iterable<Relationship> {
    return this.#adjacent(this.#c.in, nodeId, type);
  }

  *#adjacent(adj: Adjacency, nodeId: number, type?: string): Iterable<Relationship> {
    let typeId: number | undefined;
    if (type !== undefined) {
      typeId = this.#typeIds.get(type);
      if (typeId === undefined) return;
    }
    // A copy: a reader may delete what it iterates over.
    for (const id of adj.ids(nodeId, typeId)) {
      const r = this.relationship(id);
      if (r) yield r;
    }
  }

  /**
   * Raw records for snapshots: no Node objects are made, and properties still encoded are
   * decoded for the record without being kept, so a checkpoint does not grow the heap.
   */
  *nodeRecords(): Iterable<{ id: number; labels: readonly string[]; properties: Properties }> {
    const c = this.#c;
    for (const id of c.nodes) {
      yield { id, labels: c.labelsOf[id]!, properties: this.#peek(c.propsOf[id]!) };
    }
  }

  #peek(stored: StoredProperties): Properties {
    return typeof stored === "number" ? this.#decoded(stored) : stored;
  }

  *relationshipRecords(): Iterable<{
    id: number;
    src: number;
    dst: number;
    type: string;
    properties: Properties;
  }> {
    const c = this.#c;
    for (const id of c.rels) {
      const type = this.#typeNames[c.typeOf[id]!]!;
      const properties = this.#peek(c.relPropsOf[id]!);
      yield { id, src: c.srcOf[id]!, dst: c.dstOf[id]!, type, properties };
    }
  }

  /** Label → node count, for statistics. */
  labelCounts(): Map<string, number> {
    const out = new Map<string, number>();
    for (const [l, s] of this.#c.byLabel) if (s.size > 0) out.set(l, s.size);
    return out;
  }

  /** Type → relationship count, for statistics. */
  typeCounts(): Map<string, number> {
    const out = new Map<string, number>();
    this.#c.byType.forEach((s, t) => {
      if (s.size > 0) out.set(this.#typeNames[t]!, s.size);
    });
    return out;
  }
}

const EMPTY_PROPS: Properties = Object.freeze({});
