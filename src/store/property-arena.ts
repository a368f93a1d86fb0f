// Property maps kept as their encoded bytes (LW1, as in the log and in snapshots) until
// they are first read. Loading a snapshot leaves each entity's map where it lies in the
// file's bytes, read into memory once, instead of building it: an open then does no work
// for properties nobody reads, and holds no object or string for them. The graph decodes
// a map on first read and keeps the result.
//
// A location is the byte offset of a map in the arena's buffer. The loader has checked
// each map's framing (lw1-skip.ts) before handing out its location, so a decode can fail
// only on what that walk leaves to the decoder; such a failure is reported as the damage
// it is.
import { ByteReader } from "../internal/bytes.js";
import { SkeinError } from "../internal/errors.js";
import { readProperties } from "./lw1-values.js";
import type { Properties } from "./values.js";

export class PropertyArena {
  readonly #bytes: Uint8Array;
  readonly #reader: ByteReader;

  constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
    this.#reader = new ByteReader(bytes);
  }

  /** The map at `location`, decoded (a fresh, unfrozen object). */
  properties(location: number): Properties {
    if (!(location >= 0 && location < this.#bytes.length)) {
      throw new RangeError(`no property map at location ${location}`);
    }
    try {
      return readProperties(this.#reader.window(location, this.#bytes.length));
    } catch (cause) {
      const why = cause instanceof Error ? cause.message : String(cause);
      throw new SkeinError(
        "SNAPSHOT_CORRUPTION",
        `a property map loaded from a snapshot cannot be decoded: ${why}`,
        { cause },
      );
    }
  }
}
