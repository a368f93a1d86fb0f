#!/usr/bin/env node
// The `skein` command: finds the command named by the first words of the arguments, runs
// it, and turns what it throws into the conventions every command shares: a usage error
// prints its message and exits 2; a SkeinError prints its code and message and exits 1
// (its stack only with --debug); anything else is a bug and prints its stack.
import { SkeinError } from "../index.js";
import { EXIT_PROBLEM, EXIT_USAGE, UsageError, type CliIO, type Command } from "./command.js";
import { COMMANDS } from "./commands.js";

function findCommand(argv: string[]): { command: Command; rest: string[] } | null {
  let best: { command: Command; rest: string[] } | null = null;
  for (const command of COMMANDS) {
    const n = command.path.length;
    if (argv.length >= n && command.path.every((w, i) => argv[i] === w)) {
      if (!best || n > best.command.path.length) best = { command, rest: argv.slice(n) };
    }
  }
  return best;
}

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.path.join(" ").length));
  return [
    "usage: skein <command> [arguments] [--json] [--debug] [--help]",
    "",
    "commands:",
    ...COMMANDS.map((c) => `  ${c.path.join(" ").padEnd(width)}  ${c.summary}`),
    "",
    "Run `skein <command> --help` for a command's options and examples.",
    "Exit codes: 0 ok, 1 problem found or operation failed, 2 usage error.",
  ].join("\n");
}

export async function main(argv: string[], io: CliIO): Promise<number> {
  const debug = argv.includes("--debug");
  const args = argv.filter((a) => a !== "--debug");
  if (args.length === 0 || args[0] === "--help" || args[0] === "-h" || args[0] === "help") {
    io.out(overview());
    return args.length === 0 ? EXIT_USAGE : 0;
  }
  const found = findCommand(args);
  if (!found) {
    io.err(`skein: unknown command "${args.slice(0, 2).join(" ")}"`);
    io.err(overview());
    return EXIT_USAGE;
  }
  if (found.rest.includes("--help") || found.rest.includes("-h")) {
    io.out(found.command.help);
    return 0;
  }
  try {
    return await found.command.run(found.rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`skein ${found.command.path.join(" ")}: ${err.message}`);
      io.err(`Run \`skein ${found.command.path.join(" ")} --help\` for usage.`);
      return EXIT_USAGE;
    }
    if (err instanceof SkeinError) {
      io.err(`error ${err.code}: ${err.message}`);
      if (debug && err.stack) io.err(err.stack);
      return EXIT_PROBLEM;
    }
    io.err(
      `skein: unexpected failure: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
    );
    return EXIT_PROBLEM;
  }
}

const processIO: CliIO = {
  out: (line) => void process.stdout.write(line + "\n"),
  err: (line) => void process.stderr.write(line + "\n"),
  errRaw: (text) => void process.stderr.write(text),
  isTTY: process.stderr.isTTY === true,
};

main(process.argv.slice(2), processIO).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`skein: ${String(err)}\n`);
    process.exitCode = EXIT_PROBLEM;
  },
);
