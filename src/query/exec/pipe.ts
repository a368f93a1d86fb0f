// The shapes every operator and compiled expression share. A pipe turns a stream of
// input rows into a stream of output rows, lazily: rows are pulled one at a time, so a
// LIMIT downstream stops the work upstream. A plan is pipes composed with `chain`.
// Rows are arrays indexed by variable slot; an operator that binds a slot copies the row
// it yields, so a row handed downstream is never changed afterwards by its producer.
import type { Value } from "../runtime/types.js";
import type { ExecContext, Row } from "./context.js";

export type Pipe = (input: Iterable<Row>, ctx: ExecContext) => Iterable<Row>;

/** A compiled expression: its value in one row. */
export type Expr = (row: Row, ctx: ExecContext) => Value;

/** A compiled predicate: true keeps the row. */
export type RowTest = (row: Row, ctx: ExecContext) => boolean;

/** The identity pipe: what a plan with nothing to do is. */
export const passThrough: Pipe = (input) => input;

/**
 * Pulling one row through a chain takes a few stack frames per pipe, so a chain longer
 * than this (a query of thousands of clauses) runs in stages of this many pipes, each
 * stage read to its end before the next starts: deep chains cost memory, not the stack.
 */
export const MAX_LAZY_CHAIN = 200;

function lazyChain(list: readonly Pipe[]): Pipe {
  return (input, ctx) => {
    let stream = input;
    for (const p of list) stream = p(stream, ctx);
    return stream;
  };
}

/** Pipes applied one after the other. */
export function chain(pipes: readonly Pipe[]): Pipe {
  const list = pipes.filter((p) => p !== passThrough);
  if (list.length === 0) return passThrough;
  if (list.length === 1) return list[0]!;
  if (list.length <= MAX_LAZY_CHAIN) return lazyChain(list);
  const stages: Pipe[] = [];
  for (let i = 0; i < list.length; i += MAX_LAZY_CHAIN) {
    stages.push(lazyChain(list.slice(i, i + MAX_LAZY_CHAIN)));
  }
  return function* staged(input: Iterable<Row>, ctx: ExecContext) {
    let rows: Iterable<Row> = input;
    for (const stage of stages) rows = Array.from(stage(rows, ctx));
    yield* rows;
  };
}

/** Both tests must hold; null stands for "no test". */
export function andTests(a: RowTest | null, b: RowTest | null): RowTest | null {
  if (a === null) return b;
  if (b === null) return a;
  return (row, ctx) => a(row, ctx) && b(row, ctx);
}

/** A row of `width` slots, all null. */
export function emptyRow(width: number): Row {
  return new Array<Value>(width).fill(null);
}
