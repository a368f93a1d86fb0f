// Recognising the predicates that let a match start with a lookup instead of a scan:
// `WHERE id(n) = expr` and `WHERE id(n) IN list` (by id), and `(n:L {key: expr})` or
// `WHERE n.key = expr` on a labelled node (by an equality index, when the store allows
// one). The predicate stays applied as well: a lookup only narrows where the match starts.
import type { Expression, NodePattern } from "../syntax/ast.js";
import { conjuncts } from "./ast-walk.js";
import { neededSlots } from "./match-predicates.js";

export interface IdLookup {
  readonly ids: Expression;
  /** `IN`: `ids` is a list. */
  readonly many: boolean;
}

function isIdOf(e: Expression, name: string): boolean {
  return (
    e.kind === "function" &&
    e.name.toLowerCase() === "id" &&
    e.args.length === 1 &&
    e.args[0]!.kind === "variable" &&
    e.args[0].name === name
  );
}

export interface PropertyLookup {
  readonly key: string;
  readonly value: Expression;
}

function isPropertyOf(e: Expression, name: string): e is Expression & { kind: "property" } {
  return e.kind === "property" && e.object.kind === "variable" && e.object.name === name;
}

/** `{key: expr}` in the node's map, or `n.key = expr` in WHERE, with `expr` computable. */
export function findPropertyLookup(
  np: NodePattern,
  where: readonly Expression[],
  local: ReadonlyMap<string, number>,
  isBound: (slot: number) => boolean,
): PropertyLookup | null {
  const usable = (e: Expression): boolean => neededSlots(e, local).every(isBound);
  if (np.properties?.kind === "map") {
    const entry = np.properties.entries.find((x) => usable(x.value));
    if (entry !== undefined) return { key: entry.key, value: entry.value };
  }
  const name = np.variable?.name;
  if (name === undefined) return null;
  for (const w of where) {
    for (const c of conjuncts(w)) {
      if (c.kind !== "binary" || c.op !== "=") continue;
      if (isPropertyOf(c.left, name) && usable(c.right)) return { key: c.left.key, value: c.right };
      if (isPropertyOf(c.right, name) && usable(c.left)) return { key: c.right.key, value: c.left };
    }
  }
  return null;
}

export function findIdLookup(
  np: NodePattern,
  where: readonly Expression[],
  local: ReadonlyMap<string, number>,
  isBound: (slot: number) => boolean,
): IdLookup | null {
  const name = np.variable?.name;
  if (name === undefined) return null;
  const usable = (e: Expression): boolean => neededSlots(e, local).every(isBound);
  for (const w of where) {
    for (const c of conjuncts(w)) {
      if (c.kind !== "binary") continue;
      if (c.op === "=") {
        if (isIdOf(c.left, name) && usable(c.right)) return { ids: c.right, many: false };
        if (isIdOf(c.right, name) && usable(c.left)) return { ids: c.left, many: false };
      } else if (c.op === "in" && isIdOf(c.left, name) && usable(c.right)) {
        return { ids: c.right, many: true };
      }
    }
  }
  return null;
}
