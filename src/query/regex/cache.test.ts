// The compiled-pattern cache: reuse, least-recently-used eviction, and its bound.
import { test } from "node:test";
import assert from "node:assert/strict";
import { LruCache } from "./cache.js";
import { compileRegex, REGEX_CACHE_CAPACITY } from "./index.js";

void test("the least recently used entry is evicted first", () => {
  const cache = new LruCache<number>(2);
  cache.set("a", 1);
  cache.set("b", 2);
  assert.equal(cache.get("a"), 1); // a is now the most recent
  cache.set("c", 3);
  assert.equal(cache.get("b"), undefined);
  assert.equal(cache.get("a"), 1);
  assert.equal(cache.get("c"), 3);
  assert.equal(cache.size, 2);
  cache.set("a", 10);
  assert.equal(cache.get("a"), 10);
  assert.equal(cache.size, 2);
  cache.clear();
  assert.equal(cache.size, 0);
});

void test("entries are also evicted by total weight, keeping the newest", () => {
  const cache = new LruCache<string>(10, 100);
  cache.set("a", "a", 60);
  cache.set("b", "b", 30);
  assert.equal(cache.weight, 90);
  cache.set("c", "c", 20); // 110 > 100: a goes
  assert.equal(cache.get("a"), undefined);
  assert.equal(cache.weight, 50);
  cache.set("huge", "huge", 500); // alone over the limit: everything else goes, it stays
  assert.equal(cache.size, 1);
  assert.equal(cache.get("huge"), "huge");
  cache.set("huge", "again", 5);
  assert.equal(cache.weight, 5);
});

void test("compileRegex compiles a pattern once while it stays cached", () => {
  const first = compileRegex("cache-[a-z]+");
  assert.equal(compileRegex("cache-[a-z]+"), first);
  for (let i = 0; i < REGEX_CACHE_CAPACITY; i++) compileRegex(`filler${i}`);
  // Pushed out by a full cache of newer patterns: compiled afresh, same behaviour.
  const again = compileRegex("cache-[a-z]+");
  assert.notEqual(again, first);
  assert.equal(again.matches("cache-abc"), true);
  assert.equal(compileRegex("cache-[a-z]+"), again);
});

void test("failed compilations are not cached and fail every time", () => {
  assert.throws(() => compileRegex("(unclosed"), /unclosed group/);
  assert.throws(() => compileRegex("(unclosed"), /unclosed group/);
});
