// A long killed-process campaign, run by hand or in CI rather than by the test suite:
//
//   npm run test:crash -- --cycles 2000 [--seed S] [--crash-share 0.5]
//   (node build/test/crash-campaign.js ... once compiled)
//
// It runs N cycles of test/kill-harness.ts, the three sync modes side by side. Each cycle
// is one of two kinds, drawn from the seed: a child SIGKILLed at a random moment (the
// cycles of test/kill.test.ts), or a child running the crash-point workload armed with
// SKEIN_CRASH_POINT=<name>:<n> for a random name of CRASH_POINTS and n in 1..MAX_HIT,
// also SIGKILLed at a random moment should it not get there first. After every death the
// directory is reopened and checked (test/kill-checks.ts); a cycle with violations keeps
// its directory for a post-mortem, and its lane goes on in a fresh one.
//
// It prints a progress line now and then and a summary: cycles, kills at random moments,
// deaths at each named point per mode, acknowledged writes checked, and every kind of
// violation (acknowledged writes lost, partial transactions, ...) which must all be 0.
// Exit status: 0 when they are, 1 on any violation, 2 on bad arguments. The seed is
// printed; the same seed gives the same cycles (the timing of each death still varies).
import { CRASH_POINTS } from "../src/internal/crash-point.js";
import type { SyncMode } from "../src/index.js";
import { seededRandom } from "./fixtures/db-writer.js";
import { VIOLATION_KINDS, Violations, type ViolationKind } from "./kill-checks.js";
import {
  KILL_MIN_MS,
  Lane,
  MODES,
  crashPointSpec,
  randomKillSpec,
  type CycleSpec,
} from "./kill-harness.js";
import { Totals } from "./kill-totals.js";

/** Largest n of `<name>:<n>`. */
const MAX_HIT = 12;
/** A crash-point child is killed after this long at most if it did not reach its point. */
const CRASH_KILL_MAX_MS = 600;
const EPOCH_CYCLES = 50;
const PROGRESS_EVERY_MS = 15_000;
const USAGE = "usage: crash-campaign --cycles N [--seed S] [--crash-share F (0..1, default 0.5)]";

interface CampaignArgs {
  cycles: number;
  seed: number;
  crashShare: number;
}

function parseArgs(argv: string[]): CampaignArgs {
  const args: CampaignArgs = { cycles: 0, seed: Date.now() % 2 ** 31, crashShare: 0.5 };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, text = ""] = [argv[i], argv[i + 1]];
    const n = Number(text);
    if (text === "" || !Number.isFinite(n)) throw new Error(`${flag} needs a number`);
    if (flag === "--cycles" && Number.isSafeInteger(n) && n > 0) args.cycles = n;
    else if (flag === "--seed" && Number.isSafeInteger(n)) args.seed = n;
    else if (flag === "--crash-share" && n >= 0 && n <= 1) args.crashShare = n;
    else throw new Error(`bad argument ${flag} ${text}`);
  }
  if (args.cycles === 0) throw new Error("--cycles is required");
  return args;
}

function nextSpec(mode: SyncMode, random: () => number, crashShare: number): CycleSpec {
  if (random() >= crashShare) return randomKillSpec(mode, random);
  const point = CRASH_POINTS[Math.floor(random() * CRASH_POINTS.length)]!;
  const hit = 1 + Math.floor(random() * MAX_HIT);
  const killDelayMs = KILL_MIN_MS + random() * (CRASH_KILL_MAX_MS - KILL_MIN_MS);
  return crashPointSpec(mode, random, `${point}:${hit}`, killDelayMs);
}

const fmt = (n: number): string => n.toLocaleString("en-US");

class Campaign {
  readonly totals = new Totals();
  /** Cycles that threw (the child or the reopen failed), counted as "other" violations. */
  readonly errors = new Violations();
  readonly #started = performance.now();
  #lastProgress = performance.now();

  constructor(readonly args: CampaignArgs) {}

