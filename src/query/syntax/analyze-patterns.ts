// Binding the variables of patterns, with each clause's rules. MATCH (and patterns in
// expressions) may reuse a bound node or relationship but never as another kind
// (VariableTypeConflict), never a relationship twice in one pattern
// (RelationshipUniquenessViolation), never a bound name for a path (VariableAlreadyBound),
// and never a parameter for properties (InvalidParameterUse). CREATE and MERGE make new
// things, so a bound variable may only be an endpoint, and each relationship needs one
// type, a single hop and (CREATE) a direction.

import type { NodePattern, Pattern, PatternPart, RelationshipPattern, Variable } from "./ast.js";
import { plainContext, type Analyzer, type Scope } from "./scope.js";
import { elementOf, mayBe, typeName, type StaticType } from "./static-types.js";

type Verb = "MATCH" | "CREATE" | "MERGE";

/** MATCH / OPTIONAL MATCH, and the local patterns of expressions. */
export function declareMatchPattern(an: Analyzer, pattern: Pattern, scope: Scope): void {
  const relationshipsHere = new Set<string>();
  for (const part of pattern.parts) {
    const { nodes, relationships } = part.element;
    nodes.forEach((node, i) => {
      bindNode(an, node, scope);
      const rel = relationships[i];
      if (rel !== undefined) bindMatchedRelationship(an, rel, scope, relationshipsHere);
    });
    if (part.variable !== null) bindPath(an, part.variable, scope);
  }
  checkProperties(an, pattern.parts, scope, "MATCH");
}

export function declareCreatePattern(an: Analyzer, pattern: Pattern, scope: Scope): void {
  for (const part of pattern.parts) declareCreated(an, part, scope, "CREATE");
  checkProperties(an, pattern.parts, scope, "CREATE");
}

export function declareMergePart(an: Analyzer, part: PatternPart, scope: Scope): void {
  declareCreated(an, part, scope, "MERGE");
  checkProperties(an, [part], scope, "MERGE");
}

function declareCreated(an: Analyzer, part: PatternPart, scope: Scope, verb: Verb): void {
  const { nodes, relationships } = part.element;
  for (const node of nodes) {
    const v = node.variable;
    if (v === null) continue;
    const bound = scope.get(v.name);
    if (bound === undefined) {
      scope.set(v.name, { type: "node", pos: v.pos });
    } else if (node.labels.length > 0 || node.properties !== null || relationships.length === 0) {
      alreadyBound(an, v, `${verb} cannot create node \`${v.name}\`: it is already bound`);
    } else if (!mayBe(bound.type, "node")) {
      typeConflict(an, v, bound.type, "node");
    }
  }
  for (const rel of relationships) checkCreatedRelationship(an, rel, scope, verb);
  if (part.variable !== null) bindPath(an, part.variable, scope);
}

function checkCreatedRelationship(
  an: Analyzer,
  rel: RelationshipPattern,
  scope: Scope,
  verb: Verb,
): void {
  if (rel.variable !== null) {
    if (scope.has(rel.variable.name)) {
      const message = `${verb} cannot create relationship \`${rel.variable.name}\`: it is already bound`;
      alreadyBound(an, rel.variable, message);
    }
    scope.set(rel.variable.name, { type: "relationship", pos: rel.variable.pos });
  }
  if (rel.length !== null) {
    an.fail(
      "SEMANTIC",
      "CreatingVarLength",
      `${verb} cannot create a variable-length relationship`,
      rel.pos,
    );
  }
  if (rel.types.length !== 1) {
    const message = `${verb} needs exactly one type for each relationship, got ${rel.types.length}`;
    an.fail("SEMANTIC", "NoSingleRelationshipType", message, rel.pos);
  }
  if (verb === "CREATE" && rel.direction === "both") {
    const message = "CREATE needs a direction for each relationship (-> or <-)";
    an.fail("SEMANTIC", "RequiresDirectedRelationship", message, rel.pos);
  }
}

function bindNode(an: Analyzer, node: NodePattern, scope: Scope): void {
  const v = node.variable;
  if (v === null) return;
  const bound = scope.get(v.name);
  if (bound === undefined) scope.set(v.name, { type: "node", pos: v.pos });
  else if (!mayBe(bound.type, "node")) typeConflict(an, v, bound.type, "node");
}

function bindMatchedRelationship(
  an: Analyzer,
  rel: RelationshipPattern,
  scope: Scope,
  relationshipsHere: Set<string>,
): void {
  const v = rel.variable;
  if (v === null) return;
  const type: StaticType = rel.length === null ? "relationship" : { list: "relationship" };
  const bound = scope.get(v.name);
  if (relationshipsHere.has(v.name)) {
    const message = `relationship \`${v.name}\` cannot be matched twice in one pattern`;
    an.fail("SEMANTIC", "RelationshipUniquenessViolation", message, v.pos);
  }
  relationshipsHere.add(v.name);
  if (bound === undefined) {
    scope.set(v.name, { type, pos: v.pos });
    return;
  }
  // A variable-length relationship variable holds a list of relationships.
  const fits =
    rel.length === null
      ? mayBe(bound.type, "relationship")
      : mayBe(bound.type, "list") && mayBe(elementOf(bound.type), "relationship");
  if (!fits)
    typeConflict(an, v, bound.type, rel.length === null ? "relationship" : "list of relationships");
}

function bindPath(an: Analyzer, v: Variable, scope: Scope): void {
  if (scope.has(v.name)) alreadyBound(an, v, `path variable \`${v.name}\` is already bound`);
  scope.set(v.name, { type: "path", pos: v.pos });
}

/** Property maps are checked once the whole pattern's variables are bound. */
function checkProperties(
  an: Analyzer,
  parts: readonly PatternPart[],
  scope: Scope,
  verb: Verb,
): void {
  const ctx = plainContext(scope, verb);
  for (const part of parts) {
    for (const p of [...part.element.nodes, ...part.element.relationships]) {
      if (p.properties === null) continue;
      if (p.properties.kind === "parameter" && verb !== "CREATE") {
        const message = `${verb} cannot take its properties from a parameter; write a map such as {key: $param.key}`;
        an.fail("SEMANTIC", "InvalidParameterUse", message, p.properties.pos);
      }
      an.expression(p.properties, ctx);
    }
  }
}

function alreadyBound(an: Analyzer, v: Variable, message: string): never {
  return an.fail("SEMANTIC", "VariableAlreadyBound", message, v.pos);
}

function typeConflict(an: Analyzer, v: Variable, bound: StaticType, wanted: string): never {
  const message = `variable \`${v.name}\` is a ${typeName(bound)} and cannot be used as a ${wanted}`;
  return an.fail("SEMANTIC", "VariableTypeConflict", message, v.pos);
}
