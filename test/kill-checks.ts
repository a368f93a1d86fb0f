// The checks run on a directory reopened after a writer process died (test/kill-harness.ts):
// the graph the writes of test/fixtures/db-writer.ts leave, read back and compared with
// everything acknowledged or recovered before. Violations are counted by kind instead of
// thrown at the first one, so a long campaign can say how many acknowledged writes it
// lost and how many transactions were partial; a test turns any violation into a failure.
//
// What is checked: every acknowledged seq is there with the ids it was acknowledged with;
// every seq ever recovered is still there with the same ids; the seqs are 0..max without
// a gap; no transaction is partial (node groups, NEXT relationships and the Counter agree
// seq by seq); node and relationship ids are unique.
import { inspect } from "node:util";
import type { GraphView, Node } from "../src/index.js";
import {
  COUNTER_LABEL,
  NEXT_TYPE,
  SEQ_LABEL,
  countsUp,
  linksBack,
  widthOf,
  type SeqWrite,
} from "./fixtures/db-writer.js";

export const VIOLATION_KINDS = [
  "lost", // an acknowledged write is missing
  "vanished", // a write recovered by an earlier opening (never acknowledged) is missing
  "changed", // a write is there with other ids than before
  "partial", // part of a transaction is missing
  "gap", // a seq is missing below a seq that is there
  "duplicateId", // a node or relationship id is used twice
  "other", // the reopen, the lock takeover or the next write went wrong
] as const;
export type ViolationKind = (typeof VIOLATION_KINDS)[number];

/** How many messages a Violations keeps; the counts keep counting beyond. */
const MAX_MESSAGES = 20;

export class Violations {
  readonly counts = Object.fromEntries(VIOLATION_KINDS.map((k) => [k, 0])) as Record<
    ViolationKind,
    number
  >;
  readonly messages: string[] = [];

  add(kind: ViolationKind, message: string): void {
    this.counts[kind]++;
    if (this.messages.length < MAX_MESSAGES) this.messages.push(`${kind}: ${message}`);
  }

  get total(): number {
    return VIOLATION_KINDS.reduce((sum, k) => sum + this.counts[k], 0);
  }

  addAll(other: Violations): void {
    for (const k of VIOLATION_KINDS) this.counts[k] += other.counts[k];
    for (const m of other.messages) {
      if (this.messages.length < MAX_MESSAGES) this.messages.push(m);
    }
  }
}

/** What one directory held or was promised at one seq. */
export interface HistoryEntry {
  ids: string;
  /** True once a writer was told the write is committed; false if only seen recovered. */
  acknowledged: boolean;
}

/** Every seq recovered or acknowledged so far in one directory. */
export type History = Map<number, HistoryEntry>;

export const idsText = (w: { nodes: readonly number[]; rels: readonly number[] }): string =>
  `nodes ${w.nodes.join(",")} rels ${w.rels.join(",")}`;

/** Records acknowledged writes in `history`. */
export function acknowledge(history: History, writes: readonly SeqWrite[]): void {
  for (const w of writes) history.set(w.seq, { ids: idsText(w), acknowledged: true });
}

/**
 * Checks the recovered graph against itself and against `history`, then records what it
 * holds in `history`. Returns each seq's ids as the graph has them.
 */
export function checkRecovered(
  view: GraphView,
  history: History,
  where: string,
  v: Violations,
): Map<number, SeqWrite> {
  const { groups, counters } = collectNodes(view, where, v);
  const max = Math.max(-1, ...groups.keys());
  for (let seq = 0; seq <= max; seq++) {
    if (!groups.has(seq) && !history.has(seq)) v.add("gap", `${where}: seq ${seq} missing`);
  }
  const written = new Map<number, SeqWrite>();
  for (const [seq, group] of groups) written.set(seq, checkGroup(seq, group, where, v));
  checkRelationships(view, written, where, v);
  if (max >= 0) checkCounter(counters, max, where, v);

  for (const [seq, entry] of history) {
    const now = written.get(seq);
    if (now === undefined) {
      const kind = entry.acknowledged ? "lost" : "vanished";
      v.add(kind, `${where}: seq ${seq} (${entry.ids}) was there before, now missing`);
    } else if (idsText(now) !== entry.ids) {
      v.add("changed", `${where}: seq ${seq} was ${entry.ids}, now ${idsText(now)}`);
    }
  }
  for (const [seq, w] of written) {
    const known = history.get(seq);
    history.set(seq, { ids: idsText(w), acknowledged: known?.acknowledged ?? false });
  }
  return written;
}

