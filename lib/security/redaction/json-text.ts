/**
 * An iterative walk over JSON *text*: no parse tree, no recursion on nesting, so a payload of
 * any depth (AWS allows 256 KB: 10,000+ levels) is handled in constant stack. JSON.parse copes
 * with such depth but JSON.stringify and structuredClone do not, which is why masking works on
 * the text and only re-encodes the strings it changes.
 *
 * The walk reports every value with its position and the path matcher's state there; callers
 * (mask, scrub) decide what to replace. Text that is not strict JSON is reported as invalid and
 * left to the caller (prose handling).
 */
import type { PathMatcher, MatchState } from "./path-matcher";

export interface Replacement {
  start: number;
  end: number;
  text: string;
}

export interface JsonWalkVisitor {
  /** A value matched a path: return true to replace it whole (the walk skips its inside). */
  onMatched?(start: number, end: number): string | undefined;
  /** A string token (value or key): return new decoded text to replace it. */
  onString?(decoded: string, isKey: boolean): string | undefined;
  /** A number token: return replacement JSON text. */
  onNumber?(raw: string): string | undefined;
}

const WS = /[ \t\n\r]*/y;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

function skipWs(s: string, i: number): number {
  WS.lastIndex = i;
  WS.exec(s);
  return WS.lastIndex;
}

/** Index just past the closing quote of the string starting at `i` (a `"`), or -1. */
export function stringEnd(s: string, i: number): number {
  let j = i + 1;
  for (;;) {
    const quote = s.indexOf('"', j);
    if (quote < 0) return -1;
    // Count the backslashes right before the quote: an odd number escapes it.
    let k = quote - 1;
    while (k > i && s.charCodeAt(k) === 92) k--;
    if ((quote - 1 - k) % 2 === 0) return quote + 1;
    j = quote + 1;
  }
}

function decodeString(s: string, start: number, end: number): string | undefined {
  const raw = s.slice(start, end);
  // Fast path: no escapes and no control characters.
  if (raw.indexOf("\\") < 0 && !/[\u0000-\u001f]/.test(raw)) return raw.slice(1, -1);
  try {
    return JSON.parse(raw) as string;
  } catch {
    return undefined;
  }
}

/** End of the value starting at `i`, scanning without reporting anything (a masked value). */
export function skipValue(s: string, i: number): number {
  const c = s[i];
  if (c === '"') return stringEnd(s, i);
  if (c !== "{" && c !== "[") return scalarEnd(s, i);
  let depth = 0;
  let j = i;
  while (j < s.length) {
    const ch = s.charCodeAt(j);
    if (ch === 34) {
      j = stringEnd(s, j);
      if (j < 0) return -1;
      continue;
    }
    if (ch === 123 || ch === 91) depth++;
    else if (ch === 125 || ch === 93) {
      depth--;
      if (depth === 0) return j + 1;
    }
    j++;
  }
  return -1;
}

function scalarEnd(s: string, i: number): number {
  for (const word of ["true", "false", "null"]) if (s.startsWith(word, i)) return i + word.length;
  NUMBER.lastIndex = i;
  const m = NUMBER.exec(s);
  return m && m[0].length > 0 ? i + m[0].length : -1;
}

interface Frame {
  kind: "object" | "array";
  states: MatchState;
  index: number;
}

/**
 * Walks `text` as one JSON document. Returns the replacements the visitor asked for, in text
 * order, or undefined when the text is not valid JSON.
 */
export function walkJsonText(text: string, matcher: PathMatcher | undefined, visitor: JsonWalkVisitor): Replacement[] | undefined {
  const out: Replacement[] = [];
  const stack: Frame[] = [];
  let i = skipWs(text, 0);
  // The states that apply to the next value: set by the container (or the root).
  let pending: MatchState = matcher ? matcher.root() : EMPTY;

  const value = (): boolean => {
    const start = i;
    const c = text[i];
    if (matcher && matcher.isMatch(pending) && visitor.onMatched) {
      const end = skipValue(text, i);
      if (end < 0) return false;
      const replacement = visitor.onMatched(start, end);
      if (replacement !== undefined) out.push({ start, end, text: replacement });
      i = end;
      return true;
    }
    if (c === "{" || c === "[") {
      stack.push({ kind: c === "{" ? "object" : "array", states: pending, index: 0 });
      i++;
      return true;
    }
    if (c === '"') {
      const end = stringEnd(text, i);
      if (end < 0) return false;
      if (visitor.onString) {
        const decoded = decodeString(text, start, end);
        if (decoded === undefined) return false;
        const next = visitor.onString(decoded, false);
        if (next !== undefined && next !== decoded) out.push({ start, end, text: JSON.stringify(next) });
      }
      i = end;
      return true;
    }
    const end = scalarEnd(text, i);
    if (end < 0) return false;
    if (visitor.onNumber && c !== "t" && c !== "f" && c !== "n") {
      const replacement = visitor.onNumber(text.slice(start, end));
      if (replacement !== undefined) out.push({ start, end, text: replacement });
    }
    i = end;
    return true;
  };

  if (i >= text.length || !value()) return undefined;
  for (;;) {
    i = skipWs(text, i);
    const top = stack[stack.length - 1];
    if (!top) break;
    const c = text[i];
    if (top.kind === "array") {
      if (c === "]") {
        stack.pop();
        i++;
        continue;
      }
      if (top.index > 0) {
        if (c !== ",") return undefined;
        i = skipWs(text, i + 1);
      }
      pending = matcher ? matcher.step(top.states, top.index) : EMPTY;
      top.index++;
      if (i >= text.length || !value()) return undefined;
      continue;
    }
    if (c === "}") {
      stack.pop();
      i++;
      continue;
    }
    if (top.index > 0) {
      if (c !== ",") return undefined;
      i = skipWs(text, i + 1);
    }
    if (text[i] !== '"') return undefined;
    const keyEnd = stringEnd(text, i);
    if (keyEnd < 0) return undefined;
    const key = decodeString(text, i, keyEnd);
    if (key === undefined) return undefined;
    if (visitor.onString) {
      const next = visitor.onString(key, true);
      if (next !== undefined && next !== key) out.push({ start: i, end: keyEnd, text: JSON.stringify(next) });
    }
    i = skipWs(text, keyEnd);
    if (text[i] !== ":") return undefined;
    i = skipWs(text, i + 1);
    pending = matcher ? matcher.step(top.states, key) : EMPTY;
    top.index++;
    if (i >= text.length || !value()) return undefined;
  }
  if (skipWs(text, i) !== text.length) return undefined;
  return out;
}

const EMPTY: MatchState = [];

export function applyReplacements(text: string, replacements: Replacement[]): string {
  if (replacements.length === 0) return text;
  const parts: string[] = [];
  let at = 0;
  for (const r of replacements) {
    parts.push(text.slice(at, r.start), r.text);
    at = r.end;
  }
  parts.push(text.slice(at));
  return parts.join("");
}

/** The leaf strings and numbers inside a JSON value's text (a masked value's secrets). */
export function leafValues(text: string): string[] {
  const leaves: string[] = [];
  walkJsonText(text, undefined, {
    onString: (decoded, isKey) => {
      if (!isKey) leaves.push(decoded);
      return undefined;
    },
    onNumber: (raw) => {
      leaves.push(raw);
      return undefined;
    },
  });
  return leaves;
}
