// Tests of the graph functions against a small graph.
import { test } from "node:test";
import assert from "node:assert/strict";
import { isSkeinError, type QueryError } from "../../internal/errors.js";
import { Path } from "../../store/entities.js";
import { Graph } from "../../store/graph.js";
import { FUNCTIONS } from "./functions.js";
import type { Value } from "./types.js";

const graph = new Graph();
graph.apply({
  kind: "createNode",
  id: 0,
  labels: ["Foo", "Bar"],
  properties: { name: "Popeye", level: 9001 },
});
graph.apply({ kind: "createNode", id: 1, labels: [], properties: {} });
graph.apply({
  kind: "createRelationship",
  id: 0,
  src: 0,
  dst: 1,
  type: "KNOWS",
  properties: { year: "2015" },
});
const ctx = { view: graph, random: Math.random };
const a = graph.node(0)!;
const b = graph.node(1)!;
const r = graph.relationship(0)!;
const path = new Path([a, b], [r]);

function call(name: string, ...args: Value[]): Value {
  const def = FUNCTIONS.get(name.toLowerCase());
  assert.ok(def, `no function ${name}`);
  return def.call(args, ctx);
}

function refused(name: string, v: Value): void {
  assert.throws(
    () => call(name, v),
    (e) => isSkeinError(e, "TYPE") && (e as QueryError).detail === "InvalidArgumentValue",
    `${name}(${JSON.stringify(v)})`,
  );
}

void test("id, elementId, labels and type", () => {
  assert.equal(call("id", a), 0);
  assert.equal(call("id", r), 0);
  assert.equal(call("elementId", a), "node:0");
  assert.equal(call("elementId", r), "relationship:0");
  assert.deepEqual(call("labels", a), ["Foo", "Bar"]);
  assert.deepEqual(call("labels", b), []);
  assert.ok(!Object.isFrozen(call("labels", a)), "a caller may keep and change the list");
  assert.equal(call("type", r), "KNOWS");
  for (const f of ["id", "labels", "type", "keys", "properties", "nodes", "length", "startNode"]) {
    assert.equal(call(f, null), null);
  }
  refused("labels", 1);
  refused("labels", r);
  for (const v of [0, 1.0, true, "", []]) refused("type", v);
  refused("type", a);
  refused("id", path);
});

void test("keys and properties of entities and maps", () => {
  assert.deepEqual(call("keys", a), ["level", "name"]); // the store keeps keys sorted
  assert.deepEqual(call("keys", r), ["year"]);
  assert.deepEqual(call("keys", b), []);
  assert.deepEqual(call("keys", { x: 1, y: null }), ["x", "y"]);
  assert.deepEqual(call("properties", a), { name: "Popeye", level: 9001 });
  assert.ok(!Object.isFrozen(call("properties", a)));
  const map = { name: "Popeye", level: 9001 };
  assert.equal(call("properties", map), map);
  refused("properties", 1);
  refused("properties", "Cypher");
  refused("keys", [true]);
});

void test("start and end nodes, path parts and length", () => {
  assert.equal((call("startNode", r) as { id: number }).id, 0);
  assert.equal((call("endNode", r) as { id: number }).id, 1);
  assert.deepEqual(
    (call("nodes", path) as { id: number }[]).map((n) => n.id),
    [0, 1],
  );
  assert.deepEqual(
    (call("relationships", path) as { id: number }[]).map((x) => x.id),
    [0],
  );
  assert.equal(call("length", path), 1);
  assert.equal(call("length", new Path([a], [])), 0);
  refused("length", a);
  refused("nodes", [a]);
  refused("startNode", a);
});
