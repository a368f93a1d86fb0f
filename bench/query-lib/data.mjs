// The graph the query benchmark loads into both engines, and the answers it must give.
// People are node i = { id: i, ...nodeProperties(i) } of lib/record.mjs; relationship r goes
// from relEnds(r).src to relEnds(r).dst with relProperties(r), the same fixed pseudo-random
// spread as the storage workloads. The expected answers are computed here in plain
// JavaScript from the same generator, independently of either engine, so that each engine
// is checked against them before it is timed. Pure helpers, no I/O.
import { nodeProperties, relEnds, relProperties } from "../lib/record.mjs";

/** The row UNWIND receives for person `i`. */
export const personRow = (i) => ({ id: i, ...nodeProperties(i) });

/** Rows [from, to) of people. */
export function personRows(from, to) {
  const rows = [];
  for (let i = from; i < to; i++) rows.push(personRow(i));
  return rows;
}

/** Rows [from, to) of relationships among `people`: the `id`s of their ends, and `since`. */
export function relRows(from, to, people) {
  const rows = [];
  for (let r = from; r < to; r++) rows.push({ ...relEnds(r, people), ...relProperties(r) });
  return rows;
}

/** The k-th query parameter: a person id spread over [0, people), the same in every engine. */
export const paramId = (k, people) => (k * 48_271 + 11) % people;

/** Expected answers, from the generator alone. */
export class Oracle {
  constructor(people, rels) {
    this.people = people;
    this.rels = rels;
    // Outgoing relationships of each person, as relationship numbers (CSR layout).
    const degree = new Int32Array(people + 1);
    for (let r = 0; r < rels; r++) degree[relEnds(r, people).src + 1]++;
    for (let i = 0; i < people; i++) degree[i + 1] += degree[i];
    this.start = degree;
    this.out = new Int32Array(rels);
    const fill = degree.slice(0, people);
    for (let r = 0; r < rels; r++) this.out[fill[relEnds(r, people).src]++] = r;
  }

  #outgoing(i) {
    return this.out.subarray(this.start[i], this.start[i + 1]);
  }

  /** `MATCH (p:Person {id: $id}) RETURN p.name` */
  pointLookup(id) {
    return [[nodeProperties(id).name]];
  }

  /** `MATCH (p:Person {id: $id})-[:KNOWS]->(f) RETURN f.name` */
  oneHop(id) {
    return [...this.#outgoing(id)].map((r) => [nodeProperties(relEnds(r, this.people).dst).name]);
  }

  /**
   * `MATCH (p:Person {id: $id})-[:KNOWS]->()-[:KNOWS]->(fof) RETURN count(DISTINCT fof)`:
   * the two relationships of a match must differ (relationship isomorphism), which matters
   * for self-loops.
   */
  twoHop(id) {
    const seen = new Set();
    for (const r1 of this.#outgoing(id)) {
      for (const r2 of this.#outgoing(relEnds(r1, this.people).dst)) {
        if (r2 !== r1) seen.add(relEnds(r2, this.people).dst);
      }
    }
    return [[seen.size]];
  }

  /** `MATCH (p:Person) RETURN p.city, count(*), avg(p.age)` */
  aggregate() {
    const groups = new Map();
    for (let i = 0; i < this.people; i++) {
      const { city, age } = nodeProperties(i);
      const g = groups.get(city) ?? { count: 0, sum: 0 };
      g.count++;
      g.sum += age;
      groups.set(city, g);
    }
    return [...groups].map(([city, g]) => [city, g.count, g.sum / g.count]);
  }
}
