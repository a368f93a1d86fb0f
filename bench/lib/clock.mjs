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
