// `skein shell` as a user runs it: the built command (build/src/cli/main.js) as a child
// process, fed through standard input, through --file, and through a pseudo-terminal
// (util-linux `script`, when installed) for the interactive prompt, Ctrl-C, Ctrl-D and the
// history. Covers statement splitting (multi-line, several per line, `;` in strings), the
// table, json and csv formats, parameters, errors with their caret excerpt and exit code,
// a database directory kept between runs and locked while a shell has it open.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const MAIN = fileURLToPath(new URL("../../src/cli/main.js", import.meta.url));

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function shell(args: string[], input: string): Run {
  const r = spawnSync(process.execPath, [MAIN, "shell", ...args], { input, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function ok(run: Run): Run {
  assert.equal(run.code, 0, `exit ${run.code}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`);
  return run;
}

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), "skein-shell-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test("piped statements: multi-line, several per line, `;` in strings and names, no last `;`", () => {
  const input = [
    "RETURN 1 AS a, 1.0 AS b,",
    "  'x;y' AS `s;t`; RETURN \"it's\" AS q; // a comment; not a statement",
    "UNWIND [3, 1, 2] AS x",
    "RETURN x, x * 1.5 AS y",
    "ORDER BY x;",
    "RETURN [1, 'a', {k: 2.0}, null] AS l",
  ].join("\n");
  const run = ok(shell(["--no-timing"], input));
  assert.equal(
    run.stdout,
    [
      "a | b   | s;t",
      "--+-----+----",
      "1 | 1.0 | x;y",
      "1 row",
      "q",
      "----",
      "it's",
      "1 row",
      "x | y",
      "--+----",
      "1 | 1.5",
      "2 | 3.0",
      "3 | 4.5",
      "3 rows",
      "l",
      "------------------------",
      '[1, "a", {k: 2.0}, null]',
      "1 row",
      "",
    ].join("\n"),
  );
  assert.equal(run.stderr, "");
});

test("table: graph values in Cypher notation, what a query changed, timing", () => {
  const input = `CREATE (a:Person {name: 'Ada'})-[:KNOWS {since: 1833}]->(:Person {name: 'Bob'});
MATCH p = (a {name: 'Ada'})-[r]->(b) RETURN p, r, b.name AS name;
MATCH (n) DETACH DELETE n;`;
  const run = ok(shell([], input));
  const lines = run.stdout.split("\n");
  assert.match(lines[0]!, /^\+2 nodes, \+1 relationship \(\d+\.\d ms\)$/);
  assert.equal(
    lines[3],
    '(:Person {name: "Ada"})-[:KNOWS {since: 1833}]->(:Person {name: "Bob"}) | [:KNOWS {since: 1833}] | Bob',
  );
  assert.match(lines[4]!, /^1 row \(\d+\.\d ms\)$/);
  assert.match(lines[5]!, /^-2 nodes, -1 relationship \(\d+\.\d ms\)$/);
});

test("--format json: one object per row, exact Int/Float and int64, tagged nodes", () => {
  const input = `CREATE (a:P {name: 'Ada', score: 3.0}) RETURN a, 1 AS i, 1.0 AS f,
  9223372036854775807 AS big, [1, 2.5, 'x'] AS l, {k: null} AS m;
UNWIND [1, 2] AS x RETURN x`;
  const run = ok(shell(["--format", "json"], input));
  assert.equal(
    run.stdout,
    '{"a":{"$node":{"id":0,"labels":["P"],"properties":{"name":"Ada","score":3.0}}},"i":1,"f":1.0,"big":9223372036854775807,"l":[1,2.5,"x"],"m":{"k":null}}\n' +
      '{"x":1}\n{"x":2}\n',
  );
  assert.match(run.stderr, /^1 row, \+1 node \(\d+\.\d ms\)\n2 rows \(\d+\.\d ms\)\n$/);
  assert.equal(ok(shell(["--json", "--no-timing"], "RETURN 2.0 AS x")).stdout, '{"x":2.0}\n');
});

