// TCK values as query input: a parameter table's values (and a test procedure's table)
// turned into the value model's PropertyValue, the way a user would pass them to
// `execute`. An integer is a number when safe, else a bigint; an integral float (1.0,
// -0.0) is a `Float`, any other float a plain number; a map is a plain object.
//
// It does not parse the notation (tck-values.ts) and refuses nodes, relationships and
// paths, which a parameter cannot hold.
import {
  float,
  setMapEntry,
  type PropertyMap,
  type PropertyValue,
} from "../../src/store/values.js";
import type { TckValue } from "./tck-values.js";

export function toPropertyValue(v: TckValue): PropertyValue {
  switch (v.kind) {
    case "null":
      return null;
    case "boolean":
    case "string":
      return v.value;
    case "int":
      return v.value >= BigInt(Number.MIN_SAFE_INTEGER) &&
        v.value <= BigInt(Number.MAX_SAFE_INTEGER)
        ? Number(v.value)
        : v.value;
    case "float":
      return Number.isInteger(v.value) || Object.is(v.value, -0) ? float(v.value) : v.value;
    case "list":
      return v.items.map(toPropertyValue);
    case "map": {
      const out: PropertyMap = {};
      for (const [k, x] of v.entries) setMapEntry(out, k, toPropertyValue(x));
      return out;
    }
    case "node":
    case "relationship":
    case "path":
      throw new Error(`a ${v.kind} cannot be a parameter value`);
  }
}
