// Naming and listing of segment files in a WAL directory. A segment is named by its id,
// zero-padded to ten decimal digits, with the extension ".wal"; anything else in the
// directory (the lock file, temporary files) is not a segment. There is no manifest: the
// active segment is the one with the highest id. Reads names only, never contents.
import { join } from "node:path";
import type { FileSystem } from "../internal/fs.js";

const SEGMENT_NAME = /^(\d+)\.wal$/;
const TEMP_NAME = /^\d+\.wal\.tmp$/;
/** Suffix of a segment being built; renamed into place once its header is durable. */
export const TEMP_SUFFIX = ".tmp";

export interface SegmentEntry {
  readonly id: number;
  readonly path: string;
}

export function segmentFileName(id: number): string {
  return `${String(id).padStart(10, "0")}.wal`;
}

export function segmentPath(dir: string, id: number): string {
  return join(dir, segmentFileName(id));
}

/** Segment id of a file name, or null when the name is not a segment's. */
export function parseSegmentFileName(name: string): number | null {
  const m = SEGMENT_NAME.exec(name);
  if (!m) return null;
  const id = Number(m[1]);
  return Number.isSafeInteger(id) ? id : null;
}

/** The segments of `dir`, in ascending id order. */
export function listSegments(fs: FileSystem, dir: string): SegmentEntry[] {
  const out: SegmentEntry[] = [];
  for (const name of fs.list(dir)) {
    const id = parseSegmentFileName(name);
    if (id !== null) out.push({ id, path: join(dir, name) });
  }
  return out.sort((a, b) => a.id - b.id);
}

/** Leftover temporary segment files from an interrupted rotation. */
export function listTempSegments(fs: FileSystem, dir: string): string[] {
  return fs
    .list(dir)
    .filter((n) => TEMP_NAME.test(n))
    .map((n) => join(dir, n));
}
