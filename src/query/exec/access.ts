// Reading into values: `x.key` on nodes, relationships, maps and the tagged kinds that
// have components (temporal values, durations, points), `x[i]` on lists and `x['key']` on
// maps and entities, and `list[from..to]`. null in, null out. Indexes count from the end
// when negative; an index or slice beyond the list gives null or a shorter list, never an
// error. Using these on a value of another kind is a type error, as the TCK expects
// (InvalidArgumentType; MapElementAccessByNonString for a map indexed by a non-string).
import { QueryError } from "../../internal/errors.js";
import { Node, Relationship } from "../../store/entities.js";
import { isTaggedValue } from "../../store/tagged-values.js";
import { componentOf } from "../runtime/index.js";
import { cypherTypeName, isInt, isMap, type Value } from "../runtime/types.js";
import type { ExecContext } from "./context.js";
import { entityProperty } from "./entity.js";

function typeError(message: string, detail = "InvalidArgumentType"): QueryError {
  return new QueryError("TYPE", message, { phase: "runtime", detail });
}

/** `x.key` */
export function propertyOf(obj: Value, key: string, ctx: ExecContext): Value {
  if (obj === null) return null;
  if (obj instanceof Node || obj instanceof Relationship) {
    if (ctx.tx !== null) return entityProperty(obj, key, ctx);
    const props = obj.properties; // a read-only query: the snapshot is current
    return Object.hasOwn(props, key) ? (props[key] as Value) : null;
  }
  if (isMap(obj)) return Object.hasOwn(obj, key) ? obj[key]! : null;
  if (typeof obj === "object" && isTaggedValue(obj)) {
    const c = componentOf(obj, key);
    if (c !== undefined) return c;
  }
  throw typeError(`cannot read property \`${key}\` of a ${cypherTypeName(obj)}`);
}

/** `x[i]` and `x['key']` */
export function indexOf(obj: Value, index: Value, ctx: ExecContext): Value {
  if (obj === null) return null;
  if (Array.isArray(obj)) {
    if (index === null) return null;
    if (!isInt(index))
      throw typeError(`a list index must be an INTEGER, got ${cypherTypeName(index)}`);
    const list = obj as readonly Value[];
    let i = Number(index);
    if (i < 0) i += list.length;
    return i >= 0 && i < list.length ? list[i]! : null;
  }
  if (obj instanceof Node || obj instanceof Relationship || isMap(obj)) {
    if (index === null) return null;
    if (typeof index !== "string") {
      throw typeError(
        `a map key must be a STRING, got ${cypherTypeName(index)}`,
        "MapElementAccessByNonString",
      );
    }
    return propertyOf(obj, index, ctx);
  }
  throw typeError(`cannot index into a ${cypherTypeName(obj)}`);
}

function sliceBound(v: Value, length: number): number {
  if (!isInt(v)) throw typeError(`a slice bound must be an INTEGER, got ${cypherTypeName(v)}`);
  const i = Number(v);
  const from = i < 0 ? i + length : i;
  return Math.min(Math.max(from, 0), length);
}

/** `list[from..to]`; an absent bound is `undefined` (open), a null bound gives null. */
export function sliceOf(obj: Value, from: Value | undefined, to: Value | undefined): Value {
  if (obj === null || from === null || to === null) return null;
  if (!Array.isArray(obj)) throw typeError(`cannot slice a ${cypherTypeName(obj)}`);
  const list = obj as readonly Value[];
  const start = from === undefined ? 0 : sliceBound(from, list.length);
  const end = to === undefined ? list.length : sliceBound(to, list.length);
  return start >= end ? [] : list.slice(start, end);
}
