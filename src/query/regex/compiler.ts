// Lowers the syntax tree to a Program (Thompson construction). Counted repetition is
// expanded into copies, which is where programs get big, so the size is computed on the
// tree first and an oversized pattern is refused before anything is allocated. Captures
// and priorities are not represented: the matcher only answers "does the whole text match".
import { ASSERTION_IDS } from "./assertions.js";
import type { Node } from "./ast.js";
import { CharSet } from "./char-set.js";
import { patternTooLarge } from "./errors.js";
import {
  MAX_PROGRAM_SIZE,
  OP_ANY,
  OP_ASSERT,
  OP_CHAR,
  OP_JMP,
  OP_MATCH,
  OP_SET,
  OP_SPLIT,
  type Program,
} from "./program.js";
import { wordCharacters } from "./properties.js";

/** Instructions `node` compiles to; stops counting (returns Infinity) past `limit`. */
export function programSize(node: Node, limit: number): number {
  let n: number;
  switch (node.type) {
    case "empty":
      return 0;
    case "chars":
    case "assert":
      return 1;
    case "concat":
    case "alt":
      n = node.type === "alt" ? 2 * (node.items.length - 1) : 0;
      for (const item of node.items) {
        n += programSize(item, limit);
        if (n > limit) return Infinity;
      }
      return n;
    case "repeat": {
      const s = programSize(node.item, limit);
      if (s === Infinity) return Infinity;
      if (node.max === Infinity) n = node.min * s + (node.min >= 1 ? 1 : s + 2);
      else n = node.min * s + (node.max - node.min) * (s + 1);
      return n > limit ? Infinity : n;
    }
  }
}

class Emitter {
  readonly op: number[] = [];
  readonly arg: number[] = [];
  readonly arg2: number[] = [];
  readonly sets: CharSet[] = [];
  readonly #setIds = new Map<CharSet, number>();
  readonly assertions = new Set<number>();

  get pc(): number {
    return this.op.length;
  }

  emit(op: number, arg = 0, arg2 = 0): number {
    this.op.push(op);
    this.arg.push(arg);
    this.arg2.push(arg2);
    return this.op.length - 1;
  }

  setId(set: CharSet): number {
    let id = this.#setIds.get(set);
    if (id === undefined) {
      id = this.sets.length;
      this.sets.push(set);
      this.#setIds.set(set, id);
    }
    return id;
  }

  node(n: Node): void {
    switch (n.type) {
      case "empty":
        return;
      case "chars":
        this.chars(n.set);
        return;
      case "assert": {
        const id = ASSERTION_IDS[n.kind];
        this.assertions.add(id);
        this.emit(OP_ASSERT, id, n.set === undefined ? -1 : this.setId(n.set));
        return;
      }
      case "concat":
        for (const item of n.items) this.node(item);
        return;
      case "alt":
        this.alt(n.items);
        return;
      case "repeat":
        this.repeat(n.item, n.min, n.max);
    }
  }

  chars(set: CharSet): void {
    const single = set.single;
    if (single >= 0) this.emit(OP_CHAR, single);
    else if (set.ranges.length === 2 && set.ranges[0] === 0 && set.ranges[1] === 0x10ffff) {
      this.emit(OP_ANY);
    } else this.emit(OP_SET, this.setId(set));
  }

  alt(items: readonly Node[]): void {
    const exits: number[] = [];
    items.forEach((item, i) => {
      if (i === items.length - 1) {
        this.node(item);
        return;
      }
      const split = this.emit(OP_SPLIT, this.pc + 1);
      this.node(item);
      exits.push(this.emit(OP_JMP));
      this.arg2[split] = this.pc;
    });
    for (const jmp of exits) this.arg[jmp] = this.pc;
  }

  repeat(item: Node, min: number, max: number): void {
    for (let i = 0; i < (max === Infinity && min >= 1 ? min - 1 : min); i++) this.node(item);
    if (max === Infinity) {
      if (min >= 1) {
        const top = this.pc;
        this.node(item);
        this.emit(OP_SPLIT, top, this.pc + 1);
      } else {
        const split = this.emit(OP_SPLIT, this.pc + 1);
        this.node(item);
        this.emit(OP_JMP, split);
        this.arg2[split] = this.pc;
      }
      return;
    }
    const splits: number[] = [];
    for (let i = min; i < max; i++) {
      splits.push(this.emit(OP_SPLIT, this.pc + 1));
      this.node(item);
    }
    for (const split of splits) this.arg2[split] = this.pc;
  }
}

/** Compiles `node`; `pattern` is only used to word the too-large error. */
export function compileProgram(node: Node, pattern: string): Program {
  if (programSize(node, MAX_PROGRAM_SIZE) + 1 > MAX_PROGRAM_SIZE) {
    throw patternTooLarge(pattern, MAX_PROGRAM_SIZE);
  }
  const e = new Emitter();
  e.node(node);
  e.emit(OP_MATCH);
  const usesUnicodeWord =
    e.assertions.has(ASSERTION_IDS.unicodeWordBoundary) ||
    e.assertions.has(ASSERTION_IDS.notUnicodeWordBoundary);
  return {
    op: Uint8Array.from(e.op),
    arg: Int32Array.from(e.arg),
    arg2: Int32Array.from(e.arg2),
    sets: e.sets,
    assertions: e.assertions,
    unicodeWord: usesUnicodeWord ? wordCharacters(true) : null,
  };
}