  get seconds(): number {
    return (performance.now() - this.#started) / 1000;
  }

  get violations(): number {
    return this.totals.violations.total + this.errors.total;
  }

  async lane(mode: SyncMode, index: number, cycles: number): Promise<void> {
    const random = seededRandom(this.args.seed + index);
    const lane = new Lane(mode, EPOCH_CYCLES);
    for (let cycle = 0; cycle < cycles; cycle++) {
      const spec = nextSpec(mode, random, this.args.crashShare);
      const where = `${mode} cycle ${cycle}${spec.crashPoint === null ? "" : ` ${spec.crashPoint}`}`;
      try {
        const r = await lane.cycle(spec, where);
        this.totals.add(r, spec);
        if (r.violations.total > 0) this.#failed(lane, r.violations.messages);
      } catch (err) {
        this.errors.add("other", `${where}: ${err instanceof Error ? err.message : String(err)}`);
        this.#failed(lane, [String(err)]);
      }
      this.#progress();
    }
    lane.remove();
  }

  #failed(lane: Lane, messages: readonly string[]): void {
    console.log(`VIOLATION in ${lane.mode}, directory kept at ${lane.abandon()}`);
    for (const m of messages) console.log(`  ${m}`);
  }

  #progress(): void {
    const t = this.totals;
    if (performance.now() - this.#lastProgress < PROGRESS_EVERY_MS) return;
    this.#lastProgress = performance.now();
    const done = t.cycles + this.errors.total;
    console.log(
      `[${String(done).padStart(String(this.args.cycles).length)}/${this.args.cycles}] ` +
        `${this.seconds.toFixed(0)} s: ${fmt(t.randomKills)} random kills, ` +
        `${fmt(t.crashPointDeaths)} crash-point deaths, ${fmt(t.acks)} acknowledged writes ` +
        `checked, ${this.violations} violations`,
    );
  }
}

const VIOLATION_LABELS: Record<ViolationKind, string> = {
  lost: "acknowledged writes lost",
  vanished: "recovered writes lost later",
  changed: "writes whose ids changed",
  partial: "partial transactions found",
  gap: "gaps in the sequence",
  duplicateId: "duplicate ids",
  other: "other failures",
};

function summary(c: Campaign, perMode: number[]): string[] {
  const t = c.totals;
  const row = (label: string, value: number | string): string =>
    `  ${label.padEnd(40)} ${typeof value === "number" ? fmt(value) : value}`;
  const modes = MODES.map((m, i) => `${m} ${perMode[i]}`).join(", ");
  const lines = [
    `crash campaign, seed ${c.args.seed}: ${fmt(t.cycles)} cycles (${modes}) in ` +
      `${c.seconds.toFixed(1)} s`,
    row("kills at random moments", t.randomKills),
    row("  of armed children, before their point", t.armedKilledFirst),
    row("deaths at named crash points", t.crashPointDeaths),
  ];
  for (const point of CRASH_POINTS) {
    const byMode = t.crashPointKills.get(point);
    const each = MODES.map((m) => `${m} ${byMode?.get(m) ?? 0}`).join(", ");
    lines.push(row(`  ${point}`, `${fmt(sum(byMode))}  (${each})`));
  }
  lines.push(
    row("children that finished unkilled", t.finished),
    row("acknowledged writes checked", t.acks),
    row("transactions replayed", t.replayed),
    row("torn tails cut", t.tornTails),
  );
  const all = new Violations();
  all.addAll(t.violations);
  all.addAll(c.errors);
  for (const kind of VIOLATION_KINDS) lines.push(row(VIOLATION_LABELS[kind], all.counts[kind]));
  lines.push(
    `  lock free at most ${t.maxLockFreeMs.toFixed(1)} ms and open (recovery included) at ` +
      `most ${t.maxOpenMs.toFixed(1)} ms after a death`,
    all.total === 0 ? "result: ok, no violation" : `result: FAILED, ${all.total} violations`,
  );
  return lines;
}

const sum = (m: ReadonlyMap<unknown, number> | undefined): number =>
  [...(m?.values() ?? [])].reduce((a, b) => a + b, 0);

async function main(): Promise<number> {
  let args: CampaignArgs;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    return 2;
  }
  if (process.env["SKEIN_CRASH_POINT"] !== undefined) {
    console.error("SKEIN_CRASH_POINT is set: only the children may be armed");
    return 2;
  }
  const c = new Campaign(args);
  const perMode = MODES.map((_, i) => Math.ceil((args.cycles - i) / MODES.length));
  console.log(
    `crash campaign: ${args.cycles} cycles, seed ${args.seed}, ` +
      `${Math.round(args.crashShare * 100)}% at named crash points (n 1..${MAX_HIT})`,
  );
  await Promise.all(MODES.map((mode, i) => c.lane(mode, i, perMode[i]!)));
  for (const line of summary(c, perMode)) console.log(line);
  return c.violations === 0 ? 0 : 1;
}

process.exitCode = await main();
