// Writing the graph as two CSV files, one for nodes and one for relationships (not one
// per label or type: a node with several labels belongs in one row). A first pass over the
// entities picks each property key's column type: the one CSV type that carries every
// value of that key exactly (`age:int`, `tags:string[]`), else `json`. The second pass
// writes the rows. Both passes stream; only the columns are kept.
//
//   nodes          :ID,<property columns>,:LABEL        :ID is the database's node id
//   relationships  :START_ID,:END_ID,:TYPE,<property columns>
//
// A key goes to `json` when its values are maps, vectors, binaries, nested or mixed lists,
// durations with no exact text, or of more than one kind (an Int here and a Float there),
// and an array column falls back to `json` when an element's text holds the array
// delimiter or a list is just [""] (its cell would read back as the empty list). A label
// holding the array delimiter cannot be written at all: the export fails and says so.
import type { GraphView, Node, PropertyMap, PropertyValue } from "../index.js";
import { CommandFailure } from "./command-support.js";
import { columnHeader, csvField, scalarText, scalarType, type CsvType } from "./csv-format.js";
import type { FileSink } from "./file-sink.js";

/** A column being chosen: a type (null: only empty lists so far), or json. */
type Slot = { readonly type: CsvType | null; readonly array: boolean } | "json";

export interface PropertyColumn {
  readonly key: string;
  readonly type: CsvType;
  readonly array: boolean;
}

function slotOf(v: PropertyValue, delimiter: string): Slot {
  if (!Array.isArray(v)) {
    const type = scalarType(v);
    return type === null ? "json" : { type, array: false };
  }
  if (v.length === 1 && v[0] === "") return "json";
  let type: CsvType | null = null;
  for (const item of v) {
    const t = scalarType(item);
    if (t === null || (type !== null && t !== type)) return "json";
    if (scalarText(item, t).includes(delimiter)) return "json";
    type = t;
  }
  return { type, array: true };
}

function merge(a: Slot | undefined, b: Slot): Slot {
  if (a === undefined) return b;
  if (a === "json" || b === "json" || a.array !== b.array) return "json";
  if (a.type === null) return b;
  if (b.type === null || a.type === b.type) return a;
  return "json";
}

/** The property columns for these entities, sorted by key. */
export function chooseColumns(
  entities: Iterable<{ readonly properties: Readonly<PropertyMap> }>,
  delimiter: string,
  onEntity?: (e: { readonly properties: Readonly<PropertyMap> }) => void,
): PropertyColumn[] {
  const slots = new Map<string, Slot>();
  for (const e of entities) {
    onEntity?.(e);
    for (const key of Object.keys(e.properties)) {
      const slot = slots.get(key);
      if (slot === "json") continue;
      slots.set(key, merge(slot, slotOf(e.properties[key]!, delimiter)));
    }
  }
  return [...slots.keys()].sort().map((key) => {
    const slot = slots.get(key)!;
    if (slot === "json") return { key, type: "json", array: false };
    return { key, type: slot.type ?? "string", array: slot.array };
  });
}

function cellOf(v: PropertyValue | undefined, c: PropertyColumn, delimiter: string): string | null {
  if (v === undefined) return null;
  if (!c.array) return scalarText(v, c.type);
  const items = v as PropertyValue[];
  return items.map((item) => scalarText(item, c.type)).join(delimiter);
}

function propertyCells(
  props: Readonly<PropertyMap>,
  columns: readonly PropertyColumn[],
  delimiter: string,
): string[] {
  return columns.map((c) =>
    csvField(cellOf(Object.hasOwn(props, c.key) ? props[c.key] : undefined, c, delimiter)),
  );
}

function headerRow(cells: string[]): string {
  return cells.map((c) => csvField(c)).join(",") + "\n";
}

/** Writes the nodes file; `onRow` is called after each row (for progress). */
export function writeNodesCsv(
  view: GraphView,
  sink: FileSink,
  delimiter: string,
  onRow: () => void,
): void {
  const columns = chooseColumns(view.nodes(), delimiter, (e) => {
    for (const label of (e as Node).labels) {
      if (label.includes(delimiter)) {
        throw new CommandFailure(
          `label ${JSON.stringify(label)} holds the array delimiter ${JSON.stringify(delimiter)}: choose another with --array-delimiter, or export JSON Lines`,
        );
      }
    }
  });
  const headers = columns.map((c) => columnHeader(c.key, c.type, c.array));
  sink.write(headerRow([":ID", ...headers, ":LABEL"]));
  for (const n of view.nodes()) {
    const labels = n.labels.length === 0 ? null : n.labels.join(delimiter);
    const cells = [String(n.id), ...propertyCells(n.properties, columns, delimiter)];
    sink.write(`${cells.join(",")},${csvField(labels)}\n`);
    onRow();
  }
}

/** Writes the relationships file; `onRow` is called after each row (for progress). */
export function writeRelationshipsCsv(
  view: GraphView,
  sink: FileSink,
  delimiter: string,
  onRow: () => void,
): void {
  const columns = chooseColumns(view.relationships(), delimiter);
  const headers = columns.map((c) => columnHeader(c.key, c.type, c.array));
  sink.write(headerRow([":START_ID", ":END_ID", ":TYPE", ...headers]));
  for (const r of view.relationships()) {
    const head = `${r.src},${r.dst},${csvField(r.type)}`;
    const cells = propertyCells(r.properties, columns, delimiter);
    sink.write(cells.length === 0 ? `${head}\n` : `${head},${cells.join(",")}\n`);
    onRow();
  }
}
