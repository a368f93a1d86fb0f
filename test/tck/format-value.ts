// Prints values in the TCK's table notation for failure reports: what a query returned
// (ResultValue, or whatever an engine handed back) and what a scenario expected
// (TckValue), so the two sides of a mismatch read alike. An Int prints as `1`, a Float as
// `1.0`; a path prints each relationship's direction from its ids.
//
// It does not compare (compare.ts) and its output is for people: anything outside the
// value model prints in a bracketed description rather than failing.
import { inspect } from "node:util";
import { Node, Path, Relationship } from "../../src/store/entities.js";
import { floatOf, isInt, isMap } from "./compare.js";
import { isTemporal, temporalText } from "./tck-temporal.js";
import type { TckNode, TckRelationship, TckValue } from "./tck-values.js";

const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A name as the notation writes it: bare when it can be, else backticked. */
function name(s: string): string {
  return NAME_RE.test(s) ? s : "`" + s.replaceAll("`", "``") + "`";
}

function quote(s: string): string {
  return "'" + s.replaceAll("\\", "\\\\").replaceAll("'", "\\'").replaceAll("\n", "\\n") + "'";
}

function floatText(f: number): string {
  if (Number.isNaN(f)) return "NaN";
  if (f === Infinity) return "Inf";
  if (f === -Infinity) return "-Inf";
  if (Object.is(f, -0)) return "-0.0";
  const s = String(f);
  return /[.eE]/.test(s) ? s : `${s}.0`;
}

function entries(pairs: Iterable<readonly [string, string]>): string {
  const parts = [...pairs].map(([k, v]) => `${name(k)}: ${v}`);
  return `{${parts.join(", ")}}`;
}

/** An actual value in TCK notation. */
export function formatActual(v: unknown): string {
  if (v === null) return "null";
  if (v === undefined) return "<missing>";
  if (typeof v === "boolean" || isInt(v)) return String(v);
  const f = floatOf(v);
  if (f !== null) return floatText(f);
  if (typeof v === "string") return quote(v);
  if (Array.isArray(v)) return `[${v.map(formatActual).join(", ")}]`;
  if (v instanceof Node) return nodeText(v);
  if (v instanceof Relationship) return relationshipText(v);
  if (v instanceof Path) return pathText(v);
  if (isTemporal(v)) return quote(temporalText(v));
  if (isMap(v)) return entries(Object.entries(v).map(([k, x]) => [k, formatActual(x)] as const));
  return `<${inspect(v, { depth: 2, breakLength: Infinity })}>`;
}

function props(p: Readonly<Record<string, unknown>>): string {
  const keys = Object.keys(p);
  if (keys.length === 0) return "";
  return " " + entries(keys.map((k) => [k, formatActual(p[k])] as const));
}

function nodeText(n: Node): string {
  return `(${n.labels.map((l) => `:${name(l)}`).join("")}${props(n.properties)})`.replace(
    "( ",
    "(",
  );
}

function relationshipText(r: Relationship): string {
  return `[:${name(r.type)}${props(r.properties)}]`;
}

function pathText(p: Path): string {
  let out = "<";
  p.nodes.forEach((n, i) => {
    if (i > 0) {
      const r = p.relationships[i - 1];
      const from = p.nodes[i - 1];
      if (r === undefined || from === undefined) out += "-?-";
      else if (r.src === from.id && r.dst === n.id) out += `-${relationshipText(r)}->`;
      else if (r.dst === from.id && r.src === n.id) out += `<-${relationshipText(r)}-`;
      else out += `-${relationshipText(r)}?-`; // not joining its neighbours: an engine bug
    }
    out += nodeText(n);
  });
  return out + ">";
}

/** An expected value in TCK notation (normalised spacing, not the table's raw text). */
export function formatExpected(v: TckValue): string {
  switch (v.kind) {
    case "null":
      return "null";
    case "boolean":
      return String(v.value);
    case "int":
      return v.value.toString();
    case "float":
      return floatText(v.value);
    case "string":
      return quote(v.value);
    case "list":
      return `[${v.items.map(formatExpected).join(", ")}]`;
    case "map":
      return entries([...v.entries].map(([k, x]) => [k, formatExpected(x)] as const));
    case "node":
      return tckNodeText(v);
    case "relationship":
      return tckRelationshipText(v);
    case "path":
      return `<${tckNodeText(v.start)}${v.steps
        .map((s) => {
          const r = tckRelationshipText(s.relationship);
          return (s.direction === "out" ? `-${r}->` : `<-${r}-`) + tckNodeText(s.node);
        })
        .join("")}>`;
  }
}

function tckProps(p: ReadonlyMap<string, TckValue>): string {
  if (p.size === 0) return "";
  return " " + entries([...p].map(([k, x]) => [k, formatExpected(x)] as const));
}

function tckNodeText(n: TckNode): string {
  return `(${n.labels.map((l) => `:${name(l)}`).join("")}${tckProps(n.properties)})`.replace(
    "( ",
    "(",
  );
}

function tckRelationshipText(r: TckRelationship): string {
  return `[:${name(r.type)}${tckProps(r.properties)}]`;
}
