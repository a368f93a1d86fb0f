// The TCK's named graphs ("Given the binary-tree-1 graph"): each is built by the Cypher
// script `<graphsDir>/<name>/<name>.cypher`, run through the engine like any setup query.
// A script may hold several statements ended by `;`; they are returned one by one.
//
// It does not build graphs through the store directly: the TCK defines them by their
// scripts, and a scenario on a named graph needs CREATE to work, as in the reference.
import { readFileSync } from "node:fs";
import { join } from "node:path";

const cache = new Map<string, readonly string[]>();

/** The statements of a named graph's script, read once per process. */
export function readNamedGraph(graphsDir: string, name: string): readonly string[] {
  if (!/^[\w-]+$/.test(name)) throw new Error(`bad graph name: ${name}`);
  const path = join(graphsDir, name, `${name}.cypher`);
  let statements = cache.get(path);
  if (statements === undefined) {
    statements = splitStatements(readFileSync(path, "utf8"));
    cache.set(path, statements);
  }
  return statements;
}

/** Splits on `;` at the end of a line; the TCK's scripts hold no `;` inside strings. */
export function splitStatements(script: string): string[] {
  return script
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}
