// Parses a Java-syntax pattern into the tree of ast.ts: alternation, sequences, groups
// (plain, non-capturing, named, atomic, inline flags), quantifiers, anchors and literals.
// Escapes and bracketed classes have their own files. Inline flags are applied as parsing
// goes (they change the sets and assertion kinds produced) and end with their group, as in
// Java. Look-around and back-references are refused as unsupported; everything Java would
// reject is reported as malformed with its position. Recursion follows group nesting in the
// pattern, which is bounded, never the length of any text.
import { alt, chars, concat, type Node } from "./ast.js";
import { CharSet } from "./char-set.js";
import { foldCharacter } from "./case-fold.js";
import { Cursor, type Flags } from "./cursor.js";
import { parseClass } from "./parse-class.js";
import { parseEscape } from "./parse-escape.js";
import { atomic, possessiveRepeat, repeat } from "./possessive.js";

/** Nesting limit for groups: deeper patterns are refused rather than risk the stack. */
export const MAX_GROUP_NESTING = 250;

const ch = (s: string): number => s.charCodeAt(0);
const LINE_TERMINATORS = CharSet.fromPairs([0x0a, 0x0a, 0x0d, 0x0d, 0x85, 0x85, 0x2028, 0x2029]);
const ANY_BUT_TERMINATORS = LINE_TERMINATORS.complement();
const ANY_BUT_NEWLINE = CharSet.of(0x0a).complement();

export function parsePattern(pattern: string): Node {
  const cur = new Cursor(pattern);
  const node = parseAlternation(cur, 0);
  if (!cur.atEnd) throw cur.error("unmatched closing parenthesis");
  return node;
}

function parseAlternation(cur: Cursor, depth: number): Node {
  const branches = [parseSequence(cur, depth)];
  while (cur.eat(ch("|"))) branches.push(parseSequence(cur, depth));
  return alt(branches);
}

function parseSequence(cur: Cursor, depth: number): Node {
  const items: Node[] = [];
  for (;;) {
    cur.skipIgnorable();
    if (cur.atEnd || cur.at(ch("|")) || cur.at(ch(")"))) break;
    const atom = parseAtom(cur, depth);
    if (atom === null) continue; // an inline flag group such as (?i): nothing to quantify
    items.push(parseQuantifier(cur, atom));
  }
  return concat(items);
}

function parseAtom(cur: Cursor, depth: number): Node | null {
  const c = cur.peek();
  if (cur.isLiteral()) return literal(cur, cur.next());
  switch (c) {
    case ch("("):
      return parseGroup(cur, depth);
    case ch("["):
      return chars(parseClass(cur));
    case ch("\\"): {
      const e = parseEscape(cur, false);
      if (e.kind === "char") return literal(cur, e.cp);
      return e.kind === "set" ? chars(e.set) : e.node;
    }
    case ch("^"):
      cur.next();
      return anchor(cur.flags, "start");
    case ch("$"):
      cur.next();
      return anchor(cur.flags, "end");
    case ch("."):
      cur.next();
      return chars(dot(cur.flags));
    case ch("*"):
    case ch("+"):
    case ch("?"):
    case ch("{"):
      throw cur.error(`dangling quantifier ${String.fromCodePoint(c)}`);
    default:
      return literal(cur, cur.next());
  }
}

function literal(cur: Cursor, c: number): Node {
  const f = cur.flags;
  return chars(f.caseInsensitive ? foldCharacter(c, f.unicodeCase) : CharSet.of(c));
}

function dot(f: Flags): CharSet {
  if (f.dotAll) return CharSet.ALL;
  return f.unixLines ? ANY_BUT_NEWLINE : ANY_BUT_TERMINATORS;
}

function anchor(f: Flags, side: "start" | "end"): Node {
  if (side === "start") {
    if (!f.multiline) return { type: "assert", kind: "textStart" };
    return { type: "assert", kind: f.unixLines ? "lineStartUnix" : "lineStart" };
  }
  if (f.multiline) return { type: "assert", kind: f.unixLines ? "lineEndUnix" : "lineEnd" };
  return {
    type: "assert",
    kind: f.unixLines ? "textEndOrFinalNewline" : "textEndOrFinalTerminator",
  };
}

/** Applies a quantifier following `atom`, if there is one. */
function parseQuantifier(cur: Cursor, atom: Node): Node {
  cur.skipIgnorable();
  const at = cur.pos;
  let min: number;
  let max: number;
  if (cur.eat(ch("*"))) [min, max] = [0, Infinity];
  else if (cur.eat(ch("+"))) [min, max] = [1, Infinity];
  else if (cur.eat(ch("?"))) [min, max] = [0, 1];
  else if (cur.at(ch("{"))) [min, max] = parseCounted(cur);
  else return atom;
  // Lazy (?) accepts the same texts as greedy; possessive (+) does not, see possessive.ts.
  if (cur.eat(ch("+"))) return possessiveRepeat(cur, atom, min, max, at);
  cur.eat(ch("?"));
  return repeat(atom, min, max);
}

