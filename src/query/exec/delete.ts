// DELETE and DETACH DELETE. openCypher checks that no relationship is left dangling when
// the query ends, not at each DELETE, so a node deleted while relationships remain is
// marked deleted at once (its data can no longer be read) and removed from the graph once
// they are gone: at the end of the clause, or at the end of the query, where a node that
// still has relationships fails the query (ConstraintVerificationFailed, DeleteConnectedNode).
// Deleting null, or something already deleted, does nothing; a list deletes each element.
import { QueryError } from "../../internal/errors.js";
import { Node, Path, Relationship } from "../../store/entities.js";
import { cypherTypeName, type Value } from "../runtime/types.js";
import type { ExecContext, Row } from "./context.js";
import { materialise } from "./project.js";
import type { Expr, Pipe } from "./pipe.js";

function hasRelationships(ctx: ExecContext, id: number): boolean {
  for (const _ of ctx.view.outgoing(id)) return true;
  for (const _ of ctx.view.incoming(id)) return true;
  return false;
}

function deleteRelationship(r: Relationship, ctx: ExecContext): void {
  if (ctx.view.relationship(r.id) === null) return;
  ctx.writer().deleteRelationship(r.id);
  ctx.deletedRelationships.add(r.id);
  ctx.changedRelationships.add(r.id);
}

function markDeleted(r: Relationship, ctx: ExecContext): void {
  ctx.deletedRelationships.add(r.id);
  ctx.changedRelationships.add(r.id);
}

function deleteNode(n: Node, detach: boolean, ctx: ExecContext): void {
  if (ctx.view.node(n.id) === null) return;
  ctx.deletedNodes.add(n.id);
  ctx.changedNodes.add(n.id);
  if (detach) {
    ctx.pendingNodeDeletes.delete(n.id);
    for (const r of ctx.view.outgoing(n.id)) markDeleted(r, ctx);
    for (const r of ctx.view.incoming(n.id)) markDeleted(r, ctx);
    ctx.writer().detachDeleteNode(n.id);
  } else if (hasRelationships(ctx, n.id)) {
    ctx.pendingNodeDeletes.add(n.id);
  } else {
    ctx.writer().deleteNode(n.id);
  }
}

function deleteValue(v: Value, detach: boolean, ctx: ExecContext): void {
  if (v === null) return;
  if (v instanceof Node) return deleteNode(v, detach, ctx);
  if (v instanceof Relationship) return deleteRelationship(v, ctx);
  if (v instanceof Path) {
    for (const r of v.relationships) deleteRelationship(r, ctx);
    for (const n of v.nodes) deleteNode(n, detach, ctx);
    return;
  }
  if (Array.isArray(v)) {
    for (const x of v as readonly Value[]) deleteValue(x, detach, ctx);
    return;
  }
  throw new QueryError(
    "TYPE",
    `DELETE needs a node, relationship, path or list of them, got ${cypherTypeName(v)}`,
    {
      phase: "runtime",
      detail: "InvalidArgumentType",
    },
  );
}

/** Removes the marked nodes that no longer have relationships; `strict` fails on the rest. */
export function settleNodeDeletes(ctx: ExecContext, strict: boolean): void {
  for (const id of ctx.pendingNodeDeletes) {
    if (ctx.view.node(id) === null) {
      ctx.pendingNodeDeletes.delete(id);
    } else if (!hasRelationships(ctx, id)) {
      ctx.writer().deleteNode(id);
      ctx.pendingNodeDeletes.delete(id);
    } else if (strict) {
      throw new QueryError(
        "CONSTRAINT",
        `cannot delete node ${id}: it still has relationships; delete them first or use DETACH DELETE`,
        { phase: "runtime", detail: "DeleteConnectedNode" },
      );
    }
  }
}

export function deleteClause(exprs: readonly Expr[], detach: boolean): Pipe {
  return function* deleting(input: Iterable<Row>, ctx: ExecContext) {
    const rows = materialise(input, ctx);
    for (const row of rows) {
      ctx.tick();
      for (const e of exprs) deleteValue(e(row, ctx), detach, ctx);
    }
    settleNodeDeletes(ctx, false);
    yield* rows;
  };
}
