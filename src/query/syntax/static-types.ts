// What the analyser knows of an expression's type before the query runs. It is only as
// much as literals, patterns and a few functions reveal; everything else is "any". The
// analyser rejects an expression only when the known type can never be valid there (a
// string under `%`, a path under `.key`), so a value that is unknown until run time is
// always left to the executor.

/** A statically known type; `{ list: t }` is a list whose elements are all `t`. */
export type StaticType =
  | "any"
  | "null"
  | "boolean"
  | "integer"
  | "float"
  | "string"
  | "map"
  | "node"
  | "relationship"
  | "path"
  | { readonly list: StaticType };

export const ANY: StaticType = "any";
export const LIST_OF_ANY: StaticType = { list: "any" };

export function isList(t: StaticType): t is { readonly list: StaticType } {
  return typeof t === "object";
}

/** The element type of a list type, or "any" when `t` is not known to be a list. */
export function elementOf(t: StaticType): StaticType {
  return isList(t) ? t.list : "any";
}

/** The narrowest type both belong to ("any" when they differ; null joins anything). */
export function join(a: StaticType, b: StaticType): StaticType {
  if (a === "null") return b;
  if (b === "null") return a;
  if (isList(a) && isList(b)) return { list: join(a.list, b.list) };
  return a === b ? a : "any";
}

export function joinAll(types: readonly StaticType[]): StaticType {
  if (types.length === 0) return "any";
  return types.reduce((acc, t) => join(acc, t));
}

/** Whether a value of type `t` may be one of `allowed` at run time (any and null may). */
export function mayBe(t: StaticType, ...allowed: readonly (StaticType | "list")[]): boolean {
  if (t === "any" || t === "null") return true;
  if (isList(t)) return allowed.includes("list");
  return allowed.includes(t);
}

/** How a type is named in a message: `Integer`, `List<String>`. */
export function typeName(t: StaticType): string {
  if (isList(t)) return `List<${typeName(t.list)}>`;
  switch (t) {
    case "any":
      return "Any";
    case "relationship":
      return "Relationship";
    default:
      return t.charAt(0).toUpperCase() + t.slice(1);
  }
}

/** The graph-entity kind a variable was bound as, if it is one. */
export function entityKind(t: StaticType): "node" | "relationship" | "path" | null {
  return t === "node" || t === "relationship" || t === "path" ? t : null;
}

/** Result types of functions whose result type is fixed, keyed by lower-cased name. */
export const FUNCTION_RESULT_TYPES: ReadonlyMap<string, StaticType> = new Map<string, StaticType>([
  ["count", "integer"],
  ["size", "integer"],
  ["length", "integer"],
  ["id", "integer"],
  ["tostring", "string"],
  ["type", "string"],
  ["labels", { list: "string" }],
  ["keys", { list: "string" }],
  ["properties", "map"],
  ["nodes", { list: "node" }],
  ["relationships", { list: "relationship" }],
  ["startnode", "node"],
  ["endnode", "node"],
  ["exists", "boolean"],
]);
