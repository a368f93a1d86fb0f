// A progress line for long commands (import, export): on a terminal it redraws one line on
// standard error, at most every `intervalMs`, with a bar, the count, the rate and the time
// left; `finish` erases it, so the command's summary is what stays on screen. Elsewhere
// (a pipe, a file, a test) it prints nothing: the command's one summary line is enough.
//
// Time left comes from the fraction done: bytes read over the file size for an import
// (lines vary in length, bytes do not lie), items written over the total for an export.
import type { CliIO } from "./command.js";

export interface ProgressOptions {
  /** What is being done, e.g. "importing". */
  readonly verb: string;
  /** What is counted, plural, e.g. "lines". */
  readonly unit: string;
  /** The whole amount `done` runs to (bytes or items); 0 when unknown. */
  readonly total: number;
  /** Minimum time between redraws. Default 100 ms. */
  readonly intervalMs?: number;
  /** The clock, in milliseconds: for tests. Default performance.now. */
  readonly now?: () => number;
}

const BAR_WIDTH = 24;

export class Progress {
  readonly #io: CliIO;
  readonly #opts: ProgressOptions;
  readonly #now: () => number;
  readonly #started: number;
  #lastDraw = -Infinity;
  #drawn = false;

  constructor(io: CliIO, opts: ProgressOptions) {
    this.#io = io;
    this.#opts = opts;
    this.#now = opts.now ?? (() => performance.now());
    this.#started = this.#now();
  }

  /** `count` items so far; `done` of `total` (bytes or items) for the bar and time left. */
  update(count: number, done: number): void {
    if (!this.#io.isTTY) return;
    const now = this.#now();
    if (now - this.#lastDraw < (this.#opts.intervalMs ?? 100)) return;
    this.#lastDraw = now;
    this.#io.errRaw(`\r${this.render(count, done, now)}\x1b[K`);
    this.#drawn = true;
  }

  /** Erase the line (on a terminal). */
  finish(): void {
    if (this.#drawn) this.#io.errRaw("\r\x1b[K");
    this.#drawn = false;
  }

  /** The line as drawn at `now`. */
  render(count: number, done: number, now: number): string {
    const { verb, unit, total } = this.#opts;
    const seconds = Math.max((now - this.#started) / 1000, 1e-9);
    const rate = count / seconds;
    const parts = [verb];
    if (total > 0) {
      const fraction = Math.min(Math.max(done / total, 0), 1);
      const filled = Math.round(fraction * BAR_WIDTH);
      parts.push(
        `[${"#".repeat(filled)}${"-".repeat(BAR_WIDTH - filled)}]`,
        `${Math.floor(fraction * 100)}%`.padStart(4),
      );
    }
    parts.push(`${formatCount(count)} ${unit}`, `${formatCount(Math.round(rate))}/s`);
    if (total > 0 && done > 0 && done < total) {
      parts.push(`${formatDuration((seconds * (total - done)) / done)} left`);
    }
    return parts.join("  ");
  }
}

/** 1234567 → "1,234,567". */
export function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}

/** 1 → "1 segment", 2 → "2 segments"; `many` for irregular plurals ("batches"). */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${formatCount(n)} ${n === 1 ? word : many}`;
}

/** Seconds as "0:07", "12:05", "1:02:03". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const hh = Math.floor(s / 3600);
  const mm = Math.floor(s / 60) % 60;
  const ss = String(s % 60).padStart(2, "0");
  return hh > 0 ? `${hh}:${String(mm).padStart(2, "0")}:${ss}` : `${mm}:${ss}`;
}

/** Bytes as "512 B", "1.5 KiB", "20.0 MiB". */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(1)} ${units[i]}`;
}
