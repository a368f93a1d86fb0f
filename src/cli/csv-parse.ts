// An incremental RFC 4180 CSV tokenizer: text goes in chunk by chunk (a record, even a
// quoted field with newlines in it, may span chunks) and whole records come out, each with
// the line it starts on. Fields are separated by the delimiter, records by "\n" or "\r\n";
// a field that holds the delimiter, a quote or a line break is quoted, quotes inside doubled.
//
// It keeps one distinction RFC 4180 leaves to the application: an empty unquoted field is
// `null` (no value) and a quoted empty field `""` is the empty string. Empty lines are
// skipped. A quote inside an unquoted field, or text after a closing quote, makes the
// record bad: it is reported with its line and parsing resumes at the next line. It knows
// nothing of headers or types (csv-format.ts does).
import { detach } from "./json-parse.js";

export type CsvRow =
  | { readonly line: number; readonly fields: (string | null)[]; readonly error?: undefined }
  | { readonly line: number; readonly error: string };

const enum State {
  Start,
  Unquoted,
  Quoted,
  Quote,
  QuoteCr,
  Skip,
}

export class CsvParser {
  readonly #delim: number;
  #state = State.Start;
  #fields: (string | null)[] = [];
  #piece = "";
  #quoted = false;
  #line = 1;
  #recordLine = 1;
  #error = "";
  #out: CsvRow[] = [];

  constructor(delimiter = ",") {
    if (delimiter.length !== 1 || delimiter === '"' || delimiter === "\n" || delimiter === "\r") {
      throw new RangeError(`delimiter must be one character other than a quote or line break`);
    }
    this.#delim = delimiter.charCodeAt(0);
  }

  /** Feed the next chunk of text; returns the records completed by it. */
  feed(chunk: string): CsvRow[] {
    let i = 0;
    while (i < chunk.length) i = this.#step(chunk, i);
    const out = this.#out;
    this.#out = [];
    return out;
  }

  /** The end of the text: the last record, if it had no line break after it. */
  end(): CsvRow[] {
    if (this.#state === State.Quoted) {
      this.#out.push({ line: this.#recordLine, error: "unterminated quoted field" });
    } else if (this.#state === State.Skip) {
      this.#out.push({ line: this.#recordLine, error: this.#error });
    } else if (this.#fields.length > 0 || this.#piece !== "" || this.#quoted) {
      this.#endField();
      this.#endRecord(false);
    }
    this.#state = State.Start;
    const out = this.#out;
    this.#out = [];
    return out;
  }

  #step(s: string, i: number): number {
    switch (this.#state) {
      case State.Start:
        if (s.charCodeAt(i) === 0x22) {
          this.#state = State.Quoted;
          this.#quoted = true;
          return i + 1;
        }
        this.#state = State.Unquoted;
        return i;
      case State.Unquoted:
        return this.#unquoted(s, i);
      case State.Quoted: {
        const q = s.indexOf('"', i);
        const end = q < 0 ? s.length : q;
        this.#piece += s.slice(i, end);
        for (let nl = s.indexOf("\n", i); nl !== -1 && nl < end; nl = s.indexOf("\n", nl + 1)) {
          this.#line++;
        }
        if (q < 0) return s.length;
        this.#state = State.Quote;
        return q + 1;
      }
      case State.Quote:
        return this.#afterQuote(s, i);
      case State.QuoteCr:
        if (s.charCodeAt(i) !== 0x0a) return this.#fail("text after a closing quote", i);
        this.#endField();
        this.#endRecord(true);
        return i + 1;
      case State.Skip: {
        const nl = s.indexOf("\n", i);
        if (nl < 0) return s.length;
        this.#out.push({ line: this.#recordLine, error: this.#error });
        this.#reset();
        this.#line++;
        this.#recordLine = this.#line;
        return nl + 1;
      }
    }
  }

  #unquoted(s: string, i: number): number {
    let j = i;
    for (; j < s.length; j++) {
      const c = s.charCodeAt(j);
      if (c === this.#delim || c === 0x0a || c === 0x22) break;
    }
    this.#piece += s.slice(i, j);
    if (j === s.length) return j;
    const c = s.charCodeAt(j);
    if (c === 0x22) return this.#fail("quote in an unquoted field (quote the whole field)", j);
    if (c === 0x0a && this.#piece.endsWith("\r")) this.#piece = this.#piece.slice(0, -1);
    this.#endField();
    if (c === 0x0a) this.#endRecord(true);
    else this.#state = State.Start;
    return j + 1;
  }

  #afterQuote(s: string, i: number): number {
    const c = s.charCodeAt(i);
    if (c === 0x22) {
      this.#piece += '"';
      this.#state = State.Quoted;
    } else if (c === this.#delim) {
      this.#endField();
      this.#state = State.Start;
    } else if (c === 0x0a) {
      this.#endField();
      this.#endRecord(true);
    } else if (c === 0x0d) {
      this.#state = State.QuoteCr;
    } else {
      return this.#fail("text after a closing quote", i);
    }
    return i + 1;
  }

  #fail(message: string, i: number): number {
    this.#error = message;
    this.#state = State.Skip;
    return i + 1;
  }

  #endField(): void {
    const piece = this.#piece;
    this.#fields.push(this.#quoted ? detach(piece) : piece === "" ? null : detach(piece));
    this.#piece = "";
    this.#quoted = false;
  }

  /** Emits the record (skipping an empty line) and starts the next. */
  #endRecord(lineBreak: boolean): void {
    const fields = this.#fields;
    if (!(fields.length === 1 && fields[0] === null)) {
      this.#out.push({ line: this.#recordLine, fields });
    }
    this.#reset();
    if (lineBreak) this.#line++;
    this.#recordLine = this.#line;
  }

  #reset(): void {
    this.#fields = [];
    this.#piece = "";
    this.#quoted = false;
    this.#state = State.Start;
  }
}
