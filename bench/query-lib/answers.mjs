// Comparing answers across engines: a `{ columns, rows }` result becomes rows of plain values
// in column order, so that what differs only in representation compares equal. The engines
// name columns differently (Skein `p.name`, LoraDB `name`), Skein returns an integral Float
// as an instance of its Float class and may return a bigint Int, and neither promises a
// row order without ORDER BY. Floats compare with a relative tolerance. Pure helpers.
import { createHash } from "node:crypto";

function plain(v) {
  if (typeof v === "bigint") return Number(v);
  if (v !== null && typeof v === "object") {
    if (v.kind === "float" && typeof v.valueOf() === "number") return v.valueOf();
    if (Array.isArray(v)) return v.map(plain);
  }
  return v;
}

/** Rows of plain values, in the result's column order. */
export const valuesOf = ({ columns, rows }) => rows.map((row) => columns.map((c) => plain(row[c])));

const sortKey = (row) => JSON.stringify(row.map((v) => (typeof v === "number" ? round(v) : v)));
const round = (x) => (Number.isInteger(x) ? x : Number(x.toPrecision(12)));

/** Rows in a canonical order (for queries whose row order is not defined). */
export const canonical = (rows) =>
  [...rows].sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));

function sameValue(a, b) {
  if (typeof a === "number" && typeof b === "number") {
    return a === b || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
  }
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Null when `got` equals `expected` (rows of values, any order); else what differs. */
export function difference(got, expected) {
  const g = canonical(got);
  const e = canonical(expected);
  if (g.length !== e.length) return `${g.length} rows, expected ${e.length}: ${preview(g, e)}`;
  for (let i = 0; i < e.length; i++) {
    const same = g[i].length === e[i].length && g[i].every((v, j) => sameValue(v, e[i][j]));
    if (!same)
      return `row ${i} is ${JSON.stringify(g[i])}, expected ${JSON.stringify(e[i])} (rows sorted)`;
  }
  return null;
}

function preview(g, e) {
  const cut = (rows) => JSON.stringify(rows.slice(0, 3)) + (rows.length > 3 ? "…" : "");
  return `got ${cut(g)}, expected ${cut(e)}`;
}

/** A short digest of a list of answers, floats rounded, so engines can be compared. */
export function digest(answers) {
  const text = JSON.stringify(answers.map((rows) => canonical(rows).map((r) => sortKey(r))));
  return createHash("sha256").update(text).digest("hex").slice(0, 16);
}
