// How a failed step is described for people: an error in one line (code, phase, detail,
// message), and the expected and actual tables of a result mismatch, cut down to the rows
// that differ and to a dozen of those, printed in the TCK's notation so the two sides read
// alike. Also the runner's own timeout error, which is neither an engine error nor a crash.
//
// It does not decide what failed (runner.ts, compare.ts).
import type { QueryResult } from "../../src/db/database.js";
import { QueryError, SkeinError } from "../../src/internal/errors.js";
import type { ResultMismatch } from "./compare.js";
import { formatActual, formatExpected } from "./format-value.js";
import type { TckValue } from "./tck-values.js";

/** The runner's guard fired: the engine's promise did not settle in time. */
export class GuardTimeout extends Error {
  constructor(ms: number) {
    super(`query did not settle within ${ms} ms`);
    this.name = "GuardTimeout";
  }
}

/** Whether a thrown value is a crash: neither a SkeinError nor the runner's timeout. */
export function isCrash(err: unknown): boolean {
  return !(err instanceof SkeinError) && !(err instanceof GuardTimeout);
}

export function errorText(err: unknown): string {
  if (err instanceof QueryError) {
    const detail = err.detail === null ? "" : ` [${err.detail}]`;
    return `${err.code} (${err.phase})${detail}: ${err.message}`;
  }
  if (err instanceof SkeinError) return `${err.code}: ${err.message}`;
  if (err instanceof GuardTimeout) return `hang: ${err.message}`;
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

const MAX_LINES = 12;

function cut(lines: string[], total: number): string[] {
  return total > MAX_LINES ? [...lines, `… ${total - MAX_LINES} more`] : lines;
}

/** The expected table: every row, or only `pick` (the rows not found) when given. */
export function expectedLines(
  columns: readonly string[],
  rows: readonly (readonly TckValue[])[],
  pick?: readonly number[],
): string[] {
  const chosen = pick !== undefined && pick.length > 0 ? pick : rows.map((_, i) => i);
  const lines = chosen
    .slice(0, MAX_LINES)
    .map((i) => "| " + (rows[i] ?? []).map(formatExpected).join(" | ") + " |");
  return [`| ${columns.join(" | ")} |`, ...cut(lines, chosen.length)];
}

/** The actual table: every row, or only those `mismatch` calls unexpected. */
export function actualLines(result: QueryResult, mismatch?: ResultMismatch): string[] {
  if (result.columns.length === 0) return [`(no columns, ${result.rows.length} rows)`];
  const chosen =
    mismatch === undefined || mismatch.unexpected.length === 0
      ? result.rows.map((_, i) => i)
      : mismatch.unexpected;
  const lines = chosen
    .slice(0, MAX_LINES)
    .map(
      (i) => "| " + result.columns.map((c) => formatActual(result.rows[i]?.[c])).join(" | ") + " |",
    );
  return [`| ${result.columns.join(" | ")} |`, ...cut(lines, chosen.length)];
}
