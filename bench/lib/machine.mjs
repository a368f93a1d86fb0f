// The machine line of the report: CPU, cores, memory, kernel, Node, and the file system
// the temporary directories live on.
import { readFileSync, statSync } from "node:fs";
import * as os from "node:os";

function mountOf(path) {
  try {
    const dev = statSync(path).dev;
    const mounts = readFileSync("/proc/self/mounts", "utf8")
      .trim()
      .split("\n")
      .map((l) => l.split(" "));
    const match = mounts.filter(([, point]) => {
      try {
        return statSync(point).dev === dev;
      } catch {
        return false;
      }
    });
    const [device, point, type] = match.at(-1) ?? [];
    return device ? `${type} on ${device} (mounted at ${point})` : "unknown file system";
  } catch {
    return "unknown file system";
  }
}

export function machineLine(tmp) {
  const cpus = os.cpus();
  const gib = (os.totalmem() / 2 ** 30).toFixed(1);
  return (
    `${cpus[0]?.model ?? "unknown CPU"} × ${cpus.length} cores, ${gib} GiB RAM, ` +
    `${os.type()} ${os.release()}, Node ${process.version}, temporary directories on ${mountOf(tmp)} (${tmp})`
  );
}
