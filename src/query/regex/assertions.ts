// What the zero-width assertions mean, in Java's words, evaluated from a small context: a
// few facts about the previous character (packed into `prevFlags`), the next code point,
// and two facts about the end of the text that only matter in its last two characters.
// Keeping the context this small is what lets the lazy DFA cache transitions for programs
// with anchors and word boundaries: everything an assertion can look at is either part of
// the DFA state (prevFlags) or the character being consumed.
import type { AssertionKind } from "./ast.js";
import type { CharSet } from "./char-set.js";

export const ASSERTION_IDS: Readonly<Record<AssertionKind, number>> = {
  textStart: 0,
  textEnd: 1,
  textEndOrFinalTerminator: 2,
  textEndOrFinalNewline: 3,
  lineStart: 4,
  lineStartUnix: 5,
  lineEnd: 6,
  lineEndUnix: 7,
  wordBoundary: 8,
  notWordBoundary: 9,
  unicodeWordBoundary: 10,
  notUnicodeWordBoundary: 11,
  nextNotIn: 12,
};

/** Facts about the character before the current position. */
export const PREV_START = 1; // there is none: we are at the start of the text
export const PREV_WORD = 2; // an ASCII word character [A-Za-z0-9_]
export const PREV_UNICODE_WORD = 4; // a word character as (?U) defines it
export const PREV_TERMINATOR = 8; // \n \r \u0085 \u2028 \u2029
export const PREV_NEWLINE = 16; // \n
export const PREV_CR = 32; // \r

/** Which prevFlags bits each assertion reads; a DFA state only keeps the bits in use. */
const READS: readonly number[] = [
  PREV_START,
  0,
  0,
  0,
  PREV_START | PREV_TERMINATOR | PREV_CR,
  PREV_START | PREV_NEWLINE,
  PREV_CR,
  0,
  PREV_WORD,
  PREV_WORD,
  PREV_UNICODE_WORD,
  PREV_UNICODE_WORD,
  0,
];

export function prevFlagsRead(assertionIds: Iterable<number>): number {
  let mask = 0;
  for (const id of assertionIds) mask |= READS[id] ?? 0;
  return mask;
}

/** Whether the assertion looks at how far the text is from its end (the last two units). */
export function readsTail(id: number): boolean {
  return (
    id === ASSERTION_IDS.textEndOrFinalTerminator || id === ASSERTION_IDS.textEndOrFinalNewline
  );
}

export interface Context {
  prevFlags: number;
  /** The code point after the position, or -1 at the end of the text. */
  next: number;
  /** Java's non-multiline $: at the end, or before a final line terminator (or \r\n). */
  dollar: boolean;
  /** The same under (?d): at the end, or before a final \n. */
  unixDollar: boolean;
}

export function isTerminator(c: number): boolean {
  return c === 0x0a || c === 0x0d || c === 0x85 || c === 0x2028 || c === 0x2029;
}

export function isAsciiWord(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f
  );
}

/** The prevFlags a code point leaves behind for the position after it. */
export function classify(c: number, unicodeWord: CharSet | null): number {
  let flags = isAsciiWord(c) ? PREV_WORD : 0;
  if (unicodeWord?.has(c)) flags |= PREV_UNICODE_WORD;
  if (isTerminator(c)) {
    flags |= PREV_TERMINATOR;
    if (c === 0x0a) flags |= PREV_NEWLINE;
    if (c === 0x0d) flags |= PREV_CR;
  }
  return flags;
}

export function holds(
  id: number,
  set: CharSet | undefined,
  ctx: Context,
  unicodeWord: CharSet | null,
): boolean {
  const { prevFlags: p, next } = ctx;
  switch (id) {
    case 0:
      return (p & PREV_START) !== 0;
    case 1:
      return next < 0;
    case 2:
      return ctx.dollar;
    case 3:
      return ctx.unixDollar;
    case 4: // Java never matches a multiline ^ at the very end, nor between \r and \n
      if (next < 0) return false;
      if ((p & PREV_START) !== 0) return true;
      return (p & PREV_TERMINATOR) !== 0 && !((p & PREV_CR) !== 0 && next === 0x0a);
    case 5:
      return next >= 0 && (p & (PREV_START | PREV_NEWLINE)) !== 0;
    case 6:
      return next < 0 || (isTerminator(next) && !(next === 0x0a && (p & PREV_CR) !== 0));
    case 7:
      return next < 0 || next === 0x0a;
    case 8:
    case 9: {
      const boundary = ((p & PREV_WORD) !== 0) !== (next >= 0 && isAsciiWord(next));
      return id === 8 ? boundary : !boundary;
    }
    case 10:
    case 11: {
      const after = next >= 0 && unicodeWord !== null && unicodeWord.has(next);
      const boundary = ((p & PREV_UNICODE_WORD) !== 0) !== after;
      return id === 10 ? boundary : !boundary;
    }
    default:
      return next < 0 || set === undefined || !set.has(next);
  }
}
