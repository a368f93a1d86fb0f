// A parser for the subset of Gherkin the openCypher TCK's .feature files use: Feature,
// Background, Scenario, Scenario Outline with Examples tables, steps with doc strings
// ("""…""") or data tables (|…|), comments (#) and tags (@…). Outlines are expanded here,
// one scenario per example row, with every <placeholder> substituted into the name, the
// step texts, doc strings and table cells, because that is how the TCK counts scenarios.
//
// It does not know what the steps mean (runner.ts does) nor how a table cell's value is
// written (tck-values.ts). It is not a general Gherkin parser: no Rule, no localised
// keywords, no doc-string media types; it refuses what it does not understand rather than
// guessing, so a change in the TCK's shape shows up as an error, not as a lost scenario.
import { readdirSync, readFileSync } from "node:fs";
import { join, sep } from "node:path";

export interface Step {
  /** Given, When, Then, And or But. */
  readonly keyword: string;
  /** The text after the keyword, trimmed. */
  readonly text: string;
  /** 1-based line of the step in its file. */
  readonly line: number;
  readonly docString: string | null;
  /** Rows of cells, header row first; cells are trimmed and unescaped. */
  readonly table: readonly (readonly string[])[] | null;
}

export interface Scenario {
  /** Path of the feature file relative to the features folder, with forward slashes. */
  readonly file: string;
  readonly feature: string;
  /** The scenario's name, placeholders substituted. */
  readonly name: string;
  /** Line of the scenario, or of its example row for an expanded outline. */
  readonly line: number;
  readonly tags: readonly string[];
  /** Background steps first, then the scenario's own. */
  readonly steps: readonly Step[];
  /** For an expanded outline: the row's position (0-based) among all its example rows. */
  readonly exampleIndex: number | null;
}

export interface Feature {
  readonly file: string;
  readonly name: string;
  readonly tags: readonly string[];
  readonly scenarios: readonly Scenario[];
}

interface MutableStep {
  keyword: string;
  text: string;
  line: number;
  docString: string | null;
  table: string[][] | null;
}

interface Block {
  kind: "background" | "scenario" | "outline";
  name: string;
  line: number;
  tags: string[];
  steps: MutableStep[];
  examples: { header: string[]; rows: { cells: string[]; line: number }[] }[];
}

const STEP_RE = /^(Given|When|Then|And|But|\*)\s+(.*)$/;
const SCENARIO_RE = /^(Scenario Outline|Scenario Template|Scenario|Example|Background):\s*(.*)$/;

/** Parse one feature file's text. `file` names it in errors and in the scenarios. */
export function parseFeature(file: string, text: string): Feature {
  const reader = new FeatureReader(file, text.split(/\r?\n/));
  reader.read();
  return reader.feature();
}

/** Reads a feature line by line; each kind of line has its method. */
class FeatureReader {
  readonly #file: string;
  readonly #lines: readonly string[];
  #index = 0;
  #name: string | null = null;
  #featureTags: string[] = [];
  #pendingTags: string[] = [];
  readonly #blocks: Block[] = [];
  #tableOwner: "step" | "examples" | null = null;

  constructor(file: string, lines: readonly string[]) {
    this.#file = file;
    this.#lines = lines;
  }

