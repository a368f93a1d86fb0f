// Named character classes of Java patterns: the predefined escapes (\d \w \s \h \v and
// their negations) and the \p{…} properties: POSIX names (ASCII unless (?U)), java* names,
// general categories, binary properties and scripts, in the spellings Java accepts.
// Unicode data comes from the JavaScript engine (unicode-scan.ts), so its Unicode version
// may differ slightly from a given JVM's. Unicode blocks (\p{InGreek}) are not available
// from JavaScript and are refused by the caller. Does not parse: it receives a name.
import { CharSet } from "./char-set.js";
import { scanProperty } from "./unicode-scan.js";

const r = (lo: number, hi: number): number[] => [lo, hi];
const set = (...pairs: number[][]): CharSet => CharSet.fromPairs(pairs.flat());

const ASCII_DIGIT = set(r(0x30, 0x39));
const ASCII_LOWER = set(r(0x61, 0x7a));
const ASCII_UPPER = set(r(0x41, 0x5a));
const ASCII_ALPHA = ASCII_LOWER.union(ASCII_UPPER);
const ASCII_WORD = ASCII_ALPHA.union(ASCII_DIGIT).union(CharSet.of(0x5f));
const ASCII_SPACE = set(r(0x09, 0x0d), r(0x20, 0x20));
const ASCII_PUNCT = set(r(0x21, 0x2f), r(0x3a, 0x40), r(0x5b, 0x60), r(0x7b, 0x7e));
const HORIZONTAL_SPACE = set(
  r(0x09, 0x09),
  r(0x20, 0x20),
  r(0xa0, 0xa0),
  r(0x1680, 0x1680),
  r(0x180e, 0x180e),
  r(0x2000, 0x200a),
  r(0x202f, 0x202f),
  r(0x205f, 0x205f),
  r(0x3000, 0x3000),
);
const VERTICAL_SPACE = set(r(0x0a, 0x0d), r(0x85, 0x85), r(0x2028, 0x2029));

/** A JavaScript property class, or the empty set if this engine lacks it. */
function js(source: string): CharSet {
  return scanProperty(source) ?? CharSet.EMPTY;
}

const UNICODE: Record<string, () => CharSet> = {
  ALPHABETIC: () => js("\\p{Alphabetic}"),
  LETTER: () => js("\\p{L}"),
  IDEOGRAPHIC: () => js("\\p{Ideographic}"),
  LOWERCASE: () => js("\\p{Lowercase}"),
  UPPERCASE: () => js("\\p{Uppercase}"),
  TITLECASE: () => js("\\p{Lt}"),
  WHITE_SPACE: () => js("\\p{White_Space}"),
  CONTROL: () => js("\\p{Cc}"),
  PUNCTUATION: () => js("\\p{P}"),
  HEX_DIGIT: () => js("[\\p{Nd}\\p{Hex_Digit}]"),
  ASSIGNED: () => js("\\P{Cn}"),
  NONCHARACTER_CODE_POINT: () => js("\\p{Noncharacter_Code_Point}"),
  DIGIT: () => js("\\p{Nd}"),
  ALNUM: () => js("[\\p{Alphabetic}\\p{Nd}]"),
  BLANK: () => js("[\\p{Zs}\\t]"),
  GRAPH: () => js("[^\\p{White_Space}\\p{Cc}\\p{Cs}\\p{Cn}]"),
  PRINT: () => js("[^\\p{White_Space}\\p{Cc}\\p{Cs}\\p{Cn}]").union(js("\\p{Zs}")),
  WORD: () => js("[\\p{Alphabetic}\\p{Mn}\\p{Me}\\p{Mc}\\p{Nd}\\p{Pc}\\p{Join_Control}]"),
  JOIN_CONTROL: () => js("\\p{Join_Control}"),
  EMOJI: () => js("\\p{Emoji}"),
  EMOJI_PRESENTATION: () => js("\\p{Emoji_Presentation}"),
  EMOJI_MODIFIER: () => js("\\p{Emoji_Modifier}"),
  EMOJI_MODIFIER_BASE: () => js("\\p{Emoji_Modifier_Base}"),
  EMOJI_COMPONENT: () => js("\\p{Emoji_Component}"),
  EXTENDED_PICTOGRAPHIC: () => js("\\p{Extended_Pictographic}"),
};

