// Sums over many killed-process cycles (test/kill-harness.ts), and the plain kill
// campaign of one sync mode that test/kill.test.ts runs: seeded random SIGKILLs, stopping
// at the first violation. The crash-point test and the long campaign script build their
// own cycles and add them up here too.
import type { SyncMode } from "../src/index.js";
import { Violations } from "./kill-checks.js";
import {
  Lane,
  assertNoViolations,
  randomKillSpec,
  type CycleResult,
  type CycleSpec,
} from "./kill-harness.js";

/** Sums of many cycles. */
export class Totals {
  cycles = 0;
  acks = 0;
  replayed = 0;
  tornTails = 0;
  maxLockFreeMs = 0;
  maxOpenMs = 0;
  randomKills = 0;
  /** Of the random kills, those of children armed with a crash point they had not reached. */
  armedKilledFirst = 0;
  finished = 0;
  /** Deaths at each crash point (`<name>`, whatever its n) per mode. */
  readonly crashPointKills = new Map<string, Map<SyncMode, number>>();
  readonly violations = new Violations();

  add(r: CycleResult, spec: CycleSpec): void {
    this.cycles++;
    this.acks += r.acks;
    this.replayed += r.replayedTransactions;
    this.tornTails += r.tornTail ? 1 : 0;
    this.maxLockFreeMs = Math.max(this.maxLockFreeMs, r.lockFreeMs);
    this.maxOpenMs = Math.max(this.maxOpenMs, r.openMs);
    this.violations.addAll(r.violations);
    if (r.end === "killed") {
      this.randomKills++;
      if (spec.crashPoint !== null) this.armedKilledFirst++;
    } else if (r.end === "finished") this.finished++;
    else {
      const name = spec.crashPoint!.split(":")[0]!;
      const byMode = this.crashPointKills.get(name) ?? new Map<SyncMode, number>();
      byMode.set(spec.mode, (byMode.get(spec.mode) ?? 0) + 1);
      this.crashPointKills.set(name, byMode);
    }
  }

  addAll(other: Totals): void {
    this.cycles += other.cycles;
    this.acks += other.acks;
    this.replayed += other.replayed;
    this.tornTails += other.tornTails;
    this.maxLockFreeMs = Math.max(this.maxLockFreeMs, other.maxLockFreeMs);
    this.maxOpenMs = Math.max(this.maxOpenMs, other.maxOpenMs);
    this.randomKills += other.randomKills;
    this.armedKilledFirst += other.armedKilledFirst;
    this.finished += other.finished;
    this.violations.addAll(other.violations);
    for (const [name, byMode] of other.crashPointKills) {
      const mine = this.crashPointKills.get(name) ?? new Map<SyncMode, number>();
      for (const [mode, n] of byMode) mine.set(mode, (mine.get(mode) ?? 0) + n);
      this.crashPointKills.set(name, mine);
    }
  }

  get crashPointDeaths(): number {
    let sum = 0;
    for (const byMode of this.crashPointKills.values()) for (const n of byMode.values()) sum += n;
    return sum;
  }

  describe(label: string): string {
    return (
      `${label}: ${this.cycles} kill cycles, ${this.acks} acknowledged writes checked, ` +
      `${this.replayed} transactions replayed, ${this.tornTails} torn tails cut, ` +
      `lock free at most ${this.maxLockFreeMs.toFixed(1)} ms and open (recovery included) ` +
      `at most ${this.maxOpenMs.toFixed(1)} ms after the kill`
    );
  }
}

/**
 * The plain kill campaign of one mode: `cycles` cycles of randomKillSpec drawn from `random`,
 * stopping at the first violation. `note` receives the summary line, and where the
 * directory was kept if a cycle failed.
 */
export async function killCampaign(
  mode: SyncMode,
  cycles: number,
  random: () => number,
  epochCycles: number,
  note: (line: string) => void,
): Promise<Totals> {
  const lane = new Lane(mode, epochCycles);
  const totals = new Totals();
  let failed = true;
  try {
    for (let cycle = 0; cycle < cycles; cycle++) {
      const where = `${mode} cycle ${cycle}`;
      const spec = randomKillSpec(mode, random);
      const r = await lane.cycle(spec, where);
      assertNoViolations(r.violations, where);
      totals.add(r, spec);
    }
    failed = false;
  } finally {
    note(totals.describe(mode));
    // A failed campaign keeps its directory for a post-mortem.
    if (failed) note(`${mode}: directory kept at ${lane.abandon()}`);
    else lane.remove();
  }
  return totals;
}
