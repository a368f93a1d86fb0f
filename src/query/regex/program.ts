// The compiled form of a pattern: a Thompson NFA laid out as an instruction array (the
// layout of a Pike VM program), in typed arrays so the simulator touches no objects per
// step. Every consuming instruction continues at pc + 1, which the simulator and the DFA
// rely on: it makes "the states after consuming c" a list of distinct pcs.
import type { CharSet } from "./char-set.js";

export const OP_CHAR = 0; // consume the code point in arg
export const OP_SET = 1; // consume a code point in sets[arg]
export const OP_ANY = 2; // consume any code point
export const OP_SPLIT = 3; // continue at arg and at arg2
export const OP_JMP = 4; // continue at arg
export const OP_ASSERT = 5; // continue at pc + 1 if assertion arg holds (sets[arg2] if needed)
export const OP_MATCH = 6; // the whole pattern has matched here

/** The most instructions a pattern may compile to; counted repetition is expanded. */
export const MAX_PROGRAM_SIZE = 100_000;

export interface Program {
  readonly op: Uint8Array;
  readonly arg: Int32Array;
  readonly arg2: Int32Array;
  readonly sets: readonly CharSet[];
  /** Distinct assertion ids used by OP_ASSERT instructions. */
  readonly assertions: ReadonlySet<number>;
  /** The Unicode word characters, when a (?U) word boundary needs them. */
  readonly unicodeWord: CharSet | null;
}

export function isConsuming(op: number): boolean {
  return op <= OP_ANY;
}
