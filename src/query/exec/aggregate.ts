// Aggregation: rows grouped by the values of the grouping keys (equivalence by the
// runtime's groupKey, so 1 and 1.0 group together and null with null), one accumulator per
// aggregate and group. Without grouping keys there is exactly one group, even over no
// rows (`count(*)` of nothing is 0). Output rows are new rows holding the keys and the
// aggregate results; groups come out in the order they were first seen.
import { groupKey, groupKeyOfRow, type Accumulator } from "../runtime/index.js";
import type { Value } from "../runtime/types.js";
import type { ExecContext, Row } from "./context.js";
import { emptyRow, type Expr, type Pipe } from "./pipe.js";

export interface AggregateItem {
  readonly slot: number;
  /** null for count(*), which counts rows. */
  readonly args: readonly Expr[] | null;
  readonly create: () => Accumulator;
}

export interface AggregateSpec {
  readonly keys: readonly { readonly slot: number; readonly expr: Expr }[];
  readonly aggregates: readonly AggregateItem[];
  /** Row width, read when the query runs (planning may still be adding slots now). */
  readonly width: () => number;
}

class CountRows implements Accumulator {
  n = 0;
  add(): void {
    this.n++;
  }
  result(): Value {
    return this.n;
  }
}

interface Group {
  readonly row: Row;
  readonly accs: Accumulator[];
}

export function aggregate(spec: AggregateSpec): Pipe {
  const { keys, aggregates } = spec;
  const newGroup = (width: number, keyValues: readonly Value[]): Group => {
    const row = emptyRow(width);
    for (let i = 0; i < keys.length; i++) row[keys[i]!.slot] = keyValues[i]!;
    return { row, accs: aggregates.map((a) => (a.args === null ? new CountRows() : a.create())) };
  };
  return function* aggregation(input: Iterable<Row>, ctx: ExecContext) {
    const width = spec.width();
    const groups = new Map<string, Group>();
    // A string is equivalent only to itself: string keys skip groupKey's copy.
    const byString = new Map<string, Group>();
    const order: Group[] = [];
    let single: Group | null = keys.length === 0 ? newGroup(width, []) : null;
    const keyValues = new Array<Value>(keys.length);
    const buffers = aggregates.map((a) => new Array<Value>(a.args?.length ?? 0));
    for (const row of input) {
      ctx.tick();
      let g = single;
      if (g === null) {
        for (let i = 0; i < keys.length; i++) keyValues[i] = keys[i]!.expr(row, ctx);
        const first = keyValues[0]!;
        const map = keys.length === 1 && typeof first === "string" ? byString : groups;
        const k =
          map === byString
            ? (first as string)
            : keys.length === 1
              ? groupKey(first)
              : groupKeyOfRow(keyValues);
        g = map.get(k) ?? null;
        if (g === null) {
          map.set(k, (g = newGroup(width, keyValues)));
          order.push(g);
        }
      }
      for (let i = 0; i < aggregates.length; i++) {
        const args = aggregates[i]!.args;
        // Accumulators read their arguments and keep none, so one buffer serves every row.
        const buffer = buffers[i]!;
        if (args !== null) for (let j = 0; j < args.length; j++) buffer[j] = args[j]!(row, ctx);
        g.accs[i]!.add(buffer);
      }
    }
    const all = single === null ? order : [single];
    single = null;
    for (const g of all) {
      for (let i = 0; i < aggregates.length; i++) g.row[aggregates[i]!.slot] = g.accs[i]!.result();
      yield g.row;
    }
  };
}
