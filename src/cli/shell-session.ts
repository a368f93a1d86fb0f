// One shell's state and what it does with a statement: the open database, the parameters
// set with `:params`, the output format and whether to time queries. Running a statement
// times `db.execute`, compares the node and relationship counts before and after (the
// engine does not say what a query changed), and prints the rows and a summary line.
//
// Output: rows go to standard output. The summary line goes there too in table mode; in
// json and csv modes it goes to standard error, so that standard output stays data a
// program can read. Errors go to standard error as `error <CODE>: <message>` (the engine's
// SYNTAX messages end with an excerpt of the statement and a caret under the problem).
// Reading input and deciding whether to go on after an error belong to shell-input.ts.
import { SkeinError, type Database, type PropertyValue } from "../index.js";
import type { CliIO } from "./command.js";
import { resultLines, summaryLine, type Outcome, type ShellFormat } from "./shell-format.js";

/** A misuse of a meta-command, printed as `error USAGE: <message>`. */
export class ShellUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ShellUsageError";
  }
}

export interface SessionOptions {
  readonly format: ShellFormat;
  readonly timing: boolean;
  /** Print the stack of every error (`--debug`). */
  readonly debug: boolean;
}

export class ShellSession {
  readonly db: Database;
  readonly io: CliIO;
  /** A label for the database in messages: its directory, or "in memory". */
  readonly where: string;
  readonly debug: boolean;
  format: ShellFormat;
  timing: boolean;
  params: Record<string, PropertyValue> = {};
  /** Statements and meta-commands that failed so far. */
  failures = 0;

  constructor(db: Database, io: CliIO, where: string, options: SessionOptions) {
    this.db = db;
    this.io = io;
    this.where = where;
    this.debug = options.debug;
    this.format = options.format;
    this.timing = options.timing;
  }

  /** Runs one statement and prints its result; false (after printing why) when it failed. */
  async run(statement: string): Promise<boolean> {
    let outcome: Outcome;
    try {
      outcome = await this.#execute(statement);
    } catch (err) {
      this.reportError(err);
      return false;
    }
    for (const line of resultLines(this.format, outcome)) this.io.out(line);
    const summary = summaryLine(outcome, this.timing);
    if (this.format === "table") this.io.out(summary);
    else this.note(summary);
    return true;
  }

  async #execute(statement: string): Promise<Outcome> {
    const before = this.db.status();
    const started = performance.now();
    const result = await this.db.execute(statement, this.params);
    const elapsedMs = performance.now() - started;
    const after = this.db.status();
    return {
      columns: result.columns,
      rows: result.rows,
      elapsedMs,
      nodesDelta: after.nodeCount - before.nodeCount,
      relationshipsDelta: after.relationshipCount - before.relationshipCount,
    };
  }

  /** A confirmation or remark: standard error, so standard output stays the results. */
  note(line: string): void {
    this.io.err(line);
  }

  /** Prints an error in the command line's style and counts it. */
  reportError(err: unknown): void {
    this.failures++;
    if (err instanceof SkeinError) this.io.err(`error ${err.code}: ${err.message}`);
    else if (err instanceof ShellUsageError) this.io.err(`error USAGE: ${err.message}`);
    else if (err instanceof Error) this.io.err(`error ${err.name}: ${err.message}`);
    else this.io.err(`error: ${String(err)}`);
    if (this.debug && err instanceof Error && err.stack) this.io.err(err.stack);
  }
}
