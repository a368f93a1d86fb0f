// Text output the `skein wal` commands share: record counts by kind, LSN ranges, tables, and
// a problem described by its exact place (segment, byte offset, LSN), what it means for
// opening the log, and what to run about it.
import type { WalProblem, WalProblemKind, WalRecordKindName } from "../index.js";

export function kindsText(byKind: Readonly<Record<WalRecordKindName, number>>): string {
  const parts = Object.entries(byKind)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${kind} ${n}`);
  return parts.length === 0 ? "none" : parts.join(", ");
}

export function lsnRange(first: number | null, last: number | null): string {
  if (first === null || last === null) return "-";
  return first === last ? `${first}` : `${first}..${last}`;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** Columns padded to their widest cell; the last column is not padded. */
export function tableLines(header: readonly string[], rows: readonly string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

const KIND_TEXT: Record<WalProblemKind, string> = {
  tornTail: "torn tail",
  corruption: "corruption",
  header: "bad segment header",
  malformed: "malformed log",
  unsupported: "unsupported event",
};

export function problemKindText(kind: WalProblemKind): string {
  return KIND_TEXT[kind];
}

/** What the problem means for opening the log, and what to do. */
export function adviceText(p: Pick<WalProblem, "kind" | "code">): string {
  if (p.kind === "tornTail") {
    return "a crash stopped a write here; opening the log cuts it, and `skein wal repair` does the same with a backup";
  }
  switch (p.code) {
    case "WAL_CORRUPTION":
      return "the log does not open (WAL_CORRUPTION); `skein wal repair` cuts the log here, saving the removed bytes to a backup first";
    case "WAL_UNSUPPORTED_EVENT":
      return "the log does not open (WAL_UNSUPPORTED_EVENT): a committed index or constraint change, which Skein cannot replay yet";
    default:
      return "the log does not open (WAL_MALFORMED): intact records describe an impossible log; repair does not cut those (see docs/errors.md)";
  }
}

/** The LSN of a problem, said the way it was found. */
export function problemLsnText(p: Pick<WalProblem, "recordLsn" | "lastGoodLsn">): string {
  return p.recordLsn !== null
    ? `${p.recordLsn} (the offending record)`
    : `after ${p.lastGoodLsn} (the last intact record before it)`;
}

/** A problem located exactly, one fact per line. */
export function problemLines(p: WalProblem): string[] {
  const header = p.offsetBytes === 0 ? " (the segment header)" : "";
  return [
    `problem: ${problemKindText(p.kind)}`,
    `  segment: ${p.segmentId} (${p.segmentPath})`,
    `  offset:  byte ${p.offsetBytes}${header}`,
    `  lsn:     ${problemLsnText(p)}`,
    `  detail:  ${p.message}`,
    `  effect:  ${adviceText(p)}`,
  ];
}
