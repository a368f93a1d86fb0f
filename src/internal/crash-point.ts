// Named crash points for the killed-process campaign: with SKEIN_CRASH_POINT=<name> (or
// <name>:<n> for the n-th time it is reached) in the environment, the process kills
// itself with SIGKILL right there, as a power cut or `kill -9` would, between two steps
// that are never supposed to be torn apart. The variable is read once at load; when it is
// unset every crash point is a comparison against null and costs nothing measurable.

/** Every crash point in the package, so a campaign can visit each one. */
export const CRASH_POINTS = [
  "wal.append.afterWriteOut",
  "wal.sync.afterFsync",
  "wal.rotate.afterSeal",
  "segment.create.beforeRename",
  "segment.create.afterRename",
  "wal.truncate.afterUnlink",
  "db.write.afterLog",
  "checkpoint.afterSnapshot",
  "checkpoint.afterMarker",
  "checkpoint.afterRetention",
  "snapshot.write.beforeRename",
] as const;
export type CrashPointName = (typeof CRASH_POINTS)[number];

function parse(spec: string | undefined): { name: string; hit: number } | null {
  if (spec === undefined || spec === "") return null;
  const [name = "", n] = spec.split(":");
  return { name, hit: n === undefined ? 1 : Math.max(1, Number(n) || 1) };
}

const armed = parse(process.env.SKEIN_CRASH_POINT);
let hits = 0;

export function crashPoint(name: CrashPointName): void {
  if (armed === null || armed.name !== name) return;
  if (++hits >= armed.hit) process.kill(process.pid, "SIGKILL");
}
