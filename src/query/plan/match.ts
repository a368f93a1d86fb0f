// Planning a pattern match (MATCH, OPTIONAL MATCH, and patterns inside expressions and
// MERGE): variables get slots, each chain of the pattern gets a start and a sequence of
// expansions, and every predicate is applied as soon as the slots it reads are bound.
//
// The start of a chain, best first: a node bound by an earlier clause or chain; a node
// whose id the WHERE fixes (`id(n) = $id`); a node with a label (and a property map); a
// relationship bound earlier; a relationship with a type when no node has a label; any
// node. From the start the chain is expanded rightwards, then leftwards with directions
// reversed. Relationship uniqueness holds across the whole pattern.
import type {
  Expression,
  NodePattern,
  Pattern,
  PatternPart,
  RelationshipPattern,
} from "../syntax/ast.js";
import { reverse } from "../exec/adjacency.js";
import { expand } from "../exec/expand.js";
import { bindPath } from "../exec/path.js";
import { chain, type Pipe, type RowTest } from "../exec/pipe.js";
import {
  filterRows,
  isBoundNode,
  nodesById,
  nodesByProperty,
  scanNodes,
  scanRelationships,
} from "../exec/scan.js";
import { shortestPath } from "../exec/shortest-path.js";
import { varExpand } from "../exec/var-expand.js";
import type { CompileEnv } from "./context.js";
import { planError } from "./errors.js";
import { compileIn } from "./context.js";
import {
  type Conjunct,
  neededSlots,
  nodeConjuncts,
  propertyConjunct,
  relationshipTest,
  whereConjuncts,
} from "./match-predicates.js";
import type { Scope } from "./scope.js";
import { allocate, type ChainSlots } from "./match-slots.js";
import { findIdLookup, findPropertyLookup, type IdLookup } from "./id-lookup.js";

export interface MatchPlan {
  readonly pipe: Pipe;
  /** The scope after the match: the outer one plus the pattern's named variables. */
  readonly scope: Scope;
  /** Every slot the match binds (named or not): an OPTIONAL MATCH nulls them on a miss. */
  readonly slots: readonly number[];
}

type Start =
  | { readonly kind: "node"; readonly index: number; readonly lookup: IdLookup | null }
  | { readonly kind: "rel"; readonly index: number };

class MatchBuilder {
  readonly #env: CompileEnv;
  readonly #outer: ReadonlySet<number>;
  readonly #bound = new Set<number>();
  readonly #pending: Conjunct[] = [];
  readonly #pipes: Pipe[] = [];
  readonly #uniqueRels: number[] = [];
  readonly #uniqueLists: number[] = [];
  readonly #local: ReadonlyMap<string, number>;
  readonly #where: readonly Expression[];

  constructor(
    env: CompileEnv,
    outer: ReadonlySet<number>,
    local: ReadonlyMap<string, number>,
    where: readonly Expression[],
  ) {
    this.#env = env;
    this.#outer = outer;
    this.#local = local;
    this.#where = where;
  }

  get pipes(): Pipe[] {
    return this.#pipes;
  }

  isBound(slot: number): boolean {
    return this.#outer.has(slot) || this.#bound.has(slot);
  }

  add(conjuncts: Iterable<Conjunct>): void {
    for (const c of conjuncts) this.#pending.push(c);
  }

