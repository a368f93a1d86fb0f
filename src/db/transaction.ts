// The write transaction handed to `Database.write`: argument checks, then one mutation
// event per change, applied to the graph with an undo log so the whole transaction can be
// rolled back, and encoded at once into the batch the database logs (when it has a log).
// A change that changes nothing (a label already there, a property set to its current
// value) produces no event, so a write that changed nothing logs nothing. It reads its
// own writes: reads go to the same graph. It does not log or commit; the database does,
// after the callback returned.
import { SkeinError } from "../internal/errors.js";
import { canonicalCreateProperties, canonicalValue } from "../store/canonical.js";
import type { Node, Relationship } from "../store/entities.js";
import { ReadView } from "./read-view.js";
import type { CreateNodeEvent, CreateRelationshipEvent, MutationEvent } from "../store/events.js";
import type { Graph, GraphView, Undo } from "../store/graph.js";
import type { EventBatch } from "../store/lw1-codec.js";
import {
  describeValue,
  isWellFormedString,
  sameItems,
  valuesEqual,
  type Properties,
  type PropertyValue,
} from "../store/values.js";

export interface WriteTransaction extends GraphView {
  createNode(labels: string[], properties?: Properties): number;
  createRelationship(src: number, dst: number, type: string, properties?: Properties): number;
  setNodeProperty(id: number, key: string, value: PropertyValue): void;
  removeNodeProperty(id: number, key: string): void;
  addNodeLabel(id: number, label: string): void;
  removeNodeLabel(id: number, label: string): void;
  setRelationshipProperty(id: number, key: string, value: PropertyValue): void;
  removeRelationshipProperty(id: number, key: string): void;
  deleteRelationship(id: number): void;
  deleteNode(id: number): void;
  detachDeleteNode(id: number): void;
  clear(): void;
}

function checkId(what: string, id: unknown): number {
  if (typeof id !== "number" || !Number.isSafeInteger(id) || id < 0) {
    throw new TypeError(`${what} must be a non-negative safe integer, got ${describeValue(id)}`);
  }
  return id;
}

/** Labels and relationship types: non-empty strings that survive UTF-8. */
function checkName(what: string, s: unknown): string {
  if (typeof s !== "string") {
    throw new TypeError(`${what} must be a string, got ${describeValue(s)}`);
  }
  if (s.length === 0) throw new SkeinError("INVALID_ARGUMENT", `${what} must not be empty`);
  if (!isWellFormedString(s)) {
    throw new TypeError(`${what} ${describeValue(s)} has a lone surrogate`);
  }
  return s;
}

/** Property keys: any string that survives UTF-8, the empty one included. */
function checkKey(key: unknown): string {
  if (typeof key !== "string") {
    throw new TypeError(`property key must be a string, got ${describeValue(key)}`);
  }
  if (!isWellFormedString(key)) {
    throw new TypeError(`property key ${describeValue(key)} has a lone surrogate`);
  }
  return key;
}

export class WriteTx extends ReadView implements WriteTransaction {
  readonly #graph: Graph;
  /** How to reverse each change but the creates, oldest first. */
  readonly #undo: Undo[] = [];
  /**
   * The creates, oldest first, each as `undo.length * 2 + (1 for a relationship)` when it
   * was made: where it falls among the other changes. A bulk load is mostly creates, and
   * this way one costs a number instead of an undo function kept until the commit.
   */
  readonly #created: number[] = [];
  /** Where the events go, encoded; null when nothing is logged (an in-memory database). */
  readonly #batch: EventBatch | null;
  #finished = false;
  /** The labels of the last node created: a bulk load gives the same ones again and again. */
  #lastLabels: readonly string[] | null = null;

  /** `batch` is emptied: it receives this transaction's events, in order. */
  constructor(graph: Graph, batch: EventBatch | null) {
    super(graph); // reads see this transaction's own writes: they go to the same graph
    this.#graph = graph;
    this.#batch = batch;
    batch?.clear();
  }

  /** Reverse every change, newest first. */
  rollback(): void {
    const undo = this.#undo;
    const created = this.#created;
    if (undo.length > 0 || created.length > 0) this.#graph.touch();
    let c = created.length - 1;
    for (let i = undo.length; i >= 0; i--) {
      // The creates made after change i - 1, newest first, then that change.
      for (; c >= 0 && created[c]! >> 1 === i; c--) this.#uncreate((created[c]! & 1) === 1);
      if (i > 0) undo[i - 1]!();
    }
    undo.length = 0;
    created.length = 0;
    this.#batch?.clear();
  }

