// Removes anchors that cannot change the answer because `=~` matches the whole text: a
// \A or non-multiline ^ that can only be reached at position 0, and an end assertion
// ($, \Z, \z, multiline $) that nothing consumable can follow, since the match must end at
// the end of the text anyway (where all of them hold; Java's $ also holds before a final
// line terminator, but then that terminator would be left unconsumed). Users write ^…$
// out of habit; dropping them keeps such patterns on the fast paths (exact literal, DFA
// without end-of-text handling). Multiline ^ stays: Java refuses it on an empty text.
import type { AssertionKind, Node } from "./ast.js";
import { alt, concat, fixedLength } from "./ast.js";

const END_KINDS = new Set<AssertionKind>([
  "textEnd",
  "textEndOrFinalTerminator",
  "textEndOrFinalNewline",
  "lineEnd",
  "lineEndUnix",
  "nextNotIn", // left by a trailing possessive quantifier: nothing follows at the end
]);

type Side = "start" | "end";

function isEdgeAnchor(node: Node, side: Side): boolean {
  if (node.type !== "assert") return false;
  return side === "start" ? node.kind === "textStart" : END_KINDS.has(node.kind);
}

/** `node` with the anchors on `side` removed, where that side is the edge of the text. */
function trim(node: Node, side: Side): Node {
  if (isEdgeAnchor(node, side)) return { type: "empty" };
  if (node.type === "alt") return alt(node.items.map((item) => trim(item, side)));
  if (node.type !== "concat") return node; // a repetition's body also sits mid-text
  const items = [...node.items];
  const step = side === "start" ? 1 : -1;
  // Zero-width items keep us at the edge; the first item that consumes ends the walk.
  for (let i = side === "start" ? 0 : items.length - 1; i >= 0 && i < items.length; i += step) {
    const item = items[i]!;
    items[i] = trim(item, side);
    if (fixedLength(item) !== 0) break;
  }
  return items.every((item, i) => item === node.items[i]) ? node : concat(items);
}

export function dropEdgeAnchors(root: Node): Node {
  return trim(trim(root, "start"), "end");
}
