// What every bench runner does before it measures: check that Skein is built, install the
// bench's peers (bench/package.json, from its lockfile) when any is missing, pin the build
// (a copy of dist/ the children load, so a rebuild during a long run cannot mix two builds
// into one run), and describe which commit is measured.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const BENCH = dirname(dirname(fileURLToPath(import.meta.url)));
export const ROOT = dirname(BENCH);

/** Throws unless dist/ holds a build; `script` names the npm script that builds first. */
export function ensureBuilt(script) {
  if (!existsSync(join(ROOT, "dist", "index.js"))) {
    throw new Error(`dist/index.js is missing: run \`npm run build\` first (${script} does)`);
  }
}

/** Installs bench/package.json's dependencies (from the lockfile) when any is missing. */
export function ensurePeers() {
  const manifest = JSON.parse(readFileSync(join(BENCH, "package.json"), "utf8"));
  const require = createRequire(join(BENCH, "package.json"));
  const missing = Object.keys(manifest.dependencies).filter((name) => {
    try {
      require.resolve(name);
      return false;
    } catch {
      return true;
    }
  });
  if (missing.length === 0) return;
  console.log(`bench peers missing (${missing.join(", ")}): npm --prefix bench ci`);
  const r = spawnSync("npm", ["--prefix", BENCH, "ci"], { stdio: "inherit" });
  if (r.status !== 0)
    throw new Error("installing the bench's peers failed (npm --prefix bench ci)");
}

/** A hash of everything in a dist/ directory. */
export function distFingerprint(dist) {
  const hash = createHash("sha256");
  const walk = (dir) => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    );
    for (const e of entries) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else hash.update(path.slice(dist.length)).update(readFileSync(path));
    }
  };
  walk(dist);
  return hash.digest("hex");
}

/**
 * Copies dist/ aside for the run and points the children at the copy (SKEIN_BENCH_DIST):
 * other work may rebuild dist/ while a run that takes many minutes goes on, and one run
 * must measure one build. Returns the copy's root and fingerprint.
 */
export function pinDist() {
  const root = mkdtempSync(join(tmpdir(), "skein-bench-dist-"));
  cpSync(join(ROOT, "dist"), join(root, "dist"), { recursive: true });
  process.env.SKEIN_BENCH_DIST = pathToFileURL(join(root, "dist", "index.js")).href;
  return { root, fingerprint: distFingerprint(join(root, "dist")) };
}

/** "Skein at commit <sha>", noting uncommitted changes under src/. */
export function gitLine() {
  const git = (...a) => spawnSync("git", a, { cwd: ROOT, encoding: "utf8" }).stdout?.trim() ?? "";
  const head = git("rev-parse", "--short", "HEAD");
  if (!head) return "";
  const dirty = git("status", "--porcelain", "--", "src").split("\n").filter(Boolean).length;
  return `Skein at commit ${head}${dirty > 0 ? ` plus uncommitted changes to ${dirty} file(s) under src/` : ""}`;
}
