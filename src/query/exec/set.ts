// SET and REMOVE items as row actions, and the eager pipe that applies them. A target
// that is null is left alone (SET on an OPTIONAL MATCH miss is a no-op); a property set
// to null is removed; `SET n = map` replaces every property, `SET n += map` only adds or
// replaces. Values are checked before they are stored (property-value.ts).
import { QueryError } from "../../internal/errors.js";
import { Node, Relationship } from "../../store/entities.js";
import { cypherTypeName, type Value } from "../runtime/types.js";
import type { ExecContext, Row } from "./context.js";
import { currentProperties, deletedAccess } from "./entity.js";
import { materialise } from "./project.js";
import type { Expr, Pipe } from "./pipe.js";
import { propertiesOfValue, propertyValue } from "./property-value.js";

export type RowAction = (row: Row, ctx: ExecContext) => void;

function notEntity(what: string, v: Value): QueryError {
  return new QueryError("TYPE", `${what} needs a node or relationship, got ${cypherTypeName(v)}`, {
    phase: "runtime",
    detail: "InvalidArgumentType",
  });
}

function live(e: Node | Relationship, ctx: ExecContext): void {
  if (e instanceof Node ? ctx.view.node(e.id) === null : ctx.view.relationship(e.id) === null) {
    throw deletedAccess(e instanceof Node ? "node" : "relationship", e.id);
  }
}

function writeProperty(e: Node | Relationship, key: string, v: Value, ctx: ExecContext): void {
  const tx = ctx.writer();
  if (e instanceof Node) ctx.changedNodes.add(e.id);
  else ctx.changedRelationships.add(e.id);
  const value = v === null ? null : propertyValue(key, v);
  if (e instanceof Node) {
    if (value === null) tx.removeNodeProperty(e.id, key);
    else tx.setNodeProperty(e.id, key, value);
  } else if (value === null) tx.removeRelationshipProperty(e.id, key);
  else tx.setRelationshipProperty(e.id, key, value);
}

/** `SET x.key = value` */
export function setProperty(target: Expr, key: string, value: Expr): RowAction {
  return (row, ctx) => {
    const e = target(row, ctx);
    const v = value(row, ctx);
    if (e === null) return;
    if (!(e instanceof Node || e instanceof Relationship)) throw notEntity("SET", e);
    live(e, ctx);
    writeProperty(e, key, v, ctx);
  };
}

/** `SET n = map` (replace) and `SET n += map` (merge). */
export function setProperties(target: Expr, value: Expr, replace: boolean): RowAction {
  return (row, ctx) => {
    const e = target(row, ctx);
    const v = value(row, ctx);
    if (e === null) return;
    if (!(e instanceof Node || e instanceof Relationship)) throw notEntity("SET", e);
    live(e, ctx);
    const source = v instanceof Node || v instanceof Relationship ? currentProperties(v, ctx) : v;
    const props = propertiesOfValue(source, "SET");
    if (replace) {
      for (const key of Object.keys(currentProperties(e, ctx))) {
        if (props === null || !Object.hasOwn(props, key)) writeProperty(e, key, null, ctx);
      }
    }
    if (props === null) return;
    for (const key of Object.keys(props)) writeProperty(e, key, props[key]!, ctx);
  };
}

/** `SET n:A:B` (add) and `REMOVE n:A:B`. */
export function setLabels(target: Expr, labels: readonly string[], add: boolean): RowAction {
  return (row, ctx) => {
    const n = target(row, ctx);
    if (n === null) return;
    if (!(n instanceof Node)) throw notEntity(add ? "SET" : "REMOVE", n);
    live(n, ctx);
    const tx = ctx.writer();
    ctx.changedNodes.add(n.id);
    for (const l of labels) {
      if (add) tx.addNodeLabel(n.id, l);
      else tx.removeNodeLabel(n.id, l);
    }
  };
}

/** `REMOVE x.key` */
export function removeProperty(target: Expr, key: string): RowAction {
  return (row, ctx) => {
    const e = target(row, ctx);
    if (e === null) return;
    if (!(e instanceof Node || e instanceof Relationship)) throw notEntity("REMOVE", e);
    live(e, ctx);
    writeProperty(e, key, null, ctx);
  };
}

/** SET and REMOVE clauses: every input row read first, then the actions row by row. */
export function applyActions(actions: readonly RowAction[]): Pipe {
  return function* updating(input: Iterable<Row>, ctx: ExecContext) {
    const rows = materialise(input, ctx);
    for (const row of rows) {
      ctx.tick();
      for (const a of actions) a(row, ctx);
    }
    yield* rows;
  };
}
