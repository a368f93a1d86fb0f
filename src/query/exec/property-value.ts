// What a query may store as a property: the scalars, tagged values and lists of the value
// model, with null meaning "no property". Maps, nodes, relationships and paths are not
// property values (the TCK's InvalidPropertyType), neither on their own nor inside a list.
import { QueryError } from "../../internal/errors.js";
import { Node, Path, Relationship } from "../../store/entities.js";
import { isTaggedValue } from "../../store/tagged-values.js";
import type { PropertyMap, PropertyValue } from "../../store/values.js";
import { cypherTypeName, isMap, type Value, type ValueMap } from "../runtime/types.js";

function invalid(key: string, v: Value): QueryError {
  return new QueryError("TYPE", `property \`${key}\` cannot hold a ${cypherTypeName(v)}`, {
    phase: "runtime",
    detail: "InvalidPropertyType",
  });
}

function storable(v: Value): boolean {
  if (typeof v !== "object" || v === null) return true;
  if (v instanceof Node || v instanceof Relationship || v instanceof Path) return false;
  if (Array.isArray(v)) return (v as readonly Value[]).every(storable);
  return isTaggedValue(v);
}

/** The value checked for storing under `key`; null stays null (the caller removes). */
export function propertyValue(key: string, v: Value): PropertyValue {
  if (!storable(v)) throw invalid(key, v);
  return v as PropertyValue;
}

/**
 * A map of properties checked for storing. Null entries stay: the transaction leaves them
 * out when it creates, and copies the map, so no copy is made here.
 */
export function propertyMap(map: ValueMap): PropertyMap {
  for (const key in map) {
    if (Object.hasOwn(map, key) && !storable(map[key]!)) throw invalid(key, map[key]!);
  }
  return map as PropertyMap;
}

/** The properties a value gives to `SET n = v` / `SET n += v`: a map's, or an entity's. */
export function propertiesOfValue(v: Value, what: string): ValueMap | null {
  if (v === null) return null;
  if (v instanceof Node || v instanceof Relationship) return v.properties;
  if (isMap(v)) return v;
  throw new QueryError("TYPE", `${what} needs a map, got ${cypherTypeName(v)}`, {
    phase: "runtime",
    detail: "InvalidArgumentType",
  });
}
