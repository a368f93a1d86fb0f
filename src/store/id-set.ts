// A set of non-negative integer ids as a chunked bitmap: one bit per id inside chunks of
// 65,536 ids, a chunk allocated only once an id in its range is added. The graph's label
// and type indexes are these: a million-node label costs 128 KiB instead of a hash set's
// tens of megabytes, adding and removing are O(1), and iteration is in ascending id order
// at the cost of the ids in it plus one word per 32 ids of the chunks it touches.
const CHUNK_BITS = 16;
const CHUNK_IDS = 1 << CHUNK_BITS;
const WORDS = CHUNK_IDS >>> 5;

export class IdSet {
  /** Chunks by chunk number; holes where no id was ever added. */
  readonly #chunks: (Uint32Array | undefined)[] = [];
  #size = 0;

  get size(): number {
    return this.#size;
  }

  // Chunk, word and bit are computed inline in each method: this is on the path of every
  // write and every loaded entity, and returning them as an object would allocate.

  has(id: number): boolean {
    const c = this.#chunks[Math.floor(id / CHUNK_IDS)];
    return c !== undefined && (c[(id & (CHUNK_IDS - 1)) >>> 5]! & (1 << (id & 31))) !== 0;
  }

  add(id: number): void {
    const chunk = Math.floor(id / CHUNK_IDS);
    let c = this.#chunks[chunk];
    if (c === undefined) this.#chunks[chunk] = c = new Uint32Array(WORDS);
    const word = (id & (CHUNK_IDS - 1)) >>> 5;
    const bit = 1 << (id & 31);
    if ((c[word]! & bit) === 0) {
      c[word]! |= bit;
      this.#size++;
    }
  }

  delete(id: number): void {
    const c = this.#chunks[Math.floor(id / CHUNK_IDS)];
    const word = (id & (CHUNK_IDS - 1)) >>> 5;
    const bit = 1 << (id & 31);
    if (c !== undefined && (c[word]! & bit) !== 0) {
      c[word]! &= ~bit;
      this.#size--;
    }
  }

  /** Ascending ids. Ids added or removed during iteration may or may not be seen. */
  *[Symbol.iterator](): IterableIterator<number> {
    const chunks = this.#chunks;
    for (let k = 0; k < chunks.length; k++) {
      const c = chunks[k];
      if (c === undefined) continue;
      const base = k * CHUNK_IDS;
      for (let w = 0; w < WORDS; w++) {
        let bits = c[w]!;
        while (bits !== 0) {
          const low = bits & -bits;
          yield base + (w << 5) + (31 - Math.clz32(low));
          bits ^= low;
        }
      }
    }
  }
}
