// What the query benchmark measures: the sizes of a full and a --quick run, the Cypher of
// the load and of every query (the same text in both engines), how each query's parameters
// vary, and the rows of queries.json. Pure data and helpers, shared by the runner and the
// children.
import { paramId } from "./data.mjs";

export const SIZES = {
  full: {
    people: 100_000,
    rels: 300_000,
    batch: 10_000,
    repetitions: 3,
    // Timed runs of a query: at least minRuns and at least budgetS seconds, at most maxRuns.
    minRuns: 50,
    maxRuns: 200_000,
    budgetS: 4,
  },
  quick: {
    people: 100_000,
    rels: 300_000,
    batch: 10_000,
    repetitions: 1,
    minRuns: 10,
    maxRuns: 20_000,
    budgetS: 0.75,
  },
};

/** The load, the same text in both engines: one commit per batch of `batch` rows. */
export const INGEST_NODES =
  "UNWIND $rows AS r CREATE (:Person {id: r.id, name: r.name, age: r.age, city: r.city})";

/**
 * Relationships find their ends by the people's `id`, in both engines. Neither needs a
 * declared index for it: both answer `{key: value}` on a label from an equality lookup of
 * their own. (By id() instead, LoraDB 0.15 scans every node, every pair in one MATCH.)
 */
export const INGEST_RELS =
  "UNWIND $rows AS r MATCH (a:Person {id: r.src}), (b:Person {id: r.dst}) " +
  "CREATE (a)-[:KNOWS {since: r.since}]->(b)";

/**
 * A child stops the relationship ingest when its first batch projects the whole at more
 * than this: an engine that scans for every row's ends would run for hours.
 */
export const MAX_INGEST_S = 600;

/**
 * The timed read queries. `params(k, people)` gives the k-th run's parameters (runs
 * 0..warmup-1 warm up and are checked, the timed runs follow); `expect(oracle, params)` the
 * answer as rows of values in column order (any row order); `lookup` whether an index on
 * :Person(id) can serve it.
 */
export const QUERIES = [
  {
    key: "point-lookup",
    title: "Point lookup by property",
    text: "MATCH (p:Person {id: $id}) RETURN p.name",
    params: (k, people) => ({ id: paramId(k, people) }),
    expect: (oracle, p) => oracle.pointLookup(p.id),
    warmup: 20,
    lookup: true,
  },
  {
    key: "point-lookup-scan",
    title: "Point lookup by a computed property (a full scan in both engines)",
    text: "MATCH (p:Person) WHERE p.id + 0 = $id RETURN p.name",
    params: (k, people) => ({ id: paramId(k, people) }),
    expect: (oracle, p) => oracle.pointLookup(p.id),
    warmup: 5,
    lookup: false,
  },
  {
    key: "one-hop",
    title: "One-hop expansion",
    text: "MATCH (p:Person {id: $id})-[:KNOWS]->(f) RETURN f.name",
    params: (k, people) => ({ id: paramId(k, people) }),
    expect: (oracle, p) => oracle.oneHop(p.id),
    warmup: 20,
    lookup: true,
  },
  {
    key: "two-hop",
    title: "Two-hop expansion, distinct friends of friends",
    text: "MATCH (p:Person {id: $id})-[:KNOWS]->()-[:KNOWS]->(fof) RETURN count(DISTINCT fof)",
    params: (k, people) => ({ id: paramId(k, people) }),
    expect: (oracle, p) => oracle.twoHop(p.id),
    warmup: 20,
    lookup: true,
  },
  {
    key: "aggregation",
    title: "Aggregation over a label",
    text: "MATCH (p:Person) RETURN p.city, count(*), avg(p.age)",
    params: () => ({}),
    expect: (oracle) => oracle.aggregate(),
    warmup: 5,
    lookup: false,
  },
];

export const INGESTS = [
  { key: "ingest-nodes", title: (s) => `UNWIND ingest of ${n(s.people)} :Person rows` },
  { key: "ingest-rels", title: (s) => `UNWIND ingest of ${n(s.rels)} :KNOWS rows` },
];

function n(x) {
  return x.toLocaleString("en-US");
}

/** The measured variants: LoraDB also runs the lookups again with its index on :Person(id). */
export const SYSTEMS = ["skein", "loradb", "loradb-indexed"];

export const SYSTEM_TITLES = {
  skein: "Skein",
  loradb: "LoraDB 0.15",
  "loradb-indexed": "LoraDB 0.15 with an index on :Person(id)",
};

export const LATENCY = "ms median latency";
export const FIRST = "ms first run";
export const THROUGHPUT = "queries/s";
export const SECONDS = "s";
export const ROWS_PER_S = "rows/s";
export const HIGHER_IS_BETTER = new Set([THROUGHPUT, ROWS_PER_S]);

/** Every row of queries.json, in order: [query, system, metric]. */
export function rowSpecs() {
  const specs = [];
  for (const { key } of INGESTS) {
    for (const system of ["skein", "loradb"]) {
      for (const metric of [SECONDS, ROWS_PER_S]) specs.push([key, system, metric]);
    }
  }
  for (const q of QUERIES) {
    for (const system of q.lookup ? SYSTEMS : ["skein", "loradb"]) {
      for (const metric of [LATENCY, THROUGHPUT, FIRST]) specs.push([q.key, system, metric]);
    }
  }
  return specs;
}

export const rowKey = (query, system, metric) => `${query}|${system}|${metric}`;
