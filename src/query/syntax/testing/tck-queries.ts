// Reads the openCypher TCK's feature files into plain records, one per query a scenario
// runs (outlines expanded with each Examples row), with the compile-time error the
// scenario expects if any. Only the syntax tests use it; it understands exactly as much
// Gherkin as the TCK uses (doc strings, Examples tables with comment rows).

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

export interface TckQuery {
  /** Feature file, relative to the features directory. */
  readonly file: string;
  readonly scenario: string;
  /** "setup" for `having executed:` steps, "query" for `executing query:`. */
  readonly role: "setup" | "query";
  readonly text: string;
  /** e.g. `SyntaxError` / `UndefinedVariable` when a compile-time error is expected. */
  readonly compileError: { readonly type: string; readonly detail: string } | null;
}

/** The features directory, if one of the usual places has it. */
export function findFeatures(): string | null {
  const candidates = [
    process.env["TCK_FEATURES"],
    "test/tck/opencypher/features",
    "../shared/tck/features",
  ];
  return candidates.find((dir) => dir !== undefined && existsSync(dir)) ?? null;
}

export function readTckQueries(dir: string): TckQuery[] {
  return featureFiles(dir).flatMap((path) =>
    parseFeature(relative(dir, path), readFileSync(path, "utf8")),
  );
}

function featureFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return featureFiles(path);
    return e.name.endsWith(".feature") ? [path] : [];
  });
}

interface Scenario {
  name: string;
  steps: { role: "setup" | "query"; text: string }[];
  examples: Record<string, string>[];
  error: string | null;
}

function parseFeature(file: string, source: string): TckQuery[] {
  const lines = source.split("\n");
  const scenarios: Scenario[] = [];
  let current: Scenario | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? "").trim();
    if (/^Scenario( Outline)?:/.test(line)) {
      current = { name: line, steps: [], examples: [], error: null };
      scenarios.push(current);
    } else if (
      current !== null &&
      /^(When|And|Given) (executing query|having executed):/.test(line)
    ) {
      const [text, next] = docString(lines, i + 1);
      current.steps.push({ role: line.includes("executing query") ? "query" : "setup", text });
      i = next;
    } else if (current !== null && line.startsWith("Examples:")) {
      const [rows, next] = table(lines, i + 1);
      current.examples.push(...rows);
      i = next - 1;
    } else if (current !== null && line.includes("should be raised at compile time")) {
      current.error = line;
    }
  }
  return scenarios.flatMap((s) => expand(file, s));
}

function expand(file: string, s: Scenario): TckQuery[] {
  const rows = s.examples.length > 0 ? s.examples : [{}];
  return rows.flatMap((row) => {
    const fill = (text: string): string =>
      text.replace(/<([^<>\s]+)>/g, (whole, key: string) => row[key] ?? whole);
    const error =
      s.error === null ? null : /(\w+) should be raised at compile time: (\w+)/.exec(fill(s.error));
    return s.steps.map((step) => ({
      file,
      scenario: fill(s.name),
      role: step.role,
      text: fill(step.text),
      compileError:
        step.role === "query" && error !== null ? { type: error[1]!, detail: error[2]! } : null,
    }));
  });
}

/** The doc string opening at `start` (a `"""` line), dedented; and the index of its end. */
function docString(lines: readonly string[], start: number): [string, number] {
  const opening = lines[start] ?? "";
  const indent = opening.indexOf('"""');
  const body: string[] = [];
  let i = start + 1;
  while (i < lines.length && lines[i]!.trim() !== '"""') body.push(lines[i++]!.slice(indent));
  return [body.join("\n"), i];
}

/** A Gherkin table (comment rows skipped) as records keyed by its header. */
function table(lines: readonly string[], start: number): [Record<string, string>[], number] {
  const rows: string[][] = [];
  let i = start;
  for (; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line.startsWith("#")) continue;
    if (!line.startsWith("|")) break;
    rows.push(cells(line));
  }
  const [header = [], ...body] = rows;
  return [body.map((r) => Object.fromEntries(header.map((h, j) => [h, r[j] ?? ""]))), i];
}

function cells(line: string): string[] {
  const out: string[] = [];
  let cell = "";
  for (let k = 1; k < line.length; k++) {
    const ch = line[k]!;
    if (ch === "\\" && (line[k + 1] === "|" || line[k + 1] === "\\")) {
      cell += line[++k];
    } else if (ch === "|") {
      out.push(cell.trim());
      cell = "";
    } else {
      cell += ch;
    }
  }
  return out;
}
