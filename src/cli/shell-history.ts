// The interactive shell's history file: `$SKEIN_HISTORY`, else `~/.skein_history`; one
// entered line per line of text, oldest first, at most HISTORY_SIZE of them. It is read
// when a terminal session starts and written when it ends (through a temporary file and
// a rename, so a crash mid-write leaves the old history, never half of it), readable by
// its owner only: queries can hold data worth keeping private. A history that cannot be
// read or written costs the history, never the session: the problem is returned as a note.
//
// readline keeps the entries newest first; this file converts at its edges.
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

/** How many lines the history keeps. */
export const HISTORY_SIZE = 1000;

/** Where the history lives. */
export function historyPath(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env["SKEIN_HISTORY"];
  return configured !== undefined && configured !== ""
    ? configured
    : join(homedir(), ".skein_history");
}

function reason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The saved entries, newest first (readline's order); a missing file is no history. */
export function loadHistory(path: string): { entries: string[]; problem: string | null } {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return { entries: [], problem: null };
    return { entries: [], problem: `cannot read the history ${path}: ${reason(err)}` };
  }
  const lines = text.split("\n").filter((l) => l.trim().length > 0);
  return { entries: lines.slice(-HISTORY_SIZE).reverse(), problem: null };
}

/** Writes the entries (newest first) oldest first; returns a problem, or null. */
export function saveHistory(path: string, newestFirst: readonly string[]): string | null {
  const lines = newestFirst
    .slice(0, HISTORY_SIZE)
    .filter((l) => l.trim().length > 0 && !l.includes("\n"))
    .reverse();
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, lines.map((l) => `${l}\n`).join(""), { mode: 0o600 });
    renameSync(temporary, path);
    return null;
  } catch (err) {
    return `cannot save the history to ${path}: ${reason(err)}`;
  }
}
