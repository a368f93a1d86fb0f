// What a TCK run says to people: pass figures per area and overall, a failure described in
// a few lines (where, which step, the query, expected against actual), and the Markdown page
// docs/tck.md. The page holds no timestamps or timings, so it changes only when results do.
//
// It does not run anything (suite.ts, runner.ts) and does not decide pass or fail.
import type { ScenarioResult } from "./runner.js";
import { areaOf, scenarioId } from "./suite.js";
import { ERROR_CODES } from "./tck-errors.js";

export interface AreaFigures {
  readonly area: string;
  readonly scenarios: number;
  readonly passed: number;
}

export interface Figures {
  readonly areas: readonly AreaFigures[];
  readonly total: AreaFigures;
  /** Everything except expressions/temporal, which needs a temporal library of its own. */
  readonly withoutTemporal: AreaFigures;
  /** Passing scenarios whose expected error came with another detail. */
  readonly detailMismatches: number;
}

export const TEMPORAL_AREA = "expressions/temporal";

export function figuresOf(results: readonly ScenarioResult[]): Figures {
  const byArea = new Map<string, { scenarios: number; passed: number }>();
  for (const r of results) {
    const area = areaOf(r.file);
    const f = byArea.get(area) ?? { scenarios: 0, passed: 0 };
    f.scenarios++;
    if (r.passed) f.passed++;
    byArea.set(area, f);
  }
  const areas = [...byArea]
    .map(([area, f]) => ({ area, ...f }))
    .sort((a, b) => (a.area < b.area ? -1 : 1));
  const sum = (list: readonly AreaFigures[], area: string): AreaFigures => ({
    area,
    scenarios: list.reduce((n, a) => n + a.scenarios, 0),
    passed: list.reduce((n, a) => n + a.passed, 0),
  });
  return {
    areas,
    total: sum(areas, "total"),
    withoutTemporal: sum(
      areas.filter((a) => a.area !== TEMPORAL_AREA),
      `all but ${TEMPORAL_AREA}`,
    ),
    detailMismatches: results.filter((r) => r.passed && r.detailMismatch !== null).length,
  };
}

export function rate(f: AreaFigures): number {
  return f.scenarios === 0 ? 0 : f.passed / f.scenarios;
}

/** The rate to a tenth of a percent, rounded down: 3,895 of 3,896 is 99.9 %, never 100 %. */
export function percent(f: AreaFigures): string {
  const tenths = f.scenarios === 0 ? 0 : Math.floor((1000 * f.passed) / f.scenarios);
  return `${(tenths / 10).toFixed(1)} %`;
}

/** The per-area table for a terminal. */
export function areaTable(figures: Figures): string {
  const rows = [...figures.areas, figures.withoutTemporal, figures.total];
  const width = Math.max(...rows.map((r) => r.area.length), 4);
  const line = (a: string, s: string, p: string, pc: string): string =>
    `${a.padEnd(width)}  ${s.padStart(9)}  ${p.padStart(6)}  ${pc.padStart(7)}`;
  const out = [line("area", "scenarios", "passed", "rate"), "-".repeat(width + 29)];
  for (const [i, r] of rows.entries()) {
    if (i === figures.areas.length) out.push("-".repeat(width + 29));
    out.push(line(r.area, String(r.scenarios), String(r.passed), percent(r)));
  }
  return out.join("\n");
}

function indent(lines: readonly string[], by = "    "): string[] {
  return lines.flatMap((l) => l.split("\n")).map((l) => by + l);
}

/**
 * The most frequent failure messages, with quoted names and numbers blotted out so that
 * one cause counts once ("unknown function `nodes`" and "… `keys`" are one line).
 */
export function commonCauses(results: readonly ScenarioResult[], top = 12): string {
  const counts = new Map<string, number>();
  for (const r of results) {
    if (r.failure === null) continue;
    const cause = `${r.failure.stage}: ${r.failure.message.split("\n")[0] ?? ""}`
      .replace(/'(?:[^'\\]|\\.)*'|`[^`]*`|"[^"]*"/g, "…")
      .replace(/\d+/g, "N")
      .slice(0, 110);
    counts.set(cause, (counts.get(cause) ?? 0) + 1);
  }
  const ranked = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, top);
  return ["most common causes:", ...ranked.map(([c, n]) => `${String(n).padStart(6)}  ${c}`)].join(
    "\n",
  );
}

