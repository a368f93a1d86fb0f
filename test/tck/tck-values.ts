// The TCK's notation for values in result and parameter tables, parsed into TckValue:
// null, booleans, integers (`-12`; beyond the safe range as bigint), floats (`1.0`, `-0.0`,
// `1e10`, `.5`, `NaN`, `Inf`, `-Inf`), strings in single quotes with backslash escapes,
// lists `[…]`, maps `{k: v}` (keys may be backticked), nodes `(:A:B {k: v})`,
// relationships `[:T {k: v}]` and paths `<(:A)-[:T]->(:B)<-[:U]-(:C)>`.
//
// It does not compare (compare.ts does) and does not know Gherkin's own cell escapes
// (`\|`, `\\`: gherkin.ts removes them first). Expected values get their own union rather
// than the store's PropertyValue because nodes and relationships in a table have no id,
// and a path in a table says the direction of every relationship, which a Path's
// relationships say only through their ids.

export type TckValue =
  | { readonly kind: "null" }
  | { readonly kind: "boolean"; readonly value: boolean }
  /** Any integer the text writes, even outside int64: compare.ts then finds no match. */
  | { readonly kind: "int"; readonly value: bigint }
  | { readonly kind: "float"; readonly value: number }
  | { readonly kind: "string"; readonly value: string }
  | { readonly kind: "list"; readonly items: readonly TckValue[] }
  | { readonly kind: "map"; readonly entries: ReadonlyMap<string, TckValue> }
  | TckNode
  | TckRelationship
  | TckPath;

export interface TckNode {
  readonly kind: "node";
  readonly labels: readonly string[];
  readonly properties: ReadonlyMap<string, TckValue>;
}

export interface TckRelationship {
  readonly kind: "relationship";
  readonly type: string;
  readonly properties: ReadonlyMap<string, TckValue>;
}

/** `out`: `-[r]->`, the relationship leaves the node before it; `in`: `<-[r]-`. */
export interface TckPathStep {
  readonly relationship: TckRelationship;
  readonly direction: "out" | "in";
  readonly node: TckNode;
}

export interface TckPath {
  readonly kind: "path";
  readonly start: TckNode;
  readonly steps: readonly TckPathStep[];
}

const NUMBER_RE = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/;
const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*/;

/** Parses one cell's text; throws an Error naming the text and the position on failure. */
export function parseTckValue(text: string): TckValue {
  const parser = new ValueParser(text);
  const value = parser.value();
  parser.end();
  return value;
}

class ValueParser {
  readonly #text: string;
  #pos = 0;

  constructor(text: string) {
    this.#text = text;
  }

  end(): void {
    this.#skipSpace();
    if (this.#pos !== this.#text.length) this.#fail("unexpected text");
  }

  value(): TckValue {
    this.#skipSpace();
    const ch = this.#peek();
    switch (ch) {
      case "'":
        return { kind: "string", value: this.#string() };
      case "[":
        return this.#lookingAtRelationship() ? this.#relationship() : this.#list();
      case "{":
        return { kind: "map", entries: this.#map() };
      case "(":
        return this.#node();
      case "<":
        return this.#path();
    }
    return this.#word();
  }

  #word(): TckValue {
    const rest = this.#text.slice(this.#pos);
    for (const [word, value] of WORDS) {
      if (rest.startsWith(word) && !/^[A-Za-z0-9_]/.test(rest.slice(word.length))) {
        this.#pos += word.length;
        return value;
      }
    }
    const m = NUMBER_RE.exec(rest) ?? this.#fail("expected a value");
    this.#pos += m[0].length;
    const literal = m[0];
    if (/^-?\d+$/.test(literal)) return { kind: "int", value: BigInt(literal) };
    return { kind: "float", value: Number(literal) };
  }

  #string(): string {
    this.#expect("'");
    let out = "";
    for (;;) {
      const ch = this.#text[this.#pos++];
      if (ch === undefined) this.#fail("string is not closed");
      if (ch === "'") return out;
      if (ch !== "\\") {
        out += ch;
        continue;
      }
      out += this.#escape();
    }
  }

  #escape(): string {
    const ch = this.#text[this.#pos++];
    switch (ch) {
      case "n":
        return "\n";
      case "t":
        return "\t";
      case "r":
        return "\r";
      case "b":
        return "\b";
      case "f":
        return "\f";
      case "u": {
        const hex = this.#text.slice(this.#pos, this.#pos + 4);
        if (!/^[0-9A-Fa-f]{4}$/.test(hex)) this.#fail("bad \\u escape");
        this.#pos += 4;
        return String.fromCharCode(parseInt(hex, 16));
      }
      case "\\":
      case "'":
      case '"':
        return ch;
      default:
        return this.#fail(`unknown escape \\${ch ?? ""}`);
    }
  }

