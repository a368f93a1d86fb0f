// Equality indexes on (label, property key), built on first use and kept while the graph
// does not change. They make `MATCH (p:Person {id: $id})` a hash lookup instead of a
// label scan. An index is trusted only for the graph version it was built at: the view's
// `version`, a counter the store moves on every change and every undo. A view without
// such a counter gets no index (the caller scans), and a mutating query builds none after
// its first write, so a MERGE per row never rebuilds an index per row.
//
// Keys are the runtime's groupKey, so 1 and 1.0 share a key as `=` wants; lookups are a
// superset at worst (NaN), and the caller's equality test keeps only true matches.
import type { GraphView } from "../../store/graph.js";
import { groupKey } from "../runtime/index.js";
import type { Value } from "../runtime/types.js";

/** The version of a view whose store counts its changes, else null. */
export function viewVersion(view: GraphView): number | null {
  const v = (view as { readonly version?: unknown }).version;
  return typeof v === "number" ? v : null;
}

interface Built {
  readonly version: number;
  readonly ids: Map<string, number[]>;
}

export class PropertyIndexes {
  readonly #built = new Map<string, Built>();

  /**
   * The ids of the nodes with `label` whose `key` may equal `value`, or null when no
   * index may be used (the view has no version, or building one now is not allowed).
   */
  lookup(
    view: GraphView,
    label: string,
    key: string,
    value: Value,
    mayBuild: boolean,
  ): readonly number[] | null {
    const version = viewVersion(view);
    if (version === null) return null;
    const name = `${label}\u0000${key}`;
    let index = this.#built.get(name);
    if (index === undefined || index.version !== version) {
      if (!mayBuild) return null;
      index = build(view, label, key, version);
      this.#built.set(name, index);
    }
    if (value === null) return [];
    return index.ids.get(groupKey(value)) ?? [];
  }
}

function build(view: GraphView, label: string, key: string, version: number): Built {
  const ids = new Map<string, number[]>();
  for (const n of view.nodes({ label })) {
    const props = n.properties;
    if (!Object.hasOwn(props, key)) continue;
    const k = groupKey(props[key] as Value);
    const list = ids.get(k);
    if (list === undefined) ids.set(k, [n.id]);
    else list.push(n.id);
  }
  return { version, ids };
}
