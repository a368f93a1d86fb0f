// A small least-recently-used map from pattern text to compiled pattern, so a query that
// evaluates `=~` once per row compiles its pattern once. Bounded twice: by entry count and
// by total weight (the callers weigh a compiled pattern by its program size, since its
// matching buffers grow with it), so a burst of huge patterns cannot pin much memory.
// Failed compilations are not cached: they throw, and a query stops at its first error.
export class LruCache<V> {
  readonly capacity: number;
  readonly maxWeight: number;
  readonly #entries = new Map<string, { value: V; weight: number }>();
  #weight = 0;

  constructor(capacity: number, maxWeight = Infinity) {
    this.capacity = capacity;
    this.maxWeight = maxWeight;
  }

  get size(): number {
    return this.#entries.size;
  }

  get weight(): number {
    return this.#weight;
  }

  get(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    // Re-inserting moves the key to the back of Map's insertion order: most recent last.
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: V, weight = 1): void {
    this.#remove(key);
    this.#entries.set(key, { value, weight });
    this.#weight += weight;
    // The newest entry always stays, even when it alone is over the weight limit.
    while (
      this.#entries.size > 1 &&
      (this.#entries.size > this.capacity || this.#weight > this.maxWeight)
    ) {
      const oldest = this.#entries.keys().next();
      if (oldest.done === true) break;
      this.#remove(oldest.value);
    }
  }

  clear(): void {
    this.#entries.clear();
    this.#weight = 0;
  }

  #remove(key: string): void {
    const entry = this.#entries.get(key);
    if (entry === undefined) return;
    this.#entries.delete(key);
    this.#weight -= entry.weight;
  }
}
