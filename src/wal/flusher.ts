// The group flusher: a timer that asks for an fsync every interval. It knows nothing of
// the log; it is handed one callback. The timer is unref'd so an open log in group mode
// never keeps the process alive, and the callback's fsync runs on the thread pool, so the
// event loop is never blocked by it. A tick does not start while the previous one is
// still running, so a slow disk cannot pile up fsyncs.
export class GroupFlusher {
  readonly #intervalMs: number;
  readonly #tick: () => Promise<void>;
  #timer: NodeJS.Timeout | null = null;
  #running = false;
  #stopped = false;

  constructor(intervalMs: number, tick: () => Promise<void>) {
    this.#intervalMs = Math.max(1, intervalMs);
    this.#tick = tick;
  }

  start(): void {
    if (this.#timer !== null || this.#stopped) return;
    this.#timer = setInterval(() => this.#fire(), this.#intervalMs);
    this.#timer.unref();
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
  }

  #fire(): void {
    if (this.#running || this.#stopped) return;
    this.#running = true;
    // The tick reports its own failures; this catch only keeps a rejection from escaping.
    this.#tick()
      .catch(() => undefined)
      .finally(() => {
        this.#running = false;
      });
  }
}