test("--format csv: a header, quoted fields, null as an empty field", () => {
  const input = `RETURN 'a,b' AS s, 'say "hi"' AS q, null AS n, 2.0 AS f, [1, 'x'] AS l, true AS t;`;
  const run = ok(shell(["--format", "csv", "--no-timing"], input));
  assert.equal(run.stdout, 's,q,n,f,l,t\n"a,b","say ""hi""",,2.0,"[1,""x""]",true\n');
  assert.equal(run.stderr, "1 row\n");
});

test(":params sets parameters (a Cypher map or JSON), lists them, :clear forgets them", () => {
  const input = [
    ":params {name: 'Ada', born: 1815, tags: ['x', 'y']}",
    ':params {"score": 2.0, "day": {"$date": "2024-02-29"}}',
    ":params",
    "RETURN $name AS name, $born + 1 AS next, $tags AS tags, $score AS score, $day AS day;",
    ":format csv",
    "RETURN $born AS born;",
    ":clear",
    "RETURN $name;",
    "RETURN 'not run';",
  ].join("\n");
  const run = shell(["--no-timing"], input);
  assert.equal(run.code, 1);
  const listing =
    ':params {name: "Ada", born: 1815, tags: ["x", "y"], score: 2.0, day: date("2024-02-29")}';
  assert.equal(
    run.stdout,
    [
      listing,
      "name | next | tags       | score | day",
      "-----+------+------------+-------+-----------",
      'Ada  | 1816 | ["x", "y"] |   2.0 | 2024-02-29',
      "1 row",
      "born",
      "1815",
      "",
    ].join("\n"),
  );
  assert.match(run.stderr, /^error PARAMETER_MISSING: .*`name`/m);
  assert.match(run.stderr, /in the statement at line 8 of standard input/);
  assert.ok(run.stderr.startsWith(':params {name: "Ada", born: 1815, tags: ["x", "y"]}\n'));
  assert.ok(run.stderr.includes("format csv\n1 row\nparameters cleared\n"), run.stderr);
});

test("an error prints its code and caret excerpt, stops a script with exit 1", () => {
  const input = "RETURN 1 AS one;\nRETURN 1 +\n  ;\nRETURN 'never' AS x;\n";
  const run = shell([], input);
  assert.equal(run.code, 1);
  assert.match(run.stdout, /^one\n---\n {2}1\n1 row \(\d+\.\d ms\)\n$/);
  assert.match(run.stderr, /^error SYNTAX: .*\(line 1, column 11\)\n {2}RETURN 1 \+\n {12}\^\n/);
  assert.match(run.stderr, /\n {2}in the statement at line 2 of standard input\n$/);

  const goOn = shell(["--continue-on-error", "--no-timing"], input + ":nonsense\nRETURN 2;");
  assert.equal(goOn.code, 1);
  assert.ok(goOn.stdout.includes("x\n-----\nnever\n1 row\n"), goOn.stdout);
  assert.ok(goOn.stdout.endsWith("2\n-\n2\n1 row\n"), goOn.stdout);
  assert.match(goOn.stderr, /error USAGE: unknown command ":nonsense"; :help lists them\n/);
});

test("a database directory persists between runs and is locked while a shell has it", async (t) => {
  const dir = join(tempDir(t), "db");
  ok(shell([dir], "CREATE (:City {name: 'Paris'}), (:City {name: 'Rome'});"));
  const holder = spawn(process.execPath, [MAIN, "shell", dir, "--sync-mode", "none"], {
    stdio: ["pipe", "pipe", "pipe"],
  });
  t.after(() => {
    if (holder.exitCode === null && holder.signalCode === null) holder.kill("SIGKILL");
  });
  let out = "";
  holder.stdout.on("data", (d: Buffer) => (out += d.toString()));
  holder.stdin.write("MATCH (c:City) RETURN c.name AS name ORDER BY name;\n");
  await until(
    () => out.includes("2 rows"),
    () => out,
  );
  assert.match(out, /^name\n-----\nParis\nRome\n2 rows/);

  const locked = shell([dir], "RETURN 1;");
  assert.equal(locked.code, 1);
  assert.match(locked.stderr, /^error WAL_ALREADY_OPEN: /);

  holder.stdin.end("CREATE (:City {name: 'Oslo'});\n");
  assert.equal(await exitOf(holder), 0);
  const again = ok(shell([dir, "--json"], "MATCH (c:City) RETURN count(c) AS n;"));
  assert.equal(again.stdout, '{"n":3}\n');
});

