// The text of scalar values as Cypher writes them: what toString() returns and what `+`
// appends to a string. Floats follow the JVM's Double.toString, which Cypher users see from
// every other implementation: 1.0 (never "1"), 1.0E10 and 1.0E-4 outside [0.001, 10^7),
// NaN, Infinity. JS and the JVM both print the shortest digits that read back to the same
// double, so only the layout differs.
//
// Lists, maps and graph values have no string form here (toString refuses them), and
// temporal values print through temporal/text-format.ts, so `scalarText` answers null for
// all of them and callers decide (toString prints temporals, `+` refuses them).
import { Float } from "../../store/tagged-values.js";
import type { Value } from "./types.js";

/** A Float's text in the JVM's layout. */
export function formatFloat(x: number): string {
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  if (!Number.isFinite(x)) return Number.isNaN(x) ? "NaN" : x > 0 ? "Infinity" : "-Infinity";
  const abs = Math.abs(x);
  if (abs >= 1e-3 && abs < 1e7) {
    const plain = String(x);
    return plain.includes(".") ? plain : `${plain}.0`;
  }
  const scientific = x.toExponential(); // shortest digits: "1.5e-7", "1e+21"
  const e = scientific.indexOf("e");
  const mantissa = scientific.slice(0, e);
  const exponent = scientific.slice(scientific[e + 1] === "+" ? e + 2 : e + 1);
  return `${mantissa.includes(".") ? mantissa : `${mantissa}.0`}E${exponent}`;
}

/** The text of a string, boolean, Int or Float; null for every other value. */
export function scalarText(v: Value): string | null {
  switch (typeof v) {
    case "string":
      return v;
    case "number":
      return Number.isSafeInteger(v) ? String(v) : formatFloat(v);
    case "bigint":
      return String(v);
    case "boolean":
      return v ? "true" : "false";
  }
  return v instanceof Float ? formatFloat(v.value) : null;
}
