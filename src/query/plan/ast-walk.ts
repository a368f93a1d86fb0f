// Small questions asked of expression trees while planning: which variable names an
// expression mentions (anywhere, nested patterns and subqueries included: a superset is
// safe, since it only delays where a predicate is applied), whether two expressions are
// the same text-independent tree (ORDER BY n.x finds the projected n.x), and the
// conjuncts of a predicate.
import type { Expression } from "../syntax/ast.js";

/**
 * Visit every object node of a tree (expressions, patterns, statements), without
 * recursion. `visit` returns "stop" to end the walk, "skip" not to look inside the node,
 * anything else to go on into its children.
 */
export function walkTree(node: unknown, visit: (x: object) => "stop" | "skip" | void): void {
  const stack: unknown[] = [node];
  while (stack.length > 0) {
    const x = stack.pop();
    if (typeof x !== "object" || x === null) continue;
    if (Array.isArray(x)) {
      for (const y of x) stack.push(y);
      continue;
    }
    const next = visit(x);
    if (next === "stop") return;
    if (next === "skip") continue;
    for (const [k, v] of Object.entries(x)) if (k !== "pos" && typeof v === "object") stack.push(v);
  }
}

/** Every variable name mentioned inside `node` (an expression, pattern or statement). */
export function mentionedNames(node: unknown, out: Set<string> = new Set()): Set<string> {
  walkTree(node, (x) => {
    const o = x as { kind?: unknown; name?: unknown };
    if (o.kind === "variable" && typeof o.name === "string") out.add(o.name);
  });
  return out;
}

/** Whether two trees are equal ignoring positions and source text. */
export function sameTree(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bs = b as unknown[];
    return a.length === bs.length && a.every((x, i) => sameTree(x, bs[i]));
  }
  const ka = Object.keys(a).filter((k) => k !== "pos" && k !== "text");
  const kb = Object.keys(b).filter((k) => k !== "pos" && k !== "text");
  if (ka.length !== kb.length) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  return ka.every((k) => Object.hasOwn(rb, k) && sameTree(ra[k], rb[k]));
}

/** `a AND b AND c` as [a, b, c]. */
export function conjuncts(e: Expression): Expression[] {
  const out: Expression[] = [];
  const stack: Expression[] = [e];
  while (stack.length > 0) {
    const x = stack.pop()!;
    if (x.kind === "binary" && x.op === "and") stack.push(x.right, x.left);
    else out.push(x);
  }
  return out;
}

/** Whether the tree contains a node of one of these kinds (not looking into `skip` kinds). */
export function containsKind(
  node: unknown,
  kinds: ReadonlySet<string>,
  skip: ReadonlySet<string> = new Set(),
): boolean {
  let found = false;
  walkTree(node, (x) => {
    const kind = (x as { kind?: unknown }).kind;
    if (typeof kind !== "string") return;
    if (kinds.has(kind)) {
      found = true;
      return "stop";
    }
    return skip.has(kind) ? "skip" : undefined;
  });
  return found;
}
