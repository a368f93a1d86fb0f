// CALL in both forms. A subquery `CALL { … }` sees the outer variables only through its
// leading WITH (or `CALL (a, b) { … }` through its import list) and adds the columns it
// returns, which must be new names. A procedure call takes arguments without aggregates,
// adds the fields it YIELDs (each a new name), and may omit its argument list or use
// YIELD * only when it is the whole query.

import type { CallProcedureClause, CallSubqueryClause } from "./ast.js";
import { checkCondition } from "./require-type.js";
import { plainContext, Scope, type Analyzer } from "./scope.js";

export function checkCallSubquery(an: Analyzer, c: CallSubqueryClause, scope: Scope): Scope {
  let columns: readonly string[];
  if (c.importAll) {
    columns = an.statement(c.query, scope.child(), "callImported");
  } else if (c.imports !== null) {
    const imported = new Scope();
    for (const v of c.imports) {
      const info = scope.get(v.name);
      if (info === undefined) {
        an.fail("SEMANTIC", "UndefinedVariable", `variable \`${v.name}\` is not defined`, v.pos);
      }
      imported.set(v.name, info);
    }
    columns = an.statement(c.query, imported, "callImported");
  } else {
    columns = an.statement(c.query, scope, "call");
  }
  const next = scope.child();
  for (const name of columns) {
    if (next.has(name)) {
      const message = `subquery returns \`${name}\`, which is already bound outside it`;
      an.fail("SEMANTIC", "VariableAlreadyBound", message, c.pos);
    }
    next.set(name, { type: "any", pos: c.pos });
  }
  return next;
}

export function checkCallProcedure(
  an: Analyzer,
  c: CallProcedureClause,
  scope: Scope,
  standalone: boolean,
): Scope {
  if (c.args === null && !standalone) {
    const message = `procedure ${c.name} needs an argument list here, e.g. ${c.name}($a, $b); only a standalone CALL may omit it`;
    an.fail("SEMANTIC", "InvalidArgumentPassingMode", message, c.pos);
  }
  if (c.yield === "*" && !standalone) {
    an.fail("SYNTAX", "UnexpectedSyntax", "YIELD * is only allowed in a standalone CALL", c.pos);
  }
  const ctx = plainContext(scope, "procedure arguments");
  for (const arg of c.args ?? []) an.expression(arg, ctx);
  const next = scope.child();
  if (c.yield !== null && c.yield !== "*") {
    for (const item of c.yield) {
      const v = item.alias ?? { name: item.field, pos: item.pos };
      if (next.has(v.name)) {
        an.fail(
          "SEMANTIC",
          "VariableAlreadyBound",
          `variable \`${v.name}\` is already bound`,
          v.pos,
        );
      }
      next.set(v.name, { type: "any", pos: v.pos });
    }
  }
  if (c.where !== null) checkCondition(an, c.where, next);
  return next;
}
