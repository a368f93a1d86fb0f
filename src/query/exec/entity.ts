// Reading the data of nodes and relationships during a query. Node and Relationship
// objects are snapshots taken when they were matched; a mutating query changes the graph
// under them, so reads of an entity the query changed go back to the transaction for the
// current labels and properties, and reading an entity the query deleted is an error
// (openCypher's DeletedEntityAccess). Every other snapshot is current: the query is the
// only writer while it runs, and it records what it changed (ExecContext).
import { QueryError } from "../../internal/errors.js";
import { Node, Path, Relationship } from "../../store/entities.js";
import { setMapEntry, type PropertyMap } from "../../store/values.js";
import { isMap, type Value, type ValueMap } from "../runtime/types.js";
import type { ExecContext } from "./context.js";

export function deletedAccess(what: string, id: number): QueryError {
  return new QueryError("NOT_FOUND", `${what} ${id} was deleted by this query`, {
    phase: "runtime",
    detail: "DeletedEntityAccess",
  });
}

/** The current state of a node; its snapshot when the query cannot have changed it. */
export function currentNode(n: Node, ctx: ExecContext): Node {
  if (ctx.tx === null || !ctx.changedNodes.has(n.id)) return n;
  if (ctx.deletedNodes.has(n.id)) throw deletedAccess("node", n.id);
  const now = ctx.view.node(n.id);
  if (now === null) throw deletedAccess("node", n.id);
  return now;
}

export function currentRelationship(r: Relationship, ctx: ExecContext): Relationship {
  if (ctx.tx === null || !ctx.changedRelationships.has(r.id)) return r;
  if (ctx.deletedRelationships.has(r.id)) throw deletedAccess("relationship", r.id);
  const now = ctx.view.relationship(r.id);
  if (now === null) throw deletedAccess("relationship", r.id);
  return now;
}

/** The properties of a node or relationship as they are now. */
export function currentProperties(e: Node | Relationship, ctx: ExecContext): ValueMap {
  // Stored properties never hold a bare Uint8Array (the store makes it a BinaryValue).
  const props =
    e instanceof Node ? currentNode(e, ctx).properties : currentRelationship(e, ctx).properties;
  return props;
}

/** The value of one property, null when absent. */
export function entityProperty(e: Node | Relationship, key: string, ctx: ExecContext): Value {
  const props = currentProperties(e, ctx);
  return Object.hasOwn(props, key) ? props[key]! : null;
}

export function currentLabels(n: Node, ctx: ExecContext): readonly string[] {
  return currentNode(n, ctx).labels;
}

function freshNode(n: Node, ctx: ExecContext): Node {
  return ctx.changedNodes.has(n.id) ? (ctx.view.node(n.id) ?? n) : n;
}

function freshRelationship(r: Relationship, ctx: ExecContext): Relationship {
  return ctx.changedRelationships.has(r.id) ? (ctx.view.relationship(r.id) ?? r) : r;
}

/**
 * A value with every node and relationship in it replaced by its current state, for
 * results and function arguments of a mutating query. Deleted entities stay as they
 * were last seen (returning a deleted node is allowed; reading its data is not).
 */
export function refreshValue(v: Value, ctx: ExecContext): Value {
  if (ctx.tx === null || typeof v !== "object" || v === null) return v;
  if (ctx.changedNodes.size === 0 && ctx.changedRelationships.size === 0) return v;
  if (v instanceof Node) return freshNode(v, ctx);
  if (v instanceof Relationship) return freshRelationship(v, ctx);
  if (v instanceof Path) {
    return new Path(
      v.nodes.map((n) => freshNode(n, ctx)),
      v.relationships.map((r) => freshRelationship(r, ctx)),
    );
  }
  if (Array.isArray(v)) {
    const list = v as readonly Value[];
    let out: Value[] | null = null;
    for (let i = 0; i < list.length; i++) {
      const x = refreshValue(list[i]!, ctx);
      if (x !== list[i] && out === null) out = list.slice(0, i);
      if (out !== null) out.push(x);
    }
    return out ?? list;
  }
  if (isMap(v)) return refreshMap(v, ctx);
  return v;
}

function refreshMap(m: ValueMap, ctx: ExecContext): ValueMap {
  let out: PropertyMap | null = null;
  const keys = Object.keys(m);
  for (let i = 0; i < keys.length; i++) {
    const x = refreshValue(m[keys[i]!]!, ctx);
    if (x !== m[keys[i]!] && out === null) {
      out = {};
      for (let j = 0; j < i; j++) setMapEntry(out, keys[j]!, m[keys[j]!] as never);
    }
    if (out !== null) setMapEntry(out, keys[i]!, x as never);
  }
  return (out as ValueMap | null) ?? m;
}
