// The JSON Lines format: one node or relationship per line, values in the exact encoding of
// value-json.ts. docs/import-export.md, "JSON Lines", is the spec:
//
//   {"type":"node","id":0,"labels":["Person"],"properties":{"name":"Ada","born":{"$date":"1815-12-10"}}}
//   {"type":"relationship","id":0,"src":0,"dst":1,"label":"KNOWS","properties":{"since":1833}}
//
// A node's "id" is the key relationships use for it in "src" and "dst" (an integer or a
// string, compared as text); the database gives the node its own id. A relationship's "id"
// is informational and ignored on import. "labels" and "properties" may be left out. Keys
// not listed are refused, so a misspelt "lables" is an error rather than a lost label.
// This file turns one line into an ImportItem and one graph entity into one line; reading
// files and committing batches belong to line-reader.ts and import-batches.ts.
import type { Node, PropertyMap, Relationship } from "../index.js";
import { nodeKey, type ImportItem, type NodeKey } from "./import-batches.js";
import { parseJson, type JsonObject, type JsonValue } from "./json-parse.js";
import { decodeMap, encodeMap } from "./value-json.js";

const NODE_KEYS = ["type", "id", "labels", "properties"];
const RELATIONSHIP_KEYS = ["type", "id", "src", "dst", "label", "properties"];

export function nodeLine(n: Node): string {
  const labels = JSON.stringify(n.labels);
  return `{"type":"node","id":${n.id},"labels":${labels},"properties":${encodeMap(n.properties)}}`;
}

export function relationshipLine(r: Relationship): string {
  const head = `{"type":"relationship","id":${r.id},"src":${r.src},"dst":${r.dst}`;
  return `${head},"label":${JSON.stringify(r.type)},"properties":${encodeMap(r.properties)}}`;
}

/** One line as an import item; throws an Error whose message names what is wrong. */
export function decodeLine(text: string): ImportItem {
  const j = parseJson(text);
  if (typeof j !== "object" || j === null || Array.isArray(j) || !isObject(j)) {
    throw new Error("a line must be a JSON object");
  }
  const type = j["type"];
  if (type === "node") {
    onlyKeys(j, NODE_KEYS, "node");
    return {
      kind: "node",
      key: j["id"] === undefined ? null : idKey("id", j["id"]),
      labels: labelsOf(j["labels"]),
      properties: propertiesOf(j["properties"]),
    };
  }
  if (type === "relationship") {
    onlyKeys(j, RELATIONSHIP_KEYS, "relationship");
    if (j["id"] !== undefined) idKey("id", j["id"]);
    const label = j["label"];
    if (typeof label !== "string") throw new Error(`relationship needs a string "label"`);
    return {
      kind: "relationship",
      src: idKey("src", required(j, "src")),
      dst: idKey("dst", required(j, "dst")),
      type: label,
      properties: propertiesOf(j["properties"]),
    };
  }
  throw new Error(`"type" must be "node" or "relationship", got ${describe(type)}`);
}

function isObject(j: JsonValue): j is JsonObject {
  return (
    typeof j === "object" && j !== null && !Array.isArray(j) && Object.getPrototypeOf(j) === null
  );
}

function describe(j: JsonValue | undefined): string {
  if (j === undefined) return "nothing";
  return typeof j === "bigint" ? j.toString() : JSON.stringify(j);
}

function onlyKeys(j: JsonObject, allowed: readonly string[], what: string): void {
  for (const k of Object.keys(j)) {
    if (!allowed.includes(k)) throw new Error(`${what} has an unknown key ${JSON.stringify(k)}`);
  }
}

function required(j: JsonObject, key: string): JsonValue {
  const v = j[key];
  if (v === undefined) throw new Error(`relationship needs "${key}"`);
  return v;
}

/** Ids are compared as text: 7 and "7" name the same node. */
function idKey(what: string, v: JsonValue): NodeKey {
  if (typeof v === "string") return nodeKey(v);
  if (typeof v === "number" && Number.isSafeInteger(v)) return v;
  if (typeof v === "bigint") return String(v);
  throw new Error(`"${what}" must be an integer or a string, got ${describe(v)}`);
}

function labelsOf(v: JsonValue | undefined): string[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new Error(`"labels" must be an array of strings`);
  return v.map((l) => {
    if (typeof l !== "string") throw new Error(`"labels" must be an array of strings`);
    return l;
  });
}

function propertiesOf(v: JsonValue | undefined): PropertyMap {
  if (v === undefined) return {};
  if (!isObject(v)) throw new Error(`"properties" must be an object`);
  return decodeMap(v);
}
