// Case-insensitive matching, done once at compile time by widening character sets, so the
// matcher itself never folds case. Two modes, as in Java:
//   (?i)   ASCII only: a-z and A-Z match each other, nothing else changes
//   (?iu)  Unicode: simple one-to-one case mappings of single code points
// Java applies two different rules, and both are kept here: a literal character c matches x
// when lower(upper(x)) equals lower(upper(c)); a range [a-z] matches x when x, upper(x) or
// lower(upper(x)) lies in the range. Mappings come from String.prototype.toUpperCase and
// toLowerCase; a mapping to several code points (ß → SS) counts as no mapping, which is
// what Java's per-character mapping does for those letters. Known gap: characters whose
// simple mapping differs from their full one (e.g. U+1FB3) are treated as uncased here.
import { CharSet } from "./char-set.js";
import { scanProperty } from "./unicode-scan.js";

interface CaseTable {
  /** Code points whose upper or lower case differs from themselves, ascending. */
  readonly cased: Int32Array;
  readonly upper: Map<number, number>;
  readonly lower: Map<number, number>;
  /** lower(upper(x)) → every cased x with that key. */
  readonly byKey: Map<number, number[]>;
}

let table: CaseTable | null = null;

function singleCodePoint(s: string, fallback: number): number {
  const c = s.codePointAt(0);
  return c !== undefined && s.length === String.fromCodePoint(c).length ? c : fallback;
}

function buildTable(): CaseTable {
  const candidates =
    scanProperty("[\\p{Changes_When_Uppercased}\\p{Changes_When_Lowercased}]") ?? CharSet.EMPTY;
  const cased: number[] = [];
  const upper = new Map<number, number>();
  const lower = new Map<number, number>();
  candidates.forEachIn(0, 0x10ffff, (c) => {
    const s = String.fromCodePoint(c);
    const u = singleCodePoint(s.toUpperCase(), c);
    // Java maps U+0130 (capital I with dot) to plain i; the full mapping adds a combining dot.
    const l = c === 0x130 ? 0x69 : singleCodePoint(s.toLowerCase(), c);
    if (u === c && l === c) return;
    cased.push(c);
    if (u !== c) upper.set(c, u);
    if (l !== c) lower.set(c, l);
  });
  const byKey = new Map<number, number[]>();
  const t: CaseTable = { cased: Int32Array.from(cased), upper, lower, byKey };
  for (const c of cased) {
    const k = foldKey(t, c);
    const members = byKey.get(k);
    if (members === undefined) byKey.set(k, [c]);
    else members.push(c);
  }
  return t;
}

function foldKey(t: CaseTable, c: number): number {
  const u = t.upper.get(c) ?? c;
  return t.lower.get(u) ?? u;
}

function caseTable(): CaseTable {
  table ??= buildTable();
  return table;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** The characters a literal `c` matches under (?i) or, with `unicode`, under (?iu). */
export function foldCharacter(c: number, unicode: boolean): CharSet {
  if (!unicode) return isAsciiLetter(c) ? CharSet.of(c | 0x20, c & ~0x20) : CharSet.of(c);
  if (c < 0x80 && !isAsciiLetter(c)) return CharSet.of(c);
  const t = caseTable();
  const k = foldKey(t, c);
  return CharSet.of(c, k, ...(t.byKey.get(k) ?? []));
}

/** The characters a range (or a set built from ranges) matches under (?i) or (?iu). */
export function foldRanges(set: CharSet, unicode: boolean): CharSet {
  const extra: number[] = [];
  if (!unicode) {
    for (let c = 0x41; c <= 0x7a; c++) {
      if (isAsciiLetter(c) && !set.has(c) && set.has(c ^ 0x20)) extra.push(c, c);
    }
    return set.union(CharSet.fromPairs(extra));
  }
  const t = caseTable();
  for (const c of t.cased) {
    if (set.has(c)) continue;
    const u = t.upper.get(c) ?? c;
    if (set.has(u) || set.has(t.lower.get(u) ?? u)) extra.push(c, c);
  }
  return set.union(CharSet.fromPairs(extra));
}
