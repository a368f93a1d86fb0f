// The shell at a terminal: a prompt (`skein> `, and `  ...> ` while a statement awaits
// its `;`), line editing and history from node:readline, Ctrl-C to drop the statement
// being typed, Ctrl-D or `:quit` to leave. Errors never end the session: the input handler
// prints them and reading goes on.
//
// Ctrl-C: readline turns it into a "SIGINT" event when it owns the terminal (raw mode);
// the handler leaves what was typed on screen, prints ^C, empties readline's line and
// prompts again on a fresh row. While a query
// runs, Ctrl-C is ignored: the query finishes and its result is printed.
import { createInterface, type Interface } from "node:readline";
import { HISTORY_SIZE, loadHistory, saveHistory } from "./shell-history.js";
import type { InputHandler } from "./shell-input.js";
import type { ShellSession } from "./shell-session.js";

export const PROMPT = "skein> ";
export const CONTINUATION_PROMPT = "  ...> ";

export interface ReplOptions {
  /** The history file, or null to neither read nor write one (`--no-history`). */
  readonly historyPath: string | null;
}

function openReadline(history: readonly string[]): Interface {
  return createInterface({
    input: process.stdin,
    output: process.stdout,
    terminal: process.stdout.isTTY === true,
    history: [...history],
    historySize: HISTORY_SIZE,
    removeHistoryDuplicates: true,
    prompt: PROMPT,
  });
}

/**
 * Empties readline's line after the cursor has moved to a fresh row, as readline's own
 * Ctrl-C handling in node's REPL does: `line` and `cursor` are readline's documented
 * fields (read-only in the types); `prevRows`, the rows its last redraw took above the
 * cursor, is reset so the next redraw starts on the fresh row instead of moving up.
 */
function dropLine(rl: Interface): void {
  const state = rl as unknown as { line: string; cursor: number; prevRows?: number };
  state.line = "";
  state.cursor = 0;
  if ("prevRows" in state) state.prevRows = 0;
}

/** Reads and runs statements from the terminal until `:quit` or Ctrl-D. */
export async function runRepl(
  handler: InputHandler,
  session: ShellSession,
  options: ReplOptions,
): Promise<void> {
  const loaded = options.historyPath === null ? null : loadHistory(options.historyPath);
  if (loaded?.problem) session.note(loaded.problem);
  // A history that could not be read is not overwritten.
  const savePath = loaded === null || loaded.problem !== null ? null : options.historyPath;
  let history = loaded?.entries ?? [];
  const rl = openReadline(history);
  rl.on("history", (entries: string[]) => {
    history = entries;
  });
  let busy = false;
  const prompt = (): void => {
    rl.setPrompt(handler.pending ? CONTINUATION_PROMPT : PROMPT);
    rl.prompt();
  };
  const interrupt = (): void => {
    if (busy) return;
    const idle = rl.line.length === 0 && !handler.pending;
    handler.clear();
    if (rl.terminal) rl.write(null, { ctrl: true, name: "e" });
    process.stdout.write(idle ? "^C\r\n(to leave, press Ctrl-D or type :quit)\r\n" : "^C\r\n");
    dropLine(rl);
    prompt();
  };
  // Without raw mode (standard output is not a terminal) Ctrl-C is a real signal.
  if (rl.terminal) rl.on("SIGINT", interrupt);
  else process.on("SIGINT", interrupt);
  let quit = false;
  try {
    prompt();
    for await (const line of rl) {
      busy = true;
      const step = await handler.line(line);
      busy = false;
      if (step === "quit") {
        quit = true;
        break;
      }
      prompt();
    }
  } finally {
    process.removeListener("SIGINT", interrupt);
    rl.close();
    if (!quit) process.stdout.write("\n");
    if (savePath !== null) {
      const problem = saveHistory(savePath, history);
      if (problem !== null) session.note(problem);
    }
  }
}
