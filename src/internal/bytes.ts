// Little-endian byte writing and bounded reading, shared by every on-disk format.
//
// ByteWriter grows one buffer and can patch bytes it already wrote (a record's length
// prefix is known only after its payload). ByteReader never trusts a length or count it
// reads: `take`, `count` and friends check them against the bytes that remain before
// anything is allocated, and every failure is a SkeinError("DECODE"), never a RangeError.
// Neither knows any format; the formats live beside their owners.
import { SkeinError } from "./errors.js";

const U64_MAX = 0xffff_ffff_ffff_ffffn;
const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;
/** Strings up to this many UTF-16 units try the ASCII copy before the native encoder. */
const SHORT_STRING = 32;
const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder("utf-8", { fatal: true });

// Every setter asks `#ensure` for its offset before touching `#view`: growing replaces the
// view, so reading the field first would write into the old, smaller buffer.
export class ByteWriter {
  #buf: Uint8Array;
  #view: DataView;
  #length = 0;

  constructor(initialBytes = 256) {
    this.#buf = new Uint8Array(Math.max(16, initialBytes));
    this.#view = new DataView(this.#buf.buffer);
  }

  /** Bytes written so far. */
  get length(): number {
    return this.#length;
  }

  /** Forget what was written; keeps the buffer for reuse unless it grew past `keepBytes`. */
  reset(keepBytes = Infinity): void {
    this.#length = 0;
    if (this.#buf.length > keepBytes) {
      this.#buf = new Uint8Array(keepBytes);
      this.#view = new DataView(this.#buf.buffer);
    }
  }

  /** Drop everything written after `length` bytes (undo a partly encoded structure). */
  rewind(length: number): void {
    if (length < this.#length) this.#length = length;
  }

  /** A view of the written bytes; valid until the next write or reset. */
  view(start = 0, end = this.#length): Uint8Array {
    return this.#buf.subarray(start, end);
  }

  /** A copy of the written bytes. */
  toBytes(): Uint8Array {
    return this.#buf.slice(0, this.#length);
  }

  #ensure(extra: number): number {
    const at = this.#length;
    const need = at + extra;
    if (need > this.#buf.length) {
      let size = this.#buf.length * 2;
      while (size < need) size *= 2;
      const next = new Uint8Array(size);
      next.set(this.#buf.subarray(0, at));
      this.#buf = next;
      this.#view = new DataView(next.buffer);
    }
    this.#length = need;
    return at;
  }

  /** Reserve `n` zero bytes and return their offset, to patch later. */
  reserve(n: number): number {
    const at = this.#ensure(n);
    this.#buf.fill(0, at, at + n);
    return at;
  }

  u8(v: number): void {
    const at = this.#ensure(1);
    this.#buf[at] = v;
  }

  u32(v: number): void {
    const at = this.#ensure(4);
    this.#view.setUint32(at, v, true);
  }

  i32(v: number): void {
    const at = this.#ensure(4);
    this.#view.setInt32(at, v, true);
  }

  patchU32(offset: number, v: number): void {
    this.#view.setUint32(offset, v, true);
  }

  /** An unsigned 64-bit integer from a non-negative safe integer or a bigint. */
  u64(v: number | bigint): void {
    const at = this.#ensure(8);
    if (typeof v === "number") {
      this.#view.setUint32(at, v >>> 0, true);
      this.#view.setUint32(at + 4, Math.floor(v / 0x1_0000_0000), true);
    } else {
      this.#view.setBigUint64(at, v, true);
    }
  }

  i64(v: number | bigint): void {
    const at = this.#ensure(8);
    if (typeof v === "number" && Number.isSafeInteger(v)) {
      // Two's complement by halves: no BigInt allocated for the common safe integer.
      this.#view.setUint32(at, v >>> 0, true);
      this.#view.setInt32(at + 4, Math.floor(v / 0x1_0000_0000), true);
    } else {
      this.#view.setBigInt64(at, typeof v === "bigint" ? v : BigInt(v), true);
    }
  }

  f32(v: number): void {
    const at = this.#ensure(4);
    this.#view.setFloat32(at, v, true);
  }

  f64(v: number): void {
    const at = this.#ensure(8);
    this.#view.setFloat64(at, v, true);
  }

  bytes(b: Uint8Array): void {
    const at = this.#ensure(b.length);
    this.#buf.set(b, at);
  }

  /** A u64 byte length, then the UTF-8 bytes. */
  string(s: string): void {
    // Worst case 3 bytes per UTF-16 unit; encodeInto writes in place, no temporary.
    const lengthAt = this.#ensure(8 + s.length * 3);
    const start = lengthAt + 8;
    const written = s.length <= SHORT_STRING ? this.#shortAscii(s, start) : -1;
    const n = written >= 0 ? written : textEncoder.encodeInto(s, this.#buf.subarray(start)).written;
    this.#length = start + n;
    this.#view.setUint32(lengthAt, n, true);
    this.#view.setUint32(lengthAt + 4, 0, true);
  }

  /**
   * A short ASCII string copied unit by unit: for the short keys and values that make up
   * most properties this beats a call into the native encoder. -1 when `s` is not ASCII.
   */
  #shortAscii(s: string, start: number): number {
    const buf = this.#buf;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) return -1;
      buf[start + i] = c;
    }
    return s.length;
  }

