// The data commands as a user runs them: the built `skein` (build/src/cli/main.js) as a
// child process against real temporary directories. import → export round trips of every
// value kind through JSON Lines and through CSV (compared value by value with the package's
// own equality), a neo4j-admin style CSV, bad lines reported with their line numbers and
// never half a batch committed, stats, checkpoint, usage errors (exit 2), damaged or
// missing databases (exit 1 with the error code), and a 1,000,000-line file streamed with
// bounded memory.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
  writeSync,
  closeSync,
  statSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { float, openDatabase, valueKind, valuesEqual, type Properties } from "../../src/index.js";
import { VALUE_SAMPLES } from "./value-samples.js";

const MAIN = fileURLToPath(new URL("../../src/cli/main.js", import.meta.url));

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function skein(cwd: string, args: string[], nodeFlags: string[] = []): Run {
  const r = spawnSync(process.execPath, [...nodeFlags, MAIN, ...args], {
    cwd,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function ok(run: Run): Run {
  assert.equal(run.status, 0, `exit ${run.status}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`);
  return run;
}

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), "skein-data-cli-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A database holding every sample value, typed columns and json fallbacks, and an id gap. */
async function buildSampleDb(dir: string): Promise<void> {
  const db = await openDatabase(dir, { snapshotEveryCommits: 0 });
  try {
    const gap = await db.write((tx) => tx.createNode(["Gone"]));
    await db.write((tx) => tx.deleteNode(gap));
    await db.write((tx) => {
      const ids = Object.entries(VALUE_SAMPLES).map(([name, v]) =>
        tx.createNode(["Sample", name.startsWith("list") ? "List" : "Scalar"], { [name]: v }),
      );
      const all = tx.createNode(["All"], { ...VALUE_SAMPLES });
      const bare = tx.createNode([]);
      const a = tx.createNode(["Label with space", "Ünïcode, comma"], { mixed: 1 });
      const b = tx.createNode(["X"], { mixed: float(1), "key:with:colons": "c" });
      tx.createRelationship(ids[0]!, ids[1]!, "HAS", { ...VALUE_SAMPLES });
      tx.createRelationship(all, all, "SELF", {});
      tx.createRelationship(a, b, 'TYPE, "odd"', { since: 1833, weight: 0.5 });
      tx.createRelationship(bare, a, "HAS", { since: 9007199254740993n });
    });
  } finally {
    await db.close();
  }
}

interface GraphContent {
  readonly nodes: { labels: readonly string[]; properties: Properties }[];
  readonly relationships: { src: number; dst: number; type: string; properties: Properties }[];
}

/** The graph with node ids replaced by their position, so databases with other ids compare. */
async function contentOf(dir: string): Promise<GraphContent> {
  const db = await openDatabase(dir);
  try {
    return db.read((g) => {
      const position = new Map<number, number>();
      const nodes = [...g.nodes()].map((n, i) => {
        position.set(n.id, i);
        return { labels: n.labels, properties: n.properties };
      });
      const relationships = [...g.relationships()].map((r) => ({
        src: position.get(r.src)!,
        dst: position.get(r.dst)!,
        type: r.type,
        properties: r.properties,
      }));
      return { nodes, relationships };
    });
  } finally {
    await db.close();
  }
}

function assertSameContent(actual: GraphContent, expected: GraphContent): void {
  assert.equal(actual.nodes.length, expected.nodes.length, "node count");
  assert.equal(actual.relationships.length, expected.relationships.length, "relationship count");
  expected.nodes.forEach((n, i) => {
    const m = actual.nodes[i]!;
    assert.deepEqual(m.labels, n.labels, `labels of node ${i}`);
    assert.ok(
      valuesEqual(m.properties, n.properties),
      `properties of node ${i} (${Object.keys(n.properties).join(",")})`,
    );
  });
  expected.relationships.forEach((r, i) => {
    const s = actual.relationships[i]!;
    assert.deepEqual([s.src, s.dst, s.type], [r.src, r.dst, r.type], `relationship ${i}`);
    assert.ok(valuesEqual(s.properties, r.properties), `properties of relationship ${i}`);
  });
}

void test("JSON Lines: every value kind survives export → import → export", async (t) => {
  const tmp = tempDir(t);
  await buildSampleDb(join(tmp, "a"));
  const exported = ok(skein(tmp, ["export", "a", "a.jsonl"]));
  assert.match(
    exported.stdout,
    /^exported 66 nodes and 4 relationships to a\.jsonl \(.+\) in [\d.]+ s\n$/,
  );
  assert.equal(exported.stderr, "", "no progress line when standard error is not a terminal");

  const imported = ok(skein(tmp, ["import", "b", "a.jsonl"]));
  assert.match(
    imported.stdout,
    /^imported 66 nodes and 4 relationships from a\.jsonl: 70 lines, 1 batch committed in [\d.]+ s; checkpoint at lsn \d+\n$/,
  );
  assert.equal(imported.stderr, "");
  assertSameContent(await contentOf(join(tmp, "b")), await contentOf(join(tmp, "a")));

  // A database imported from its own export exports the same bytes.
  ok(skein(tmp, ["export", "b", "b.jsonl"]));
  ok(skein(tmp, ["import", "c", "b.jsonl", "--batch-size", "7"]));
  ok(skein(tmp, ["export", "c", "c.jsonl"]));
  assert.equal(
    readFileSync(join(tmp, "c.jsonl"), "utf8"),
    readFileSync(join(tmp, "b.jsonl"), "utf8"),
  );

  const lines = readFileSync(join(tmp, "b.jsonl"), "utf8").split("\n");
  assert.ok(
    lines.includes('{"type":"node","id":0,"labels":["Sample","Scalar"],"properties":{"int":3}}'),
  );
  assert.ok(
    lines.includes(
      '{"type":"node","id":7,"labels":["Sample","Scalar"],"properties":{"floatIntegral":3.0}}',
    ),
  );
  assert.ok(lines.some((l) => l.includes('"intMax":9223372036854775807')));
  assert.ok(lines.some((l) => l.includes('"floatNegativeZero":-0.0')));
  assert.ok(lines.some((l) => l.includes('"floatNaN":{"$float":"NaN"}')));
});

void test("CSV: every value kind survives export → import, typed where CSV can type it", async (t) => {
  const tmp = tempDir(t);
  await buildSampleDb(join(tmp, "a"));
  const exported = ok(skein(tmp, ["export", "a", "out/graph", "--format", "csv"]));
  assert.match(
    exported.stdout,
    /to out\/graph-nodes\.csv \(.+\) and out\/graph-relationships\.csv/,
  );
  const nodesCsv = readFileSync(join(tmp, "out/graph-nodes.csv"), "utf8");
  const header = nodesCsv.slice(0, nodesCsv.indexOf("\n")).split(",");
  for (const column of [
    ":ID",
    "int:int",
    "intMax:int",
    "floatIntegral:float",
    "floatNaN:float",
    "stringTricky:string",
    "booleanTrue:boolean",
    "date:date",
    "localTime:localtime",
    "time:time",
    "localDateTime:localdatetime",
    "dateTime:datetime",
    "duration:duration",
    "durationMixedSigns:json",
    "point3d:point",
    "vectorInt64:json",
    "binary:json",
    "listInts:int[]",
    "listStrings:string[]",
    "listOneEmptyString:json",
    "listStringsWithDelimiter:json",
    "listDates:date[]",
    "listPoints:point[]",
    "listMixed:json",
    "mapPlain:json",
    "mixed:json",
    "key:with:colons:string",
    ":LABEL",
  ]) {
    assert.ok(header.includes(column), `header has ${column}`);
  }
  const relsCsv = readFileSync(join(tmp, "out/graph-relationships.csv"), "utf8");
  assert.ok(relsCsv.startsWith(":START_ID,:END_ID,:TYPE,"));
  assert.ok(relsCsv.includes('"TYPE, ""odd"""'), "RFC 4180 quoting");

  const imported = ok(
    skein(tmp, [
      "import",
      "b",
      "--nodes",
      "out/graph-nodes.csv",
      "--relationships",
      "out/graph-relationships.csv",
    ]),
  );
  assert.match(
    imported.stdout,
    /^imported 66 nodes and 4 relationships from out\/graph-nodes\.csv, out\/graph-relationships\.csv: 70 lines, 2 batches committed/,
  );
  assertSameContent(await contentOf(join(tmp, "b")), await contentOf(join(tmp, "a")));
});

void test("CSV in the style of neo4j-admin import: id groups, typed columns, quoted fields", async (t) => {
  const tmp = tempDir(t);
  writeFileSync(
    join(tmp, "people.csv"),
    [
      "personId:ID(Person),name,age:int,score:float,born:date,tags:string[],:LABEL,notes:IGNORE",
      'p1,"Lovelace, Ada",36,3,1815-12-10,math;poetry,Person;Scientist,x',
      'p2,"Charles ""the"" Babbage",,,,,Person,"multi',
      'line"',
      'p3,,79,0.5,1791-12-26,"",Person,',
    ].join("\r\n") + "\r\n",
  );
  writeFileSync(
    join(tmp, "cities.csv"),
    'id:ID(City),name,location:point\nc1,London,"{latitude:51.5, longitude:-0.12}"\n',
  );
  writeFileSync(
    join(tmp, "rels.csv"),
    ":START_ID(Person),:END_ID(Person),:TYPE,since:int\np1,p2,KNOWS,1833\np2,p1,KNOWS,\n",
  );
  writeFileSync(join(tmp, "lives.csv"), ":START_ID(Person),:END_ID(City),:TYPE\np1,c1,LIVES_IN\n");
  const run = ok(
    skein(tmp, [
      "import",
      "db",
      "--nodes",
      "people.csv",
      "--nodes",
      "cities.csv",
      "--relationships",
      "rels.csv",
      "--relationships",
      "lives.csv",
      "--json",
    ]),
  );
  const report = JSON.parse(run.stdout) as {
    nodesCreated: number;
    relationshipsCreated: number;
    ok: boolean;
  };
  assert.deepEqual([report.ok, report.nodesCreated, report.relationshipsCreated], [true, 4, 3]);
  const g = await contentOf(join(tmp, "db"));
  const [ada, charles, p3, london] = g.nodes;
  assert.deepEqual(ada!.labels, ["Person", "Scientist"]);
  assert.equal(ada!.properties["name"], "Lovelace, Ada");
  assert.equal(ada!.properties["personId"], "p1");
  assert.ok(valuesEqual(ada!.properties["score"]!, float(3)));
  assert.deepEqual(ada!.properties["tags"], ["math", "poetry"]);
  assert.ok(!("notes" in ada!.properties));
  assert.equal(charles!.properties["name"], 'Charles "the" Babbage');
  assert.deepEqual(Object.keys(charles!.properties).sort(), ["name", "personId"]);
  assert.deepEqual(p3!.properties["tags"], [], "a quoted empty cell is the empty list");
  assert.ok(!("name" in p3!.properties), "an empty cell is no property");
  const loc = london!.properties["location"] as { x: number; y: number; srid: number };
  assert.deepEqual([loc.x, loc.y, loc.srid], [-0.12, 51.5, 4326]);
  assert.deepEqual(
    g.relationships.map((r) => [r.src, r.dst, r.type, r.properties["since"] ?? null]),
    [
      [0, 1, "KNOWS", 1833],
      [1, 0, "KNOWS", null],
      [0, 3, "LIVES_IN", null],
    ],
  );
});

void test("bad lines: reported with line numbers, their batch rejected whole, the rest says what committed", async (t) => {
  const tmp = tempDir(t);
  const lines: string[] = [];
  for (let i = 1; i <= 25; i++) lines.push(`{"type":"node","id":${i},"properties":{"line":${i}}}`);
  lines[14] = '{"type":"node","id":15,"properties":{"born":{"$date":"2023-02-29"}}}';
  lines[21] = '{"type":"node" "id":22}';
  writeFileSync(join(tmp, "bad.jsonl"), lines.join("\n") + "\n");

  const stopped = skein(tmp, ["import", "db", "bad.jsonl", "--batch-size", "10"]);
  assert.equal(stopped.status, 1);
  assert.equal(stopped.stderr, "bad.jsonl:15: date day 29 is not an integer in 1..28\n");
  assert.match(
    stopped.stdout,
    /^imported 10 nodes and 0 relationships from bad\.jsonl: 15 lines, 1 batch committed/,
  );
  assert.match(stopped.stdout, /\ncommitted {2}bad\.jsonl lines 1-10 \(1 batch\)\n/);
  assert.match(stopped.stdout, /\nrejected {3}bad\.jsonl lines 11-15 \(1 batch\)\n/);
  assert.match(
    stopped.stdout,
    /\nstopped at bad\.jsonl:15: more than 0 bad lines \(--max-errors 0\); nothing after it was read\n$/,
  );
  const after = await contentOf(join(tmp, "db"));
  assert.deepEqual(
    after.nodes.map((n) => n.properties["line"]),
    [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
    "nothing of the rejected batch (lines 11-14 were good) is in the database",
  );

  const goOn = skein(tmp, [
    "import",
    "db2",
    "bad.jsonl",
    "--batch-size",
    "10",
    "--max-errors",
    "5",
    "--json",
  ]);
  assert.equal(goOn.status, 1);
  const report = JSON.parse(goOn.stdout) as {
    ok: boolean;
    nodesCreated: number;
    committed: { firstLine: number; lastLine: number; batches: number }[];
    rejected: { firstLine: number; lastLine: number; batches: number }[];
    errors: { file: string; line: number; message: string }[];
    stopped: boolean;
  };
  assert.equal(report.ok, false);
  assert.equal(report.stopped, false);
  assert.equal(report.nodesCreated, 10);
  assert.deepEqual(
    report.errors.map((e) => [e.file, e.line]),
    [
      ["bad.jsonl", 15],
      ["bad.jsonl", 22],
    ],
  );
  assert.match(report.errors[1]!.message, /^expected ',' or '}', found "\\"" at column 16$/);
  assert.deepEqual(
    report.committed.map((r) => [r.firstLine, r.lastLine, r.batches]),
    [[1, 10, 1]],
  );
  assert.deepEqual(
    report.rejected.map((r) => [r.firstLine, r.lastLine, r.batches]),
    [[11, 25, 2]],
  );
  assert.equal((await contentOf(join(tmp, "db2"))).nodes.length, 10);
});

void test("bad CSV records are reported at the line they start on", (t) => {
  const tmp = tempDir(t);
  writeFileSync(
    join(tmp, "n.csv"),
    ':ID,bio,age:int\n1,"two\nlines",30\n2,"x",thirty\n3,ok,"4"x\n4,,1\n',
  );
  const run = skein(tmp, ["import", "db", "--nodes", "n.csv", "--max-errors", "9"]);
  assert.equal(run.status, 1);
  assert.equal(
    run.stderr,
    'n.csv:4: column "age": "thirty" is not an integer\nn.csv:5: text after a closing quote\n',
  );
  const header = skein(tmp, ["import", "db2", "--relationships", "n.csv"]);
  assert.equal(header.status, 1);
  assert.equal(header.stderr, "n.csv:1: header: a relationships file cannot have a :ID column\n");
});

void test("stats: counts by label, type and key; log and snapshot sizes; recovery", async (t) => {
  const tmp = tempDir(t);
  await buildSampleDb(join(tmp, "a"));
  const run = ok(skein(tmp, ["stats", "a", "--json"]));
  const s = JSON.parse(run.stdout) as {
    nodes: number;
    relationships: number;
    labels: Record<string, number>;
    relationshipTypes: Record<string, number>;
    nodePropertyKeys: Record<string, number>;
    relationshipPropertyKeys: Record<string, number>;
    wal: { segments: number; bytes: number; nextLsn: number };
    snapshots: { count: number; bytes: number };
    lastCheckpointLsn: number;
    recovery: { openMs: number; replayedTransactions: number; snapshotPath: string | null };
  };
  assert.equal(s.nodes, 66);
  assert.equal(s.relationships, 4);
  assert.equal(s.labels["Sample"], 62);
  assert.equal(s.labels["All"], 1);
  assert.equal(s.labels["Gone"], undefined);
  assert.deepEqual(s.relationshipTypes, { HAS: 2, SELF: 1, 'TYPE, "odd"': 1 });
  assert.equal(s.nodePropertyKeys["int"], 2);
  assert.equal(s.nodePropertyKeys["mixed"], 2);
  assert.equal(s.relationshipPropertyKeys["since"], 2);
  assert.ok(s.wal.segments >= 1 && s.wal.bytes > 32);
  assert.deepEqual([s.snapshots.count, s.lastCheckpointLsn, s.recovery.snapshotPath], [0, 0, null]);
  assert.equal(s.recovery.replayedTransactions, 3);
  assert.ok(s.recovery.openMs > 0);

  const text = ok(skein(tmp, ["stats", "a"])).stdout;
  assert.match(text, /^database +.+\nnodes +66\nrelationships +4\n/);
  assert.match(text, /\nnodes by label\n {2}Sample +62\n/);
  assert.match(text, /\nrecovery +[\d.]+ ms to open: no snapshot, replayed 3 transactions/);
});

void test("checkpoint: prints the fence and the snapshot; the next open starts from it", async (t) => {
  const tmp = tempDir(t);
  await buildSampleDb(join(tmp, "a"));
  const run = ok(skein(tmp, ["checkpoint", "a", "--json"]));
  const c = JSON.parse(run.stdout) as {
    lsn: number;
    nodes: number;
    snapshot: { path: string; bytes: number; fenceLsn: number };
    wal: { segments: number };
  };
  assert.ok(c.lsn > 0);
  assert.equal(c.nodes, 66);
  assert.equal(c.snapshot.fenceLsn, c.lsn);
  assert.ok(c.snapshot.path.endsWith(`snapshot-${String(c.lsn).padStart(16, "0")}.skein`));
  assert.equal(statSync(c.snapshot.path).size, c.snapshot.bytes);

  const text = ok(skein(tmp, ["checkpoint", "a"])).stdout;
  assert.match(
    text,
    /^checkpoint at lsn \d+ \([\d.]+ ms\)\nsnapshot {2}.+snapshot-\d{16}\.skein {2}.+: 66 nodes, 4 relationships\nwal {7}\d+ segments?, .+\n$/,
  );
  const s = JSON.parse(ok(skein(tmp, ["stats", "a", "--json"])).stdout) as {
    lastCheckpointLsn: number;
    recovery: { snapshotFenceLsn: number; replayedTransactions: number };
  };
  assert.ok(s.lastCheckpointLsn > c.lsn);
  assert.equal(s.recovery.snapshotFenceLsn, s.lastCheckpointLsn);
  assert.equal(s.recovery.replayedTransactions, 0);
});

void test("usage errors exit 2 and point to --help; --help exits 0 with examples", (t) => {
  const tmp = tempDir(t);
  writeFileSync(join(tmp, "x.jsonl"), "");
  const cases: [string[], RegExp][] = [
    [["import"], /missing <dir>/],
    [["import", "db"], /missing <file>/],
    [["import", "db", "x.jsonl", "--nodes", "x.csv"], /either a JSON Lines <file> or CSV/],
    [["import", "db", "--format", "csv"], /CSV import takes --nodes FILE/],
    [
      ["import", "db", "x.jsonl", "--batch-size", "0"],
      /--batch-size must be an integer of at least 1, got "0"/,
    ],
    [["import", "db", "x.jsonl", "--max-errors", "-1"], /--max-errors/],
    [["import", "db", "x.jsonl", "--bogus"], /Unknown option '--bogus'/],
    [["export", "db"], /missing <file>/],
    [["export", "db", "f", "--format", "xml"], /--format must be jsonl or csv, got "xml"/],
    [["export", "db", "f", "--array-delimiter", ","], /--array-delimiter must be one character/],
    [["stats"], /missing <dir>/],
    [["stats", "a", "b"], /unexpected argument "b"/],
    [["checkpoint", "--json"], /missing <dir>/],
  ];
  for (const [args, re] of cases) {
    const run = skein(tmp, args);
    assert.equal(run.status, 2, `${args.join(" ")}: ${run.stderr}`);
    assert.match(run.stderr, re, args.join(" "));
    assert.match(run.stderr, new RegExp(`Run \`skein ${args[0]} --help\` for usage\\.`));
  }
  assert.ok(!existsSync(join(tmp, "db")), "no database was created by a usage error");
  for (const name of ["import", "export", "stats", "checkpoint"]) {
    const help = ok(skein(tmp, [name, "--help"]));
    assert.match(help.stdout, new RegExp(`^usage: skein ${name} `));
    assert.match(help.stdout, /\nExamples:\n/);
  }
});

void test("missing and damaged databases, unreadable input: exit 1 with the reason", async (t) => {
  const tmp = tempDir(t);
  const missing = skein(tmp, ["stats", "nowhere"]);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /^skein stats: no database at .+nowhere: it does not exist\n$/);
  assert.ok(!existsSync(join(tmp, "nowhere")), "stats does not create a database");

  const noFile = skein(tmp, ["import", "db", "absent.jsonl"]);
  assert.equal(noFile.status, 1);
  assert.equal(noFile.stderr, "skein import: cannot read absent.jsonl: no such file\n");

  const dir = join(tmp, "damaged");
  const db = await openDatabase(dir, { snapshotEveryCommits: 0 });
  for (let i = 0; i < 3; i++) await db.write((tx) => tx.createNode(["N"], { i }));
  // While it is open here, the command cannot open it.
  const locked = skein(tmp, ["stats", "damaged"]);
  assert.equal(locked.status, 1);
  assert.match(locked.stderr, /^error WAL_ALREADY_OPEN: /);
  await db.close();

  // A bad byte in the first record, with intact records after it: corruption, not a torn tail.
  const segment = join(
    dir,
    "wal",
    readdirSync(join(dir, "wal")).find((n) => n.endsWith(".wal"))!,
  );
  const bytes = readFileSync(segment);
  bytes.writeUInt8(bytes.readUInt8(32 + 8) ^ 0xff, 32 + 8);
  writeFileSync(segment, bytes);
  for (const args of [
    ["stats", "damaged"],
    ["export", "damaged", "out.jsonl"],
    ["checkpoint", "damaged", "--json"],
  ]) {
    const run = skein(tmp, args);
    assert.equal(run.status, 1, args.join(" "));
    assert.match(run.stderr, /^error WAL_CORRUPTION: .+/, args.join(" "));
  }
  assert.ok(!existsSync(join(tmp, "out.jsonl")));
});

void test("CSV export refuses a label holding the array delimiter and leaves no file", async (t) => {
  const tmp = tempDir(t);
  const db = await openDatabase(join(tmp, "a"));
  await db.write((tx) => tx.createNode(["A;B"]));
  await db.close();
  const run = skein(tmp, ["export", "a", "g", "--format", "csv"]);
  assert.equal(run.status, 1);
  assert.match(
    run.stderr,
    /^skein export: label "A;B" holds the array delimiter ";": choose another with --array-delimiter, or export JSON Lines\n$/,
  );
  assert.deepEqual(readdirSync(tmp).sort(), ["a"]);
  ok(skein(tmp, ["export", "a", "g", "--format", "csv", "--array-delimiter", "|"]));
  assert.equal(readFileSync(join(tmp, "g-nodes.csv"), "utf8"), ":ID,:LABEL\n0,A;B\n");
});

void test("a 1,000,000-line file streams: memory does not grow with the file", (t) => {
  const tmp = tempDir(t);
  // Every 100th line is a node, the others are blank lines padded to 120 characters, and
  // the last line is bad: about 121 MB that holds 9,999 nodes.
  const path = join(tmp, "big.jsonl");
  const fd = openSync(path, "w");
  const pad = " ".repeat(120);
  let chunk: string[] = [];
  for (let i = 1; i <= 1_000_000; i++) {
    if (i === 1_000_000) chunk.push("{bad");
    else chunk.push(i % 100 === 0 ? `{"type":"node","id":${i},"properties":{"line":${i}}}` : pad);
    if (chunk.length === 10_000) {
      writeSync(fd, chunk.join("\n") + "\n");
      chunk = [];
    }
  }
  closeSync(fd);
  const fileBytes = statSync(path).size;
  writeFileSync(join(tmp, "small.jsonl"), '{"type":"node"}\n');
  // Peak resident memory, as the kernel counts it, written at exit.
  const probe = join(tmp, "peak.mjs");
  writeFileSync(
    probe,
    'import { writeSync } from "node:fs";\nprocess.on("exit", () => writeSync(2, `PEAK_RSS_KB=${process.resourceUsage().maxRSS}\\n`));\n',
  );
  // A small young generation keeps the garbage collector's own growth out of the numbers.
  const flags = ["--max-semi-space-size=1", "--import", pathToFileURL(probe).href];
  const peakOf = (run: Run): number => Number(/PEAK_RSS_KB=(\d+)/.exec(run.stderr)![1]) * 1024;

  const baseline = peakOf(ok(skein(tmp, ["import", "small", "small.jsonl"], flags)));
  const run = skein(tmp, ["import", "big", "big.jsonl", "--batch-size", "1000", "--json"], flags);
  assert.equal(run.status, 1, run.stderr);
  const report = JSON.parse(run.stdout) as {
    nodesCreated: number;
    entriesRead: number;
    committed: { firstLine: number; lastLine: number; batches: number }[];
    rejected: { firstLine: number; lastLine: number; batches: number }[];
    errors: { line: number }[];
  };
  assert.equal(report.entriesRead, 10_000);
  assert.equal(report.nodesCreated, 9_000);
  assert.deepEqual(
    report.committed.map((r) => [r.firstLine, r.lastLine, r.batches]),
    [[100, 900_000, 9]],
  );
  assert.deepEqual(
    report.rejected.map((r) => [r.firstLine, r.lastLine, r.batches]),
    [[900_100, 1_000_000, 1]],
  );
  assert.deepEqual(
    report.errors.map((e) => e.line),
    [1_000_000],
  );

  const grewBytes = peakOf(run) - baseline;
  t.diagnostic(`peak memory grew by ${(grewBytes / 2 ** 20).toFixed(1)} MiB`);
  // Reading the whole file would cost at least its size (its text held as strings costs
  // more). Streaming costs what one batch holds plus the collector's slack, which varies
  // from run to run (11 to 46 MiB measured here): half the file separates the two.
  assert.ok(
    grewBytes < fileBytes / 2,
    `peak memory grew by ${(grewBytes / 2 ** 20).toFixed(1)} MiB for a ${(fileBytes / 2 ** 20).toFixed(1)} MiB file`,
  );
});

// The sample values are what the round trips above carry; make sure they are all there.
void test("the samples cover every value kind", () => {
  const kinds = new Set<string>();
  for (const v of Object.values(VALUE_SAMPLES)) {
    kinds.add(valueKind(v));
    if (Array.isArray(v)) v.forEach((item) => kinds.add(valueKind(item)));
  }
  const all = [
    "null",
    "boolean",
    "int",
    "float",
    "string",
    "list",
    "map",
    "date",
    "localTime",
    "time",
  ];
  all.push("localDateTime", "dateTime", "duration", "point", "vector", "binary");
  assert.deepEqual([...kinds].sort(), all.sort());
});