function collectNodes(view: GraphView, where: string, v: Violations) {
  const groups = new Map<number, Node[]>();
  const counters: Node[] = [];
  const nodeIds = new Set<number>();
  for (const n of view.nodes()) {
    if (nodeIds.has(n.id)) v.add("duplicateId", `${where}: node id ${n.id} twice`);
    nodeIds.add(n.id);
    if (n.labels.includes(COUNTER_LABEL)) {
      counters.push(n);
    } else if (n.labels.length !== 1 || n.labels[0] !== SEQ_LABEL) {
      v.add("other", `${where}: node ${n.id} has labels ${n.labels.join(",")}`);
    } else {
      const seq = n.properties["seq"] as number;
      groups.set(seq, [...(groups.get(seq) ?? []), n]);
    }
  }
  if (nodeIds.size !== view.nodeCount) {
    v.add("other", `${where}: nodeCount ${view.nodeCount}, ${nodeIds.size} distinct nodes`);
  }
  return { groups, counters };
}

/** One seq's nodes: all its parts, its width, its counter value. */
function checkGroup(seq: number, group: Node[], where: string, v: Violations): SeqWrite {
  const width = widthOf(seq);
  group.sort((a, b) => (a.properties["part"] as number) - (b.properties["part"] as number));
  const parts = group.map((n) => inspect(n.properties["part"])).join(",");
  const widths = group.every((n) => n.properties["width"] === width);
  if (parts !== [...Array(width).keys()].join(",") || !widths) {
    v.add("partial", `${where}: seq ${seq} has parts ${parts} of ${width}`);
  }
  const countAfter = countsUp(seq) ? seq / 3 + 1 : undefined;
  const got = group[0]!.properties["countAfter"];
  if (got !== countAfter) {
    v.add(
      "partial",
      `${where}: seq ${seq} has countAfter ${inspect(got)}, not ${inspect(countAfter)}`,
    );
  }
  return { seq, nodes: group.map((n) => n.id), rels: [] };
}

/** One NEXT per odd seq, from its part 0 to part 0 of the seq before; nothing else. */
function checkRelationships(
  view: GraphView,
  written: Map<number, SeqWrite>,
  where: string,
  v: Violations,
): void {
  const relIds = new Set<number>();
  for (const r of view.relationships()) {
    if (relIds.has(r.id)) v.add("duplicateId", `${where}: relationship id ${r.id} twice`);
    relIds.add(r.id);
    const seq = r.properties["seq"] as number;
    const w = written.get(seq);
    if (r.type !== NEXT_TYPE || w === undefined || !linksBack(seq)) {
      v.add("partial", `${where}: relationship ${r.id} (${r.type}, seq ${seq}) has no write`);
      continue;
    }
    if (r.src !== w.nodes[0] || r.dst !== written.get(seq - 1)?.nodes[0]) {
      v.add("partial", `${where}: relationship ${r.id} of seq ${seq} links ${r.src}->${r.dst}`);
    }
    w.rels.push(r.id);
  }
  if (relIds.size !== view.relationshipCount) {
    v.add("other", `${where}: relationshipCount ${view.relationshipCount}, ${relIds.size} seen`);
  }
  for (const w of written.values()) {
    if (w.rels.length !== (linksBack(w.seq) ? 1 : 0)) {
      v.add("partial", `${where}: seq ${w.seq} has ${w.rels.length} NEXT relationships`);
    }
  }
}

/** The Counter node counts the seqs divisible by 3 up to `max`, and names the last. */
function checkCounter(counters: Node[], max: number, where: string, v: Violations): void {
  if (counters.length !== 1) {
    v.add("partial", `${where}: ${counters.length} Counter nodes`);
    return;
  }
  const counter = counters[0]!.properties;
  const count = Math.floor(max / 3) + 1;
  const lastSeq = max - (max % 3);
  if (counter["count"] !== count || counter["lastSeq"] !== lastSeq) {
    v.add(
      "partial",
      `${where}: Counter says count ${inspect(counter["count"])} lastSeq ` +
        `${inspect(counter["lastSeq"])}, seq ${max} needs ${count} and ${lastSeq}`,
    );
  }
}
