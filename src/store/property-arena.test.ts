// Properties left encoded in an arena until first read: a graph loaded that way reads,
// changes, rolls back and lists its entities exactly as one loaded with built maps.
import assert from "node:assert/strict";
import { test } from "node:test";
import { ByteWriter } from "../internal/bytes.js";
import { SkeinError } from "../internal/errors.js";
import { Graph, type Undo } from "./graph.js";
import { writeProperties } from "./lw1-values.js";
import { PropertyArena } from "./property-arena.js";
import { date, float } from "./tagged-values.js";
import type { Properties } from "./values.js";

/** The maps encoded back to back, and where each starts. */
function arenaOf(maps: Properties[]): { arena: PropertyArena; at: number[] } {
  const w = new ByteWriter();
  const at: number[] = [];
  for (const m of maps) {
    at.push(w.length);
    writeProperties(w, m);
  }
  return { arena: new PropertyArena(w.toBytes()), at };
}

const NODE_PROPS: Properties[] = [
  { name: "a", n: 1 },
  { when: date({ year: 2020, month: 5, day: 6 }), f: float(2) },
  {},
];
const REL_PROPS: Properties[] = [{ since: 1999 }];

function loaded(): Graph {
  const { arena, at } = arenaOf([...NODE_PROPS, ...REL_PROPS]);
  const g = new Graph();
  g.reserveIds(3, 1);
  g.useArena(arena);
  NODE_PROPS.forEach((_, i) => g.loadNode(i, ["L"], at[i]!));
  g.loadRelationship(0, 0, 1, "R", at[3]!);
  return g;
}

test("reads decode on first access and give the same, frozen maps after", () => {
  const g = loaded();
  NODE_PROPS.forEach((p, i) => {
    const first = g.node(i)!.properties;
    assert.deepEqual(first, p);
    assert.ok(Object.isFrozen(first));
    assert.equal(g.node(i)!.properties, first, "decoded once, then kept");
  });
  assert.deepEqual(g.relationship(0)!.properties, { since: 1999 });
  assert.deepEqual(
    [...g.outgoing(0)].map((r) => r.id),
    [0],
  );
  assert.deepEqual(
    [...g.nodes({ label: "L" })].map((n) => n.id),
    [0, 1, 2],
  );
});

test("records for a snapshot decode without keeping, and match reads", () => {
  const g = loaded();
  const records = [...g.nodeRecords()];
  assert.deepEqual(
    records.map((r) => r.properties),
    NODE_PROPS,
  );
  const again = [...g.nodeRecords()][0]!.properties;
  assert.notEqual(records[0]!.properties, again, "decoded for each listing, not kept");
  assert.deepEqual([...g.relationshipRecords()][0]!.properties, { since: 1999 });
});

test("changes and their undo work on maps still encoded", () => {
  const g = loaded();
  const undo: Undo[] = [];
  g.apply({ kind: "setNodeProperty", nodeId: 0, key: "n", value: 2 }, undo);
  g.apply({ kind: "removeRelationshipProperty", relId: 0, key: "since" }, undo);
  g.apply({ kind: "deleteRelationship", relId: 0 }, undo);
  g.apply({ kind: "deleteNode", nodeId: 2 }, undo);
  assert.deepEqual(g.node(0)!.properties, { name: "a", n: 2 });
  assert.equal(g.node(2), null);
  for (let i = undo.length - 1; i >= 0; i--) undo[i]!();
  assert.deepEqual(g.node(0)!.properties, NODE_PROPS[0]);
  assert.deepEqual(g.node(2)!.properties, {});
  assert.deepEqual(g.relationship(0)!.properties, { since: 1999 });

  const cleared: Undo[] = [];
  g.apply({ kind: "clear" }, cleared);
  assert.equal(g.nodeCount, 0);
  cleared[0]!();
  assert.deepEqual(g.node(1)!.properties, NODE_PROPS[1]);
});

test("an arena is for an empty graph, and a location needs one", () => {
  const { arena } = arenaOf([{}]);
  const g = new Graph();
  assert.throws(() => g.loadNode(0, [], 0), /no arena/);
  g.loadNode(0, [], {});
  assert.throws(() => g.useArena(arena), /empty graph/);
});

test("a map the framing walk let through but the decoder refuses is reported as damage", () => {
  const w = new ByteWriter();
  writeProperties(w, { d: date({ year: 2020, month: 1, day: 1 }) });
  const bytes = w.toBytes();
  bytes[bytes.length - 8] = 13; // the month
  const arena = new PropertyArena(bytes);
  assert.throws(
    () => arena.properties(0),
    (e: unknown) =>
      e instanceof SkeinError && e.code === "SNAPSHOT_CORRUPTION" && /month/.test(e.message),
  );
  assert.throws(() => arena.properties(bytes.length), RangeError);
});
