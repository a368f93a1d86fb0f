// Cheap string tests derived from the top level of a pattern, tried before the automaton.
// A pattern that is one literal string is answered by string equality alone; otherwise the
// literal characters it must start with, end with, and contain are checked with
// startsWith / endsWith / includes, which rejects most non-matching texts of patterns like
// 'abc.*' or '.*foo.*' without running the automaton. These are necessary conditions only
// (zero-width assertions are skipped over, since they consume nothing); a text that passes
// them still goes through the automaton unless the pattern is an exact literal.
import type { Node } from "./ast.js";

export interface Literals {
  /** The only text the pattern matches, when it is a plain literal; else null. */
  readonly exact: string | null;
  readonly prefix: string;
  readonly suffix: string;
  /** The longest run of literal characters every match contains. */
  readonly required: string;
}

/** The literal code point `node` consumes, or -1 (surrogates excluded: see below). */
function literalOf(node: Node): number {
  if (node.type !== "chars") return -1;
  const c = node.set.single;
  // A lone surrogate in the pattern must not pair up with a neighbour in string tests.
  return c >= 0xd800 && c <= 0xdfff ? -1 : c;
}

export function literalsOf(root: Node): Literals {
  const items = root.type === "concat" ? root.items : root.type === "empty" ? [] : [root];
  const runs: string[] = [];
  let run = "";
  let prefixDone = false;
  let prefix = "";
  let onlyLiterals = true;
  for (const item of items) {
    if (item.type === "assert") {
      onlyLiterals = false;
      continue;
    }
    const c = literalOf(item);
    if (c < 0) {
      onlyLiterals = false;
      prefixDone = true;
      runs.push(run);
      run = "";
      continue;
    }
    run += String.fromCodePoint(c);
    if (!prefixDone) prefix += String.fromCodePoint(c);
  }
  runs.push(run);
  const suffix = run;
  if (onlyLiterals) return { exact: prefix, prefix, suffix, required: prefix };
  const required = runs.reduce((best, r) => (r.length > best.length ? r : best), "");
  return { exact: null, prefix, suffix, required };
}
