// The record every system writes, so that all of them store the same thing: a node with
// one label and three small properties (about 100 bytes with its framing in any of the
// stores), and relationships of one type with one property between existing nodes. Also
// the deterministic choice of each relationship's ends. Pure helpers, no I/O.

export const NODE_LABEL = "Person";
export const REL_TYPE = "KNOWS";

/** The properties of node `i`: a 16-character name (unique, the peers' lookup key), an Int, a short string. */
export function nodeProperties(i) {
  return { name: `person-${String(i).padStart(9, "0")}`, age: i % 90, city: `city-${i % 1000}` };
}

export function relProperties(i) {
  return { since: 1990 + (i % 35) };
}

/** The ends of relationship `i` among `nodeCount` nodes: a fixed pseudo-random spread. */
export function relEnds(i, nodeCount) {
  return { src: i % nodeCount, dst: (i * 7919 + 13) % nodeCount };
}

/** Key of a node or relationship in the key-value peers: zero-padded, so ids sort in order. */
export const nodeKey = (id) => `node:${String(id).padStart(10, "0")}`;
export const relKey = (id) => `rel:${String(id).padStart(10, "0")}`;

/** Batches [start, end) of `total` items, `size` at a time. */
export function* batches(total, size) {
  for (let start = 0; start < total; start += size) yield [start, Math.min(total, start + size)];
}