  #list(): TckValue {
    this.#expect("[");
    const items: TckValue[] = [];
    this.#skipSpace();
    if (this.#take("]")) return { kind: "list", items };
    do items.push(this.value());
    while (this.#takeAfterSpace(","));
    this.#skipSpace();
    this.#expect("]");
    return { kind: "list", items };
  }

  #map(): Map<string, TckValue> {
    this.#expect("{");
    const entries = new Map<string, TckValue>();
    this.#skipSpace();
    if (this.#take("}")) return entries;
    do {
      this.#skipSpace();
      const key = this.#name();
      if (entries.has(key)) this.#fail(`duplicate key ${key}`);
      this.#skipSpace();
      this.#expect(":");
      entries.set(key, this.value());
    } while (this.#takeAfterSpace(","));
    this.#skipSpace();
    this.#expect("}");
    return entries;
  }

  #node(): TckNode {
    this.#expect("(");
    const labels: string[] = [];
    this.#skipSpace();
    while (this.#take(":")) {
      labels.push(this.#name());
      this.#skipSpace();
    }
    const properties = this.#peek() === "{" ? this.#map() : new Map<string, TckValue>();
    this.#skipSpace();
    this.#expect(")");
    return { kind: "node", labels, properties };
  }

  #relationship(): TckRelationship {
    this.#expect("[");
    this.#skipSpace();
    this.#expect(":");
    const type = this.#name();
    this.#skipSpace();
    const properties = this.#peek() === "{" ? this.#map() : new Map<string, TckValue>();
    this.#skipSpace();
    this.#expect("]");
    return { kind: "relationship", type, properties };
  }

  #path(): TckPath {
    this.#expect("<");
    this.#skipSpace();
    const start = this.#node();
    const steps: TckPathStep[] = [];
    for (;;) {
      this.#skipSpace();
      if (this.#take(">")) return { kind: "path", start, steps };
      const incoming = this.#take("<-");
      if (!incoming) this.#expect("-");
      const relationship = this.#relationship();
      if (incoming) this.#expect("-");
      else this.#expect("->");
      this.#skipSpace();
      steps.push({ relationship, direction: incoming ? "in" : "out", node: this.#node() });
    }
  }

  /** A label, type or map key: an identifier or a backticked name (`` ` `` doubled inside). */
  #name(): string {
    if (this.#take("`")) {
      let out = "";
      for (;;) {
        const ch = this.#text[this.#pos++];
        if (ch === undefined) this.#fail("backticked name is not closed");
        if (ch !== "`") out += ch;
        else if (this.#take("`")) out += "`";
        else return out;
      }
    }
    const m = NAME_RE.exec(this.#text.slice(this.#pos)) ?? this.#fail("expected a name");
    this.#pos += m[0].length;
    return m[0];
  }

  /** `[` opens a relationship when a `:` type follows; a list never starts so. */
  #lookingAtRelationship(): boolean {
    return /^\[\s*:/.test(this.#text.slice(this.#pos, this.#pos + 64));
  }

  #peek(): string | undefined {
    return this.#text[this.#pos];
  }

  #take(s: string): boolean {
    if (!this.#text.startsWith(s, this.#pos)) return false;
    this.#pos += s.length;
    return true;
  }

  #takeAfterSpace(s: string): boolean {
    this.#skipSpace();
    return this.#take(s);
  }

  #expect(s: string): void {
    if (!this.#take(s)) this.#fail(`expected ${s}`);
  }

  #skipSpace(): void {
    while (this.#pos < this.#text.length && /\s/.test(this.#text[this.#pos] ?? "")) this.#pos++;
  }

  #fail(why: string): never {
    throw new Error(`tck value ${JSON.stringify(this.#text)}: ${why} at offset ${this.#pos}`);
  }
}

/** Words come before numbers so `-Inf` is not read as a broken `-` number. */
const WORDS: readonly (readonly [string, TckValue])[] = [
  ["null", { kind: "null" }],
  ["true", { kind: "boolean", value: true }],
  ["false", { kind: "boolean", value: false }],
  ["NaN", { kind: "float", value: NaN }],
  ["-Inf", { kind: "float", value: -Infinity }],
  ["+Inf", { kind: "float", value: Infinity }],
  ["Inf", { kind: "float", value: Infinity }],
  ["-Infinity", { kind: "float", value: -Infinity }],
  ["Infinity", { kind: "float", value: Infinity }],
];
