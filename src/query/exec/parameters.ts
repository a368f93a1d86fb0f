// Query parameters as runtime values. Parameters are property values (the contract), and
// a query uses them as they are, without copying; this file checks the ones a query uses
// before it runs, so that a value outside the model (undefined, a function, a class
// instance) fails the call with a TypeError instead of misleading the query. A bare
// Uint8Array (a one-segment binary) is the one form the runtime does not take as is: a
// parameter holding one is converted to the value model's canonical copy.
import { isUint8Array } from "node:util/types";
import { fitsI64 } from "../../internal/bytes.js";
import { canonicalValue } from "../../store/canonical.js";
import { describeValue, isTaggedValue } from "../../store/tagged-values.js";
import { MAX_VALUE_DEPTH, isPlainMap } from "../../store/values.js";
import type { Value } from "../runtime/types.js";

/** "ok", "binary" (holds a Uint8Array somewhere), or the offending value's description. */
function inspect(v: unknown, depth: number): string {
  switch (typeof v) {
    case "string":
    case "boolean":
    case "number":
      return "ok";
    case "bigint":
      return fitsI64(v) ? "ok" : `${v}, an integer outside 64 bits`;
    case "object":
      break;
    default:
      return describeValue(v);
  }
  if (v === null || isTaggedValue(v)) return "ok";
  if (depth >= MAX_VALUE_DEPTH) return `a value nested deeper than ${MAX_VALUE_DEPTH}`;
  let found = "ok";
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const r = inspect(v[i], depth + 1);
      if (r === "binary") found = r;
      else if (r !== "ok") return r;
    }
    return found;
  }
  if (isUint8Array(v)) return "binary";
  if (!isPlainMap(v)) return describeValue(v);
  for (const key in v) {
    if (!Object.hasOwn(v, key)) continue;
    const r = inspect((v as Record<string, unknown>)[key], depth + 1);
    if (r === "binary") found = r;
    else if (r !== "ok") return r;
  }
  return found;
}

/** The parameters a query uses, checked; the others are not looked at. */
export function queryParameters(
  params: Record<string, unknown>,
  used: ReadonlySet<string>,
): Record<string, Value> {
  let out: Record<string, unknown> | null = null;
  for (const name of used) {
    const r = inspect(params[name], 0);
    if (r === "ok") continue;
    if (r !== "binary") {
      throw new TypeError(`query parameter \`${name}\` holds ${r}, which is not a property value`);
    }
    out ??= { ...params };
    out[name] = canonicalValue(params[name]);
  }
  return (out ?? params) as Record<string, Value>;
}