const POSIX_ASCII: Record<string, CharSet> = {
  Lower: ASCII_LOWER,
  Upper: ASCII_UPPER,
  ASCII: set(r(0, 0x7f)),
  Alpha: ASCII_ALPHA,
  Digit: ASCII_DIGIT,
  Alnum: ASCII_ALPHA.union(ASCII_DIGIT),
  Punct: ASCII_PUNCT,
  Graph: set(r(0x21, 0x7e)),
  Print: set(r(0x20, 0x7e)),
  Blank: set(r(0x09, 0x09), r(0x20, 0x20)),
  Cntrl: set(r(0, 0x1f), r(0x7f, 0x7f)),
  XDigit: set(r(0x30, 0x39), r(0x41, 0x46), r(0x61, 0x66)),
  Space: ASCII_SPACE,
};

/** What each POSIX name means under (?U). */
const POSIX_UNICODE: Record<string, string> = {
  Lower: "LOWERCASE",
  Upper: "UPPERCASE",
  Alpha: "ALPHABETIC",
  Digit: "DIGIT",
  Alnum: "ALNUM",
  Punct: "PUNCTUATION",
  Graph: "GRAPH",
  Print: "PRINT",
  Blank: "BLANK",
  Cntrl: "CONTROL",
  XDigit: "HEX_DIGIT",
  Space: "WHITE_SPACE",
};

const JAVA_NAMES: Record<string, () => CharSet> = {
  javaLowerCase: () => js("\\p{Lowercase}"),
  javaUpperCase: () => js("\\p{Uppercase}"),
  javaTitleCase: () => js("\\p{Lt}"),
  javaAlphabetic: () => js("\\p{Alphabetic}"),
  javaIdeographic: () => js("\\p{Ideographic}"),
  javaDigit: () => js("\\p{Nd}"),
  javaDefined: () => js("\\P{Cn}"),
  javaLetter: () => js("\\p{L}"),
  javaLetterOrDigit: () => js("[\\p{L}\\p{Nd}]"),
  javaSpaceChar: () => js("[\\p{Zs}\\p{Zl}\\p{Zp}]"),
  javaWhitespace: () =>
    js("[\\p{Zs}\\p{Zl}\\p{Zp}]")
      .minus(CharSet.of(0xa0, 0x2007, 0x202f))
      .union(set(r(0x09, 0x0d), r(0x1c, 0x1f))),
  javaISOControl: () => set(r(0, 0x1f), r(0x7f, 0x9f)),
  javaIdentifierIgnorable: () => set(r(0, 8), r(0x0e, 0x1b), r(0x7f, 0x9f)).union(js("\\p{Cf}")),
  javaMirrored: () => js("\\p{Bidi_Mirrored}"),
};

const CATEGORIES = new Set(
  (
    "Cn Lu Ll Lt Lm Lo Mn Me Mc Nd Nl No Zs Zl Zp Cc Cf Co Cs Pd Ps Pe Pc Po Sm Sc Sk So " +
    "Pi Pf L M N Z C P S LC"
  ).split(" "),
);

/** Names whose meaning widens to every cased letter under (?i), as in current Java. */
const CASED_NAMES = new Set(["Lu", "Ll", "Lt", "LC", "Lower", "Upper", "javaLowerCase"]);
CASED_NAMES.add("javaUpperCase").add("javaTitleCase");
const CASED_UNICODE = new Set(["LOWERCASE", "UPPERCASE", "TITLECASE"]);

export type PredefinedLetter = "d" | "D" | "w" | "W" | "s" | "S" | "h" | "H" | "v" | "V";