test("--file runs a file; errors name its line; :quit ends it early", (t) => {
  const dir = tempDir(t);
  const file = join(dir, "seed.cypher");
  writeFileSync(
    file,
    "// seed\nCREATE (:A);\nCREATE (:A);\n\nMATCH (a:A)\nRETURN count(a) AS n;\n",
  );
  const run = ok(shell(["--file", file, "--no-timing"], ""));
  assert.equal(run.stdout, "+1 node\n+1 node\nn\n-\n2\n1 row\n");

  writeFileSync(file, "RETURN 1 AS x;\n\nMATCH (n)\nRETURN m;\n");
  const failed = shell(["--file", file], "");
  assert.equal(failed.code, 1);
  assert.match(failed.stderr, /^error SEMANTIC: /);
  assert.ok(failed.stderr.endsWith(`  in the statement at line 3 of ${file}\n`), failed.stderr);

  writeFileSync(file, "RETURN 1 AS x;\n:quit\nRETURN 1 +;\n");
  assert.equal(ok(shell(["--file", file, "--no-timing"], "")).stdout, "x\n-\n1\n1 row\n");

  const missing = shell(["--file", join(dir, "none.cypher")], "");
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /^skein shell: cannot read .*none\.cypher: ENOENT/);
});

test("usage errors exit 2; --help shows examples; the command is listed", () => {
  for (const args of [["--format", "xml"], ["--sync-mode", "none"], ["a", "b"], ["--bogus"]]) {
    const run = shell(args, "");
    assert.equal(run.code, 2, `${args.join(" ")}: ${run.stderr}`);
    assert.match(run.stderr, /^skein shell: .*\nRun `skein shell --help` for usage\.\n$/);
  }
  const help = ok(shell(["--help"], ""));
  assert.match(help.stdout, /^usage: skein shell \[dir\]/);
  assert.match(help.stdout, /Examples:\n {2}skein shell\n/);
  const overview = spawnSync(process.execPath, [MAIN, "--help"], { encoding: "utf8" });
  assert.match(overview.stdout, /\n {2}shell +an interactive Cypher shell/);
});

// ---- through a pseudo-terminal ------------------------------------------------------------

// `script` comes with bsdutils, an essential package on Debian: its absence is a failure
// to report, not a reason to pass over the interactive tests.
const HAS_SCRIPT = spawnSync("sh", ["-c", "command -v script"]).status === 0;

function needPty(): void {
  assert.ok(HAS_SCRIPT, "the interactive tests need `script` (util-linux) for a pseudo-terminal");
}

