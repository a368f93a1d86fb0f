// Walking an LW1 property map (lw1-values.ts) without building it: where it ends, and
// whether its framing holds. A loader that keeps millions of maps encoded until they are
// read (property-arena.ts) checks each one this way, allocating nothing: every count and
// length fits the bytes that remain, tags are known, bool and hasZ bytes are 0 or 1,
// vector counts match their dimension, and nesting stays within MAX_VALUE_DEPTH. What
// only building the values checks (UTF-8, a month of 13, a key twice) is left to the
// decoder, run when the map is first read.
import { SkeinError } from "../internal/errors.js";
import { LW1_TAGS as V } from "./lw1-values.js";
import { MAX_VALUE_DEPTH } from "./values.js";

/** Payload bytes by tag, for the tags whose payload has one size; 0 for the others. */
const FIXED_BYTES: readonly number[] = (() => {
  const fixed = new Array<number>(256).fill(0);
  fixed[V.Int] = 8;
  fixed[V.Float] = 8;
  fixed[V.Date] = 12;
  fixed[V.Time] = 20;
  fixed[V.LocalTime] = 16;
  fixed[V.DateTime] = 32;
  fixed[V.LocalDateTime] = 28;
  fixed[V.Duration] = 32;
  return fixed;
})();

/** Bytes per element of each vector element type. */
const ELEMENT_BYTES = [0, 8, 4, 8, 4, 2, 1];

/**
 * The end of the map that starts at `start`, which must lie before `end`; a map that does
 * not fit, or is malformed, throws SkeinError("DECODE") with the offset from `start`.
 */
export function skipProperties(buf: Uint8Array, start: number, end: number): number {
  return walk.over(buf, start, end).map(0);
}

/** One walk at a time (it is synchronous), so one instance serves every call. */
class Walk {
  #buf: Uint8Array = new Uint8Array(0);
  #start = 0;
  #end = 0;
  #pos = 0;

  over(buf: Uint8Array, start: number, end: number): this {
    this.#buf = buf;
    this.#start = start;
    this.#end = end;
    this.#pos = start;
    return this;
  }

  map(depth: number): number {
    const count = this.#count("map entry count", 9);
    for (let i = 0; i < count; i++) {
      this.#bytes(this.#count("map key length", 1), "map key");
      this.#value(depth);
    }
    return this.#pos;
  }

  #value(depth: number): void {
    const at = this.#pos;
    const tag = this.#buf[this.#bytes(1, "value tag")]!;
    const fixed = FIXED_BYTES[tag]!;
    if (fixed !== 0) {
      this.#bytes(fixed, "value");
      return;
    }
    switch (tag) {
      case V.Null:
        return;
      case V.Bool:
        this.#flag("bool value");
        return;
      case V.String:
        this.#bytes(this.#count("string length", 1), "string value");
        return;
      case V.List: {
        const inner = this.#inner(depth, at);
        const n = this.#count("list length", 1);
        for (let i = 0; i < n; i++) this.#value(inner);
        return;
      }
      case V.Map:
        this.map(this.#inner(depth, at));
        return;
      case V.Point:
        this.#bytes(16, "point x and y");
        if (this.#flag("point hasZ")) this.#bytes(8, "point z");
        this.#bytes(4, "point srid");
        return;
      case V.Vector: {
        const dimension = this.#u64(this.#bytes(8, "vector dimension"));
        const type = this.#buf[this.#bytes(1, "vector element type")]!;
        const width = ELEMENT_BYTES[type] ?? 0;
        if (width === 0) this.#fail(`unknown vector element type ${type}`, this.#pos - 1);
        const count = this.#count("vector element count", width);
        if (count !== dimension) {
          this.#fail(`vector has dimension ${dimension} but ${count} elements`, at);
        }
        this.#bytes(count * width, "vector elements");
        return;
      }
      case V.Binary: {
        const n = this.#count("binary segment count", 8);
        for (let i = 0; i < n; i++) {
          this.#bytes(this.#count("binary segment length", 1), "binary segment");
        }
        return;
      }
    }
    this.#fail(`unknown value tag ${this.#buf[at]}`, at);
  }

  #inner(depth: number, at: number): number {
    if (depth >= MAX_VALUE_DEPTH) this.#fail(`value nests deeper than ${MAX_VALUE_DEPTH}`, at);
    return depth + 1;
  }

  /** Skips `n` bytes; returns where they start. */
  #bytes(n: number, what: string): number {
    const at = this.#pos;
    if (n > this.#end - at) {
      this.#fail(`${what} needs ${n} bytes, ${this.#end - at} remain`, at);
    }
    this.#pos = at + n;
    return at;
  }

  #flag(what: string): boolean {
    const at = this.#bytes(1, what);
    const b = this.#buf[at]!;
    if (b > 1) this.#fail(`${what} byte ${b} is not 0 or 1`, at);
    return b === 1;
  }

  #u64(at: number): number {
    const b = this.#buf;
    const lo = (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16)) + b[at + 3]! * 0x100_0000;
    const hi = (b[at + 4]! | (b[at + 5]! << 8) | (b[at + 6]! << 16)) + b[at + 7]! * 0x100_0000;
    return hi * 0x1_0000_0000 + lo;
  }

  /** A u64 count of items of at least `minItemBytes` each, which the remaining bytes hold. */
  #count(what: string, minItemBytes: number): number {
    const at = this.#bytes(8, what);
    const n = this.#u64(at);
    if (n * minItemBytes > this.#end - this.#pos) {
      this.#fail(`${what} ${n} exceeds the ${this.#end - this.#pos} bytes that remain`, at);
    }
    return n;
  }

  #fail(message: string, at: number): never {
    throw new SkeinError("DECODE", `${message} at byte ${at - this.#start}`);
  }
}

const walk = new Walk();
