// Splitting the shell's input into statements. Input arrives a line at a time (typed or
// read from a file); a statement ends at a `;` that is Cypher code, not one inside a string
// literal ('…' or "…", with backslash escapes), a backtick name (`…`, where a doubled
// backtick is part of the name) or a comment (// to the end of the line, /* … */). The
// lexical state carries over from one line to the next, so a string or a comment may span
// lines, and one line may hold several statements.
//
// It knows nothing of meta-commands (shell-meta.ts recognises them before a line gets
// here) and does not check the statements: the engine reports their errors.

/** A complete statement: its text without the `;`, trimmed, and where it started. */
export interface Statement {
  readonly text: string;
  /** 1-based number of the input line holding the statement's first character. */
  readonly line: number;
}

type Lexical = "code" | "single" | "double" | "backtick" | "lineComment" | "blockComment";

export class StatementSplitter {
  #state: Lexical = "code";
  /** The previous character was a backslash inside a string. */
  #escaped = false;
  #text = "";
  /** Whether the current statement holds anything besides blanks and comments. */
  #hasCode = false;
  /** Whether the current statement has a character other than blanks. */
  #started = false;
  #startLine = 0;

  /** Whether a statement has begun (anything but blanks) and awaits its `;`. */
  get pending(): boolean {
    return this.#started;
  }

  /** Forget the unfinished statement (Ctrl-C); a string or comment it opened is closed. */
  clear(): void {
    this.#state = "code";
    this.#escaped = false;
    this.#text = "";
    this.#hasCode = false;
    this.#started = false;
  }

  /** Add line number `lineNumber` of the input; returns the statements it completes. */
  push(line: string, lineNumber: number): Statement[] {
    const done: Statement[] = [];
    for (let i = 0; i < line.length; i++) {
      const c = line[i]!;
      if (this.#state === "code" && c === ";") {
        this.#finishInto(done);
        continue;
      }
      const next = line[i + 1];
      const before = this.#state;
      this.#note(c, lineNumber);
      this.#step(c, next);
      this.#text += c;
      // The second character of `/*` and `*/` is consumed here, so `/*/` stays a comment.
      if (before === "code" && this.#state === "blockComment") {
        this.#text += "*";
        i++;
      } else if (before === "blockComment" && c === "*" && next === "/") {
        this.#text += "/";
        i++;
        this.#state = "code";
      }
    }
    if (this.#state === "lineComment") this.#state = "code";
    this.#escaped = false;
    if (this.#text.length > 0) this.#text += "\n";
    return done;
  }

  /** At the end of input: the last statement when it has no `;`, else null. */
  finish(): Statement | null {
    const done: Statement[] = [];
    this.#finishInto(done);
    this.clear();
    return done[0] ?? null;
  }

  /** Records where a statement starts and whether it holds code. */
  #note(c: string, lineNumber: number): void {
    if (!this.#started && c.trim().length > 0) {
      this.#started = true;
      this.#startLine = lineNumber;
    }
    if (this.#state !== "code" || c.trim().length === 0) return;
    if (c !== "/") this.#hasCode = true;
  }

  /** Moves the lexical state past character `c` (`next` is the one after it). */
  #step(c: string, next: string | undefined): void {
    switch (this.#state) {
      case "code":
        if (c === "'") this.#state = "single";
        else if (c === '"') this.#state = "double";
        else if (c === "`") this.#state = "backtick";
        else if (c === "/" && next === "/") this.#state = "lineComment";
        else if (c === "/" && next === "*") this.#state = "blockComment";
        else if (c === "/") this.#hasCode = true;
        return;
      case "single":
      case "double":
        if (this.#escaped) this.#escaped = false;
        else if (c === "\\") this.#escaped = true;
        else if (c === (this.#state === "single" ? "'" : '"')) this.#state = "code";
        return;
      case "backtick":
        // A doubled backtick closes the name and opens it again: the same for splitting.
        if (c === "`") this.#state = "code";
        return;
      case "lineComment":
      case "blockComment":
        return;
    }
  }

  #finishInto(done: Statement[]): void {
    const text = this.#text.trim();
    if (this.#hasCode && text.length > 0) done.push({ text, line: this.#startLine });
    this.#text = "";
    this.#hasCode = false;
    this.#started = false;
  }
}
