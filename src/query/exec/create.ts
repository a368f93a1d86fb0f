// CREATE (and the creating half of MERGE): per row, the pattern's new nodes, then its
// relationships between new or bound nodes, then its named paths, each bound into its
// slot of the row. Property maps lose their null entries, as openCypher says; MERGE
// refuses them instead (a null can never be matched, so the created entity could never
// be found by the same MERGE: openCypher's MergeReadOwnWrites).
import { QueryError } from "../../internal/errors.js";
import { Node } from "../../store/entities.js";
import type { PropertyMap } from "../../store/values.js";
import { cypherTypeName, isMap, type Value } from "../runtime/types.js";
import type { ExecContext, Row } from "./context.js";
import { buildPath, type PathShape } from "./path.js";
import { materialise } from "./project.js";
import type { Expr, Pipe } from "./pipe.js";
import { propertyMap } from "./property-value.js";

export interface NodeToCreate {
  readonly slot: number;
  readonly labels: readonly string[];
  readonly properties: Expr | null;
}

export interface RelationshipToCreate {
  readonly slot: number;
  readonly start: number;
  readonly end: number;
  readonly type: string;
  readonly properties: Expr | null;
}

export interface CreateSpec {
  /** Slots of bound nodes the pattern connects: each must hold a node. */
  readonly bound: readonly number[];
  readonly nodes: readonly NodeToCreate[];
  readonly relationships: readonly RelationshipToCreate[];
  readonly paths: readonly { readonly slot: number; readonly shape: PathShape }[];
  /** MERGE: a null property value is an error instead of being left out. */
  readonly refuseNulls: boolean;
}

function propertiesFor(
  e: Expr | null,
  row: Row,
  ctx: ExecContext,
  refuseNulls: boolean,
): PropertyMap {
  if (e === null) return {};
  const v = e(row, ctx);
  if (v === null) return {};
  if (!isMap(v)) {
    throw new QueryError("TYPE", `properties must be a map, got ${cypherTypeName(v)}`, {
      phase: "runtime",
      detail: "InvalidArgumentType",
    });
  }
  if (refuseNulls) {
    for (const key of Object.keys(v)) {
      if (v[key] === null) {
        throw new QueryError(
          "SEMANTIC",
          `cannot merge using a null value for property \`${key}\``,
          {
            phase: "runtime",
            detail: "MergeReadOwnWrites",
          },
        );
      }
    }
  }
  return propertyMap(v);
}

function boundNode(row: Row, slot: number): Node {
  const v: Value = row[slot]!;
  if (v instanceof Node) return v;
  throw new QueryError(
    "SEMANTIC",
    `cannot create a relationship to a ${v === null ? "null" : cypherTypeName(v)} node`,
    {
      phase: "runtime",
      detail: "CreateOnNull",
    },
  );
}

/** Creates the pattern for one row, binding its slots. */
export function createInRow(spec: CreateSpec, row: Row, ctx: ExecContext): void {
  const tx = ctx.writer();
  for (const s of spec.bound) boundNode(row, s);
  for (const n of spec.nodes) {
    // The transaction neither keeps nor changes the labels array, so it is shared.
    const id = tx.createNode(
      n.labels as string[],
      propertiesFor(n.properties, row, ctx, spec.refuseNulls),
    );
    row[n.slot] = tx.node(id);
  }
  for (const r of spec.relationships) {
    const start = boundNode(row, r.start);
    const end = boundNode(row, r.end);
    const props = propertiesFor(r.properties, row, ctx, spec.refuseNulls);
    const id = tx.createRelationship(start.id, end.id, r.type, props);
    row[r.slot] = tx.relationship(id);
  }
  for (const p of spec.paths) row[p.slot] = buildPath(p.shape, row, ctx);
}

/** The CREATE clause: eager, so its reads never see its own writes half done. */
export function create(spec: CreateSpec): Pipe {
  return function* creating(input: Iterable<Row>, ctx: ExecContext) {
    const rows = materialise(input, ctx);
    for (const row of rows) {
      ctx.tick();
      createInRow(spec, row, ctx);
    }
    yield* rows;
  };
}