/** A failed scenario in a few lines: where, why, the query, expected and actual. */
export function failureText(r: ScenarioResult, verbose: boolean): string {
  const f = r.failure;
  const head = `✗ ${scenarioId(r)}  ${r.name}`;
  if (f === null) return head;
  const out = [head, `  ${f.stage} (step at line ${f.line}): ${f.message}`];
  if (f.query !== null) out.push("  query:", ...indent(f.query.split("\n")));
  if (f.expected.length > 0) out.push("  expected:", ...indent(f.expected));
  if (f.actual.length > 0 && !(f.actual.length === 1 && f.message.includes(f.actual[0] ?? ""))) {
    out.push("  actual:", ...indent(f.actual));
  }
  if (f.stack !== null) {
    const stack = f.stack.split("\n");
    out.push("  stack:", ...indent(verbose ? stack : stack.slice(0, 6)));
  }
  return out.join("\n");
}

/**
 * A Markdown table laid out as Prettier lays it out (cells padded to the column's width,
 * right-aligned columns padded on the left), so `prettier --check` accepts the page as
 * written. `right[i]` right-aligns column i.
 */
export function markdownTable(
  rows: readonly (readonly string[])[],
  right: readonly boolean[],
): string[] {
  const [header = []] = rows;
  const widths = header.map((_, i) => Math.max(3, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]): string =>
    "| " +
    widths
      .map((w, i) =>
        right[i] === true ? (cells[i] ?? "").padStart(w) : (cells[i] ?? "").padEnd(w),
      )
      .join(" | ") +
    " |";
  const rule = widths.map((w, i) => (right[i] === true ? "-".repeat(w - 1) + ":" : "-".repeat(w)));
  return [line(header), `| ${rule.join(" | ")} |`, ...rows.slice(1).map(line)];
}

/** The page docs/tck.md: how it was made, the headline rates and the per-area table. */
export function markdownReport(figures: Figures, floor: number): string {
  const cells = (f: AreaFigures): string[] => [f.area, `${f.scenarios}`, `${f.passed}`, percent(f)];
  const { total, withoutTemporal } = figures;
  const areaRows = [
    ["Area", "Scenarios", "Passed", "Rate"],
    ...figures.areas.map(cells),
    cells(total),
  ];
  const errorRows = [
    ["TCK error", "Codes"],
    ...Object.entries(ERROR_CODES).map(([kind, codes]) => [kind, codes.join(", ")]),
  ];
  return [
    "# openCypher TCK results",
    "",
    "Written by `test/tck/tck.test.ts` whenever the test suite runs (`npm test`), from a run",
    "of every scenario of the openCypher Technology Compatibility Kit against the query",
    "engine; do not edit it by hand. To reproduce it, and to see each failure with its query",
    "and expected against actual result:",
    "",
    "```sh",
    "npx tsc -p tsconfig.json",
    "npm run tck                              # every scenario: failures, then this table",
    "npm run tck -- --area clauses/match      # one area; words and file:line filter too",
    "node --test build/test/tck/tck.test.js   # rewrites this page",
    "```",
    "",
    `- Strict pass rate: **${percent(total)}** (${total.passed} of ${total.scenarios} scenarios)`,
    `- Outside \`${TEMPORAL_AREA}\`: **${percent(withoutTemporal)}** (${withoutTemporal.passed} of ${withoutTemporal.scenarios})`,
    `- Floor the test enforces (\`test/tck/floor.json\`): ${(100 * floor).toFixed(1)} %`,
    `- Passing error scenarios whose error detail differs from the TCK's: ${figures.detailMismatches}`,
    "",
    ...markdownTable(areaRows, [false, true, true, true]),
    "",
    "## Scoring",
    "",
    "A scenario passes only if every one of its steps does. Results must match exactly: an",
    "Int is not a Float (`1` against `1.0`), column names match in order, rows match as a",
    'multiset unless the TCK says "in order", and a query the TCK expects no rows from must',
    "return none. Side effects are counted as the TCK defines them (distinct label names;",
    "properties as entity, key and value, so a changed value is one removed and one added),",
    "and a query expected to fail must change nothing. Scenarios tagged `@ignore` are not",
    "counted. Named time zones (`[Europe/Stockholm]`) are compared by their offset, since",
    "the value model keeps offsets only.",
    "",
    "An expected error passes on its kind and phase (`compile time`, `runtime`, or `any",
    "time`); a SkeinError that is not a QueryError counts as runtime. The detail is reported,",
    "not required. Kinds map to codes so:",
    "",
    ...markdownTable(errorRows, [false, false]),
    "",
  ].join("\n");
}
