// Tests of the side-effect counts, on a real in-memory database changed through its write
// API: each metric as the TCK defines it (README.adoc, "Observability of side effects").
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { openDatabase } from "../../src/db/open.js";
import type { WriteTransaction } from "../../src/db/transaction.js";
import { float } from "../../src/store/values.js";
import {
  diffSummaries,
  noSideEffects,
  parseSideEffects,
  sideEffectDifferences,
  summarizeGraph,
  valueKey,
  type SideEffects,
} from "./side-effects.js";

/** The side effects of `change`, applied to the graph `setup` builds. */
async function effectsOf(
  setup: (tx: WriteTransaction) => void,
  change: (tx: WriteTransaction) => void,
): Promise<Partial<SideEffects>> {
  const db = await openDatabase();
  try {
    await db.write(setup);
    const before = db.read(summarizeGraph);
    await db.write(change);
    const all = diffSummaries(before, db.read(summarizeGraph));
    return Object.fromEntries(Object.entries(all).filter(([, n]) => n !== 0));
  } finally {
    await db.close();
  }
}

const nothing = (): void => undefined;

describe("side effects", () => {
  test("creating nodes, labels, relationships and properties", async () => {
    const effects = await effectsOf(nothing, (tx) => {
      const a = tx.createNode(["A", "B"], { name: "a", n: 1 });
      const b = tx.createNode(["A"]);
      tx.createRelationship(a, b, "T", { w: 2 });
    });
    assert.deepEqual(effects, { "+nodes": 2, "+relationships": 1, "+labels": 2, "+properties": 3 });
  });

  test("labels count distinct names in the graph, not nodes carrying them", async () => {
    let id = -1;
    const setup = (tx: WriteTransaction): void => {
      tx.createNode(["A"]);
      id = tx.createNode([]);
    };
    assert.deepEqual(await effectsOf(setup, (tx) => tx.addNodeLabel(id, "A")), {});
    assert.deepEqual(await effectsOf(setup, (tx) => tx.addNodeLabel(id, "B")), { "+labels": 1 });
  });

  test("removing the last node with a label removes the label", async () => {
    let id = -1;
    const setup = (tx: WriteTransaction): void => {
      id = tx.createNode(["A"], { k: 1 });
      tx.createNode(["B"]);
    };
    assert.deepEqual(await effectsOf(setup, (tx) => tx.removeNodeLabel(id, "A")), { "-labels": 1 });
    assert.deepEqual(await effectsOf(setup, (tx) => tx.deleteNode(id)), {
      "-nodes": 1,
      "-labels": 1,
      "-properties": 1,
    });
  });

  test("properties are (entity, key, value) triples: a changed value is one out, one in", async () => {
    let id = -1;
    const setup = (tx: WriteTransaction): void => {
      id = tx.createNode([], { k: 1, j: "x" });
    };
    assert.deepEqual(await effectsOf(setup, (tx) => tx.setNodeProperty(id, "k", 2)), {
      "+properties": 1,
      "-properties": 1,
    });
    assert.deepEqual(await effectsOf(setup, (tx) => tx.setNodeProperty(id, "k", 1)), {});
    assert.deepEqual(await effectsOf(setup, (tx) => tx.setNodeProperty(id, "k", float(1))), {
      "+properties": 1,
      "-properties": 1,
    });
    assert.deepEqual(await effectsOf(setup, (tx) => tx.removeNodeProperty(id, "j")), {
      "-properties": 1,
    });
  });

  test("a relationship's properties go with it", async () => {
    let rel = -1;
    const setup = (tx: WriteTransaction): void => {
      rel = tx.createRelationship(tx.createNode([]), tx.createNode([]), "T", { id: 42 });
    };
    assert.deepEqual(await effectsOf(setup, (tx) => tx.deleteRelationship(rel)), {
      "-relationships": 1,
      "-properties": 1,
    });
  });

  test("a graph changed and changed back has no side effects", async () => {
    let id = -1;
    const setup = (tx: WriteTransaction): void => {
      id = tx.createNode(["A"], { k: [1, 2] });
    };
    const effects = await effectsOf(setup, (tx) => {
      tx.setNodeProperty(id, "k", [1, 2]);
      tx.deleteNode(tx.createNode(["Z"], { z: 1 }));
    });
    assert.deepEqual(effects, {});
  });
});

test("parseSideEffects reads the TCK's table; unnamed metrics are zero", () => {
  const parsed = parseSideEffects([
    ["+nodes", "1"],
    ["-properties", "2"],
  ]);
  assert.deepEqual(parsed, { ...noSideEffects(), "+nodes": 1, "-properties": 2 });
  assert.throws(() => parseSideEffects([["+things", "1"]]), /bad side effects row/);
  assert.deepEqual(sideEffectDifferences(parsed, noSideEffects()), [
    "+nodes: expected 1, got 0",
    "-properties: expected 2, got 0",
  ]);
});

test("valueKey tells values apart as the value model does", () => {
  assert.notEqual(valueKey(1), valueKey(float(1)));
  assert.equal(valueKey(1), valueKey(1n));
  assert.notEqual(valueKey("1"), valueKey(1));
  assert.equal(valueKey({ a: 1, b: [2] }), valueKey({ b: [2], a: 1 }));
  assert.notEqual(valueKey([1, 2]), valueKey([2, 1]));
  assert.notEqual(valueKey(float(0)), valueKey(float(-0)));
});
