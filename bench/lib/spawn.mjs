// Runs one task in a fresh child process (lib/child.mjs) and returns its result object.
// A child that fails, or outlives its time limit, rejects with its stderr's tail.
import { spawn } from "node:child_process";
import { clearTimeout, setTimeout } from "node:timers";
import { URL, fileURLToPath } from "node:url";

const CHILD = fileURLToPath(new URL("./child.mjs", import.meta.url));
const MARKER = "RESULT ";

/**
 * `task` is serialised as the child's argument. `nodeFlags` go before the script (e.g.
 * --cpu-prof); `env` is added to this process's environment.
 */
export function runChild(task, { nodeFlags = [], env = {}, timeoutMs }) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--expose-gc", ...nodeFlags, CHILD, JSON.stringify(task)],
      {
        stdio: ["ignore", "pipe", "pipe"],
        env: { ...process.env, ...env },
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d) => (stderr = (stderr + d).slice(-4000)));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const line = stdout.split("\n").find((l) => l.startsWith(MARKER));
      if (code === 0 && line) return resolve(JSON.parse(line.slice(MARKER.length)));
      const why = signal ? `killed by ${signal} (time limit ${timeoutMs} ms)` : `exit code ${code}`;
      reject(new Error(`${why}: ${stderr.trim().split("\n").slice(-6).join("\n")}`));
    });
  });
}
