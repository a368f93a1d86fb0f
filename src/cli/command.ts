// What every `skein` command is: a name, its help text, and a run function that gets its
// own arguments and the output channel, and returns the exit code. Commands use only the
// package's public entry (../index.js), as any user of the package would.

/** Exit codes: 0 ok, 1 a problem was found (or the operation failed), 2 usage error. */
export const EXIT_OK = 0;
export const EXIT_PROBLEM = 1;
export const EXIT_USAGE = 2;

export interface CliIO {
  /** Print a line to standard output. */
  out(line: string): void;
  /** Print a line to standard error. */
  err(line: string): void;
  /** Whether standard error is a terminal (progress bars go there). */
  readonly isTTY: boolean;
  /** Write raw text to standard error (progress redraws, no newline). */
  errRaw(text: string): void;
}

export interface Command {
  /** Words that select it, e.g. ["wal", "status"]. */
  readonly path: readonly string[];
  /** One line for the command list. */
  readonly summary: string;
  /** Full help: usage, options, examples. */
  readonly help: string;
  run(args: string[], io: CliIO): Promise<number>;
}

/** A usage error: printed with the command's help hint, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}
