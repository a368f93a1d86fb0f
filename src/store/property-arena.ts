// Property maps kept as their encoded bytes (LW1, as in the log and in snapshots) until
// they are first read. Recovery leaves each loaded or replayed entity's map encoded here
// instead of building it: an open then does no work for properties nobody reads, and
// holds no object or string for them. The graph decodes a map on first read and keeps
// the result.
//
// Bytes live in pieces: a snapshot's whole file, adopted as it was read, and pieces that
// maps from the log are copied into. A location is a map's offset in the concatenation of
// the pieces, a small integer below 2^31. Whoever hands out a location has checked the
// map's framing (lw1-skip.ts), so a decode can fail only on what that walk leaves to the
// decoder; such a failure is reported as the damage it is.
import { ByteReader } from "../internal/bytes.js";
import { SkeinError } from "../internal/errors.js";
import { readProperties } from "./lw1-values.js";
import type { Properties } from "./values.js";

const FIRST_PIECE_BYTES = 64 * 1024;
const MAX_PIECE_BYTES = 64 * 1024 * 1024;
const SHORT_COPY = 128;

interface Piece {
  readonly base: number;
  bytes: Uint8Array;
  reader: ByteReader | null;
  /** What a map that cannot be decoded is: damage of the snapshot or of the log. */
  readonly damage: "SNAPSHOT_CORRUPTION" | "WAL_MALFORMED";
}

export class PropertyArena {
  readonly #pieces: Piece[] = [];
  /** Where the next location starts: the pieces' total size. */
  #size = 0;
  /** The piece `append` copies into, and how much of it is used. */
  #open: Piece | null = null;
  #used = 0;

  /**
   * Takes a snapshot's bytes (not copied, not to be changed) as a piece; returns the
   * location of its first byte.
   */
  adopt(bytes: Uint8Array): number {
    this.seal();
    const base = this.#size;
    this.#pieces.push({ base, bytes, reader: null, damage: "SNAPSHOT_CORRUPTION" });
    this.#size += bytes.length;
    return base;
  }

  /** Copies `src[start, end)`, one encoded map from the log; returns its location. */
  append(src: Uint8Array, start: number, end: number): number {
    const n = end - start;
    let open = this.#open;
    if (open === null || this.#used + n > open.bytes.length) open = this.#newPiece(n);
    const at = this.#used;
    const to = open.bytes;
    if (n <= SHORT_COPY) {
      // Most maps are a few dozen bytes: a loop beats making a view to call set() with.
      for (let i = 0; i < n; i++) to[at + i] = src[start + i]!;
    } else {
      to.set(src.subarray(start, end), at);
    }
    this.#used = at + n;
    return open.base + at;
  }

  #newPiece(atLeast: number): Piece {
    this.seal();
    const last = this.#pieces.at(-1)?.bytes.length ?? 0;
    const size = Math.max(
      atLeast,
      Math.min(MAX_PIECE_BYTES, Math.max(FIRST_PIECE_BYTES, 2 * last)),
    );
    const bytes = new Uint8Array(size);
    const piece: Piece = { base: this.#size, bytes, reader: null, damage: "WAL_MALFORMED" };
    this.#pieces.push(piece);
    this.#size += size;
    this.#open = piece;
    this.#used = 0;
    return piece;
  }

  /**
   * No more appends to the open piece: its unused end is given back (copying the used
   * part out when that frees a quarter of it or more).
   */
  seal(): void {
    const open = this.#open;
    if (open === null) return;
    const unused = open.bytes.length - this.#used;
    if (unused >= open.bytes.length / 4) open.bytes = open.bytes.slice(0, this.#used);
    open.reader = null;
    this.#size = open.base + open.bytes.length;
    this.#open = null;
  }

  /** The map at `location`, decoded (a fresh, unfrozen object). */
  properties(location: number): Properties {
    const piece = this.#pieceAt(location);
    const reader = (piece.reader ??= new ByteReader(piece.bytes));
    try {
      return readProperties(reader.window(location - piece.base, piece.bytes.length));
    } catch (cause) {
      const why = cause instanceof Error ? cause.message : String(cause);
      const from = piece.damage === "SNAPSHOT_CORRUPTION" ? "a snapshot" : "the log";
      throw new SkeinError(piece.damage, `a property map from ${from} cannot be decoded: ${why}`, {
        cause,
      });
    }
  }

  #pieceAt(location: number): Piece {
    const pieces = this.#pieces;
    let lo = 0;
    let hi = pieces.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (pieces[mid]!.base <= location) lo = mid;
      else hi = mid - 1;
    }
    const piece = pieces[lo];
    if (
      piece === undefined ||
      location < piece.base ||
      location >= piece.base + piece.bytes.length
    ) {
      throw new RangeError(`no property map at location ${location}`);
    }
    return piece;
  }
}