  /** A u64 length, then the raw bytes. */
  lengthPrefixed(b: Uint8Array): void {
    this.u64(b.length);
    this.bytes(b);
  }
}

export class ByteReader {
  readonly #buf: Uint8Array;
  readonly #view: DataView;
  #pos: number;
  #end: number;
  /** Where offsets in messages count from. */
  #origin = 0;

  constructor(buf: Uint8Array, start = 0, end = buf.length) {
    this.#buf = buf;
    this.#view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    this.#pos = start;
    this.#end = end;
  }

  /** The read position, counted from the window's start (see `window`). */
  get position(): number {
    return this.#pos - this.#origin;
  }

  /** The buffer read from; `index` and `endIndex` are the position and end in it. */
  get buffer(): Uint8Array {
    return this.#buf;
  }

  get index(): number {
    return this.#pos;
  }

  get endIndex(): number {
    return this.#end;
  }

  /** Moves past `n` bytes. */
  skip(n: number, what = "bytes"): void {
    this.#advance(n, what);
  }

  /**
   * Read `[start, end)` of the same buffer next: one reader serves many records. Byte
   * offsets in error messages then count from `start`.
   */
  window(start: number, end: number): this {
    this.#pos = start;
    this.#end = end;
    this.#origin = start;
    return this;
  }

  get remaining(): number {
    return this.#end - this.#pos;
  }

