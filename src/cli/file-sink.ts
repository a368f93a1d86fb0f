// A file written front to back by a synchronous producer (export iterates the graph inside
// one read callback): text is buffered up to `bufferBytes` and written with writeSync, so
// memory holds one buffer, never the file. The file appears under its name only when
// complete: it is written as `<path>.<pid>.tmp`, fsynced, and renamed into place by
// `commit`; `abort` removes the temporary file, so a failed export leaves no half file.
// The file's directory is created if needed.
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { dirname } from "node:path";

const DEFAULT_BUFFER_BYTES = 1024 * 1024;

export class FileSink {
  readonly path: string;
  readonly #tmp: string;
  readonly #bufferBytes: number;
  #fd: number | null;
  #parts: string[] = [];
  #buffered = 0;
  #bytesWritten = 0;

  constructor(path: string, bufferBytes = DEFAULT_BUFFER_BYTES) {
    this.path = path;
    this.#tmp = `${path}.${process.pid}.tmp`;
    this.#bufferBytes = bufferBytes;
    mkdirSync(dirname(path), { recursive: true });
    this.#fd = openSync(this.#tmp, "w");
  }

  /** Bytes written to the file so far (flushed). */
  get bytesWritten(): number {
    return this.#bytesWritten;
  }

  write(text: string): void {
    this.#parts.push(text);
    this.#buffered += text.length;
    if (this.#buffered >= this.#bufferBytes) this.#flush();
  }

  #flush(): void {
    if (this.#parts.length === 0 || this.#fd === null) return;
    const bytes = Buffer.from(this.#parts.join(""), "utf8");
    this.#parts = [];
    this.#buffered = 0;
    let at = 0;
    while (at < bytes.length) at += writeSync(this.#fd, bytes, at, bytes.length - at);
    this.#bytesWritten += bytes.length;
  }

  /** Flush, fsync, close and rename into place. */
  commit(): void {
    this.#flush();
    const fd = this.#fd!;
    this.#fd = null;
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(this.#tmp, this.path);
  }

  /** Close and delete the temporary file; nothing is left behind. Idempotent. */
  abort(): void {
    if (this.#fd !== null) closeSync(this.#fd);
    this.#fd = null;
    rmSync(this.#tmp, { force: true });
  }
}
