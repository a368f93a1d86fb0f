// The slots of a pattern: every node, relationship and path of every chain gets one, a
// variable bound earlier keeps its own, a name repeated within the pattern shares one, and
// anonymous elements get hidden slots (expansions bind them; uniqueness checks and paths
// read them). New named variables join the scope the rest of the query sees.
import type { PatternPart } from "../syntax/ast.js";
import type { CompileEnv } from "./context.js";
import type { Scope, VarKind } from "./scope.js";

/** One chain of a pattern with its slots: nodes[i] and nodes[i + 1] join at rels[i]. */
export interface ChainSlots {
  readonly part: PatternPart;
  readonly nodes: number[];
  readonly rels: number[];
  readonly path: number | null;
}

/** Slots for every element of the pattern; new named variables join the scope. */
export function allocate(
  parts: readonly PatternPart[],
  env: CompileEnv,
): { chains: ChainSlots[]; scope: Scope; local: Map<string, number>; slots: number[] } {
  let scope = env.scope;
  const local = new Map<string, number>();
  const slots: number[] = [];
  const layout = env.pc.layout;
  const bind = (name: string | null, kind: VarKind): number => {
    if (name !== null) {
      const known = scope.get(name);
      if (known !== undefined) return known.slot;
    }
    const slot = layout.next();
    slots.push(slot);
    if (name !== null) {
      scope = scope.with(name, { slot, kind });
      local.set(name, slot);
    }
    return slot;
  };
  const chains = parts.map((part) => {
    const el = part.element;
    const nodes: number[] = [];
    const rels: number[] = [];
    el.nodes.forEach((np, i) => {
      nodes.push(bind(np.variable?.name ?? null, "node"));
      const rp = el.relationships[i];
      if (rp !== undefined) {
        rels.push(
          bind(rp.variable?.name ?? null, rp.length === null ? "relationship" : "relationshipList"),
        );
      }
    });
    const path = part.variable === null ? null : bind(part.variable.name, "path");
    return { part, nodes, rels, path };
  });
  return { chains, scope, local, slots };
}
