// Regular-expression matching for Cypher's `=~`: true when the WHOLE string matches a
// Java-syntax pattern. Runs in time linear in pattern size × text length whatever the
// pattern (no backtracking), so a hostile pattern cannot hang a query.
//   index.ts           matchRegex, compileRegex and the cache of compiled patterns
//   cache.ts           LruCache: least-recently-used map bounded by count and weight
//   compiled-regex.ts  CompiledRegex: literal pre-checks, DFA loop, exact simulation at the end
//   dfa.ts             LazyDfa: transitions built on demand, memory-bounded
//   simulator.ts       Simulator: Thompson NFA closure and step, with a work counter
//   assertions.ts      what ^ $ \b \A \z \Z and friends mean, from a small context
//   literal.ts         literal prefix / suffix / required substring of a pattern
//   edge-anchors.ts    drops ^ and $ where a whole-text match makes them redundant
//   compiler.ts        syntax tree → Program, with the program size limit
//   program.ts         Program: the NFA instruction layout and opcodes
//   parser.ts          pattern → syntax tree: alternation, groups, quantifiers, flags
//   parse-class.ts     bracketed classes, ranges, nesting and && intersection
//   parse-escape.ts    backslash escapes
//   possessive.ts      possessive quantifiers and atomic groups that have exact rewrites
//   cursor.ts          Cursor: position, inline flags and \Q…\E quoting while parsing
//   ast.ts             syntax tree nodes and helpers
//   char-set.ts        CharSet: code point sets as sorted ranges
//   case-fold.ts       (?i) and (?iu) widening of sets
//   properties.ts      \d \w \s \h \v and \p{…} classes
//   unicode-scan.ts    Unicode property tables taken from the JavaScript engine
//   errors.ts          the ARGUMENT errors for malformed and unsupported patterns
import { LruCache } from "./cache.js";
import { CompiledRegex } from "./compiled-regex.js";

export { CompiledRegex, type MatchStats, type MatchOptions } from "./compiled-regex.js";
export { MAX_PROGRAM_SIZE } from "./program.js";

/** How many compiled patterns are kept for reuse. */
export const REGEX_CACHE_CAPACITY = 256;

/**
 * The most program instructions the cache holds in total (a compiled pattern costs about
 * 32 bytes of matching buffers per instruction, plus its bounded DFA cache).
 */
export const REGEX_CACHE_MAX_INSTRUCTIONS = 1_000_000;

const cache = new LruCache<CompiledRegex>(REGEX_CACHE_CAPACITY, REGEX_CACHE_MAX_INSTRUCTIONS);

/**
 * The compiled form of `pattern`, from the cache when it was compiled recently. Throws a
 * QueryError (code ARGUMENT) when the pattern is malformed, uses an unsupported feature
 * (back-references, look-around) or would compile to too large a program.
 */
export function compileRegex(pattern: string): CompiledRegex {
  let compiled = cache.get(pattern);
  if (compiled === undefined) {
    compiled = new CompiledRegex(pattern);
    cache.set(pattern, compiled, compiled.programSize);
  }
  return compiled;
}

/** Cypher's `text =~ pattern`: whether the whole of `text` matches `pattern`. */
export function matchRegex(pattern: string, text: string): boolean {
  return compileRegex(pattern).matches(text);
}
