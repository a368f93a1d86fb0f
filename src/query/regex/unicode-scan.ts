// Turns a Unicode property that JavaScript's own RegExp knows (`\p{L}`, `\p{Script=Greek}`,
// `\p{White_Space}`…) into a CharSet, so property classes cost a bitmap probe or a binary
// search at match time instead of a call into the host engine per character. The host
// engine is only asked to match a one-character class against strings listing code
// points in order (and single probes for the planes with nothing assigned): there is
// nothing for it to backtrack over. Results are memoised for the life of the process; the
// number of distinct properties is small and fixed. The first use of a property costs
// about 10-20 ms.
import { CharSet } from "./char-set.js";

// Only properties the engine knows are memoised, so made-up names cannot grow the map.
const memo = new Map<string, CharSet>();

/** A contiguous run of code points laid out as one string, so match indexes map back. */
interface Table {
  readonly base: number;
  readonly text: string;
  readonly unitsPerCodePoint: number;
}

function tableOf(lo: number, hi: number): Table {
  const count = hi - lo + 1;
  if (lo >= 0xd800 && hi <= 0xdfff) {
    // Lone surrogates: the decoder below would replace them, so build them directly.
    let text = "";
    for (let c = lo; c <= hi; c++) text += String.fromCharCode(c);
    return { base: lo, text, unitsPerCodePoint: 1 };
  }
  const wide = lo >= 0x10000;
  const units = new Uint16Array(wide ? 2 * count : count);
  for (let i = 0; i < count; i++) {
    const c = lo + i;
    if (!wide) units[i] = c;
    else {
      units[2 * i] = 0xd800 + ((c - 0x10000) >> 10);
      units[2 * i + 1] = 0xdc00 + ((c - 0x10000) & 0x3ff);
    }
  }
  const text = new TextDecoder("utf-16le").decode(units);
  return { base: lo, text, unitsPerCodePoint: wide ? 2 : 1 };
}

// Ranges scanned code point by code point. Lone high and lone low surrogates sit in
// separate tables: a high followed by a low would read as one supplementary character.
const SCANNED: readonly (readonly [number, number])[] = [
  [0, 0xd7ff],
  [0xd800, 0xdbff],
  [0xdc00, 0xdfff],
  [0xe000, 0xffff],
  [0x10000, 0x3ffff],
  [0xe0000, 0xeffff],
];

// Planes 4 to 13 hold no assigned characters and planes 15 and 16 are private use, so every
// code point of such a plane has the same properties except its last two, which are
// noncharacters. One probe per plane plus those two replaces scanning 786K code points
// (most of the cost). unicode.test.ts compares samples of these planes with the engine.
const UNIFORM_PLANES = [4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 15, 16];

/**
 * The set of code points matched by the JavaScript class `source` (e.g. `\p{Lu}`), or null
 * when this JavaScript engine does not know the property.
 */
export function scanProperty(source: string): CharSet | null {
  const known = memo.get(source);
  if (known !== undefined) return known;
  let runs: RegExp;
  let one: RegExp;
  try {
    runs = new RegExp(`(?:${source})+`, "gu");
    one = new RegExp(`^(?:${source})$`, "u");
  } catch {
    return null;
  }
  const pairs: number[] = [];
  for (const [lo, hi] of SCANNED) {
    const table = tableOf(lo, hi);
    for (const m of table.text.matchAll(runs)) {
      const start = table.base + m.index / table.unitsPerCodePoint;
      pairs.push(start, start + m[0].length / table.unitsPerCodePoint - 1);
    }
  }
  const has = (c: number): boolean => one.test(String.fromCodePoint(c));
  for (const plane of UNIFORM_PLANES) {
    const base = plane * 0x10000;
    if (has(base)) pairs.push(base, base + 0xfffd);
    for (const c of [base + 0xfffe, base + 0xffff]) if (has(c)) pairs.push(c, c);
  }
  const set = CharSet.fromPairs(pairs);
  memo.set(source, set);
  return set;
}
