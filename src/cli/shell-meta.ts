// The shell's meta-commands: a line that starts with `:` where a statement could begin.
//
//   :help                     what can be typed
//   :params                   list the parameters
//   :params {name: value, …}  set parameters (a Cypher map literal, evaluated by the
//                             engine so any Cypher value works, or JSON in the JSON Lines
//                             encoding); names already set keep their values unless given
//   :clear                    forget every parameter
//   :format table|json|csv    how results are printed
//   :timing on|off            whether summaries give the time a query took
//   :quit, :exit              leave
//
// A trailing `;` is allowed. What a command prints on request (:help, :params) goes to
// standard output; what confirms a change goes to standard error, like the summaries in
// json and csv modes, so a script's standard output holds only what it asked for. A misuse is a ShellUsageError; an engine error evaluating a
// map is the engine's error, with its caret excerpt.
import { Node, Path, Relationship, isTaggedValue, type PropertyValue } from "../index.js";
import { JsonSyntaxError, parseJson } from "./json-parse.js";
import { isShellFormat } from "./shell-format.js";
import { ShellUsageError, type ShellSession } from "./shell-session.js";
import { paramsText } from "./shell-values.js";
import { decodeValue } from "./value-json.js";

export const META_HELP = `Type Cypher statements, each ending with ";" (it may span lines; several may
share a line). Parameters are used as $name.

Commands (at the start of a line):
  :help                       this text
  :params                     list the parameters
  :params {name: value, ...}  set parameters: a Cypher map, e.g. {name: "Ada", born: 1815,
                              since: date("2024-01-31")}, or JSON
  :clear                      forget all parameters
  :format table|json|csv      how results are printed
  :timing on|off              show how long each query took
  :quit, :exit                leave (or Ctrl-D)

Ctrl-C clears the statement being typed. Up and down arrows walk the history.`;

/** Whether `line` is a meta-command (checked only where a statement could begin). */
export function isMetaCommand(line: string): boolean {
  return line.trimStart().startsWith(":");
}

/** Runs a meta-command; "quit" when it asks to leave. Throws on a misuse. */
export async function runMeta(line: string, session: ShellSession): Promise<"ok" | "quit"> {
  const m = /^:([A-Za-z]*)\s*(.*?)[\s;]*$/s.exec(line.trim());
  const name = m?.[1]?.toLowerCase() ?? "";
  const arg = m?.[2] ?? "";
  switch (name) {
    case "help":
      session.io.out(META_HELP);
      return "ok";
    case "params":
    case "param":
      if (arg === "") session.io.out(paramsLine(session));
      else await setParams(arg, session);
      return "ok";
    case "clear":
      session.params = {};
      session.note("parameters cleared");
      return "ok";
    case "format":
      return setFormat(arg, session);
    case "timing":
      return setTiming(arg, session);
    case "quit":
    case "exit":
      return "quit";
    default:
      throw new ShellUsageError(`unknown command ${JSON.stringify(line.trim())}; :help lists them`);
  }
}

function paramsLine(session: ShellSession): string {
  if (Object.keys(session.params).length === 0) return "no parameters";
  return `:params ${paramsText(session.params)}`;
}

function isPlainMap(v: unknown): v is Record<string, PropertyValue> {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  if (v instanceof Node || v instanceof Relationship || v instanceof Path) return false;
  return !isTaggedValue(v) && !(v instanceof Uint8Array);
}

/** The map `text` denotes: JSON when it is JSON, else a Cypher expression. */
async function evaluateMap(text: string, session: ShellSession): Promise<unknown> {
  try {
    return decodeValue(parseJson(text));
  } catch (err) {
    if (!(err instanceof JsonSyntaxError)) throw new ShellUsageError(errorText(err));
  }
  const result = await session.db.execute(`RETURN ${text} AS p`, session.params);
  return result.rows[0]?.["p"];
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

async function setParams(text: string, session: ShellSession): Promise<void> {
  const value = await evaluateMap(text, session);
  if (!isPlainMap(value)) {
    throw new ShellUsageError(`:params needs a map such as {name: "Ada"}, got ${text}`);
  }
  session.params = { ...session.params, ...value };
  session.note(paramsLine(session));
}

function setFormat(arg: string, session: ShellSession): "ok" {
  if (arg !== "") {
    const format = arg.toLowerCase();
    if (!isShellFormat(format)) {
      throw new ShellUsageError(`:format takes table, json or csv, got ${JSON.stringify(arg)}`);
    }
    session.format = format;
  }
  session.note(`format ${session.format}`);
  return "ok";
}

function setTiming(arg: string, session: ShellSession): "ok" {
  const word = arg.toLowerCase();
  if (word === "on" || word === "off") session.timing = word === "on";
  else if (word !== "") {
    throw new ShellUsageError(`:timing takes on or off, got ${JSON.stringify(arg)}`);
  }
  session.note(`timing ${session.timing ? "on" : "off"}`);
  return "ok";
}
