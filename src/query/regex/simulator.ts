// Thompson simulation of a Program: the set of NFA states alive at a text position, never
// one path at a time, so there is nothing to backtrack and each character costs at most one
// visit per instruction. A position's states are represented by their "kernel" (the pcs
// entered by consuming the previous character, or the start pc) and expanded on demand by
// `closure` under the assertion context of that position. The lazy DFA memoises exactly
// these two operations. Work is counted in `steps` so tests can check it stays linear.
import { holds, type Context } from "./assertions.js";
import {
  OP_ANY,
  OP_ASSERT,
  OP_CHAR,
  OP_JMP,
  OP_MATCH,
  OP_SET,
  OP_SPLIT,
  type Program,
} from "./program.js";

export class Simulator {
  readonly #prog: Program;
  /** `mark[pc] === generation` when pc was already expanded by the current closure. */
  readonly #mark: Uint32Array;
  #generation = 0;
  readonly #stack: Int32Array;
  /** Consuming pcs of the last closure, in discovery order. */
  readonly #list: Int32Array;
  #listLength = 0;
  /** Whether the last closure reached OP_MATCH. */
  matched = false;
  /** Instructions visited and characters tested, over the simulator's life. */
  steps = 0;

  constructor(prog: Program) {
    this.#prog = prog;
    const n = prog.op.length;
    this.#mark = new Uint32Array(n);
    // Each pc is expanded at most once per closure and pushes at most two successors.
    this.#stack = new Int32Array(3 * n + 1);
    this.#list = new Int32Array(n);
  }

  /** Expands `kernel[0..length)` into the consuming states alive under `ctx`. */
  closure(kernel: Int32Array, length: number, ctx: Context): void {
    const { op, arg, arg2, sets, unicodeWord } = this.#prog;
    const mark = this.#mark;
    const stack = this.#stack;
    const list = this.#list;
    if (++this.#generation === 0xffffffff) {
      mark.fill(0);
      this.#generation = 1;
    }
    const gen = this.#generation;
    let sp = 0;
    for (let i = length - 1; i >= 0; i--) stack[sp++] = kernel[i]!;
    let n = 0;
    let matched = false;
    let visited = 0;
    while (sp > 0) {
      const pc = stack[--sp]!;
      if (mark[pc] === gen) continue;
      mark[pc] = gen;
      visited++;
      switch (op[pc]) {
        case OP_SPLIT:
          stack[sp++] = arg2[pc]!;
          stack[sp++] = arg[pc]!;
          break;
        case OP_JMP:
          stack[sp++] = arg[pc]!;
          break;
        case OP_ASSERT: {
          const set = arg2[pc]! >= 0 ? sets[arg2[pc]!] : undefined;
          if (holds(arg[pc]!, set, ctx, unicodeWord)) stack[sp++] = pc + 1;
          break;
        }
        case OP_MATCH:
          matched = true;
          break;
        default:
          list[n++] = pc;
      }
    }
    this.#listLength = n;
    this.matched = matched;
    this.steps += visited;
  }

  /**
   * Consumes code point `c` from the states of the last closure, writing the next kernel
   * into `out`; returns its length (0: no state survives, the text cannot match).
   */
  step(c: number, out: Int32Array): number {
    const { op, arg, sets } = this.#prog;
    const list = this.#list;
    const n = this.#listLength;
    let k = 0;
    for (let i = 0; i < n; i++) {
      const pc = list[i]!;
      const o = op[pc];
      if (
        o === OP_ANY ||
        (o === OP_CHAR && arg[pc] === c) ||
        (o === OP_SET && sets[arg[pc]!]!.has(c))
      ) {
        out[k++] = pc + 1;
      }
    }
    this.steps += n;
    return k;
  }
}
