// How the shell writes one result value, in two notations:
//
//   cypherText  for people (table cells, `:params`): Cypher-like. Int `1` and Float `1.0`
//               differ; strings are quoted inside lists and maps ("Ada") and bare as a
//               whole cell; nodes `(:Person {name: "Ada"})`, relationships
//               `[:KNOWS {since: 1833}]`, paths `(:A)-[:R]->(:B)<-[:S]-(:C)`; temporal
//               values as ISO text (2024-02-29, P14M3DT3600.5S); `point({x: 1.0, y: 2.0,
//               srid: 7203})`; `vector([1.5, 2.0], float32)`; `binary(0x0a0b)`. For
//               `:params`, temporal values are the calls that make them
//               (`date("2024-02-29")`), so the listing can be typed back in.
//   jsonText    for programs (`--format json`, csv cells): the exact encoding of the JSON
//               Lines format (value-json.ts: Int vs Float, int64, tagged temporal values),
//               plus three tags for the graph values a query returns:
//               {"$node": {"id", "labels", "properties"}},
//               {"$relationship": {"id", "type", "src", "dst", "properties"}},
//               {"$path": {"nodes": [...], "relationships": [...]}} (entries untagged).
//
// It formats; choosing columns and laying out rows belong to shell-format.ts.
import {
  Float,
  Node,
  Path,
  Relationship,
  isTaggedValue,
  type PropertyMap,
  type PropertyValue,
  type TaggedValue,
} from "../index.js";
import { temporalText } from "./temporal-text.js";
import { encodeValue, floatLiteral } from "./value-json.js";

const IDENTIFIER_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A label, type or key as Cypher writes it: backticks unless it is a plain identifier. */
export function cypherName(name: string): string {
  return IDENTIFIER_RE.test(name) ? name : `\`${name.replaceAll("`", "``")}\``;
}

function floatText(x: number): string {
  return floatLiteral(x) ?? String(x);
}

function bytesHex(segments: readonly Uint8Array[]): string {
  return segments
    .map((s) => Buffer.from(s.buffer, s.byteOffset, s.byteLength).toString("hex"))
    .join("");
}

function mapText(map: Readonly<Record<string, unknown>>, literal = false): string {
  const parts = Object.keys(map).map(
    (k) => `${cypherName(k)}: ${cypherText(map[k], true, literal)}`,
  );
  return `{${parts.join(", ")}}`;
}

function nodeText(n: Node): string {
  const labels = n.labels.map((l) => `:${cypherName(l)}`).join("");
  const props = Object.keys(n.properties).length === 0 ? "" : mapText(n.properties);
  return `(${labels}${labels && props ? " " : ""}${props})`;
}

function relationshipText(r: Relationship): string {
  const props = Object.keys(r.properties).length === 0 ? "" : ` ${mapText(r.properties)}`;
  return `[:${cypherName(r.type)}${props}]`;
}

function pathText(p: Path): string {
  let text = p.nodes[0] === undefined ? "" : nodeText(p.nodes[0]);
  p.relationships.forEach((r, i) => {
    const from = p.nodes[i];
    const to = p.nodes[i + 1];
    const forward = from === undefined || r.src === from.id;
    text += forward ? `-${relationshipText(r)}->` : `<-${relationshipText(r)}-`;
    if (to !== undefined) text += nodeText(to);
  });
  return text;
}

/** The Cypher functions that make each temporal kind from its text. */
const TEMPORAL_FUNCTIONS: Readonly<Record<string, string>> = {
  date: "date",
  localTime: "localtime",
  time: "time",
  localDateTime: "localdatetime",
  dateTime: "datetime",
  duration: "duration",
};

