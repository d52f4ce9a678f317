/**
 * Reads pasted or dropped text as one or more JSON documents. Several documents one after the
 * other are accepted because `get-execution-history` pages are often saved by appending each
 * page's output to the same file. When the text is not JSON, the message says where (line and
 * column): browsers and Node word JSON.parse errors differently and some omit the position, so
 * a small scanner finds the first offending character itself.
 */
export type JsonDocuments = { ok: true; documents: unknown[] } | { ok: false; message: string };

export function parseJsonDocuments(text: string): JsonDocuments {
  const body = text.replace(/^\uFEFF/, "");
  if (body.trim() === "") return { ok: false, message: "The file is empty." };
  try {
    return { ok: true, documents: [JSON.parse(body)] };
  } catch {
    // Fall through: either several documents or a real syntax error.
  }
  const documents: unknown[] = [];
  const scanner = new Scanner(body);
  scanner.skipSpace();
  while (scanner.pos < body.length) {
    const start = scanner.pos;
    const problem = scanner.value();
    if (problem) return { ok: false, message: notJson(body, problem) };
    documents.push(JSON.parse(body.slice(start, scanner.pos)));
    scanner.skipSpace();
  }
  return { ok: true, documents };
}

interface Problem {
  at: number;
  what: string;
}

function notJson(text: string, problem: Problem): string {
  const { line, column } = lineAndColumn(text, problem.at);
  return `Not JSON: ${problem.what} at line ${line}, column ${column}.`;
}

export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

const NUMBER_RE = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERALS = ["true", "false", "null"];
/** Deep enough for any real payload, shallow enough never to overflow the stack. */
const MAX_DEPTH = 2000;

class Scanner {
  pos = 0;
  constructor(private readonly text: string) {}

  skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos])) this.pos++;
  }

  private unexpected(expected: string): Problem {
    if (this.pos >= this.text.length) return { at: this.pos, what: `the text ends where ${expected} was expected` };
    const ch = this.text[this.pos];
    const shown = ch === "\n" ? "a line break" : `\`${ch}\``;
    return { at: this.pos, what: `unexpected ${shown} where ${expected} was expected` };
  }

  value(depth = 0): Problem | undefined {
    if (depth > MAX_DEPTH) return { at: this.pos, what: "nesting too deep" };
    this.skipSpace();
    const ch = this.text[this.pos];
    if (ch === "{") return this.object(depth);
    if (ch === "[") return this.array(depth);
    if (ch === '"') return this.string();
    for (const word of LITERALS) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return undefined;
      }
    }
    NUMBER_RE.lastIndex = this.pos;
    const number = NUMBER_RE.exec(this.text);
    if (number && number[0] !== "" && number[0] !== "-") {
      this.pos += number[0].length;
      return undefined;
    }
    return this.unexpected("a value");
  }

  private object(depth: number): Problem | undefined {
    this.pos++;
    this.skipSpace();
    if (this.text[this.pos] === "}") {
      this.pos++;
      return undefined;
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] !== '"') return this.unexpected("a property name in double quotes");
      const key = this.string();
      if (key) return key;
      this.skipSpace();
      if (this.text[this.pos] !== ":") return this.unexpected("`:`");
      this.pos++;
      const inner = this.value(depth + 1);
      if (inner) return inner;
      this.skipSpace();
      if (this.text[this.pos] === ",") {
        this.pos++;
        continue;
      }
      if (this.text[this.pos] === "}") {
        this.pos++;
        return undefined;
      }
      return this.unexpected("`,` or `}`");
    }
  }

  private array(depth: number): Problem | undefined {
    this.pos++;
    this.skipSpace();
    if (this.text[this.pos] === "]") {
      this.pos++;
      return undefined;
    }
    for (;;) {
      const inner = this.value(depth + 1);
      if (inner) return inner;
      this.skipSpace();
      if (this.text[this.pos] === ",") {
        this.pos++;
        continue;
      }
      if (this.text[this.pos] === "]") {
        this.pos++;
        return undefined;
      }
      return this.unexpected("`,` or `]`");
    }
  }

  private string(): Problem | undefined {
    const start = this.pos;
    this.pos++;
    while (this.pos < this.text.length) {
      const code = this.text.charCodeAt(this.pos);
      if (code === 34) {
        this.pos++;
        return undefined;
      }
      if (code === 92) {
        const esc = this.text[this.pos + 1];
        if (esc === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.pos + 2, this.pos + 6))) return { at: this.pos, what: "a bad \\u escape in a string" };
          this.pos += 6;
        } else if (esc !== undefined && '"\\/bfnrt'.includes(esc)) {
          this.pos += 2;
        } else {
          return { at: this.pos, what: "a bad escape in a string" };
        }
        continue;
      }
      if (code < 32) return { at: this.pos, what: "a control character (e.g. a raw line break) inside a string" };
      this.pos++;
    }
    return { at: start, what: "a string that is never closed" };
  }
}
