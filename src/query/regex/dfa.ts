// A lazily built DFA over the simulator: each DFA state is a (sorted kernel, prevFlags)
// pair and each transition is computed once, by one closure and one step of the
// simulator, then reused, so a pattern evaluated on many rows soon costs one table lookup
// per character. Transitions are only valid away from the end of the text (the caller
// handles the last positions when the program has end-sensitive assertions). Memory is
// bounded per pattern: past the budget the whole cache is dropped and rebuilt, and the
// caller falls back to plain simulation when that keeps happening, so a pattern whose DFA
// would be exponential stays linear in time and bounded in space.
import { PREV_START, classify, type Context } from "./assertions.js";
import type { Program } from "./program.js";
import type { Simulator } from "./simulator.js";

/** Transition target meaning "no state survives": the text cannot match. */
export const DEAD = -1;
const UNKNOWN = -2;

/** Rough memory units (4-byte words) one pattern's DFA may hold before it is dropped. */
export const DFA_BUDGET_WORDS = 60_000;
const STATE_OVERHEAD_WORDS = 24;

interface State {
  readonly kernel: Int32Array;
  readonly prevFlags: number;
  ascii: Int32Array | null;
  other: Map<number, number> | null;
  /** Whether the state accepts at the end of the text: 1, 0, or -1 not yet known. */
  accept: number;
}

export class LazyDfa {
  readonly #prog: Program;
  readonly #sim: Simulator;
  readonly #flagMask: number;
  readonly #scratch: Int32Array;
  readonly #ctx: Context = { prevFlags: 0, next: -1, dollar: false, unixDollar: false };
  #states: State[] = [];
  readonly #ids = new Map<string, number>();
  #words = 0;
  /** How many times the cache was dropped for exceeding its budget. */
  resets = 0;

  constructor(prog: Program, sim: Simulator, flagMask: number) {
    this.#prog = prog;
    this.#sim = sim;
    this.#flagMask = flagMask;
    this.#scratch = new Int32Array(prog.op.length);
  }

  get stateCount(): number {
    return this.#states.length;
  }

  start(): number {
    return this.#intern(Int32Array.of(0), PREV_START & this.#flagMask);
  }

  kernelOf(id: number): Int32Array {
    return this.#states[id]!.kernel;
  }

  prevFlagsOf(id: number): number {
    return this.#states[id]!.prevFlags;
  }

  /** The state after consuming `c` from state `id`; ids may change if the cache resets. */
  next(id: number, c: number): number {
    const s = this.#states[id]!;
    if (c < 128) {
      if (s.ascii !== null) {
        const t = s.ascii[c]!;
        if (t !== UNKNOWN) return t;
      }
    } else if (s.other !== null) {
      const t = s.other.get(c);
      if (t !== undefined) return t;
    }
    return this.#compute(s, c);
  }

  /** Whether state `id`, reached at the end of the text, accepts. */
  accepts(id: number): boolean {
    const s = this.#states[id]!;
    if (s.accept < 0) {
      const ctx = this.#ctx;
      ctx.prevFlags = s.prevFlags;
      ctx.next = -1;
      ctx.dollar = true;
      ctx.unixDollar = true;
      this.#sim.closure(s.kernel, s.kernel.length, ctx);
      s.accept = this.#sim.matched ? 1 : 0;
    }
    return s.accept === 1;
  }

  #compute(s: State, c: number): number {
    const ctx = this.#ctx;
    ctx.prevFlags = s.prevFlags;
    ctx.next = c;
    ctx.dollar = false;
    ctx.unixDollar = false;
    this.#sim.closure(s.kernel, s.kernel.length, ctx);
    const k = this.#sim.step(c, this.#scratch);
    const resetsBefore = this.resets;
    let target = DEAD;
    if (k > 0) {
      const kernel = this.#scratch.slice(0, k).sort();
      target = this.#intern(kernel, classify(c, this.#prog.unicodeWord) & this.#flagMask);
    }
    if (this.resets === resetsBefore) this.#record(s, c, target);
    return target;
  }

  #record(s: State, c: number, target: number): void {
    if (c < 128) {
      if (s.ascii === null) {
        s.ascii = new Int32Array(128).fill(UNKNOWN);
        this.#words += 128;
      }
      s.ascii[c] = target;
    } else {
      s.other ??= new Map();
      s.other.set(c, target);
      this.#words += 4;
    }
  }

  #intern(kernel: Int32Array, prevFlags: number): number {
    const key = `${prevFlags}:${kernel.join(",")}`;
    const known = this.#ids.get(key);
    if (known !== undefined) return known;
    const cost = STATE_OVERHEAD_WORDS + kernel.length + (key.length >>> 1);
    if (this.#words + cost > DFA_BUDGET_WORDS && this.#states.length > 0) {
      this.#states = [];
      this.#ids.clear();
      this.#words = 0;
      this.resets++;
    }
    const id = this.#states.length;
    this.#states.push({ kernel, prevFlags, ascii: null, other: null, accept: -1 });
    this.#ids.set(key, id);
    this.#words += cost;
    return id;
  }
}
