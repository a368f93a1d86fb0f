// What recovery leaves for later: open a database directory (after a W3 run, with or
// without a checkpoint), then read every node's and relationship's properties once, and
// print the time and RSS of each step. Recovery decodes property maps on first read
// (docs/database.md, "Recovery"), so the first full read pays what the open did not.
//
//   npm run build
//   mkdir D && node bench/lib/child.mjs \
//     '{"system":"skein","fn":"w3","dir":"D","nodes":1000000,"rels":1000000,"batch":10000}'
//   node bench/first-read.mjs D       (from the log alone)
//   node bench/lib/child.mjs '{"system":"skein","fn":"checkpoint","dir":"D"}'
//   node bench/first-read.mjs D       (from the checkpoint)
//
// SKEIN_BENCH_DIST=<path to dist/index.js> measures another build the same way.
const { openDatabase } = await import(process.env.SKEIN_BENCH_DIST ?? "../dist/index.js");

const dir = process.argv[2];
if (!dir) throw new Error("usage: node bench/first-read.mjs <database dir>");

const rssMib = () => Math.round(process.memoryUsage().rss / 2 ** 20);
const seconds = (t) => ((performance.now() - t) / 1000).toFixed(2);

let t = performance.now();
const db = await openDatabase(dir, { snapshotEveryCommits: 0 });
console.log(`open: ${seconds(t)} s, ${rssMib()} MB rss`);
for (const round of ["first", "second"]) {
  t = performance.now();
  let keys = 0;
  db.read((g) => {
    for (const n of g.nodes()) keys += Object.keys(n.properties).length;
    for (const r of g.relationships()) keys += Object.keys(r.properties).length;
  });
  console.log(
    `${round} read of every property map: ${seconds(t)} s, ${keys} keys, ${rssMib()} MB rss`,
  );
}
await db.close();
