// Reading a text file as a stream of chunks of text, counting the bytes read so far for
// progress, and splitting it into lines for JSON Lines. It holds one read chunk and one
// unfinished line at a time, never the file: the consumer pulls (for await), so reading
// waits while a batch commits. A UTF-8 byte order mark at the start is dropped; lines end
// at "\n" and a "\r" before it is dropped too.
import { createReadStream } from "node:fs";

/** Read size: large enough that per-chunk costs vanish, small enough to be no memory. */
const CHUNK_BYTES = 64 * 1024;

export interface TextStream {
  /** Bytes of the file read so far. */
  readonly bytesRead: () => number;
  /** The file's text in chunks (UTF-8 decoded, sequences never split, BOM dropped). */
  readonly chunks: AsyncIterable<string>;
}

export function openTextStream(path: string): TextStream {
  const stream = createReadStream(path, { encoding: "utf8", highWaterMark: CHUNK_BYTES });
  async function* chunks(): AsyncGenerator<string> {
    let first = true;
    for await (const chunk of stream as AsyncIterable<string>) {
      yield first && chunk.startsWith("\uFEFF") ? chunk.slice(1) : chunk;
      first = false;
    }
  }
  return { bytesRead: () => stream.bytesRead, chunks: chunks() };
}

export interface Line {
  readonly text: string;
  /** 1-based line number. */
  readonly line: number;
}

/** Lines of the text, grouped by chunk; a last line without "\n" counts. */
export async function* readLines(chunks: AsyncIterable<string>): AsyncGenerator<Line[]> {
  let rest = "";
  let lineNumber = 0;
  for await (const chunk of chunks) {
    const lines: Line[] = [];
    let start = 0;
    let text = rest + chunk;
    for (let nl = text.indexOf("\n"); nl !== -1; nl = text.indexOf("\n", start)) {
      const end = nl > start && text.charCodeAt(nl - 1) === 0x0d ? nl - 1 : nl;
      lines.push({ text: text.slice(start, end), line: ++lineNumber });
      start = nl + 1;
    }
    rest = text.slice(start);
    text = "";
    if (lines.length > 0) yield lines;
  }
  if (rest.length > 0) {
    const text = rest.endsWith("\r") ? rest.slice(0, -1) : rest;
    yield [{ text, line: ++lineNumber }];
  }
}