  /**
   * Delete the newest node (or relationship) this transaction created and take its id
   * back: ids are handed out in order, and every later change is reversed already.
   */
  #uncreate(relationship: boolean): void {
    const g = this.#graph;
    if (relationship) g.apply({ kind: "deleteRelationship", relId: --g.nextRelationshipId });
    else g.apply({ kind: "deleteNode", nodeId: --g.nextNodeId });
  }

  /** No more changes through this handle (it escaped its callback). */
  finish(): void {
    this.#finished = true;
  }

  /** Refuse every change through a handle that escaped its callback. */
  #checkLive(): void {
    if (this.#finished) {
      throw new SkeinError(
        "INVALID_ARGUMENT",
        "write transaction is finished: it was used after its callback returned",
      );
    }
  }

  #apply(ev: MutationEvent): void {
    this.#applyLogged(ev, this.#undo);
  }

  /** As #apply, for a create: reversed by #uncreate rather than by an undo function. */
  #applyCreate(ev: CreateNodeEvent | CreateRelationshipEvent): void {
    this.#applyLogged(ev, undefined);
    this.#created.push(this.#undo.length * 2 + (ev.kind === "createRelationship" ? 1 : 0));
  }

  /** Encode the event, then apply it: a change is in both the batch and the graph, or neither. */
  #applyLogged(ev: MutationEvent, undo: Undo[] | undefined): void {
    const batch = this.#batch;
    batch?.add(ev);
    try {
      // Trusted: every value in `ev` was made canonical (a frozen copy) by the method that
      // built it, so the graph need not copy it a second time.
      this.#graph.apply(ev, undo, true);
    } catch (err) {
      batch?.removeLast();
      throw err;
    }
  }

  createNode(labels: string[], properties?: Properties): number {
    this.#checkLive();
    if (!Array.isArray(labels)) throw new TypeError("labels must be an array of strings");
    const unique = this.#internedLabels(labels);
    const props = canonicalCreateProperties(properties);
    const id = this.#graph.nextNodeId;
    this.#applyCreate({ kind: "createNode", id, labels: unique as string[], properties: props });
    return id;
  }

  /** Checked labels, without duplicates, as the graph's shared array for them. */
  #internedLabels(labels: readonly unknown[]): readonly string[] {
    // Labels equal to an interned array are checked and without duplicates already.
    const last = this.#lastLabels;
    if (last !== null && sameItems(labels, last)) return last;
    for (const l of labels) checkName("label", l);
    return (this.#lastLabels = this.#graph.internLabels(labels as string[]));
  }

  createRelationship(src: number, dst: number, type: string, properties?: Properties): number {
    this.#checkLive();
    checkId("src", src);
    checkId("dst", dst);
    checkName("relationship type", type);
    const props = canonicalCreateProperties(properties);
    const id = this.#graph.nextRelationshipId;
    this.#applyCreate({ kind: "createRelationship", id, src, dst, type, properties: props });
    return id;
  }

  setNodeProperty(id: number, key: string, value: PropertyValue): void {
    this.#checkLive();
    checkId("node id", id);
    checkKey(key);
    const v = canonicalValue(value);
    const node = this.#existingNode(id);
    if (v === null) return this.removeNodeProperty(id, key);
    if (Object.hasOwn(node.properties, key) && valuesEqual(node.properties[key]!, v)) return;
    this.#apply({ kind: "setNodeProperty", nodeId: id, key, value: v });
  }

  removeNodeProperty(id: number, key: string): void {
    this.#checkLive();
    checkId("node id", id);
    checkKey(key);
    if (!Object.hasOwn(this.#existingNode(id).properties, key)) return;
    this.#apply({ kind: "removeNodeProperty", nodeId: id, key });
  }

  addNodeLabel(id: number, label: string): void {
    this.#checkLive();
    checkId("node id", id);
    checkName("label", label);
    if (this.#existingNode(id).labels.includes(label)) return;
    this.#apply({ kind: "addNodeLabel", nodeId: id, label });
  }

  removeNodeLabel(id: number, label: string): void {
    this.#checkLive();
    checkId("node id", id);
    checkName("label", label);
    if (!this.#existingNode(id).labels.includes(label)) return;
    this.#apply({ kind: "removeNodeLabel", nodeId: id, label });
  }

  setRelationshipProperty(id: number, key: string, value: PropertyValue): void {
    this.#checkLive();
    checkId("relationship id", id);
    checkKey(key);
    const v = canonicalValue(value);
    const rel = this.#existingRel(id);
    if (v === null) return this.removeRelationshipProperty(id, key);
    if (Object.hasOwn(rel.properties, key) && valuesEqual(rel.properties[key]!, v)) return;
    this.#apply({ kind: "setRelationshipProperty", relId: id, key, value: v });
  }

  removeRelationshipProperty(id: number, key: string): void {
    this.#checkLive();
    checkId("relationship id", id);
    checkKey(key);
    if (!Object.hasOwn(this.#existingRel(id).properties, key)) return;
    this.#apply({ kind: "removeRelationshipProperty", relId: id, key });
  }

  deleteRelationship(id: number): void {
    this.#checkLive();
    checkId("relationship id", id);
    this.#apply({ kind: "deleteRelationship", relId: id });
  }

  deleteNode(id: number): void {
    this.#checkLive();
    checkId("node id", id);
    this.#apply({ kind: "deleteNode", nodeId: id });
  }

  detachDeleteNode(id: number): void {
    this.#checkLive();
    checkId("node id", id);
    this.#existingNode(id);
    this.#apply({ kind: "detachDeleteNode", nodeId: id });
  }

  clear(): void {
    this.#checkLive();
    if (this.#graph.nodeCount === 0 && this.#graph.relationshipCount === 0) return;
    this.#apply({ kind: "clear" });
  }

  #existingNode(id: number): Node {
    const n = this.#graph.node(id);
    if (!n) throw new SkeinError("NOT_FOUND", `node ${id} does not exist`);
    return n;
  }

  #existingRel(id: number): Relationship {
    const r = this.#graph.relationship(id);
    if (!r) throw new SkeinError("NOT_FOUND", `relationship ${id} does not exist`);
    return r;
  }
}