/** \d \w \s \h \v and their upper-case negations. */
export function predefinedClass(letter: PredefinedLetter, unicode: boolean): CharSet {
  const lower = letter.toLowerCase();
  let base: CharSet;
  if (lower === "d") base = unicode ? UNICODE["DIGIT"]!() : ASCII_DIGIT;
  else if (lower === "w") base = unicode ? UNICODE["WORD"]!() : ASCII_WORD;
  else if (lower === "s") base = unicode ? UNICODE["WHITE_SPACE"]!() : ASCII_SPACE;
  else if (lower === "h") base = HORIZONTAL_SPACE;
  else base = VERTICAL_SPACE;
  return letter === lower ? base : base.complement();
}

/** The word characters \b looks at: ASCII \w, or Unicode's under (?U). */
export function wordCharacters(unicode: boolean): CharSet {
  return unicode ? UNICODE["WORD"]!() : ASCII_WORD;
}

export interface PropertyFlags {
  readonly caseInsensitive: boolean;
  readonly unicodeCase: boolean;
  readonly unicodeClasses: boolean;
}

/**
 * The set named by the body of \p{…}, "block" when it names a Unicode block, or null when
 * the name is unknown.
 */
export function propertyClass(name: string, flags: PropertyFlags): CharSet | "block" | null {
  const eq = name.indexOf("=");
  if (eq >= 0) return keyedProperty(name.slice(0, eq).toLowerCase(), name.slice(eq + 1), flags);
  if (name.startsWith("In")) return "block";
  if (name.startsWith("Is")) {
    const rest = name.slice(2);
    return binaryProperty(rest, flags) ?? namedClass(rest, flags) ?? script(rest);
  }
  return namedClass(name, flags);
}

function keyedProperty(key: string, value: string, flags: PropertyFlags): CharSet | "block" | null {
  if (key === "script" || key === "sc") return script(value);
  if (key === "block" || key === "blk") return "block";
  if (key === "general_category" || key === "gc") {
    return CATEGORIES.has(value) ? category(value, flags) : null;
  }
  return null;
}

function binaryProperty(name: string, flags: PropertyFlags): CharSet | null {
  let key = name.toUpperCase();
  for (const full of Object.keys(UNICODE)) if (full.replaceAll("_", "") === key) key = full;
  const make = UNICODE[key];
  if (make === undefined) return null;
  if (flags.caseInsensitive && CASED_UNICODE.has(key)) return casedLetters();
  return make();
}

function namedClass(name: string, flags: PropertyFlags): CharSet | null {
  if (name === "all") return CharSet.ALL;
  if (name === "L1") return set(r(0, 0xff));
  if (name === "LD") return js("[\\p{L}\\p{Nd}]");
  if (CATEGORIES.has(name)) return category(name, flags);
  const posix = POSIX_ASCII[name];
  if (posix !== undefined) {
    const unicodeName = POSIX_UNICODE[name];
    const unicodeSet = flags.unicodeClasses && unicodeName !== undefined;
    if (flags.caseInsensitive && CASED_NAMES.has(name)) {
      return unicodeSet ? casedLetters() : ASCII_ALPHA;
    }
    return unicodeSet ? UNICODE[unicodeName]!() : posix;
  }
  const java = JAVA_NAMES[name];
  if (java === undefined) return null;
  return flags.caseInsensitive && CASED_NAMES.has(name) ? casedLetters() : java();
}

function category(name: string, flags: PropertyFlags): CharSet {
  if (flags.caseInsensitive && CASED_NAMES.has(name)) {
    return js("[\\p{Lu}\\p{Ll}\\p{Lt}]");
  }
  return js(`\\p{${name}}`);
}

function casedLetters(): CharSet {
  return js("[\\p{Lowercase}\\p{Uppercase}\\p{Lt}]");
}

/** Java accepts script names and ISO 15924 codes in any letter case. */
function script(name: string): CharSet | null {
  if (!/^[A-Za-z_]+$/.test(name)) return null;
  const upper = name.toUpperCase();
  const canonical =
    upper === "SIGNWRITING"
      ? "SignWriting"
      : upper
          .split("_")
          .map((w) => w.charAt(0) + w.slice(1).toLowerCase())
          .join("_");
  return scanProperty(`\\p{Script=${canonical}}`);
}
