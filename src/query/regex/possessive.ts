// Possessive quantifiers (a*+) and atomic groups ((?>…)) never give back what they
// consumed, so unlike lazy quantifiers they change which texts match: a*+a matches nothing.
// In general that needs backtracking, so only the cases with an exact automaton rewrite are
// accepted and the rest are refused as unsupported rather than silently approximated:
//   - a body that always consumes the same number of characters can only end in one place,
//     so committing to it changes nothing: (?>abc) ≡ abc, (?:ab|cd){3}+ ≡ (?:ab|cd){3};
//   - a body that consumes nothing is the same greedy or possessive;
//   - a one-character body S repeated possessively stops exactly when the next character is
//     not in S (or at the maximum count): S{n,m}+ ≡ S{n,m-1}(?!S) | S{m}, and S*+ ≡ S*(?!S),
//     where (?!S) is the one-character "next not in S" assertion the automaton supports.
import { alt, concat, fixedLength, singleCharSet, type Node } from "./ast.js";
import type { Cursor } from "./cursor.js";

export function repeat(item: Node, min: number, max: number): Node {
  if (min === 1 && max === 1) return item;
  if (item.type === "empty" || max === 0) return { type: "empty" };
  return { type: "repeat", item, min, max };
}

/** `item{min,max}+`; `at` is the quantifier's position, for the error. */
export function possessiveRepeat(
  cur: Cursor,
  item: Node,
  min: number,
  max: number,
  at: number,
): Node {
  const plain = repeat(item, min, max);
  if (min === max || fixedLength(item) === 0) return atomic(cur, plain, at);
  const set = singleCharSet(item);
  if (set === null) {
    throw cur.unsupported("possessive quantifier on an expression longer than one character", at);
  }
  const stop: Node = { type: "assert", kind: "nextNotIn", set };
  if (max === Infinity) return concat([plain, stop]);
  return alt([concat([repeat(item, min, max - 1), stop]), repeat(item, max, max)]);
}

/** `(?>body)`; `at` is the group's position, for the error. */
export function atomic(cur: Cursor, body: Node, at: number): Node {
  if (fixedLength(body) !== null) return body;
  if (body.type === "repeat" && singleCharSet(body.item) !== null) {
    return possessiveRepeat(cur, body.item, body.min, body.max, at);
  }
  throw cur.unsupported("atomic group whose match length varies", at);
}
