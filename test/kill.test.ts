// Recovery after a writer process is killed with SIGKILL at a random moment, in each sync
// mode: nothing acknowledged may be lost (README, "Sync modes"). The cycle itself — start
// test/fixtures/db-writer.js, kill it, reopen at once (the dead writer's lock taken over
// within a second), check every acknowledged and recovered write, no gap, no partial
// transaction, unique ids, write once more — is test/kill-harness.ts, its checks
// test/kill-checks.ts, this campaign and its sums test/kill-totals.ts. Here each child is
// SIGKILLed a seeded random 20–200 ms after its first acknowledgement; half the children
// also checkpoint often on small segments, so kills land in checkpoints, snapshot writes,
// rotations and truncations too. Deaths at each named crash point are
// test/crash-points.test.ts; long campaigns mixing both are test/crash-campaign.ts.
//
// 200 cycles in all by default, the three modes side by side. SKEIN_KILL_CYCLES=N runs N
// instead, SKEIN_KILL_SEED=S another seed; a directory is replaced by a fresh one every
// EPOCH_CYCLES cycles so that long campaigns keep cycles short.
import assert from "node:assert/strict";
import { test } from "node:test";
import { seededRandom } from "./fixtures/db-writer.js";
import { MODES } from "./kill-harness.js";
import { Totals, killCampaign } from "./kill-totals.js";

const TOTAL_CYCLES = Number(process.env["SKEIN_KILL_CYCLES"] ?? 200);
const SEED = Number(process.env["SKEIN_KILL_SEED"] ?? 20_240_229);
const EPOCH_CYCLES = 100;

void test(
  "a writer killed with SIGKILL loses nothing it acknowledged, in every sync mode",
  { concurrency: true, timeout: 120_000 + TOTAL_CYCLES * 3_000 },
  async (t) => {
    assert.ok(Number.isSafeInteger(TOTAL_CYCLES) && TOTAL_CYCLES > 0, "SKEIN_KILL_CYCLES");
    const started = performance.now();
    const all = new Totals();
    await Promise.all(
      MODES.map((mode, i) => {
        const cycles = Math.ceil((TOTAL_CYCLES - i) / MODES.length);
        return t.test(mode, async (st) => {
          const random = seededRandom(SEED + i);
          const note = (line: string): void => st.diagnostic(line);
          all.addAll(await killCampaign(mode, cycles, random, EPOCH_CYCLES, note));
        });
      }),
    );
    t.diagnostic(
      `seed ${SEED}: ${all.cycles} kill cycles, ${all.acks} acknowledged writes checked, ` +
        `${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    assert.equal(all.cycles, TOTAL_CYCLES);
    assert.equal(all.randomKills, TOTAL_CYCLES, "every child was killed by the parent");
  },
);
