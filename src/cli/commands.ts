// The list of `skein` commands, in the order `skein --help` shows them.
import type { Command } from "./command.js";

export const COMMANDS: readonly Command[] = [];
