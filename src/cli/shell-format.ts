// The shell's three ways of printing a query's result, and the line that sums it up.
//
//   table  aligned columns under a header, numbers right-aligned, values in Cypher-like
//          notation (shell-values.ts); line breaks and other control characters in a
//          cell are escaped (\n) so every row stays on one line
//   json   one JSON object per row, values in the exact encoding (Int vs Float, int64)
//   csv    a header of the column names, then one line per row (RFC 4180 quoting); null
//          is the empty field, strings, numbers, booleans and temporal values are their
//          text, anything else (lists, maps, nodes, points, ...) its JSON text
//
// The summary (`3 rows, +1 node (1.2 ms)`) counts rows, reports how the node and
// relationship counts moved (the engine does not report what a query changed, so the
// shell compares the counts before and after) and the time the query took.
import { Float, isTaggedValue } from "../index.js";
import { csvField } from "./csv-format.js";
import { plural } from "./progress.js";
import { cypherText, jsonRow, jsonText } from "./shell-values.js";

export const SHELL_FORMATS = ["table", "json", "csv"] as const;
export type ShellFormat = (typeof SHELL_FORMATS)[number];

export function isShellFormat(text: string): text is ShellFormat {
  return (SHELL_FORMATS as readonly string[]).includes(text);
}

/** What running one statement gave. */
export interface Outcome {
  readonly columns: readonly string[];
  readonly rows: ReadonlyArray<Readonly<Record<string, unknown>>>;
  readonly elapsedMs: number;
  /** Change of the database's node and relationship counts. */
  readonly nodesDelta: number;
  readonly relationshipsDelta: number;
}

/** The lines that show the rows (none for a query without columns). */
export function resultLines(format: ShellFormat, outcome: Outcome): string[] {
  const { columns, rows } = outcome;
  if (columns.length === 0) return [];
  switch (format) {
    case "table":
      return tableLines(columns, rows);
    case "json":
      return rows.map((row) => jsonRow(columns, row));
    case "csv":
      return [
        columns.map((c) => csvField(c)).join(","),
        ...rows.map((row) => columns.map((c) => csvField(csvText(row[c]))).join(",")),
      ];
  }
}

function delta(n: number, word: string): string {
  return `${n > 0 ? "+" : "-"}${plural(Math.abs(n), word)}`;
}

/** 0.4 ms, 12.5 ms, 1.25 s. */
export function elapsedText(ms: number): string {
  return ms < 1000 ? `${ms.toFixed(1)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

/** `3 rows (1.2 ms)`, `+2 nodes, +1 relationship (0.8 ms)`, `ok (0.1 ms)`. */
export function summaryLine(outcome: Outcome, timing: boolean): string {
  const parts: string[] = [];
  if (outcome.columns.length > 0) parts.push(plural(outcome.rows.length, "row"));
  if (outcome.nodesDelta !== 0) parts.push(delta(outcome.nodesDelta, "node"));
  if (outcome.relationshipsDelta !== 0) {
    parts.push(delta(outcome.relationshipsDelta, "relationship"));
  }
  if (parts.length === 0) parts.push("ok");
  return parts.join(", ") + (timing ? ` (${elapsedText(outcome.elapsedMs)})` : "");
}

// ---- table ---------------------------------------------------------------------------

const ESCAPES: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

function cellText(v: unknown): string {
  // eslint-disable-next-line no-control-regex
  return cypherText(v).replace(/[\u0000-\u001f\u007f]/g, (c) => {
    return ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
}

function isNumeric(v: unknown): boolean {
  return typeof v === "number" || typeof v === "bigint" || v instanceof Float;
}

function tableLines(
  columns: readonly string[],
  rows: ReadonlyArray<Readonly<Record<string, unknown>>>,
): string[] {
  const header = columns.map((c) => cellText(c));
  const cells = rows.map((row) => columns.map((c) => cellText(row[c])));
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i]!.length)));
  const line = (texts: string[], right: (i: number) => boolean): string =>
    texts
      .map((t, i) => (right(i) ? t.padStart(widths[i]!) : t.padEnd(widths[i]!)))
      .join(" | ")
      .trimEnd();
  return [
    line(header, () => false),
    widths.map((w) => "-".repeat(w)).join("-+-"),
    ...cells.map((texts, r) => line(texts, (i) => isNumeric(rows[r]![columns[i]!]))),
  ];
}

// ---- csv -----------------------------------------------------------------------------

const TEXT_KINDS: ReadonlySet<string> = new Set([
  "float",
  "date",
  "localTime",
  "time",
  "localDateTime",
  "dateTime",
  "duration",
]);

function csvText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "boolean") return String(v);
  if (typeof v === "number" || typeof v === "bigint") return cypherText(v);
  if (isTaggedValue(v) && TEXT_KINDS.has(v.kind)) {
    return cypherText(v);
  }
  return jsonText(v);
}
