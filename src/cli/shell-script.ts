// Running the shell without a terminal: the statements of a file (`--file`) or of piped
// standard input, read a chunk at a time (line-reader.ts), with no prompts. The last
// statement may leave out its `;`. The reader stops where the input handler says: at
// `:quit`, or at the first failure unless --continue-on-error.
import { InputHandler, type NextStep } from "./shell-input.js";
import { openTextStream, readLines } from "./line-reader.js";

/** Feeds every line of `chunks` to `handler`, then the end of input. */
export async function runScript(
  handler: InputHandler,
  chunks: AsyncIterable<string>,
): Promise<NextStep> {
  for await (const lines of readLines(chunks)) {
    for (const { text } of lines) {
      const step = await handler.line(text);
      if (step !== "read") return step;
    }
  }
  return handler.end();
}

/** The text of a file, in chunks (a UTF-8 byte order mark dropped). */
export function fileChunks(path: string): AsyncIterable<string> {
  return openTextStream(path).chunks;
}

/** Standard input as text chunks. */
export function stdinChunks(): AsyncIterable<string> {
  process.stdin.setEncoding("utf8");
  return process.stdin as AsyncIterable<string>;
}
