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

function arenaBytes(maps: Properties[]): Uint8Array {
  const w = new ByteWriter();
  for (const m of maps) writeProperties(w, m);
  return w.toBytes();
}

const NODE_PROPS: Properties[] = [
  { name: "a", n: 1 },
  { when: date({ year: 2020, month: 5, day: 6 }), f: float(2) },
  {},
];
const REL_PROPS: Properties[] = [{ since: 1999 }];

function loaded(): Graph {
  const w = new ByteWriter();
  const at: number[] = [];
  for (const m of [...NODE_PROPS, ...REL_PROPS]) {
    at.push(w.length);
    writeProperties(w, m);
  }
  const g = new Graph();
  g.reserveIds(3, 1);
  const base = g.encoded.adopt(w.toBytes());
  for (let i = 0; i < at.length; i++) at[i]! += base;
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

test("maps copied from the log and adopted snapshot bytes are found by location", () => {
  const arena = new PropertyArena();
  const maps: Properties[] = [{ a: 1 }, { b: "x".repeat(300) }, {}];
  const encoded = maps.map((m) => arenaBytes([m]));
  const locations: number[] = [];
  // Appended one by one (the long map through set(), short ones by a loop), over pieces
  // that grow; each from an offset inside a larger buffer, as replay hands them.
  for (let round = 0; round < 2000; round++) {
    for (const e of encoded) {
      const framed = new Uint8Array(e.length + 5);
      framed.set(e, 3);
      locations.push(arena.append(framed, 3, 3 + e.length));
    }
  }
  const secondAt = arenaBytes([{ s: 1 }]).length;
  const snapshotBase = arena.adopt(arenaBytes([{ s: 1 }, { s: 2 }]));
  const later = arena.append(encoded[0]!, 0, encoded[0]!.length);
  locations.forEach((loc, i) => assert.deepEqual(arena.properties(loc), maps[i % 3]));
  assert.deepEqual(arena.properties(snapshotBase + secondAt), { s: 2 });
  assert.deepEqual(arena.properties(later), maps[0]);
  assert.throws(() => arena.properties(-1), RangeError);
});

test("a map the framing walk let through but the decoder refuses is reported as damage", () => {
  const w = new ByteWriter();
  writeProperties(w, { d: date({ year: 2020, month: 1, day: 1 }) });
  const bytes = w.toBytes();
  bytes[bytes.length - 8] = 13; // the month
  const arena = new PropertyArena();
  arena.adopt(bytes);
  assert.throws(
    () => arena.properties(0),
    (e: unknown) =>
      e instanceof SkeinError && e.code === "SNAPSHOT_CORRUPTION" && /month/.test(e.message),
  );
  assert.throws(() => arena.properties(bytes.length), RangeError);
  const log = new PropertyArena();
  log.append(bytes, 0, bytes.length);
  assert.throws(
    () => log.properties(0),
    (e: unknown) => e instanceof SkeinError && e.code === "WAL_MALFORMED",
  );
});