async function until(done: () => boolean, what: () => string, timeoutMs = 15_000): Promise<void> {
  const started = Date.now();
  while (!done()) {
    if (Date.now() - started > timeoutMs) assert.fail(`timed out; output so far:\n${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function exitOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}

/** Terminal control sequences (cursor moves, clearing) that readline writes around prompts. */
// eslint-disable-next-line no-control-regex
const ANSI_ESCAPE_RE = /\x1b\[[0-9;?]*[A-Za-z]/g;

/** A shell on a pseudo-terminal: keys go in, the screen's text (escapes removed) comes out. */
class Terminal {
  readonly child: ChildProcess;
  #screen = "";
  #seen = 0;

  constructor(args: string[], env: Record<string, string>) {
    const quote = (s: string): string => `'${s.replaceAll("'", `'\\''`)}'`;
    const command = [process.execPath, MAIN, "shell", ...args].map(quote).join(" ");
    this.child = spawn("script", ["-qfec", command, "/dev/null"], {
      stdio: ["pipe", "pipe", "inherit"],
      env: { ...process.env, TERM: "xterm", ...env },
    });
    this.child.stdout!.on("data", (d: Buffer) => {
      this.#screen += d.toString().replace(ANSI_ESCAPE_RE, "").replaceAll("\r", "");
    });
  }

  type(keys: string): void {
    this.child.stdin!.write(keys);
  }

  /** Waits until the output after what was already matched matches `re`; returns it. */
  async expect(re: RegExp): Promise<string> {
    let match: RegExpExecArray | null = null;
    await until(
      () => (match = re.exec(this.#screen.slice(this.#seen))) !== null,
      () => this.#screen,
    );
    const m = match as unknown as RegExpExecArray;
    const text = this.#screen.slice(this.#seen, this.#seen + m.index + m[0].length);
    this.#seen += m.index + m[0].length;
    return text;
  }

  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill("SIGKILL");
  }
}

test("interactive: prompts, multi-line input, errors go on, Ctrl-C, :quit", async (t) => {
  needPty();
  const dir = tempDir(t);
  const history = join(dir, "history");
  const term = new Terminal([join(dir, "db")], { SKEIN_HISTORY: history });
  t.after(() => term.kill());
  await term.expect(/^skein shell: database .*db; :help for help, :quit to leave\nskein> $/);
  term.type("CREATE (:P {name: 'Ada',\r");
  await term.expect(/\n {2}\.\.\.> $/);
  term.type("  note: 'a;b'});\r");
  await term.expect(/\n\+1 node \(\d+\.\d ms\)\nskein> $/);
  term.type("RETURN 1 +;\r");
  await term.expect(/error SYNTAX: .*\n {2}RETURN 1 \+\n {12}\^\nskein> $/);
  term.type("MATCH (n)\r");
  await term.expect(/ {2}\.\.\.> $/);
  term.type("RETURN n.nope\x03");
  await term.expect(/RETURN n\.nope\^C\nskein> $/);
  term.type("MATCH (n:P) RETURN n.name AS name, n.note AS note;\r");
  await term.expect(/name \| note\n-----\+-----\nAda {2}\| a;b\n1 row \(\d+\.\d ms\)\nskein> $/);
  term.type(":quit\r");
  assert.equal(await exitOf(term.child), 0);
  assert.equal(
    readFileSync(history, "utf8"),
    "CREATE (:P {name: 'Ada',\n  note: 'a;b'});\nRETURN 1 +;\nMATCH (n)\n" +
      "MATCH (n:P) RETURN n.name AS name, n.note AS note;\n:quit\n",
  );
  const after = ok(shell([join(dir, "db"), "--json"], "MATCH (n:P) RETURN n.name AS name"));
  assert.equal(after.stdout, '{"name":"Ada"}\n');
});

test("interactive: the history file is read back (up arrow), Ctrl-D leaves", async (t) => {
  needPty();
  const dir = tempDir(t);
  const history = join(dir, "history");
  writeFileSync(history, "RETURN 41 AS older;\nRETURN 42 AS answer;\n");
  const term = new Terminal([], { SKEIN_HISTORY: history });
  t.after(() => term.kill());
  await term.expect(/database in memory.*\nskein> $/);
  term.type("\x1b[A");
  await term.expect(/RETURN 42 AS answer;$/);
  term.type("\r");
  await term.expect(/answer\n------\n {4}42\n1 row \(\d+\.\d ms\)\nskein> $/);
  term.type("\x03");
  await term.expect(/\^C\n\(to leave, press Ctrl-D or type :quit\)\nskein> $/);
  term.type("\x04");
  assert.equal(await exitOf(term.child), 0);
  assert.equal(
    readFileSync(history, "utf8"),
    "RETURN 41 AS older;\nRETURN 42 AS answer;\n",
    "a repeated line is kept once",
  );
});
