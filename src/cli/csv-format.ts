// The CSV format's headers and cells, in the style of `neo4j-admin import`: a header names
// each column and its type (`name`, `age:int`, `tags:string[]`, `:ID`, `:LABEL`,
// `:START_ID`, `:END_ID`, `:TYPE`, `:IGNORE`), and each cell is text read by its column's
// type. docs/import-export.md, "CSV", is the spec.
//
// Cells: an empty unquoted cell is no property; a quoted empty cell `""` is the empty
// string in a `string` column and the empty list in an array column (and no property in
// the others). Arrays are split on the array delimiter (default ";"), with no escaping, so
// the exporter only types a column as an array when no element holds the delimiter.
// Values CSV cannot carry typed (maps, nested or mixed lists, vectors, binaries, a key
// holding values of several kinds) go in `json` columns, in value-json.ts's encoding.
//
// It does not tokenize (csv-parse.ts) nor decide export columns (csv-export.ts).
import { Float, isTaggedValue, point, type PointValue, type PropertyValue } from "../index.js";
import { parseTemporal, temporalText } from "./temporal-text.js";
import { encodeValue, floatValue, parseValue } from "./value-json.js";

/** The types a column can have; lower case here, case-insensitive in headers. */
export type CsvType =
  | "string"
  | "int"
  | "float"
  | "boolean"
  | "date"
  | "localtime"
  | "time"
  | "localdatetime"
  | "datetime"
  | "duration"
  | "point"
  | "json";

/** Synonyms read in headers, for files written for neo4j-admin. */
const TYPE_NAMES = new Map<string, CsvType>([
  ["string", "string"],
  ["char", "string"],
  ["int", "int"],
  ["long", "int"],
  ["short", "int"],
  ["byte", "int"],
  ["float", "float"],
  ["double", "float"],
  ["boolean", "boolean"],
  ["date", "date"],
  ["localtime", "localtime"],
  ["time", "time"],
  ["localdatetime", "localdatetime"],
  ["datetime", "datetime"],
  ["duration", "duration"],
  ["point", "point"],
  ["json", "json"],
]);

export type Column =
  | { readonly role: "id"; readonly group: string; readonly key: string | null }
  | { readonly role: "label" | "type" | "ignore" }
  | { readonly role: "start" | "end"; readonly group: string }
  | {
      readonly role: "property";
      readonly key: string;
      readonly type: CsvType;
      readonly array: boolean;
    };

const ID_RE = /^(ID|START_ID|END_ID)(?:\((.*)\))?$/;

/** One header cell as a column. Throws an Error naming the cell when it makes no sense. */
export function parseColumn(cell: string): Column {
  const colon = cell.lastIndexOf(":");
  if (colon < 0) {
    if (cell === "") throw new Error("a header cell is empty");
    return { role: "property", key: cell, type: "string", array: false };
  }
  const name = cell.slice(0, colon);
  const spec = cell.slice(colon + 1);
  const id = ID_RE.exec(spec);
  if (id !== null) {
    const group = id[2] ?? "";
    if (id[1] === "ID") return { role: "id", group, key: name === "" ? null : name };
    if (name !== "") throw new Error(`"${cell}": :${id[1]} takes no name`);
    return { role: id[1] === "START_ID" ? "start" : "end", group };
  }
  if (spec === "LABEL" || spec === "TYPE" || spec === "IGNORE") {
    if (name !== "" && spec !== "IGNORE") throw new Error(`"${cell}": :${spec} takes no name`);
    return { role: spec === "LABEL" ? "label" : spec === "TYPE" ? "type" : "ignore" };
  }
  const array = spec.endsWith("[]");
  const type = TYPE_NAMES.get((array ? spec.slice(0, -2) : spec).toLowerCase());
  if (type === undefined) {
    throw new Error(
      `"${cell}": unknown type "${spec}" (a property key with ":" in it needs an explicit type, e.g. "${cell}:string")`,
    );
  }
  if (name === "") throw new Error(`"${cell}": a property column needs a name`);
  if (array && type === "json") throw new Error(`"${cell}": json columns cannot be arrays`);
  return { role: "property", key: name, type, array };
}

/** The header cell of a property column. */
export function columnHeader(key: string, type: CsvType, array: boolean): string {
  return `${key}:${type}${array ? "[]" : ""}`;
}

// ---- cells to values --------------------------------------------------------------------

const INT_RE = /^[+-]?\d+$/;
const FLOAT_RE = /^[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|NaN|Infinity)$/;

/** The value of a non-empty cell text of one scalar type. */
function scalarOf(type: CsvType, raw: string): PropertyValue {
  const text = type === "string" || type === "json" ? raw : raw.trim();
  switch (type) {
    case "string":
      return text;
    case "int": {
      if (!INT_RE.test(text)) throw new Error(`${JSON.stringify(raw)} is not an integer`);
      const big = BigInt(text);
      return Number.isSafeInteger(Number(big)) ? Number(big) : big;
    }
    case "float":
      if (!FLOAT_RE.test(text) || text === "-NaN" || text === "+NaN") {
        throw new Error(`${JSON.stringify(raw)} is not a float`);
      }
      return floatValue(Number(text));
    case "boolean": {
      const lower = text.toLowerCase();
      if (lower !== "true" && lower !== "false") {
        throw new Error(`${JSON.stringify(raw)} is not true or false`);
      }
      return lower === "true";
    }
    case "date":
      return parseTemporal("date", text);
    case "localtime":
      return parseTemporal("localTime", text);
    case "time":
      return parseTemporal("time", text);
    case "localdatetime":
      return parseTemporal("localDateTime", text);
    case "datetime":
      return parseTemporal("dateTime", text);
    case "duration":
      return parseTemporal("duration", text);
    case "point":
      return parsePointText(text);
    case "json":
      return parseValue(text);
  }
}

