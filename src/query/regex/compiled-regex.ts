// One compiled pattern and the loop that runs it over a text: literal tests first, then
// the lazy DFA for the bulk of the text, then exact simulation for the last two characters
// when the pattern has an end-of-text assertion that looks at them (Java's $ also matches
// before a final line terminator). Every path costs time linear in the text for a given
// program: one DFA lookup per character, or at worst one closure and one step over the
// program. The instance keeps its DFA cache between calls; it is not re-entrant, which is
// fine because matching is synchronous.
import {
  PREV_START,
  classify,
  isTerminator,
  prevFlagsRead,
  readsTail,
  type Context,
} from "./assertions.js";
import { compileProgram } from "./compiler.js";
import { DEAD, LazyDfa } from "./dfa.js";
import { dropEdgeAnchors } from "./edge-anchors.js";
import { literalsOf, type Literals } from "./literal.js";
import { parsePattern } from "./parser.js";
import type { Program } from "./program.js";
import { Simulator } from "./simulator.js";

/** How often one match may drop the DFA cache before finishing with plain simulation. */
const MAX_RESETS_PER_MATCH = 3;

export interface MatchStats {
  readonly matched: boolean;
  /** Work done: instructions visited, characters tested, DFA lookups. */
  readonly steps: number;
  /** How the answer was found. */
  readonly path: "literal" | "dfa" | "simulation";
}

export interface MatchOptions {
  /** Use the lazy DFA (default true); false runs the plain simulation, for tests. */
  readonly dfa?: boolean;
}

export class CompiledRegex {
  readonly pattern: string;
  /** Instructions in the compiled program. */
  readonly programSize: number;
  readonly #prog: Program;
  readonly #literals: Literals;
  readonly #sim: Simulator;
  readonly #dfa: LazyDfa;
  readonly #flagMask: number;
  readonly #tailSensitive: boolean;
  readonly #kernels: [Int32Array, Int32Array];
  readonly #ctx: Context = { prevFlags: 0, next: -1, dollar: false, unixDollar: false };
  /** DFA lookups and how the last answer was found, for matchWithStats. */
  #lookups = 0;
  #path: MatchStats["path"] = "literal";

  constructor(pattern: string) {
    const ast = dropEdgeAnchors(parsePattern(pattern));
    this.pattern = pattern;
    this.#prog = compileProgram(ast, pattern);
    this.programSize = this.#prog.op.length;
    this.#literals = literalsOf(ast);
    this.#sim = new Simulator(this.#prog);
    this.#flagMask = prevFlagsRead(this.#prog.assertions);
    this.#tailSensitive = [...this.#prog.assertions].some(readsTail);
    this.#dfa = new LazyDfa(this.#prog, this.#sim, this.#flagMask);
    const n = this.programSize + 1;
    this.#kernels = [new Int32Array(n), new Int32Array(n)];
  }

  /** Whether the whole of `text` matches the pattern. */
  matches(text: string): boolean {
    return this.#run(text, true);
  }

  /** Like `matches`, reporting the work done; `options.dfa` false forces plain simulation. */
  matchWithStats(text: string, options: MatchOptions = {}): MatchStats {
    const before = this.#sim.steps;
    this.#lookups = 0;
    const matched = this.#run(text, options.dfa !== false);
    const steps = this.#sim.steps - before + this.#lookups;
    return { matched, steps, path: this.#path };
  }

  #run(text: string, useDfa: boolean): boolean {
    const lit = this.#literals;
    this.#path = "literal";
    if (lit.exact !== null) return text === lit.exact;
    if (!text.startsWith(lit.prefix) || !text.endsWith(lit.suffix)) return false;
    if (!text.includes(lit.required)) return false;
    if (!useDfa) {
      this.#path = "simulation";
      return this.#simulate(text, 0, null, 0);
    }
    this.#path = "dfa";
    return this.#runDfa(text);
  }

  #runDfa(text: string): boolean {
    const dfa = this.#dfa;
    const n = text.length;
    const cachedEnd = this.#tailSensitive ? n - 2 : n;
    const resetsBefore = dfa.resets;
    let s = dfa.start();
    let i = 0;
    while (i < cachedEnd) {
      let c = text.charCodeAt(i);
      let width = 1;
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          width = 2;
        }
      }
      s = dfa.next(s, c);
      this.#lookups++;
      if (s === DEAD) return false;
      i += width;
      if (dfa.resets - resetsBefore > MAX_RESETS_PER_MATCH) {
        this.#path = "simulation";
        break;
      }
    }
    if (i >= n) return dfa.accepts(s);
    return this.#simulate(text, i, dfa.kernelOf(s), dfa.prevFlagsOf(s));
  }

  /** Plain simulation from UTF-16 index `from`, starting with `kernel` (null: the start). */
  #simulate(text: string, from: number, kernel: Int32Array | null, prevFlags: number): boolean {
    const sim = this.#sim;
    const ctx = this.#ctx;
    const uword = this.#prog.unicodeWord;
    let [cur, next] = this.#kernels;
    let length = 1;
    if (kernel === null) {
      cur[0] = 0;
      prevFlags = PREV_START & this.#flagMask;
    } else {
      cur.set(kernel);
      length = kernel.length;
    }
    const n = text.length;
    for (let i = from; i < n;) {
      const c = text.codePointAt(i)!;
      ctx.prevFlags = prevFlags;
      ctx.next = c;
      ctx.dollar = dollarAt(text, i);
      ctx.unixDollar = i === n || (i === n - 1 && c === 0x0a);
      sim.closure(cur, length, ctx);
      length = sim.step(c, next);
      if (length === 0) return false;
      [cur, next] = [next, cur];
      prevFlags = classify(c, uword) & this.#flagMask;
      i += c > 0xffff ? 2 : 1;
    }
    ctx.prevFlags = prevFlags;
    ctx.next = -1;
    ctx.dollar = true;
    ctx.unixDollar = true;
    sim.closure(cur, length, ctx);
    return sim.matched;
  }
}

/** Java's non-multiline $ at UTF-16 index `i`: before "", "\r\n", or one final terminator. */
function dollarAt(text: string, i: number): boolean {
  const rest = text.length - i;
  if (rest === 2) return text.charCodeAt(i) === 0x0d && text.charCodeAt(i + 1) === 0x0a;
  if (rest !== 1) return rest === 0;
  const c = text.charCodeAt(i);
  return isTerminator(c) && !(c === 0x0a && i > 0 && text.charCodeAt(i - 1) === 0x0d);
}
