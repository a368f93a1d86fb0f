// The list of `skein` commands, in the order `skein --help` shows them: the database
// commands first (the shell, then the data commands), then the write-ahead-log tools.
import { checkpointCommand } from "./checkpoint.js";
import type { Command } from "./command.js";
import { exportCommand } from "./export.js";
import { importCommand } from "./import.js";
import { shellCommand } from "./shell.js";
import { statsCommand } from "./stats.js";
import { walDumpCommand } from "./wal-dump.js";
import { walInspectCommand } from "./wal-inspect.js";
import { walRepairCommand } from "./wal-repair.js";
import { walStatusCommand } from "./wal-status.js";
import { walTruncateCommand } from "./wal-truncate.js";
import { walVerifyCommand } from "./wal-verify.js";

export const COMMANDS: readonly Command[] = [
  shellCommand,
  importCommand,
  exportCommand,
  statsCommand,
  checkpointCommand,
  walStatusCommand,
  walInspectCommand,
  walDumpCommand,
  walVerifyCommand,
  walTruncateCommand,
  walRepairCommand,
];
