// Bracketed character classes with Java's grammar: items are characters, ranges, escapes
// and nested classes ([a-d[m-p]] is a union); `&&` intersects what precedes with what follows
// ([a-z&&[^aeiou]]); a leading ^ negates the whole class, as in Java 9 and later. A `]` right
// after the opening bracket (or ^) is literal, as is a `-` that cannot form a range. Under
// (?i) each character and range is widened by case-fold.ts before the set algebra, which is
// the order Java applies them in. The result is one CharSet; no syntax survives parsing.
import { CharSet } from "./char-set.js";
import { foldCharacter, foldRanges } from "./case-fold.js";
import type { Cursor } from "./cursor.js";
import { parseEscape } from "./parse-escape.js";

const OPEN = 0x5b;
const CLOSE = 0x5d;
const CARET = 0x5e;
const DASH = 0x2d;
const AMP = 0x26;
const BACKSLASH = 0x5c;

/** Nesting limit for classes inside classes: the parser recurses per level. */
export const MAX_CLASS_NESTING = 100;

/** Parses the class at the cursor, which sits on its `[`. */
export function parseClass(cur: Cursor, nesting = 0): CharSet {
  const start = cur.pos;
  if (nesting >= MAX_CLASS_NESTING) throw cur.error("character classes nested too deeply", start);
  cur.next();
  const negated = cur.eat(CARET);
  let result: CharSet | null = null; // the intersection of finished && operands
  let operand: Operand | null = null; // the union being collected
  for (;;) {
    cur.skipIgnorable();
    if (cur.atEnd) throw cur.error("unclosed character class", start);
    if (cur.at(CLOSE) && (operand !== null || result !== null)) {
      cur.next();
      break;
    }
    if (cur.at(AMP) && cur.at(AMP, 1)) {
      cur.pos += 2;
      result = intersect(cur, result, operand);
      operand = null;
      continue;
    }
    operand ??= { pairs: [], foldable: [] };
    if (cur.at(OPEN)) push(operand.pairs, parseClass(cur, nesting + 1));
    else parseItem(cur, operand);
  }
  const set = intersect(cur, result, operand) ?? CharSet.EMPTY;
  return negated ? set.complement() : set;
}

/**
 * A union under construction, as raw ranges sorted once at the end rather than per item.
 * Ranges that (?i) widens are kept apart and widened together: range folding distributes
 * over union, so one pass replaces one per range.
 */
interface Operand {
  readonly pairs: number[];
  readonly foldable: number[];
}

function push(pairs: number[], set: CharSet): void {
  for (const bound of set.ranges) pairs.push(bound);
}

function intersect(cur: Cursor, result: CharSet | null, operand: Operand | null): CharSet | null {
  if (operand === null) return result;
  let set = CharSet.fromPairs(operand.pairs);
  if (operand.foldable.length > 0) {
    const ranges = CharSet.fromPairs(operand.foldable);
    set = set.union(cur.flags.caseInsensitive ? foldRanges(ranges, unicodeCase(cur)) : ranges);
  }
  return result === null ? set : result.intersect(set);
}

function unicodeCase(cur: Cursor): boolean {
  return cur.flags.unicodeCase || cur.flags.unicodeClasses;
}

/** One character, range or escape inside a class, added to `operand`. */
function parseItem(cur: Cursor, operand: Operand): void {
  const start = cur.pos;
  const first = classAtom(cur);
  if (typeof first !== "number") return push(operand.pairs, first);
  cur.skipIgnorable();
  // A dash forms a range unless it is the last thing in the class or a nested class follows.
  if (!cur.at(DASH) || cur.at(CLOSE, 1) || cur.at(OPEN, 1) || cur.peek(1) < 0) {
    const f = cur.flags;
    return push(
      operand.pairs,
      f.caseInsensitive ? foldCharacter(first, unicodeCase(cur)) : CharSet.of(first),
    );
  }
  cur.next();
  cur.skipIgnorable();
  if (cur.atEnd) throw cur.error("unclosed character class", start);
  const last = classAtom(cur);
  if (typeof last !== "number") throw cur.error("illegal character range", start);
  if (last < first) throw cur.error("illegal character range", start);
  operand.foldable.push(first, last);
}

/** A code point, or a set for escapes such as \d and \p{L}. */
function classAtom(cur: Cursor): number | CharSet {
  if (!cur.at(BACKSLASH)) return cur.next();
  const e = parseEscape(cur, true);
  if (e.kind === "char") return e.cp;
  if (e.kind === "set") return e.set;
  throw cur.error("illegal escape sequence in a class", cur.pos);
}