  #advance(n: number, what: string): number {
    if (n > this.#end - this.#pos) {
      throw new SkeinError(
        "DECODE",
        `unexpected end of input reading ${what} at byte ${this.#pos - this.#origin}: ${n} needed, ${this.#end - this.#pos} left`,
      );
    }
    const at = this.#pos;
    this.#pos += n;
    return at;
  }

  u8(what = "u8"): number {
    return this.#buf[this.#advance(1, what)] as number;
  }

  u32(what = "u32"): number {
    return this.#view.getUint32(this.#advance(4, what), true);
  }

  i32(what = "i32"): number {
    return this.#view.getInt32(this.#advance(4, what), true);
  }

  u64(what = "u64"): bigint {
    return this.#view.getBigUint64(this.#advance(8, what), true);
  }

  i64(what = "i64"): bigint {
    return this.#view.getBigInt64(this.#advance(8, what), true);
  }

  f32(what = "f32"): number {
    return this.#view.getFloat32(this.#advance(4, what), true);
  }

  f64(what = "f64"): number {
    return this.#view.getFloat64(this.#advance(8, what), true);
  }

  /** A u64 that must be a safe integer (ids, LSNs); larger values are refused. */
  safeU64(what: string): number {
    const at = this.#advance(8, what);
    const lo = this.#view.getUint32(at, true);
    const hi = this.#view.getUint32(at + 4, true);
    if (hi > 0x1f_ffff) {
      throw new SkeinError(
        "DECODE",
        `${what} at byte ${at - this.#origin} does not fit a safe integer`,
      );
    }
    return hi * 0x1_0000_0000 + lo;
  }

  /**
   * A u64 count of items that take at least `minItemBytes` each: refused when the
   * bytes that remain cannot hold that many, so a hostile count never allocates.
   */
  count(what: string, minItemBytes: number): number {
    const at = this.#advance(8, what);
    const lo = this.#view.getUint32(at, true);
    const hi = this.#view.getUint32(at + 4, true);
    const fits = Math.floor(this.remaining / Math.max(1, minItemBytes));
    if (hi !== 0 || lo > fits) {
      const n = (BigInt(hi) << 32n) | BigInt(lo);
      throw new SkeinError(
        "DECODE",
        `${what} ${n} at byte ${at - this.#origin} exceeds the ${this.remaining} bytes that remain`,
      );
    }
    return lo;
  }

  /** `n` raw bytes as a view into the input (no copy). */
  take(n: number, what = "bytes"): Uint8Array {
    const at = this.#advance(n, what);
    return this.#buf.subarray(at, at + n);
  }

  /** A u64 length, then that many bytes, copied out of the input. */
  lengthPrefixed(what = "bytes"): Uint8Array {
    const n = this.count(`${what} length`, 1);
    return this.take(n, what).slice();
  }

  /** A u64 byte length, then UTF-8; invalid UTF-8 is a decode error. */
  string(what = "string"): string {
    const n = this.count(`${what} length`, 1);
    const at = this.#pos;
    // Short ASCII (most keys, labels and small values) is cheaper to build by hand than
    // through TextDecoder, which needs a view object per call; the shortest repeat most
    // (keys, labels, types) and come from a small cache without allocating.
    if (n <= 32) {
      const s = shortAscii(this.#buf, at, n);
      if (s !== null) {
        this.#pos += n;
        return s;
      }
    }
    const bytes = this.take(n, what);
    try {
      return textDecoder.decode(bytes);
    } catch (cause) {
      throw new SkeinError("DECODE", `invalid utf-8 in ${what} at byte ${at - this.#origin}`, {
        cause,
      });
    }
  }

  /** Refuse trailing bytes after a complete structure. */
  expectEnd(what: string): void {
    if (this.#pos !== this.#end) {
      throw new SkeinError(
        "DECODE",
        `${this.#end - this.#pos} trailing bytes after ${what} at byte ${this.#pos - this.#origin}`,
      );
    }
  }
}

/** Node's native latin1 slicer (Buffer's own), which takes any Uint8Array: for ASCII it is the string. */
const latin1Slice = (
  Buffer.prototype as unknown as {
    latin1Slice: (this: Uint8Array, start: number, end: number) => string;
  }
).latin1Slice;

const CACHE_SLOTS = 4096;
const cachedStrings: (string | undefined)[] = new Array<string | undefined>(CACHE_SLOTS);

/** `buf[at, at+n)` as a string when it is all ASCII, else null. */
function shortAscii(buf: Uint8Array, at: number, n: number): string | null {
  let hash = 0x811c9dc5;
  for (let i = at; i < at + n; i++) {
    const b = buf[i]!;
    if (b >= 0x80) return null;
    hash = Math.imul(hash ^ b, 0x01000193);
  }
  if (n > 16) return latin1Slice.call(buf, at, at + n);
  const slot = (hash >>> 0) % CACHE_SLOTS;
  const hit = cachedStrings[slot];
  if (hit !== undefined && hit.length === n) {
    let same = true;
    for (let i = 0; i < n; i++) {
      if (hit.charCodeAt(i) !== buf[at + i]) {
        same = false;
        break;
      }
    }
    if (same) return hit;
  }
  const s = n === 0 ? "" : latin1Slice.call(buf, at, at + n);
  cachedStrings[slot] = s;
  return s;
}

export function fitsU64(v: bigint): boolean {
  return v >= 0n && v <= U64_MAX;
}

export function fitsI64(v: bigint): boolean {
  return v >= I64_MIN && v <= I64_MAX;
}