  /** The pending conjuncts that the bound slots now decide, removed and combined. */
  #ready(): RowTest | null {
    const ready: RowTest[] = [];
    for (let i = 0; i < this.#pending.length;) {
      const c = this.#pending[i]!;
      if (c.needs.every((s) => this.isBound(s))) {
        ready.push(c.test);
        this.#pending.splice(i, 1);
      } else i++;
    }
    if (ready.length === 0) return null;
    if (ready.length === 1) return ready[0]!;
    return (row, ctx) => {
      for (const t of ready) if (!t(row, ctx)) return false;
      return true;
    };
  }

  /** A step that binds `slots`, given the test that becomes decidable once they are bound. */
  step(slots: readonly number[], make: (test: RowTest | null) => Pipe): void {
    for (const s of slots) this.#bound.add(s);
    this.#pipes.push(make(this.#ready()));
  }

  /** Apply whatever became decidable without binding anything. */
  flush(): void {
    const t = this.#ready();
    if (t !== null) this.#pipes.push(filterRows(t));
  }

  planChain(c: ChainSlots): void {
    if (c.part.shortest !== null) return this.#planShortest(c);
    const start = this.#chooseStart(c);
    const { nodes: ns, rels: rs } = c;
    const el = c.part.element;
    let left: number;
    let right: number;
    if (start.kind === "node") {
      this.#startAtNode(el.nodes[start.index]!, ns[start.index]!, start.lookup);
      left = start.index;
      right = start.index;
    } else {
      this.#startAtRelationship(c, start.index);
      left = start.index;
      right = start.index + 1;
    }
    for (let k = right; k < rs.length; k++) this.#expand(c, k, true);
    for (let k = left - 1; k >= 0; k--) this.#expand(c, k, false);
    if (c.path !== null) {
      const shape = {
        nodes: ns,
        rels: rs.map((slot, i) => ({ slot, list: el.relationships[i]!.length !== null })),
      };
      const pathSlot = c.path;
      this.step([pathSlot], (test) =>
        chain([bindPath(pathSlot, shape), test === null ? (x) => x : filterRows(test)]),
      );
    }
  }

  /** shortestPath(): both ends first, each from its own best start, then the search. */
  #planShortest(c: ChainSlots): void {
    const el = c.part.element;
    const rp = checkShortest(c.part);
    for (const i of [0, 1]) {
      const np = el.nodes[i]!;
      const slot = c.nodes[i]!;
      const lookup = this.isBound(slot)
        ? null
        : findIdLookup(np, this.#where, this.#local, (s) => this.isBound(s));
      this.#startAtNode(np, slot, lookup);
    }
    const rel = c.rels[0]!;
    const list = rp.length !== null;
    if (list) this.#uniqueLists.push(rel);
    else {
      this.#uniqueRels.push(rel);
    }
    const slots = c.path === null ? [rel] : [rel, c.path];
    const relTest = relationshipTest(rp.properties, this.#env);
    this.step(slots, (test) =>
      shortestPath({
        from: c.nodes[0]!,
        to: c.nodes[1]!,
        rel,
        list,
        path: c.path,
        types: typesOf(rp),
        direction: rp.direction,
        min: rp.length?.min ?? 1,
        max: rp.length === null ? 1 : (rp.length.max ?? Infinity),
        all: c.part.shortest === "allShortestPaths",
        relTest,
        test,
      }),
    );
  }

  #chooseStart(c: ChainSlots): Start {
    const el = c.part.element;
    let best: Start = { kind: "node", index: 0, lookup: null };
    let bestScore = -1;
    el.nodes.forEach((np, i) => {
      const slot = c.nodes[i]!;
      let score: number;
      let lookup: IdLookup | null = null;
      if (this.isBound(slot)) score = 100;
      else if (
        (lookup = findIdLookup(np, this.#where, this.#local, (s) => this.isBound(s))) !== null
      )
        score = 90;
      else score = (np.labels.length > 0 ? 20 : 0) + (np.properties !== null ? 5 : 0);
      if (score > bestScore) {
        best = { kind: "node", index: i, lookup };
        bestScore = score;
      }
    });
    const nodeScore = bestScore;
    el.relationships.forEach((rp, k) => {
      if (rp.length !== null) return;
      const bound = this.isBound(c.rels[k]!);
      const score = bound ? 95 : rp.types.length > 0 && nodeScore < 20 ? 10 : -1;
      if (score > bestScore) {
        best = { kind: "rel", index: k };
        bestScore = score;
      }
    });
    return best;
  }

  #startAtNode(np: NodePattern, slot: number, lookup: IdLookup | null): void {
    if (this.isBound(slot)) {
      this.add([{ needs: [], test: isBoundNode(slot) }]);
      this.add(nodeConjuncts(np, slot, null, this.#env, this.#local));
      this.flush();
      return;
    }
    const label = lookup === null ? (np.labels[0] ?? null) : null;
    this.add(nodeConjuncts(np, slot, label, this.#env, this.#local));
    const byProperty =
      lookup === null && label !== null
        ? findPropertyLookup(np, this.#where, this.#local, (s) => this.isBound(s))
        : null;
    if (lookup !== null) {
      const ids = compileIn(lookup.ids, this.#env);
      this.step([slot], (test) => nodesById(slot, ids, lookup.many, test));
    } else if (byProperty !== null && label !== null) {
      const value = compileIn(byProperty.value, this.#env);
      this.step([slot], (test) => nodesByProperty(slot, label, byProperty.key, value, test));
    } else {
      this.step([slot], (test) => scanNodes(slot, label, test));
    }
  }

  #startAtRelationship(c: ChainSlots, k: number): void {
    const el = c.part.element;
    const rp = el.relationships[k]!;
    const [rel, left, right] = [c.rels[k]!, c.nodes[k]!, c.nodes[k + 1]!];
    const relBound = this.isBound(rel);
    this.#addRelationshipConjuncts(rp, rel);
    this.add(nodeConjuncts(el.nodes[k]!, left, null, this.#env, this.#local));
    this.add(nodeConjuncts(el.nodes[k + 1]!, right, null, this.#env, this.#local));
    this.#uniqueRels.push(rel);
    this.step([rel, left, right], (test) =>
      scanRelationships({
        rel,
        left,
        right,
        relBound,
        sameEnds: left === right,
        types: typesOf(rp),
        direction: rp.direction,
        test,
      }),
    );
  }

  #addRelationshipConjuncts(rp: RelationshipPattern, slot: number): void {
    const c = propertyConjunct(slot, rp.properties, this.#env, this.#local);
    if (c !== null) this.add([c]);
  }

  /** Expand relationship k of the chain, rightwards (forward) or leftwards. */
  #expand(c: ChainSlots, k: number, forward: boolean): void {
    const el = c.part.element;
    const rp = el.relationships[k]!;
    const from = forward ? c.nodes[k]! : c.nodes[k + 1]!;
    const to = forward ? c.nodes[k + 1]! : c.nodes[k]!;
    const target = forward ? el.nodes[k + 1]! : el.nodes[k]!;
    const rel = c.rels[k]!;
    const direction = forward ? rp.direction : reverse(rp.direction);
    const unique = [...this.#uniqueRels];
    const uniqueLists = [...this.#uniqueLists];
    const toBound = this.isBound(to);
    this.add(nodeConjuncts(target, to, null, this.#env, this.#local));
    if (rp.length === null) {
      const relBound = this.isBound(rel);
      this.#addRelationshipConjuncts(rp, rel);
      this.#uniqueRels.push(rel);
      this.step([rel, to], (test) =>
        expand({
          from,
          rel,
          to,
          types: typesOf(rp),
          direction,
          relBound,
          toBound,
          unique,
          uniqueLists,
          test,
        }),
      );
      return;
    }
    const min = rp.length.min ?? 1;
    const limit = this.#env.pc.options.maxVarLength;
    const max = rp.length.max ?? Math.max(limit, min);
    const relTest = relationshipTest(rp.properties, this.#env);
    const listBound = this.isBound(rel);
    this.#uniqueLists.push(rel);
    this.step([rel, to], (test) =>
      varExpand({
        from,
        list: rel,
        to,
        types: typesOf(rp),
        direction,
        min,
        max,
        unbounded: rp.length!.max === null,
        relTest,
        toBound,
        listBound,
        reversed: !forward,
        unique,
        uniqueLists,
        test,
      }),
    );
  }

  /** Conjuncts never decided (cannot happen once every slot is bound), applied last. */
  finish(): void {
    this.flush();
  }
}

/** The one relationship of a shortestPath() pattern, checked. */
function checkShortest(part: PatternPart): RelationshipPattern {
  const rels = part.element.relationships;
  const rp = rels[0];
  if (rp === undefined || rels.length !== 1) {
    throw planError(
      "InvalidShortestPath",
      `${part.shortest}() needs a pattern of one relationship`,
      part.pos,
    );
  }
  if ((rp.length?.min ?? 1) > 1) {
    throw planError(
      "InvalidShortestPath",
      `${part.shortest}() takes a minimum length of 0 or 1`,
      rp.pos,
    );
  }
  return rp;
}

function typesOf(rp: RelationshipPattern): readonly string[] | null {
  return rp.types.length === 0 ? null : [...new Set(rp.types)];
}

export function planMatch(
  pattern: Pattern | readonly PatternPart[],
  where: Expression | null,
  env: CompileEnv,
): MatchPlan {
  const parts = Array.isArray(pattern)
    ? (pattern as readonly PatternPart[])
    : (pattern as Pattern).parts;
  const outer = new Set(env.scope.entries().map(([, b]) => b.slot));
  const { chains, scope, local, slots } = allocate(parts, env);
  const inner: CompileEnv = { ...env, scope };
  const whereParts = where === null ? [] : [where];
  const b = new MatchBuilder(inner, outer, local, whereParts);
  b.add(whereConjuncts(where, inner, local));
  b.flush();
  for (const c of chains) b.planChain(c);
  b.finish();
  return { pipe: chain(b.pipes), scope, slots };
}

export { neededSlots };
