// From lines of input to work done, for both ways of reading (a terminal, or a file or
// piped standard input): a line that starts with `:` where a statement could begin is a
// meta-command; any other line goes to the statement splitter, and each statement it
// completes runs in order. After a failure, a script stops (unless told to go on) and
// says where the failed statement started; a terminal session always goes on.
import { runMeta, isMetaCommand } from "./shell-meta.js";
import type { ShellSession } from "./shell-session.js";
import { StatementSplitter, type Statement } from "./shell-split.js";

/** What the reader does next: read on, leave (`:quit`), or stop at an error. */
export type NextStep = "read" | "quit" | "stop";

export interface InputOptions {
  /** Stop at the first failure (scripts without --continue-on-error). */
  readonly stopOnError: boolean;
  /** Names the input in messages, e.g. "queries.cypher"; null for a terminal. */
  readonly source: string | null;
}

export class InputHandler {
  readonly #session: ShellSession;
  readonly #options: InputOptions;
  readonly #splitter = new StatementSplitter();
  #lineNumber = 0;

  constructor(session: ShellSession, options: InputOptions) {
    this.#session = session;
    this.#options = options;
  }

  /** Whether a statement has begun and awaits its `;` (the prompt shows it). */
  get pending(): boolean {
    return this.#splitter.pending;
  }

  /** Forget the statement being typed (Ctrl-C). */
  clear(): void {
    this.#splitter.clear();
  }

  /** Handles one line of input. */
  async line(text: string): Promise<NextStep> {
    this.#lineNumber++;
    if (!this.#splitter.pending && isMetaCommand(text)) return this.#meta(text);
    for (const statement of this.#splitter.push(text, this.#lineNumber)) {
      if (!(await this.#statement(statement))) return "stop";
    }
    return "read";
  }

  /** At the end of the input: runs a last statement that has no `;`. */
  async end(): Promise<NextStep> {
    const last = this.#splitter.finish();
    if (last !== null && !(await this.#statement(last))) return "stop";
    return "read";
  }

  async #meta(text: string): Promise<NextStep> {
    try {
      return (await runMeta(text, this.#session)) === "quit" ? "quit" : "read";
    } catch (err) {
      this.#session.reportError(err);
      this.#where(this.#lineNumber, "command");
      return this.#options.stopOnError ? "stop" : "read";
    }
  }

  /** Runs a statement; false when the reader should stop. */
  async #statement(statement: Statement): Promise<boolean> {
    if (await this.#session.run(statement.text)) return true;
    this.#where(statement.line, "statement");
    return !this.#options.stopOnError;
  }

  #where(line: number, what: string): void {
    const source = this.#options.source;
    if (source !== null) this.#session.note(`  in the ${what} at line ${line} of ${source}`);
  }
}
