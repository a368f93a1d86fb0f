// CRC-32/IEEE (the zlib polynomial), as the segment format requires. Node ships it in
// zlib since 20.15, so the core needs no table of its own.
import { crc32 as zlibCrc32 } from "node:zlib";

/** CRC-32/IEEE of `bytes[start, end)`. */
export function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  const view = start === 0 && end === bytes.length ? bytes : bytes.subarray(start, end);
  return zlibCrc32(view) >>> 0;
}
