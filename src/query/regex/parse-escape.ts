// Backslash escapes, inside and outside character classes, with Java's meanings: character
// escapes (\t \n \x41 \x{1F600} \u0041 \0101 \cA …), predefined and property classes
// (\d \w \s \h \v \p{L} …), and, outside classes, the zero-width escapes (\b \B \A \z \Z \G)
// and \R. Back-references and grapheme clusters are refused as unsupported; an escaped ASCII
// letter with no meaning is malformed, as in Java, while any other escaped character stands
// for itself. Case folding of the result is the caller's job.
import { alt, chars, concat, type Node } from "./ast.js";
import { CharSet } from "./char-set.js";
import type { Cursor } from "./cursor.js";
import { predefinedClass, propertyClass, type PredefinedLetter } from "./properties.js";

export type Escape =
  | { readonly kind: "char"; readonly cp: number }
  | { readonly kind: "set"; readonly set: CharSet }
  | { readonly kind: "node"; readonly node: Node };

const PREDEFINED = new Set(["d", "D", "w", "W", "s", "S", "h", "H", "v", "V"]);
const SIMPLE: Record<string, number> = { t: 0x09, n: 0x0a, r: 0x0d, f: 0x0c, a: 0x07, e: 0x1b };
const LINE_BREAKS = CharSet.fromPairs([0x0a, 0x0d, 0x85, 0x85, 0x2028, 0x2029]);

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

function isAsciiLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** Parses the escape at the cursor, which sits on the backslash. */
export function parseEscape(cur: Cursor, inClass: boolean): Escape {
  const start = cur.pos;
  cur.next(); // the backslash
  if (cur.atEnd) throw cur.error("dangling backslash at the end of the pattern", start);
  const c = cur.next();
  const letter = String.fromCodePoint(c);
  if (PREDEFINED.has(letter)) {
    const unicode = cur.flags.unicodeClasses && "dDwWsS".includes(letter);
    return { kind: "set", set: predefinedClass(letter as PredefinedLetter, unicode) };
  }
  const simple = SIMPLE[letter];
  if (simple !== undefined) return { kind: "char", cp: simple };
  if (c >= 0x31 && c <= 0x39) {
    if (inClass) throw cur.error(`illegal escape sequence \\${letter} in a class`, start);
    throw cur.unsupported(`back-reference \\${letter}`, start);
  }
  switch (letter) {
    case "0":
      return { kind: "char", cp: octal(cur, start) };
    case "x":
      return { kind: "char", cp: hexEscape(cur, start) };
    case "u":
      return { kind: "char", cp: unicodeEscape(cur, start) };
    case "c":
      if (cur.atEnd) throw cur.error("control escape \\c without a letter", start);
      return { kind: "char", cp: cur.next() ^ 0x40 };
    case "p":
    case "P":
      return { kind: "set", set: property(cur, start, letter === "P") };
    case "k":
      throw cur.unsupported("named back-reference \\k", start);
    case "X":
      throw cur.unsupported("grapheme cluster \\X", start);
    case "N":
      throw cur.unsupported("named character \\N{…}", start);
  }
  if (!inClass) {
    const node = zeroWidthOrLineBreak(cur, letter, start);
    if (node !== null) return { kind: "node", node };
  }
  if (isAsciiLetter(c)) {
    const where = inClass ? " in a class" : "";
    throw cur.error(`illegal escape sequence \\${letter}${where}`, start);
  }
  return { kind: "char", cp: c };
}