function taggedText(v: TaggedValue, literal: boolean): string {
  switch (v.kind) {
    case "float":
      return floatText(v.value);
    case "date":
    case "localTime":
    case "time":
    case "localDateTime":
    case "dateTime":
    case "duration": {
      const text = temporalText(v);
      if (text === null && v.kind === "duration") {
        return `duration({months: ${v.months}, days: ${v.days}, seconds: ${v.seconds}, nanoseconds: ${v.nanoseconds}})`;
      }
      return literal ? `${TEMPORAL_FUNCTIONS[v.kind]}(${JSON.stringify(text)})` : `${text}`;
    }
    case "point": {
      const z = v.z === undefined ? "" : `, z: ${floatText(v.z)}`;
      return `point({x: ${floatText(v.x)}, y: ${floatText(v.y)}${z}, srid: ${v.srid}})`;
    }
    case "vector": {
      const isFloat = v.elementType.startsWith("float");
      const values = v.values.map((x) => (isFloat ? floatText(Number(x)) : String(x)));
      return `vector([${values.join(", ")}], ${v.elementType})`;
    }
    case "binary":
      return `binary(0x${bytesHex(v.segments)})`;
  }
}

/**
 * A value in Cypher-like notation; `nested` quotes strings (inside lists and maps);
 * `literal` writes temporal values as the calls that make them (`date("2024-02-29")`).
 */
export function cypherText(v: unknown, nested = false, literal = false): string {
  if (v === null || v === undefined) return "null";
  if (typeof v === "string") return nested ? JSON.stringify(v) : v;
  if (typeof v === "boolean" || typeof v === "bigint") return String(v);
  if (typeof v === "number") {
    return Number.isSafeInteger(v) ? String(v === 0 ? 0 : v) : floatText(v);
  }
  if (v instanceof Node) return nodeText(v);
  if (v instanceof Relationship) return relationshipText(v);
  if (v instanceof Path) return pathText(v);
  if (v instanceof Float || isTaggedValue(v)) {
    return taggedText(v, literal);
  }
  if (v instanceof Uint8Array) return `binary(0x${bytesHex([v])})`;
  if (Array.isArray(v)) return `[${v.map((x) => cypherText(x, true, literal)).join(", ")}]`;
  return mapText(v as Record<string, unknown>, literal);
}

// ---- JSON ----------------------------------------------------------------------------

function nodeJson(n: Node): string {
  return `{"id":${n.id},"labels":${JSON.stringify(n.labels)},"properties":${jsonMap(n.properties)}}`;
}

function relationshipJson(r: Relationship): string {
  const head = `{"id":${r.id},"type":${JSON.stringify(r.type)},"src":${r.src},"dst":${r.dst}`;
  return `${head},"properties":${jsonMap(r.properties)}}`;
}

function jsonMap(map: Readonly<Record<string, unknown>>): string {
  const parts = Object.keys(map).map((k) => `${JSON.stringify(k)}:${jsonText(map[k])}`);
  return `{${parts.join(",")}}`;
}

/** The exact JSON text of a result value (see the header for the graph tags). */
export function jsonText(v: unknown): string {
  if (v === undefined) return "null";
  if (v instanceof Node) return `{"$node":${nodeJson(v)}}`;
  if (v instanceof Relationship) return `{"$relationship":${relationshipJson(v)}}`;
  if (v instanceof Path) {
    const nodes = v.nodes.map(nodeJson).join(",");
    const rels = v.relationships.map(relationshipJson).join(",");
    return `{"$path":{"nodes":[${nodes}],"relationships":[${rels}]}}`;
  }
  if (Array.isArray(v)) return `[${v.map(jsonText).join(",")}]`;
  if (typeof v === "object" && v !== null && !isTaggedValue(v)) {
    if (v instanceof Uint8Array) return encodeValue(v);
    const keys = Object.keys(v);
    const body = jsonMap(v as Record<string, unknown>);
    return keys.length === 1 && keys[0]!.startsWith("$") ? `{"$map":${body}}` : body;
  }
  return encodeValue(v as PropertyValue);
}

/** A row as one JSON object, keys in column order. */
export function jsonRow(
  columns: readonly string[],
  row: Readonly<Record<string, unknown>>,
): string {
  return `{${columns.map((c) => `${JSON.stringify(c)}:${jsonText(row[c])}`).join(",")}}`;
}

/** Parameters as a Cypher map literal, for a `:params` line that can be typed back in. */
export function paramsText(params: Readonly<PropertyMap>): string {
  return mapText(params, true);
}
