// A JSON parser that keeps what JSON.parse throws away: whether a number was written as an
// integer or a float, and the exact value of integers beyond 2^53. The data formats need
// both: `3` is an Int and `3.0` a Float, and `9223372036854775807` must not round.
//
//   integer literal (no fraction, no exponent)  → number when a safe integer, else bigint
//   float literal, integral value (3.0, -0.0, 1e3) → Float
//   float literal, other value (0.5, 1e-7)         → number
//
// Objects come back with a null prototype, so a key such as "__proto__" is an ordinary
// entry; a key twice in one object is an error (JSON.parse would keep the last silently).
// It is strict JSON otherwise (RFC 8259): no comments, no trailing commas, no NaN. It does
// not interpret `$` tags; value-json.ts does that on the tree this returns.
import { Float } from "../index.js";

export type JsonValue =
  null | boolean | number | bigint | string | Float | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/** Nesting deeper than this is refused: the value model stops at 512 anyway. */
const MAX_DEPTH = 600;
const NUMBER_RE = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
// The characters that end a run of plain string text: a quote, a backslash, a control character.
// eslint-disable-next-line no-control-regex
const STRING_TAIL_RE = /["\\\u0000-\u001f]/g;
const ESCAPES: Record<string, string> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};

/** A syntax error; `offset` is the 0-based index of the offending character. */
export class JsonSyntaxError extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(`${message} at column ${offset + 1}`);
    this.name = "JsonSyntaxError";
    this.offset = offset;
  }
}

/**
 * A copy of `s` that does not keep the text it was cut from alive. V8 makes a slice of 13
 * or more characters a view into its parent, so a property value sliced from a line would
 * pin the whole read chunk for as long as the graph holds the value; prepending a character
 * and slicing it off flattens into a fresh string first.
 */
export function detach(s: string): string {
  return s.length < 13 ? s : (" " + s).slice(1);
}

export function parseJson(text: string): JsonValue {
  const p = new Parser(text);
  const value = p.value(0);
  p.skipSpace();
  if (p.at < text.length) throw new JsonSyntaxError("unexpected text after the value", p.at);
  return value;
}

class Parser {
  at = 0;
  readonly #s: string;

  constructor(text: string) {
    this.#s = text;
  }

  skipSpace(): void {
    const s = this.#s;
    let c = s.charCodeAt(this.at);
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = s.charCodeAt(++this.at);
  }

  #expected(what: string): never {
    const found = this.at < this.#s.length ? JSON.stringify(this.#s[this.at]) : "end of line";
    throw new JsonSyntaxError(`expected ${what}, found ${found}`, this.at);
  }

  value(depth: number): JsonValue {
    if (depth > MAX_DEPTH) throw new JsonSyntaxError(`nesting deeper than ${MAX_DEPTH}`, this.at);
    this.skipSpace();
    const c = this.#s[this.at];
    switch (c) {
      case "{":
        return this.#object(depth);
      case "[":
        return this.#array(depth);
      case '"':
        return this.#string();
      case "t":
        return this.#word("true", true);
      case "f":
        return this.#word("false", false);
      case "n":
        return this.#word("null", null);
    }
    if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) return this.#number();
    return this.#expected("a value");
  }

  #word<T>(word: string, value: T): T {
    if (!this.#s.startsWith(word, this.at)) this.#expected("a value");
    this.at += word.length;
    return value;
  }

  #number(): number | bigint | Float {
    NUMBER_RE.lastIndex = this.at;
    const m = NUMBER_RE.exec(this.#s);
    if (m === null) return this.#expected("a number");
    const text = m[0];
    this.at += text.length;
    if (m[1] === undefined && m[2] === undefined) {
      if (text.length <= 15) return Number(text);
      const big = BigInt(text);
      return Number.isSafeInteger(Number(big)) ? Number(big) : big;
    }
    const x = Number(text);
    return Number.isInteger(x) ? new Float(x) : x;
  }

  #string(): string {
    const s = this.#s;
    let start = ++this.at;
    let out = "";
    for (;;) {
      STRING_TAIL_RE.lastIndex = this.at;
      const m = STRING_TAIL_RE.exec(s);
      if (m === null) throw new JsonSyntaxError("unterminated string", start - 1);
      const i = m.index;
      const c = s[i]!;
      if (c === '"') {
        this.at = i + 1;
        return detach(out + s.slice(start, i));
      }
      if (c !== "\\") throw new JsonSyntaxError("control character in string", i);
      out += s.slice(start, i);
      const e = s[i + 1];
      if (e === "u") {
        const hex = s.slice(i + 2, i + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new JsonSyntaxError("bad \\u escape", i);
        out += String.fromCharCode(parseInt(hex, 16));
        this.at = i + 6;
      } else {
        const r = e === undefined ? undefined : ESCAPES[e];
        if (r === undefined) throw new JsonSyntaxError("bad escape", i);
        out += r;
        this.at = i + 2;
      }
      start = this.at;
    }
  }

  #array(depth: number): JsonValue[] {
    this.at++;
    const out: JsonValue[] = [];
    this.skipSpace();
    if (this.#s[this.at] === "]") {
      this.at++;
      return out;
    }
    for (;;) {
      out.push(this.value(depth + 1));
      this.skipSpace();
      const c = this.#s[this.at++];
      if (c === "]") return out;
      if (c !== ",") {
        this.at--;
        this.#expected("',' or ']'");
      }
    }
  }

  #object(depth: number): JsonObject {
    this.at++;
    const out = Object.create(null) as JsonObject;
    this.skipSpace();
    if (this.#s[this.at] === "}") {
      this.at++;
      return out;
    }
    for (;;) {
      this.skipSpace();
      if (this.#s[this.at] !== '"') this.#expected("a key in double quotes");
      const keyAt = this.at;
      const key = this.#string();
      if (Object.hasOwn(out, key)) {
        throw new JsonSyntaxError(`duplicate key ${JSON.stringify(key)}`, keyAt);
      }
      this.skipSpace();
      if (this.#s[this.at] !== ":") this.#expected("':'");
      this.at++;
      out[key] = this.value(depth + 1);
      this.skipSpace();
      const c = this.#s[this.at++];
      if (c === "}") return out;
      if (c !== ",") {
        this.at--;
        this.#expected("',' or '}'");
      }
    }
  }
}