/** {n}, {n,} or {n,m}; the cursor sits on the brace. */
function parseCounted(cur: Cursor): [number, number] {
  const start = cur.pos;
  cur.next();
  const min = digits(cur);
  if (min === null) throw cur.error("illegal repetition: { must start {n}, {n,} or {n,m}", start);
  let max = min;
  if (cur.peek() === ch(",")) {
    cur.next();
    max = digits(cur) ?? Infinity;
  }
  if (cur.peek() !== ch("}")) throw cur.error("unclosed counted repetition", start);
  cur.next();
  if (max < min) throw cur.error(`illegal repetition range {${min},${max}}`, start);
  return [min, max];
}

/** A decimal number at the cursor, or null when there is none. Huge values saturate. */
function digits(cur: Cursor): number | null {
  let text = "";
  while (cur.peek() >= ch("0") && cur.peek() <= ch("9")) text += String.fromCodePoint(cur.next());
  return text === "" ? null : Math.min(Number(text), Number.MAX_SAFE_INTEGER);
}

function parseGroup(cur: Cursor, depth: number): Node | null {
  const start = cur.pos;
  if (depth >= MAX_GROUP_NESTING) throw cur.error("groups nested too deeply", start);
  cur.next();
  const saved = { ...cur.flags };
  let isAtomic = false;
  if (cur.at(ch("?"))) {
    cur.next();
    const kind = groupKind(cur, start);
    if (kind === "flags") return null;
    isAtomic = kind === "atomic";
  }
  const body = parseAlternation(cur, depth + 1);
  if (!cur.eat(ch(")"))) throw cur.error("unclosed group", start);
  cur.flags = saved;
  return isAtomic ? atomic(cur, body, start) : body;
}

/**
 * Reads what follows "(?". Returns "flags" for a bare (?imsx) group, whose flags then hold
 * to the end of the enclosing group; "group" for one whose body follows, with any scoped
 * flags already applied.
 */
function groupKind(cur: Cursor, start: number): "flags" | "group" | "atomic" {
  if (cur.atEnd) throw cur.error("unclosed group", start);
  const c = cur.next();
  switch (c) {
    case ch(":"):
      return "group";
    case ch(">"):
      return "atomic";
    case ch("="):
      throw cur.unsupported("lookahead (?=…)", start);
    case ch("!"):
      throw cur.unsupported("negative lookahead (?!…)", start);
    case ch("<"):
      if (cur.eat(ch("="))) throw cur.unsupported("lookbehind (?<=…)", start);
      if (cur.eat(ch("!"))) throw cur.unsupported("negative lookbehind (?<!…)", start);
      groupName(cur, start);
      return "group";
  }
  cur.pos--;
  return inlineFlags(cur, start);
}

/** (?<name>…): the name is checked as Java does and otherwise ignored. */
function groupName(cur: Cursor, start: number): void {
  const isLetter = (c: number): boolean => (c | 0x20) >= ch("a") && (c | 0x20) <= ch("z");
  if (!isLetter(cur.peek())) throw cur.error("group name must start with a letter", start);
  while (isLetter(cur.peek()) || (cur.peek() >= ch("0") && cur.peek() <= ch("9"))) cur.next();
  if (!cur.eat(ch(">"))) throw cur.error("group name is missing its closing >", start);
}

const FLAG_LETTERS: Record<string, (keyof Flags)[]> = {
  i: ["caseInsensitive"],
  m: ["multiline"],
  s: ["dotAll"],
  d: ["unixLines"],
  u: ["unicodeCase"],
  x: ["comments"],
  U: ["unicodeClasses", "unicodeCase"],
};

function inlineFlags(cur: Cursor, start: number): "flags" | "group" {
  let on = true;
  for (;;) {
    const c = cur.next();
    if (c === ch(")")) return "flags";
    if (c === ch(":")) return "group";
    if (c === ch("-") && on) {
      on = false;
      continue;
    }
    const letter = c < 0 ? "" : String.fromCodePoint(c);
    if (letter === "c") throw cur.unsupported("canonical equivalence flag (?c)", start);
    const names = FLAG_LETTERS[letter];
    if (names === undefined) {
      if (c < 0) throw cur.error("unclosed group", start);
      throw cur.error(`unknown inline flag or group type (?${letter}`, cur.pos - 1);
    }
    for (const name of names) cur.flags[name] = on;
  }
}
