// A CSV node or relationship file as an import source: the header's columns (csv-format.ts)
// and then one item per record, streamed. A node file has an optional `:ID` column (its
// value is the key relationship files use, within its id group: `:ID(Person)` pairs with
// `:START_ID(Person)`; `name:ID` also stores the id as the string property `name`), `:LABEL`
// columns and property columns. A relationship file needs `:START_ID`, `:END_ID` and
// `:TYPE` columns. A header that makes no sense is one bad line that rejects its file.
import type { PropertyMap, PropertyValue } from "../index.js";
import { cellValue, parseColumn, type Column } from "./csv-format.js";
import { CsvParser, type CsvRow } from "./csv-parse.js";
import {
  nodeKey,
  type ImportItem,
  type NodeKey,
  type Source,
  type SourceEntry,
} from "./import-batches.js";
import type { TextStream } from "./line-reader.js";

export type CsvFileKind = "nodes" | "relationships";

const NODE_ROLES = new Set(["id", "label", "ignore", "property"]);
const RELATIONSHIP_ROLES = new Set(["start", "end", "type", "ignore", "property"]);

/** The key of a node id within its id group, as the batch importer's map uses it. */
function keyOf(group: string, id: string): NodeKey {
  return group === "" ? nodeKey(id) : `${group}\u0000${id}`;
}

export function parseHeader(fields: readonly (string | null)[], kind: CsvFileKind): Column[] {
  const columns = fields.map((f) => parseColumn(f ?? ""));
  const allowed = kind === "nodes" ? NODE_ROLES : RELATIONSHIP_ROLES;
  const keys = new Set<string>();
  const count = (role: string): number => columns.filter((c) => c.role === role).length;
  for (const c of columns) {
    if (!allowed.has(c.role)) {
      throw new Error(`a ${kind} file cannot have a :${c.role.toUpperCase()} column`);
    }
    const key = c.role === "property" ? c.key : c.role === "id" ? c.key : null;
    if (key !== null) {
      if (keys.has(key)) throw new Error(`property ${JSON.stringify(key)} has two columns`);
      keys.add(key);
    }
  }
  if (kind === "nodes" && count("id") > 1) throw new Error("a nodes file has one :ID column");
  if (kind === "relationships") {
    for (const role of ["start", "end", "type"]) {
      if (count(role) !== 1) {
        throw new Error(
          `a relationships file needs one :${role === "start" ? "START_ID" : role === "end" ? "END_ID" : "TYPE"} column`,
        );
      }
    }
  }
  return columns;
}

/** One record's item; throws an Error naming the bad cell. */
export function recordItem(
  columns: readonly Column[],
  fields: readonly (string | null)[],
  kind: CsvFileKind,
  arrayDelimiter: string,
): ImportItem {
  if (fields.length !== columns.length) {
    throw new Error(`the record has ${fields.length} fields, the header ${columns.length}`);
  }
  const properties: PropertyMap = Object.create(null) as PropertyMap;
  const labels: string[] = [];
  let key: NodeKey | null = null;
  let start: NodeKey = "";
  let end: NodeKey = "";
  let type = "";
  columns.forEach((c, i) => {
    const cell = fields[i]!;
    switch (c.role) {
      case "property": {
        let v: PropertyValue | undefined;
        try {
          v = cellValue(cell, c.type, c.array, arrayDelimiter);
        } catch (err) {
          throw new Error(`column ${JSON.stringify(c.key)}: ${(err as Error).message}`);
        }
        if (v !== undefined) properties[c.key] = v;
        return;
      }
      case "label":
        if (cell !== null) labels.push(...cell.split(arrayDelimiter).filter((l) => l !== ""));
        return;
      case "id":
        key = keyOf(c.group, required(cell, ":ID"));
        if (c.key !== null) properties[c.key] = cell;
        return;
      case "start":
        start = keyOf(c.group, required(cell, ":START_ID"));
        return;
      case "end":
        end = keyOf(c.group, required(cell, ":END_ID"));
        return;
      case "type":
        type = required(cell, ":TYPE");
        return;
    }
  });
  return kind === "nodes"
    ? { kind: "node", key, labels, properties }
    : { kind: "relationship", src: start, dst: end, type, properties };
}

function required(cell: string | null, what: string): string {
  if (cell === null || cell === "") throw new Error(`${what} is empty`);
  return cell;
}

/** Turns parsed rows into entries; the first row is the header. */
class RowReader {
  columns: Column[] | null = null;
  /** Set when the header is bad: the rest of the file cannot be read. */
  headerBad = false;
  readonly #kind: CsvFileKind;
  readonly #arrayDelimiter: string;

  constructor(kind: CsvFileKind, arrayDelimiter: string) {
    this.#kind = kind;
    this.#arrayDelimiter = arrayDelimiter;
  }

  entries(rows: readonly CsvRow[]): SourceEntry[] {
    const entries: SourceEntry[] = [];
    for (const row of rows) {
      if (this.columns === null) {
        const error = row.error ?? this.#header(row.fields);
        if (error === null) continue;
        entries.push({ line: row.line, error: `header: ${error}` });
        this.headerBad = true;
        return entries;
      }
      if (row.error !== undefined) {
        entries.push(row);
        continue;
      }
      try {
        const item = recordItem(this.columns, row.fields, this.#kind, this.#arrayDelimiter);
        entries.push({ line: row.line, item });
      } catch (err) {
        entries.push({ line: row.line, error: (err as Error).message });
      }
    }
    return entries;
  }

  #header(fields: readonly (string | null)[]): string | null {
    try {
      this.columns = parseHeader(fields, this.#kind);
      return null;
    } catch (err) {
      return (err as Error).message;
    }
  }
}

export function csvSource(
  file: string,
  text: TextStream,
  kind: CsvFileKind,
  arrayDelimiter: string,
): Source {
  return {
    file,
    async *entries(): AsyncGenerator<SourceEntry[]> {
      const parser = new CsvParser();
      const reader = new RowReader(kind, arrayDelimiter);
      for await (const chunk of text.chunks) {
        yield reader.entries(parser.feed(chunk));
        if (reader.headerBad) return;
      }
      yield reader.entries(parser.end());
      if (reader.columns === null && !reader.headerBad) {
        yield [{ line: 1, error: "the file is empty: it needs a header line" }];
      }
    },
  };
}