/**
 * A cell's value, or undefined for no property. `cell` is null for an empty unquoted
 * cell and "" for a quoted empty one.
 */
export function cellValue(
  cell: string | null,
  type: CsvType,
  array: boolean,
  arrayDelimiter: string,
): PropertyValue | undefined {
  if (cell === null) return undefined;
  if (cell === "") {
    if (array) return [];
    return type === "string" ? "" : undefined;
  }
  if (!array) return scalarOf(type, cell);
  return cell.split(arrayDelimiter).map((item) => {
    if (item === "" && type !== "string") throw new Error(`an empty ${type} array element`);
    return scalarOf(type, item);
  });
}

// ---- values to cells --------------------------------------------------------------------

/** The CSV type whose text carries `v` exactly, or null (then it needs a json column). */
export function scalarType(v: PropertyValue): CsvType | null {
  switch (typeof v) {
    case "string":
      return "string";
    case "boolean":
      return "boolean";
    case "bigint":
      return "int";
    case "number":
      return Number.isSafeInteger(v) ? "int" : "float";
  }
  if (v === null || !isTaggedValue(v)) return null;
  switch (v.kind) {
    case "float":
      return "float";
    case "date":
    case "time":
    case "point":
      return v.kind;
    case "localTime":
      return "localtime";
    case "localDateTime":
      return "localdatetime";
    case "dateTime":
      return "datetime";
    case "duration":
      return temporalText(v) === null ? null : "duration";
    default:
      return null;
  }
}

function floatText(x: number): string {
  return Object.is(x, -0) ? "-0" : String(x);
}

/** The text of a value in a column of `type`; `scalarType(v)` must be `type` (or json). */
export function scalarText(v: PropertyValue, type: CsvType): string {
  if (type === "json") return encodeValue(v);
  if (typeof v === "string") return v;
  if (typeof v === "number") return Number.isSafeInteger(v) ? String(v) : floatText(v);
  if (typeof v === "bigint" || typeof v === "boolean") return String(v);
  if (v instanceof Float) return floatText(v.value);
  if (v === null || !isTaggedValue(v)) return encodeValue(v);
  switch (v.kind) {
    case "date":
    case "localTime":
    case "time":
    case "localDateTime":
    case "dateTime":
    case "duration":
      // Only a duration may have no text: then its column is json (see scalarType).
      return temporalText(v) ?? encodeValue(v);
    case "point":
      return pointText(v);
    default:
      return encodeValue(v);
  }
}

/** A field as it goes in the file: quoted when it must be; null is the empty field. */
export function csvField(text: string | null, delimiter = ","): string {
  if (text === null) return "";
  if (text === "") return '""';
  const needsQuotes =
    text.includes(delimiter) || text.includes('"') || text.includes("\n") || text.includes("\r");
  return needsQuotes ? `"${text.replaceAll('"', '""')}"` : text;
}

// ---- points -----------------------------------------------------------------------------

const CRS_SRIDS = new Map([
  ["cartesian", 7203],
  ["cartesian-3d", 9157],
  ["wgs-84", 4326],
  ["wgs-84-3d", 4979],
]);
const POINT_KEYS = new Map([
  ["x", "x"],
  ["y", "y"],
  ["z", "z"],
  ["longitude", "x"],
  ["latitude", "y"],
  ["height", "z"],
]);

/** `{x:1.5, y:2.0, srid:7203}`, with `z` for 3D points (neo4j's map syntax). */
export function pointText(p: PointValue): string {
  const z = p.z === undefined ? "" : `, z:${floatText(p.z)}`;
  return `{x:${floatText(p.x)}, y:${floatText(p.y)}${z}, srid:${p.srid}}`;
}

/**
 * A point from neo4j's map syntax: keys x, y, z (or longitude, latitude, height), and srid
 * or crs ('cartesian', 'cartesian-3d', 'WGS-84', 'WGS-84-3d'; default: cartesian or
 * cartesian-3d by dimension, WGS-84 or WGS-84-3d when given longitude/latitude).
 */
export function parsePointText(text: string): PointValue {
  const bad = (why: string): Error => new Error(`${JSON.stringify(text)} is not a point: ${why}`);
  const body = /^\{(.*)\}$/s.exec(text.trim());
  if (body === null) throw bad("expected {x:..., y:..., srid:...}");
  const coords: Record<string, number> = {};
  let srid: number | undefined;
  let geographic = false;
  for (const part of body[1]!.split(",")) {
    const m = /^\s*([A-Za-z]+)\s*:\s*(.*?)\s*$/s.exec(part);
    if (m === null) throw bad(`cannot read ${JSON.stringify(part.trim())}`);
    const key = m[1]!.toLowerCase();
    const value = m[2]!;
    if (key === "srid") {
      if (!INT_RE.test(value)) throw bad("srid must be an integer");
      srid = Number(value);
    } else if (key === "crs") {
      srid = CRS_SRIDS.get(value.replace(/^['"]|['"]$/g, "").toLowerCase());
      if (srid === undefined) throw bad(`unknown crs ${value}`);
    } else {
      const axis = POINT_KEYS.get(key);
      if (axis === undefined) throw bad(`unknown key ${key}`);
      if (!FLOAT_RE.test(value)) throw bad(`${key} is not a number`);
      geographic ||= key !== axis;
      coords[axis] = Number(value);
    }
  }
  const { x, y, z } = coords;
  if (x === undefined || y === undefined) throw bad("x and y are required");
  const dims3 = z !== undefined;
  srid ??= geographic ? (dims3 ? 4979 : 4326) : dims3 ? 9157 : 7203;
  return dims3 ? point({ x, y, z, srid }) : point({ x, y, srid });
}
