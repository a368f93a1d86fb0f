// A JSON Lines file as an import source: its lines, streamed, each decoded into an item or
// into the reason it is bad. Blank lines (only whitespace) are skipped and are not entries,
// but they count for line numbers.
import type { Source, SourceEntry } from "./import-batches.js";
import { decodeLine } from "./jsonl-format.js";
import { readLines, type TextStream } from "./line-reader.js";

export function jsonlSource(file: string, text: TextStream): Source {
  return {
    file,
    async *entries(): AsyncGenerator<SourceEntry[]> {
      for await (const lines of readLines(text.chunks)) {
        const entries: SourceEntry[] = [];
        for (const { text, line } of lines) {
          if (!/\S/.test(text)) continue;
          try {
            entries.push({ line, item: decodeLine(text) });
          } catch (err) {
            entries.push({ line, error: err instanceof Error ? err.message : String(err) });
          }
        }
        yield entries;
      }
    },
  };
}