  read(): void {
    for (; this.#index < this.#lines.length; this.#index++) {
      const line = (this.#lines[this.#index] ?? "").trim();
      if (line === "" || line.startsWith("#")) continue;
      if (line.startsWith("@"))
        this.#pendingTags.push(...line.split(/\s+/).filter((t) => t.startsWith("@")));
      else if (line.startsWith("Feature:")) this.#feature(line);
      else if (SCENARIO_RE.test(line)) this.#header(line);
      else if (/^(Examples|Scenarios):/.test(line)) this.#examples();
      else if (STEP_RE.test(line)) this.#step(line);
      else if (line.startsWith('"""') || line.startsWith("```")) this.#docString();
      else if (line.startsWith("|")) this.#tableRow(line);
      else this.#fail(`unrecognised line: ${line}`);
    }
  }

  feature(): Feature {
    if (this.#name === null) throw new Error(`${this.#file}: no Feature line`);
    const scenarios = expand(this.#file, this.#name, this.#featureTags, this.#blocks);
    return { file: this.#file, name: this.#name, tags: this.#featureTags, scenarios };
  }

  #fail(why: string): never {
    throw new Error(`${this.#file}:${this.#index + 1}: ${why}`);
  }

  #block(): Block {
    return this.#blocks.at(-1) ?? this.#fail("unexpected line outside a scenario");
  }

  #feature(line: string): void {
    this.#name = line.slice("Feature:".length).trim();
    this.#featureTags = this.#pendingTags;
    this.#pendingTags = [];
  }

  #header(line: string): void {
    if (this.#name === null) this.#fail("scenario before the Feature line");
    const [, word = "", name = ""] = SCENARIO_RE.exec(line) ?? [];
    const kind =
      word === "Background" ? "background" : word.startsWith("Scenario ") ? "outline" : "scenario";
    const line1 = this.#index + 1;
    this.#blocks.push({
      kind,
      name: name.trim(),
      line: line1,
      tags: this.#pendingTags,
      steps: [],
      examples: [],
    });
    this.#pendingTags = [];
    this.#tableOwner = null;
  }

  #examples(): void {
    const block = this.#block();
    if (block.kind !== "outline") this.#fail("Examples outside a Scenario Outline");
    block.examples.push({ header: [], rows: [] });
    this.#pendingTags = []; // tags on an Examples table do not concern this harness
    this.#tableOwner = "examples";
  }

  #step(line: string): void {
    const [, keyword = "", text = ""] = STEP_RE.exec(line) ?? [];
    const step = {
      keyword,
      text: text.trim(),
      line: this.#index + 1,
      docString: null,
      table: null,
    };
    this.#block().steps.push(step);
    this.#tableOwner = "step";
  }

  #docString(): void {
    const last = this.#block().steps.at(-1) ?? this.#fail("doc string without a step");
    const { content, endIndex } = readDocString(this.#lines, this.#index, this.#file);
    last.docString = content;
    this.#index = endIndex;
  }

  #tableRow(line: string): void {
    const cells = splitRow(line, this.#file, this.#index + 1);
    const block = this.#block();
    if (this.#tableOwner === "examples") {
      const examples = block.examples.at(-1) ?? this.#fail("table without Examples");
      if (examples.header.length === 0) examples.header = cells;
      else examples.rows.push({ cells, line: this.#index + 1 });
    } else if (this.#tableOwner === "step") {
      const last = block.steps.at(-1) ?? this.#fail("table without a step");
      (last.table ??= []).push(cells);
    } else {
      this.#fail("table without a step");
    }
  }
}

/** Reads a doc string opening at `start`; strips the opening delimiter's indentation. */
function readDocString(
  lines: readonly string[],
  start: number,
  file: string,
): { content: string; endIndex: number } {
  const opening = lines[start] ?? "";
  const indent = opening.length - opening.trimStart().length;
  const fence = opening.trim().slice(0, 3);
  const body: string[] = [];
  for (let j = start + 1; j < lines.length; j++) {
    const raw = lines[j] ?? "";
    if (raw.trim() === fence) return { content: body.join("\n"), endIndex: j };
    // Strip up to `indent` leading whitespace characters, as Gherkin does.
    let cut = 0;
    while (cut < indent && cut < raw.length && /\s/.test(raw[cut] ?? "")) cut++;
    body.push(raw.slice(cut));
  }
  throw new Error(`${file}:${start + 1}: doc string is not closed`);
}

/** Splits `| a | b |` into trimmed cells; `\|`, `\\` and `\n` are Gherkin's cell escapes. */
export function splitRow(line: string, file = "<row>", lineNo = 0): string[] {
  const trimmed = line.trim();
  // A lone `|` is a row without cells: the TCK writes a procedure with no columns so.
  if (trimmed === "|") return [];
  if (!trimmed.startsWith("|") || !trimmed.endsWith("|") || trimmed.length < 2) {
    throw new Error(`${file}:${lineNo}: malformed table row: ${line}`);
  }
  const cells: string[] = [];
  let cell = "";
  for (let i = 1; i < trimmed.length; i++) {
    const ch = trimmed[i] ?? "";
    if (ch === "\\" && i + 1 < trimmed.length) {
      const next = trimmed[i + 1] ?? "";
      if (next === "|" || next === "\\") {
        cell += next;
        i++;
        continue;
      }
      if (next === "n") {
        cell += "\n";
        i++;
        continue;
      }
      cell += ch;
    } else if (ch === "|") {
      cells.push(cell.trim());
      cell = "";
    } else {
      cell += ch;
    }
  }
  if (cell.trim() !== "") throw new Error(`${file}:${lineNo}: table row does not end with |`);
  return cells;
}

function expand(
  file: string,
  feature: string,
  featureTags: readonly string[],
  blocks: readonly Block[],
): Scenario[] {
  const background = blocks.filter((b) => b.kind === "background").flatMap((b) => b.steps);
  const out: Scenario[] = [];
  for (const block of blocks) {
    if (block.kind === "background") continue;
    const tags = [...featureTags, ...block.tags];
    if (block.kind === "scenario") {
      const steps = [...background, ...block.steps].map(freezeStep);
      out.push({
        file,
        feature,
        name: block.name,
        line: block.line,
        tags,
        steps,
        exampleIndex: null,
      });
      continue;
    }
    if (block.examples.length === 0) {
      throw new Error(`${file}:${block.line}: Scenario Outline without Examples`);
    }
    let index = 0;
    for (const examples of block.examples) {
      for (const row of examples.rows) {
        if (row.cells.length !== examples.header.length) {
          throw new Error(
            `${file}:${row.line}: example row has ${row.cells.length} cells, header ${examples.header.length}`,
          );
        }
        const values = new Map(examples.header.map((h, k) => [h, row.cells[k] ?? ""]));
        const sub = (s: string): string => substitute(s, values);
        const steps = [...background, ...block.steps.map((s) => substituteStep(s, sub))];
        out.push({
          file,
          feature,
          name: sub(block.name),
          line: row.line,
          tags,
          steps: steps.map(freezeStep),
          exampleIndex: index++,
        });
      }
    }
  }
  return out;
}

/** Replaces each `<name>` whose name is an example column; other `<…>` text is left alone. */
export function substitute(text: string, values: ReadonlyMap<string, string>): string {
  let out = text;
  for (const [name, value] of values) out = out.replaceAll(`<${name}>`, value);
  return out;
}

function substituteStep(step: MutableStep, sub: (s: string) => string): MutableStep {
  return {
    keyword: step.keyword,
    text: sub(step.text),
    line: step.line,
    docString: step.docString === null ? null : sub(step.docString),
    table: step.table === null ? null : step.table.map((row) => row.map(sub)),
  };
}

function freezeStep(step: MutableStep): Step {
  return Object.freeze({
    keyword: step.keyword,
    text: step.text,
    line: step.line,
    docString: step.docString,
    table: step.table === null ? null : Object.freeze(step.table.map((r) => Object.freeze([...r]))),
  });
}

/** Every feature under `root` (recursively), in path order; `file` is relative to `root`. */
export function loadFeatures(root: string): Feature[] {
  const files = readdirSync(root, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".feature"))
    .map((f) => f.split(sep).join("/"))
    .sort();
  return files.map((f) => parseFeature(f, readFileSync(join(root, f), "utf8")));
}
