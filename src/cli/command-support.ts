// Small pieces the data commands (import, export, stats, checkpoint) share: argument
// parsing that turns node's parseArgs errors into usage errors, integer options, a
// failure that is the command's to report (exit 1, no stack: a missing input file is not a
// bug), and JSON output that prints bigints as numbers.
import { parseArgs } from "node:util";
import { EXIT_PROBLEM, UsageError, type CliIO } from "./command.js";

type OptionSpec = { type: "string" | "boolean"; multiple?: boolean; short?: string };

/** What parseCommandLine returns: parseArgs's `values` (typed by the options) and `positionals`. */
export type ParsedCommandLine<O extends Record<string, OptionSpec>> = ReturnType<
  typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>
>;

/** parseArgs, strict, with positionals; its errors become UsageErrors (exit 2). */
export function parseCommandLine<const O extends Record<string, OptionSpec>>(
  args: string[],
  options: O,
): ParsedCommandLine<O> {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

/** An integer option's value, at least `min`; `fallback` when absent. */
export function intOption(
  name: string,
  text: string | undefined,
  fallback: number,
  min: number,
): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < min) {
    throw new UsageError(
      `--${name} must be an integer of at least ${min}, got ${JSON.stringify(text)}`,
    );
  }
  return n;
}

/** Exactly `count` positionals, or a usage error naming them. */
export function positionals(given: string[], names: readonly string[]): string[] {
  if (given.length < names.length) {
    throw new UsageError(
      `missing ${names
        .slice(given.length)
        .map((n) => `<${n}>`)
        .join(" ")}`,
    );
  }
  if (given.length > names.length) {
    throw new UsageError(`unexpected argument ${JSON.stringify(given[names.length])}`);
  }
  return given;
}

/** The data formats of import and export. */
export type DataFormat = "jsonl" | "csv";

export function formatOption(text: string | undefined): DataFormat | undefined {
  if (text === undefined || text === "jsonl" || text === "csv") return text;
  throw new UsageError(`--format must be jsonl or csv, got ${JSON.stringify(text)}`);
}

export function delimiterOption(text: string | undefined): string {
  if (text === undefined) return ";";
  if (text.length !== 1 || text === '"' || text === "," || text === "\n" || text === "\r") {
    throw new UsageError(
      `--array-delimiter must be one character other than a comma, quote or line break`,
    );
  }
  return text;
}

/** A failure the command reports as `skein <command>: <message>`, exit code 1. */
export class CommandFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CommandFailure";
  }
}

/** Whether `err` is an operating system error (it has an errno code and a syscall). */
export function isSystemError(err: unknown): err is NodeJS.ErrnoException {
  return err instanceof Error && typeof (err as NodeJS.ErrnoException).syscall === "string";
}

/** Runs the command body; a CommandFailure is printed and becomes exit code 1. */
export async function reportFailures(
  name: string,
  io: CliIO,
  body: () => Promise<number>,
): Promise<number> {
  try {
    return await body();
  } catch (err) {
    if (!(err instanceof CommandFailure)) throw err;
    io.err(`skein ${name}: ${err.message}`);
    return EXIT_PROBLEM;
  }
}

/** Pretty JSON on standard output; bigints are written as numbers, exactly. */
export function printJson(io: CliIO, value: unknown): void {
  const marks = new Map<string, string>();
  const text = JSON.stringify(
    value,
    (_key, v: unknown) => {
      if (typeof v !== "bigint") return v;
      const mark = `\u0000bigint${marks.size}\u0000`;
      marks.set(mark, v.toString());
      return mark;
    },
    2,
  );
  io.out(text.replace(/"\\u0000bigint\d+\\u0000"/g, (m) => marks.get(JSON.parse(m) as string)!));
}