function zeroWidthOrLineBreak(cur: Cursor, letter: string, start: number): Node | null {
  const f = cur.flags;
  switch (letter) {
    case "A":
    case "G": // \G is where the previous match ended: the start of the text for a full match
      return { type: "assert", kind: "textStart" };
    case "z":
      return { type: "assert", kind: "textEnd" };
    case "Z":
      return {
        type: "assert",
        kind: f.unixLines ? "textEndOrFinalNewline" : "textEndOrFinalTerminator",
      };
    case "b":
    case "B":
      if (cur.at(0x7b)) throw cur.unsupported("boundary \\b{…}", start);
      if (letter === "b") {
        return { type: "assert", kind: f.unicodeClasses ? "unicodeWordBoundary" : "wordBoundary" };
      }
      return {
        type: "assert",
        kind: f.unicodeClasses ? "notUnicodeWordBoundary" : "notWordBoundary",
      };
    case "R":
      return lineBreak();
  }
  return null;
}

/** \R: \r\n, or any one line break character (Java documents exactly this alternation). */
function lineBreak(): Node {
  return alt([concat([chars(CharSet.of(0x0d)), chars(CharSet.of(0x0a))]), chars(LINE_BREAKS)]);
}

function octal(cur: Cursor, start: number): number {
  const digit = (ahead: number): number => {
    const d = cur.peek(ahead);
    return d >= 0x30 && d <= 0x37 ? d - 0x30 : -1;
  };
  const a = digit(0);
  if (a < 0) throw cur.error("illegal octal escape sequence", start);
  const b = digit(1);
  if (b < 0) {
    cur.pos += 1;
    return a;
  }
  const c = digit(2);
  if (c >= 0 && a <= 3) {
    cur.pos += 3;
    return a * 64 + b * 8 + c;
  }
  cur.pos += 2;
  return a * 8 + b;
}

function hexEscape(cur: Cursor, start: number): number {
  if (isHex(cur.peek(0)) && isHex(cur.peek(1))) {
    return parseInt(String.fromCodePoint(cur.next(), cur.next()), 16);
  }
  if (cur.peek() !== 0x7b) throw cur.error("illegal hexadecimal escape sequence", start);
  cur.next();
  let digits = "";
  while (isHex(cur.peek())) digits += String.fromCodePoint(cur.next());
  if (digits === "" || cur.peek() !== 0x7d) {
    throw cur.error("unclosed hexadecimal escape sequence", start);
  }
  cur.next();
  const value = parseInt(digits, 16);
  if (digits.length > 8 || value > 0x10ffff) {
    throw cur.error("hexadecimal code point is too big", start);
  }
  return value;
}

function fourHex(cur: Cursor, start: number): number {
  let digits = "";
  for (let i = 0; i < 4; i++) {
    if (!isHex(cur.peek())) throw cur.error("illegal unicode escape sequence", start);
    digits += String.fromCodePoint(cur.next());
  }
  return parseInt(digits, 16);
}

/** \uXXXX; a high surrogate followed by \u and a low surrogate is one character, as in Java. */
function unicodeEscape(cur: Cursor, start: number): number {
  const hi = fourHex(cur, start);
  if (hi < 0xd800 || hi > 0xdbff || cur.peek() !== 0x5c || cur.peek(1) !== 0x75) return hi;
  const back = cur.pos;
  cur.pos += 2;
  const lo = fourHex(cur, back);
  if (lo >= 0xdc00 && lo <= 0xdfff) return 0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00);
  cur.pos = back;
  return hi;
}

function property(cur: Cursor, start: number, negated: boolean): CharSet {
  let name: string;
  if (cur.peek() === 0x7b) {
    cur.next();
    name = "";
    while (!cur.atEnd && cur.peek() !== 0x7d) name += String.fromCodePoint(cur.next());
    if (cur.atEnd) throw cur.error("unclosed character property", start);
    cur.next();
    if (name === "") throw cur.error("empty character property name", start);
  } else {
    if (cur.atEnd) throw cur.error("character property without a name", start);
    name = String.fromCodePoint(cur.next());
  }
  const found = propertyClass(name, cur.flags);
  if (found === "block") throw cur.unsupported(`unicode block property {${name}}`, start);
  if (found === null) throw cur.error(`unknown character property {${name}}`, start);
  return negated ? found.complement() : found;
}
