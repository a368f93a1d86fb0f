// Turns the values each row collected over the repetitions into results.json's rows,
// computes the ratios of the comparisons and the verdicts of the targets. Pure functions.
import { HIGHER_IS_BETTER, rowKey } from "./plan.mjs";

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** One results.json row per spec; a row no repetition filled has runs 0 and null values. */
export function summarise(specs, valuesByKey) {
  return specs.map(([workload, system, mode, metric]) => {
    const values = (valuesByKey.get(rowKey(workload, system, mode, metric)) ?? []).filter(
      Number.isFinite,
    );
    const row = {
      workload,
      system,
      mode,
      metric,
      median: null,
      min: null,
      max: null,
      runs: values.length,
    };
    if (values.length > 0) {
      Object.assign(row, {
        median: median(values),
        min: Math.min(...values),
        max: Math.max(...values),
      });
    }
    return row;
  });
}

export const keyOf = (row) => rowKey(row.workload, row.system, row.mode, row.metric);

/** Ratio > 1 when Skein is better; null when either side is missing. */
export function ratio(skeinRow, otherRow) {
  if (!skeinRow?.median || !otherRow?.median) return null;
  return HIGHER_IS_BETTER.has(skeinRow.metric)
    ? skeinRow.median / otherRow.median
    : otherRow.median / skeinRow.median;
}

export function ratios(rows, comparisons) {
  const byKey = new Map(rows.map((r) => [keyOf(r), r]));
  return comparisons.map(({ skein, other }) => ({
    skein: byKey.get(skein),
    other: byKey.get(other),
    ratio: ratio(byKey.get(skein), byKey.get(other)),
  }));
}

/**
 * A verdict per target: { target, value, bound, met, byPercent, note }. `scale` is the share
 * of the full W3 graph this run ingested; targets that scale are judged against the bound
 * times that share, and `note` says so.
 */
export function verdicts(rows, targets, scale) {
  const byKey = new Map(rows.map((r) => [keyOf(r), r]));
  return targets.map((target) => {
    const value = byKey.get(target.row)?.median ?? null;
    let bound =
      typeof target.bound === "number" ? target.bound : (byKey.get(target.bound)?.median ?? null);
    let note = null;
    if (target.scales && scale !== 1) {
      if (target.row.includes("MB rss")) {
        return {
          target,
          value,
          bound,
          met: null,
          byPercent: null,
          note: "not judged: memory does not scale down with the graph",
        };
      }
      bound *= scale;
      note = `bound scaled to this run's ${Math.round(scale * 100)}% of the full graph: indicative only`;
    }
    if (value === null || bound === null)
      return { target, value, bound, met: null, byPercent: null, note: "not measured" };
    const higher = HIGHER_IS_BETTER.has(byKey.get(target.row).metric);
    const met = higher ? value >= bound : value <= bound;
    const byPercent = higher ? ((bound - value) / bound) * 100 : ((value - bound) / bound) * 100;
    return { target, value, bound, met, byPercent, note };
  });
}
