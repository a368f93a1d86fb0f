// The main job of the quick start: open the log in ./data/wal, show what it recovered,
// commit one transaction, and close. Run it twice to see the first run's work come back.
import { Wal, replayDir } from "../dist/index.js";
import { join } from "node:path";

const dir = join(process.cwd(), "data", "wal");
const started = performance.now();
const { wal, events } = Wal.open(dir);
const recoveredMs = performance.now() - started;
console.log(
  `recovered ${events.length} events from ${dir} in ${recoveredMs.toFixed(1)} ms ` +
    `(next lsn ${wal.nextLsn}, segments ${wal.oldestSegmentId}..${wal.activeSegmentId})`,
);
if (wal.recovery.tornTail)
  console.log(`cut a torn tail at ${JSON.stringify(wal.recovery.tornTail)}`);
const id = events.filter((e) => e.kind === "createNode").length;
const tx = wal.begin();
wal.appendBatch(tx, [
  { kind: "createNode", id, labels: ["Run"], properties: { at: new Date().toISOString(), n: id } },
]);
const commitLsn = wal.commit(tx);
wal.flush();
console.log(`committed run ${id} at lsn ${commitLsn}; durable through lsn ${wal.durableLsn}`);
wal.close();
const check = replayDir(dir);
console.log(`replay now returns ${check.events.length} events up to lsn ${check.maxLsn}`);
