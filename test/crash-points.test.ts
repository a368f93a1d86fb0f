// A writer process that dies at each named crash point (src/internal/crash-point.ts), in
// each sync mode, loses nothing it acknowledged. For every name in CRASH_POINTS and every
// mode, children run the crash-point workload (test/kill-harness.ts: small segments so
// they rotate, a checkpoint every 8 commits keeping one snapshot so retention deletes and
// the log is truncated, a sync every 5 writes so the shared fsync runs in every mode,
// several writes in flight) with SKEIN_CRASH_POINT=<name>:<n> for each n in HITS and one
// seeded n from LATER, so the deaths land at different moments: during the open, at the
// first write, a few checkpoints in, a dozen rotations in. The parent never kills them; a child either kills itself at the point
// or runs out of its write budget and closes normally.
//
// A cycle counts as a death at the point only if the child ended by SIGKILL without its
// completion message and left the line the crash point writes just before the kill
// (test/fixtures/db-writer.ts), naming the armed point and crashPoint on the stack. Every
// cycle, death or not, is then checked like any kill cycle: every acknowledged write
// present with its ids, no partial transaction, no gap, unique ids, the lock taken over,
// the directory reopened and written to. Every point must have been reached at least once
// in every mode; the diagnostics say how often and in which function.
import assert from "node:assert/strict";
import { test } from "node:test";
import { CRASH_POINTS } from "../src/internal/crash-point.js";
import type { SyncMode } from "../src/index.js";
import { seededRandom } from "./fixtures/db-writer.js";
import { Lane, MODES, assertNoViolations, crashPointSpec } from "./kill-harness.js";
import { Totals } from "./kill-totals.js";

/** The n of `<name>:<n>`: the first time, an early time, a later time… */
const HITS = [1, 2, 5];
/** …and one more, seeded, from this range. */
const LATER = { min: 6, max: 15 };
/** Writes a child makes before it gives up on its crash point and closes. */
const WRITE_BUDGET = 200;
const EPOCH_CYCLES = 50;
const SEED = 20_250_311;

interface PointRuns {
  attempts: number;
  deaths: number;
  /** The n of each death. */
  hits: number[];
  /** Where each death happened (crashPoint's caller and its caller), once each. */
  sites: Set<string>;
}

async function visitEveryPoint(mode: SyncMode, seed: number, note: (line: string) => void) {
  const random = seededRandom(seed);
  const lane = new Lane(mode, EPOCH_CYCLES);
  const totals = new Totals();
  const runs = new Map<string, PointRuns>();
  let failed = true;
  try {
    for (const point of CRASH_POINTS) {
      const r: PointRuns = { attempts: 0, deaths: 0, hits: [], sites: new Set() };
      runs.set(point, r);
      const later = LATER.min + Math.floor(random() * (LATER.max - LATER.min + 1));
      for (const n of [...HITS, later]) {
        const where = `${mode} ${point}:${n}`;
        const spec = crashPointSpec(mode, random, `${point}:${n}`, null, WRITE_BUDGET);
        const result = await lane.cycle(spec, where);
        assertNoViolations(result.violations, where);
        totals.add(result, spec);
        r.attempts++;
        assert.notEqual(result.end, "killed", `${where}: nobody but the point kills`);
        if (result.end !== "crashPoint") continue;
        r.deaths++;
        // crashPoint's caller and its caller; "#" would be escaped in the diagnostics.
        const callers = result.crashSite!.split(" < ").slice(1, 3).join(" < ");
        r.sites.add(callers.replaceAll("#", ""));
        r.hits.push(n);
      }
    }
    failed = false;
  } finally {
    // A failed run keeps its directory for a post-mortem.
    if (failed) note(`${mode}: directory kept at ${lane.abandon()}`);
    else lane.remove();
  }
  return { totals, runs };
}

void test(
  "a writer dying at each named crash point loses nothing it acknowledged, in every sync mode",
  { concurrency: true, timeout: 180_000 },
  async (t) => {
    assert.equal(process.env["SKEIN_CRASH_POINT"], undefined, "only the children are armed");
    const started = performance.now();
    const all = new Totals();
    await Promise.all(
      MODES.map((mode, i) =>
        t.test(mode, async (st) => {
          const note = (line: string): void => st.diagnostic(line);
          const { totals, runs } = await visitEveryPoint(mode, SEED + i, note);
          all.addAll(totals);
          for (const [point, r] of runs) {
            const where = `n = ${r.hits.join(", ")}; in ${[...r.sites].join(", ")}`;
            st.diagnostic(`${point}: died there ${r.deaths}/${r.attempts} (${where})`);
          }
          st.diagnostic(totals.describe(mode));
          const missed = [...runs].filter(([, r]) => r.deaths === 0).map(([p]) => p);
          assert.deepEqual(missed, [], `${mode}: crash points never reached`);
        }),
      ),
    );
    t.diagnostic(
      `${all.cycles} cycles, ${all.crashPointDeaths} deaths at crash points, ` +
        `${all.finished} children finished, ${all.acks} acknowledged writes checked, ` +
        `${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    assert.equal(all.crashPointKills.size, CRASH_POINTS.length);
  },
);
