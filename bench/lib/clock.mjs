// The measured window of a workload. startClock() and stopClock() time it, and also
// announce its start and end on the process (event "skein-bench-window") so that the
// profiler's preload (fs-timing.mjs) can count only what happens inside it. With nobody
// listening, the announcements cost nothing.

export const WINDOW_EVENT = "skein-bench-window";

/** Starts the window; returns the start time for stopClock. */
export function startClock() {
  process.emit(WINDOW_EVENT, "start");
  return performance.now();
}

/** Ends the window; returns seconds since `start`. */
export function stopClock(start) {
  const seconds = (performance.now() - start) / 1000;
  process.emit(WINDOW_EVENT, "end");
  return seconds;
}

/**
 * Runs `round(from, to)` on ids [0, warmup) untimed, then times it on [warmup, warmup + n);
 * returns those seconds. The untimed round lets the JIT compile the write path, as it is in
 * a process that has been running a while: every system gets the same warm-up.
 */
export async function timedAfterWarmup(warmup, n, round) {
  if (warmup > 0) await round(0, warmup);
  const start = startClock();
  await round(warmup, warmup + n);
  return stopClock(start);
}
