// The main job of the quick start: open the database in ./data, say what recovery found,
// write a small social graph the first time, record this run, and close. Run it again to
// see the earlier runs come back from the log (and, every few runs, from a checkpoint).
import { openDatabase, date } from "../dist/index.js";
import { join } from "node:path";

const dir = join(process.cwd(), "data");
const db = await openDatabase(dir, { syncMode: "perCommit" });
const s = db.status();
const r = s.recovery;
console.log(`opened ${dir}`);
console.log(
  `recovered ${s.nodeCount} nodes and ${s.relationshipCount} relationships in ` +
    `${r.durationMs.toFixed(1)} ms: ` +
    (r.snapshotPath ? `snapshot at lsn ${r.snapshotFenceLsn} + ` : "") +
    `${r.replayedTransactions} transactions replayed from the log` +
    (r.tornTailCut ? " (a torn tail was cut)" : ""),
);
console.log(`last lsn ${s.nextLsn - 1}, segments ${s.oldestSegmentId}..${s.activeSegmentId}`);

if (s.nodeCount === 0) {
  await db.write((tx) => {
    const people = {};
    for (const [name, born] of [
      ["Ada", 1815],
      ["Charles", 1791],
      ["Mary", 1797],
      ["Michael", 1791],
    ]) {
      people[name] = tx.createNode(["Person"], {
        name,
        born: date({ year: born, month: 1, day: 1 }),
      });
    }
    const engine = tx.createNode(["Machine"], { name: "Analytical Engine" });
    tx.createRelationship(people.Ada, people.Charles, "KNOWS", { since: 1833 });
    tx.createRelationship(people.Ada, people.Mary, "KNOWS", { since: 1834 });
    tx.createRelationship(people.Charles, people.Michael, "KNOWS", { since: 1830 });
    tx.createRelationship(people.Ada, engine, "WROTE_ABOUT", { year: 1843 });
    tx.createRelationship(people.Charles, engine, "DESIGNED", {});
  });
  console.log("first run: wrote a small social graph");
}

const runs = db.read((v) => [...v.nodes({ label: "Run" })].length);
await db.write((tx) => tx.createNode(["Run"], { n: runs + 1, at: new Date().toISOString() }));
console.log(`recorded run ${runs + 1}; durable through lsn ${db.status().durableLsn}`);
if ((runs + 1) % 5 === 0) console.log(`checkpoint at lsn ${(await db.checkpoint()).lsn}`);
const ada = db.read((v) =>
  [...v.nodes({ label: "Person" })].find((n) => n.properties.name === "Ada"),
);
if (ada) {
  const friends = db.read((v) =>
    [...v.outgoing(ada.id, "KNOWS")].map((rel) => v.node(rel.dst).properties.name),
  );
  console.log(`Ada knows ${friends.join(" and ")}`);
}
await db.close();
