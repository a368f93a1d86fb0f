// The parsed form of a pattern: what the parser produces and the compiler consumes. There
// are no capture groups (`=~` only asks whether the whole text matches) and no laziness
// (greedy and lazy accept the same texts), so a group is just its contents and every
// quantifier is a plain repetition. Flags are already applied: case folding has widened
// the character sets and line modes have picked the assertion kinds.
import { CharSet } from "./char-set.js";

/** Zero-width tests; see assertions.ts for what each means. */
export type AssertionKind =
  | "textStart"
  | "textEnd"
  | "textEndOrFinalTerminator"
  | "textEndOrFinalNewline"
  | "lineStart"
  | "lineStartUnix"
  | "lineEnd"
  | "lineEndUnix"
  | "wordBoundary"
  | "notWordBoundary"
  | "unicodeWordBoundary"
  | "notUnicodeWordBoundary"
  | "nextNotIn";

export type Node =
  | { readonly type: "empty" }
  | { readonly type: "chars"; readonly set: CharSet }
  | { readonly type: "assert"; readonly kind: AssertionKind; readonly set?: CharSet }
  | { readonly type: "concat"; readonly items: readonly Node[] }
  | { readonly type: "alt"; readonly items: readonly Node[] }
  | {
      readonly type: "repeat";
      readonly item: Node;
      readonly min: number;
      /** Infinity when unbounded. */
      readonly max: number;
    };

export const EMPTY: Node = { type: "empty" };

export function chars(set: CharSet): Node {
  return { type: "chars", set };
}

export function concat(items: readonly Node[]): Node {
  const flat = items.flatMap((n) =>
    n.type === "concat" ? n.items : n.type === "empty" ? [] : [n],
  );
  if (flat.length === 0) return EMPTY;
  return flat.length === 1 ? flat[0]! : { type: "concat", items: flat };
}

export function alt(items: readonly Node[]): Node {
  return items.length === 1 ? items[0]! : { type: "alt", items };
}

/** The set of characters when `node` always consumes exactly one of them, else null. */
export function singleCharSet(node: Node): CharSet | null {
  if (node.type === "chars") return node.set;
  if (node.type !== "alt") return null;
  const pairs: number[] = [];
  for (const item of node.items) {
    const s = singleCharSet(item);
    if (s === null) return null;
    for (const bound of s.ranges) pairs.push(bound);
  }
  return CharSet.fromPairs(pairs);
}

/** How many characters every match of `node` consumes, or null when that varies. */
export function fixedLength(node: Node): number | null {
  switch (node.type) {
    case "empty":
    case "assert":
      return 0;
    case "chars":
      return 1;
    case "concat": {
      let total = 0;
      for (const item of node.items) {
        const n = fixedLength(item);
        if (n === null) return null;
        total += n;
      }
      return total;
    }
    case "alt": {
      const lengths = new Set(node.items.map(fixedLength));
      const [only] = lengths;
      return lengths.size === 1 && only !== undefined ? only : null;
    }
    case "repeat": {
      const n = fixedLength(node.item);
      if (n === 0) return 0;
      return n !== null && node.min === node.max ? n * node.min : null;
    }
  }
}
