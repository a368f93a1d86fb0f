// The functions over graph values: id, elementId, labels, type, keys, properties,
// startNode, endNode, nodes, relationships and length (of a path).
//
// keys and properties also take maps (properties of a map is the map). Lists returned here
// are fresh copies: the graph shares its frozen label arrays and property maps between
// reads, and a caller must be free to keep or change what a query returns. A relationship
// whose end node no longer exists (deleted earlier in the same query) gives null from
// startNode/endNode; reporting deleted entities is the executor's business.
import { Node, Relationship } from "../../store/entities.js";
import type { FunctionContext, FunctionDef } from "./function-def.js";
import { arg, defineFunction, wrongArgument } from "./function-def.js";
import type { Value } from "./types.js";
import { isMap, isNode, isPath, isRelationship } from "./types.js";

/** The elementId() of a node or relationship: its kind and id ("node:3"). */
export function elementIdOf(entity: Node | Relationship): string {
  return `${entity.kind}:${entity.id}`;
}

/** A one-argument function of one kind of graph value; null gives null. */
function entityFunction<T extends Value>(
  name: string,
  accepts: (v: Value) => v is T,
  expected: string,
  f: (v: T, ctx: FunctionContext) => Value,
): FunctionDef {
  return defineFunction(name, 1, 1, (args, ctx) => {
    const v = arg(args, 0);
    if (v === null) return null;
    if (accepts(v)) return f(v, ctx);
    throw wrongArgument(name, expected, v);
  });
}

function isEntity(v: Value): v is Node | Relationship {
  return v instanceof Node || v instanceof Relationship;
}

const ENTITY = "a node or a relationship";

function keys(args: readonly Value[]): Value {
  const v = arg(args, 0);
  if (v === null) return null;
  if (v instanceof Node || v instanceof Relationship) return Object.keys(v.properties);
  if (isMap(v)) return Object.keys(v);
  throw wrongArgument("keys", "a node, a relationship or a map", v);
}

function properties(args: readonly Value[]): Value {
  const v = arg(args, 0);
  if (v === null) return null;
  // Spread defines own data properties, so a "__proto__" key stays an ordinary entry.
  if (v instanceof Node || v instanceof Relationship) return { ...v.properties };
  if (isMap(v)) return v;
  throw wrongArgument("properties", "a node, a relationship or a map", v);
}

export const GRAPH_FUNCTIONS: readonly FunctionDef[] = [
  entityFunction("id", isEntity, ENTITY, (e) => e.id),
  entityFunction("elementId", isEntity, ENTITY, elementIdOf),
  entityFunction("labels", isNode, "a node", (n) => [...n.labels]),
  entityFunction("type", isRelationship, "a relationship", (r) => r.type),
  defineFunction("keys", 1, 1, keys),
  defineFunction("properties", 1, 1, properties),
  entityFunction("startNode", isRelationship, "a relationship", (r, ctx) => ctx.view.node(r.src)),
  entityFunction("endNode", isRelationship, "a relationship", (r, ctx) => ctx.view.node(r.dst)),
  entityFunction("nodes", isPath, "a path", (p) => [...p.nodes]),
  entityFunction("relationships", isPath, "a path", (p) => [...p.relationships]),
  entityFunction("length", isPath, "a path", (p) => p.relationships.length),
];
