// Relationships attached to each node, by direction and type, sized for millions of
// nodes. Most nodes have one relationship in a direction, so that case costs no object:
// the slot holds the relationship id itself (its type is read from the graph's table).
// A node whose relationships in a direction all have one type keeps a single array
// `[typeId, relId, relId, ...]`; only a node with several types there pays for a Map from
// type to ids. Adding is O(1); removing is O(degree of that node and type); reading one
// type costs what it returns. Ids are kept as given; types are small ints from the
// graph's type table.

/** One direction's relationships of one node. */
type Lists = number | number[] | Map<number, number[]>;

export class Adjacency {
  /** Per node id; undefined where the node has nothing in this direction. */
  readonly #byNode: (Lists | undefined)[] = [];
  /** The type id of each relationship id (the graph's own table, read, never written). */
  readonly #typeOf: readonly number[];

  constructor(typeOf: readonly number[]) {
    this.#typeOf = typeOf;
  }

  /**
   * Grow the per-node array up to `node` in order, so a node's first relationship
   * written far past the end (ends arrive in any order) never turns the array sparse.
   */
  reserve(node: number): void {
    const byNode = this.#byNode;
    if (node >= byNode.length && node < byNode.length + 1024) {
      while (byNode.length <= node) byNode.push(undefined);
    }
  }

  /** Room for nodes [0, count) at once, ahead of a bulk load (the slots stay empty). */
  reserveAll(count: number): void {
    if (count > this.#byNode.length) this.#byNode.length = count;
  }

  add(node: number, typeId: number, relId: number): void {
    const lists = this.#byNode[node];
    if (lists === undefined) {
      this.#byNode[node] = relId;
    } else if (typeof lists === "number") {
      const t = this.#typeOf[lists]!;
      this.#byNode[node] =
        t === typeId
          ? [typeId, lists, relId]
          : new Map([
              [t, [lists]],
              [typeId, [relId]],
            ]);
    } else if (Array.isArray(lists)) {
      if (lists[0] === typeId) {
        lists.push(relId);
      } else {
        const map = new Map<number, number[]>([[lists[0]!, lists.slice(1)]]);
        map.set(typeId, [relId]);
        this.#byNode[node] = map;
      }
    } else {
      const ids = lists.get(typeId);
      if (ids) ids.push(relId);
      else lists.set(typeId, [relId]);
    }
  }

  remove(node: number, typeId: number, relId: number): void {
    const lists = this.#byNode[node];
    if (lists === undefined) return;
    if (typeof lists === "number") {
      if (lists === relId) this.#byNode[node] = undefined;
      return;
    }
    if (Array.isArray(lists)) {
      if (lists[0] !== typeId) return;
      const i = lists.lastIndexOf(relId);
      if (i >= 1) lists.splice(i, 1);
      if (lists.length === 1) this.#byNode[node] = undefined;
      return;
    }
    const ids = lists.get(typeId);
    if (!ids) return;
    const i = ids.lastIndexOf(relId);
    if (i >= 0) ids.splice(i, 1);
    if (ids.length === 0) lists.delete(typeId);
    if (lists.size === 0) this.#byNode[node] = undefined;
  }

  /** Whether the node has any relationship in this direction. */
  any(node: number): boolean {
    return this.#byNode[node] !== undefined;
  }

  /** A copy of the node's relationship ids, of one type or of all. */
  ids(node: number, typeId?: number): number[] {
    const lists = this.#byNode[node];
    if (lists === undefined) return [];
    if (typeof lists === "number") {
      return typeId === undefined || this.#typeOf[lists] === typeId ? [lists] : [];
    }
    if (Array.isArray(lists)) {
      return typeId === undefined || lists[0] === typeId ? lists.slice(1) : [];
    }
    if (typeId !== undefined) return [...(lists.get(typeId) ?? [])];
    const out: number[] = [];
    for (const ids of lists.values()) for (const id of ids) out.push(id);
    return out;
  }

  /** Forget a node's lists (it was deleted with nothing attached, or the graph cleared). */
  drop(node: number): void {
    this.#byNode[node] = undefined;
  }

  clear(): void {
    this.#byNode.length = 0;
  }
}
