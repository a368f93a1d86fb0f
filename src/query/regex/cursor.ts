// The parser's view of a pattern: its code points, a read position, the inline flags in
// force, and the error constructors that know where in the pattern we are. `\Q…\E` quoting
// is resolved here, before parsing, by marking the quoted code points as literal; that keeps
// positions exact (Java rewrites the pattern text instead, which is why a quantifier after
// `\E` binds to the last quoted character in both). It does not interpret escapes or syntax.
import type { QueryError } from "../../internal/errors.js";
import { malformedPattern, unsupportedFeature } from "./errors.js";

/** The inline flags of Java patterns, by their letters. */
export interface Flags {
  /** i: case-insensitive (ASCII only unless u is also set). */
  caseInsensitive: boolean;
  /** m: ^ and $ match at line terminators inside the text. */
  multiline: boolean;
  /** s: . matches line terminators too. */
  dotAll: boolean;
  /** d: only \n is a line terminator for ., ^ and $. */
  unixLines: boolean;
  /** u: case-insensitive matching folds Unicode case, not just ASCII. */
  unicodeCase: boolean;
  /** x: whitespace and #-comments in the pattern are ignored. */
  comments: boolean;
  /** U: \w, \d, \s, \b and POSIX classes use Unicode definitions; implies u. */
  unicodeClasses: boolean;
}

export const DEFAULT_FLAGS: Readonly<Flags> = {
  caseInsensitive: false,
  multiline: false,
  dotAll: false,
  unixLines: false,
  unicodeCase: false,
  comments: false,
  unicodeClasses: false,
};

const BACKSLASH = 0x5c;

export class Cursor {
  readonly pattern: string;
  readonly #cps: number[] = [];
  /** 1 where the code point came from inside \Q…\E and has no special meaning. */
  readonly #literal: number[] = [];
  /** UTF-16 offset in `pattern` of each code point, plus one entry for the end. */
  readonly #offsets: number[] = [];
  pos = 0;
  flags: Flags = { ...DEFAULT_FLAGS };

  constructor(pattern: string) {
    this.pattern = pattern;
    let quoting = false;
    for (let u = 0; u < pattern.length;) {
      const c = pattern.codePointAt(u)!;
      const width = c > 0xffff ? 2 : 1;
      if (c === BACKSLASH && pattern.charCodeAt(u + 1) === (quoting ? 0x45 : 0x51)) {
        quoting = !quoting; // \Q opens, \E closes; both vanish
        u += 2;
        continue;
      }
      if (c === BACKSLASH && !quoting && u + 1 < pattern.length) {
        // Keep an escape's two halves together so "\\Q" stays an escaped backslash + Q.
        this.#push(c, u, false);
        u += 1;
        const d = pattern.codePointAt(u)!;
        this.#push(d, u, false);
        u += d > 0xffff ? 2 : 1;
        continue;
      }
      this.#push(c, u, quoting);
      u += width;
    }
    this.#offsets.push(pattern.length);
  }

  #push(c: number, offset: number, literal: boolean): void {
    this.#cps.push(c);
    this.#literal.push(literal ? 1 : 0);
    this.#offsets.push(offset);
  }

  get atEnd(): boolean {
    return this.pos >= this.#cps.length;
  }

  /** The code point `ahead` places on, or -1 past the end. */
  peek(ahead = 0): number {
    return this.#cps[this.pos + ahead] ?? -1;
  }

  /** Whether the code point `ahead` places on came from \Q…\E. */
  isLiteral(ahead = 0): boolean {
    return this.#literal[this.pos + ahead] === 1;
  }

  /** Whether the next code point is `c` with its syntactic meaning (not quoted). */
  at(c: number, ahead = 0): boolean {
    return this.peek(ahead) === c && !this.isLiteral(ahead);
  }

  next(): number {
    const c = this.peek();
    if (c >= 0) this.pos++;
    return c;
  }

  eat(c: number): boolean {
    if (!this.at(c)) return false;
    this.pos++;
    return true;
  }

  /** In (?x) mode, steps over whitespace and #-comments; otherwise does nothing. */
  skipIgnorable(): void {
    if (!this.flags.comments) return;
    for (;;) {
      const c = this.peek();
      if (this.isLiteral()) return;
      if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) this.pos++;
      else if (c === 0x23) this.#skipComment();
      else return;
    }
  }

  #skipComment(): void {
    while (!this.atEnd) {
      const c = this.next();
      if (c === 0x0a) return;
      if (!this.flags.unixLines && (c === 0x0d || c === 0x85 || c === 0x2028 || c === 0x2029)) {
        return;
      }
    }
  }

  /** A malformed-pattern error at code point index `at` (default: here). */
  error(problem: string, at = this.pos): QueryError {
    return malformedPattern(this.pattern, problem, this.#offsetOf(at));
  }

  unsupported(feature: string, at = this.pos): QueryError {
    return unsupportedFeature(this.pattern, feature, this.#offsetOf(at));
  }

  #offsetOf(at: number): number {
    return this.#offsets[Math.min(at, this.#offsets.length - 1)] ?? this.pattern.length;
  }
}
