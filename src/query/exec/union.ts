// UNION and UNION ALL: the parts run one after the other on the same input row, each
// copying its columns into the columns shared by the whole statement; UNION then drops
// rows equivalent to one already returned (by groupKey, as DISTINCT does).
import type { ExecContext, Row } from "./context.js";
import type { Pipe } from "./pipe.js";

export interface UnionPart {
  readonly pipe: Pipe;
  /** The part's column slots, in the statement's column order. */
  readonly slots: readonly number[];
}

export function union(parts: readonly UnionPart[], shared: readonly number[]): Pipe {
  return function* unionAll(input: Iterable<Row>, ctx: ExecContext) {
    for (const row of input) {
      for (const part of parts) {
        for (const r of part.pipe([row.slice()], ctx)) {
          for (let i = 0; i < shared.length; i++) r[shared[i]!] = r[part.slots[i]!]!;
          yield r;
        }
      }
    }
  };
}
