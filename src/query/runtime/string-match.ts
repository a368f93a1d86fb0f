// The string predicates STARTS WITH, ENDS WITH, CONTAINS and list membership IN.
//
// The string predicates are null unless both operands are strings: the TCK runs every pair
// of [1, 3.14, true, [], {}, null] through each of them and expects null 36 times, so a
// non-string is "unknown", not a type error. Matching is by exact UTF-16 content (no case
// folding or normalisation); the empty string starts, ends and is contained in every string.
//
// IN is three-valued like `=`: true if some element equals the value, otherwise null if some
// comparison was null (`2 IN [1, null]`, `null IN [1]`), otherwise false (`null IN []` is
// false). Regular expressions (`=~`) live elsewhere.
import { operandTypeError } from "./errors.js";
import { equals } from "./equality.js";
import type { Value } from "./types.js";
import { cypherTypeName } from "./types.js";

/** `s STARTS WITH prefix`. */
export function startsWith(s: Value, prefix: Value): boolean | null {
  return typeof s === "string" && typeof prefix === "string" ? s.startsWith(prefix) : null;
}

/** `s ENDS WITH suffix`. */
export function endsWith(s: Value, suffix: Value): boolean | null {
  return typeof s === "string" && typeof suffix === "string" ? s.endsWith(suffix) : null;
}

/** `s CONTAINS part`. */
export function contains(s: Value, part: Value): boolean | null {
  return typeof s === "string" && typeof part === "string" ? s.includes(part) : null;
}

/** `v IN list`; a list operand that is not a list (nor null) is a type error. */
export function listContains(list: Value, v: Value): boolean | null {
  if (list === null) return null;
  if (!Array.isArray(list)) {
    throw operandTypeError(`IN needs a list on its right, got a ${cypherTypeName(list)}`);
  }
  const items = list as readonly Value[];
  // Fast path for the common scalar case: one strict comparison per element.
  if (typeof v === "string" || (typeof v === "number" && Number.isSafeInteger(v))) {
    let unknown = false;
    for (let i = 0; i < items.length; i++) {
      const item = items[i] as Value;
      if (item === v) return true;
      if (item === null) unknown = true;
      else if (typeof item === "object" || typeof item === "bigint") {
        // An integral Float equal to an Int (1 IN [1.0]) takes the general path.
        const eq = equals(v, item);
        if (eq === true) return true;
        if (eq === null) unknown = true;
      }
    }
    return unknown ? null : false;
  }
  let unknown = false;
  for (let i = 0; i < items.length; i++) {
    const eq = equals(v, items[i] as Value);
    if (eq === true) return true;
    if (eq === null) unknown = true;
  }
  return unknown ? null : false;
}
