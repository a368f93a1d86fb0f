// The items of SET, REMOVE and DELETE (and of MERGE's ON CREATE / ON MATCH SET): every
// variable they touch is bound, and DELETE gets something deletable: a node, a
// relationship, a path or a list of them, never a label predicate (`DELETE n:Person` is
// InvalidDelete) or a value that can never be an entity (`DELETE 1 + 1`).

import type { Expression, RemoveItem, SetItem, Variable } from "./ast.js";
import { requireType } from "./require-type.js";
import { plainContext, type Analyzer, type Scope } from "./scope.js";

export function checkSetItem(an: Analyzer, item: SetItem, scope: Scope): void {
  const ctx = plainContext(scope, "SET");
  switch (item.kind) {
    case "setProperty":
      an.expression(item.target.object, ctx);
      an.expression(item.value, ctx);
      return;
    case "setAllProperties":
    case "mergeProperties":
      entity(an, item.variable, scope, "SET");
      an.expression(item.value, ctx);
      return;
    case "setLabels":
      requireType(
        an,
        item.variable,
        entity(an, item.variable, scope, "SET"),
        "SET of labels",
        "node",
      );
      return;
  }
}

export function checkRemoveItem(an: Analyzer, item: RemoveItem, scope: Scope): void {
  if (item.kind === "removeProperty") {
    an.expression(item.target.object, plainContext(scope, "REMOVE"));
  } else {
    const t = entity(an, item.variable, scope, "REMOVE");
    requireType(an, item.variable, t, "REMOVE of labels", "node");
  }
}

export function checkDelete(an: Analyzer, e: Expression, scope: Scope): void {
  if (e.kind === "labelCheck") {
    const message =
      "DELETE takes nodes, relationships or paths; to remove a label use REMOVE n:Label";
    an.fail("SEMANTIC", "InvalidDelete", message, e.pos);
  }
  const t = an.expression(e, plainContext(scope, "DELETE"));
  requireType(an, e, t, "DELETE", "node", "relationship", "path", "list");
}

function entity(an: Analyzer, v: Variable, scope: Scope, verb: string) {
  return an.expression(v, plainContext(scope, verb));
}
