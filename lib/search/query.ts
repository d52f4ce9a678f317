/**
 * The search query language, parsed into a structured query the store runs. Pure.
 *
 * A query is a list of terms separated by spaces (quote a value that holds spaces):
 *
 *   order-12                      name prefix (a bare word)
 *   arn:aws:states:…              ARN prefix (a bare word that starts with "arn:")
 *   name:order-12                 name prefix
 *   status:FAILED,TIMED_OUT       any of these statuses (case-insensitive, "timed-out" works too)
 *   machine:orders                state machine, by name or ARN; commas mean any of them
 *   error:States.Timeout          error name, exact; a trailing * makes it a prefix
 *   cause:"connection reset"      text inside the cause
 *   from:2026-11-01  to:2026-11-02T12:00Z   start time range (ISO date/time or epoch ms), to is exclusive
 *   input.customer.id = "c-123"   a payload field equals a value (also input.customer.id:"c-123")
 *   output.total = 42             the same on the output; numbers, true, false, null compare as JSON
 *   input:"acme"  output:"acme"  payload:"acme"   free text inside the input, the output or either
 *
 * Terms combine with AND. Payload terms need payload indexing for the machine (see the README).
 */
import type { ExecutionStatusName } from "@/lib/contract/api";

export const SEARCH_STATUSES: readonly ExecutionStatusName[] = ["RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "PENDING_REDRIVE"];

export interface PayloadFieldTerm {
  side: "input" | "output";
  /** Dotted path below the side, e.g. "customer.id". */
  path: string;
  /** The value as canonical JSON text: `"c-123"`, `42`, `true`. */
  value: string;
}

export interface PayloadTextTerm {
  side: "input" | "output" | "either";
  text: string;
}

export interface SearchQuery {
  namePrefix?: string;
  arnPrefix?: string;
  statuses?: ExecutionStatusName[];
  /** Names or ARNs of state machines. */
  machines?: string[];
  error?: { value: string; prefix: boolean };
  causeText?: string;
  /** Start time range, epoch ms: from inclusive, to exclusive. */
  from?: number;
  to?: number;
  fields: PayloadFieldTerm[];
  texts: PayloadTextTerm[];
}

export class SearchQueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SearchQueryError";
  }
}

interface Token {
  text: string;
  quoted: boolean;
}

const MAX_QUERY_LENGTH = 2_000;
const FIELD_PATH = /^(input|output)((?:\.[A-Za-z0-9_$-]+|\[\d+\])+)$/;

/** Splits on spaces, keeping "quoted values" (with \" and \\ escapes) whole, and `=` as its own token. */
function tokenize(source: string): Token[][] {
  const words: Token[][] = [];
  let current: Token[] = [];
  let buffer = "";
  let quotedPart = false;
  const flush = () => {
    if (buffer !== "" || quotedPart) current.push({ text: buffer, quoted: quotedPart });
    buffer = "";
    quotedPart = false;
  };
  const endWord = () => {
    flush();
    if (current.length) words.push(current);
    current = [];
  };
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '"') {
      flush();
      let value = "";
      let closed = false;
      for (i++; i < source.length; i++) {
        if (source[i] === "\\" && i + 1 < source.length) value += source[++i];
        else if (source[i] === '"') {
          closed = true;
          break;
        } else value += source[i];
      }
      if (!closed) throw new SearchQueryError(`a quote opened here is never closed: ${source.slice(0, 60)}`);
      buffer = value;
      quotedPart = true;
      flush();
    } else if (/\s/.test(c)) {
      endWord();
    } else if (c === "=") {
      endWord();
      words.push([{ text: "=", quoted: false }]);
    } else {
      buffer += c;
    }
  }
  endWord();
  return words;
}

/** A word's text once its parts are joined (`cause:"a b"` is the parts `cause:` and `a b`). */
function joined(word: Token[]): { text: string; quotedTail: boolean } {
  return { text: word.map((t) => t.text).join(""), quotedTail: word.length > 0 && word[word.length - 1].quoted };
}

export function parseSearchQuery(source: string): SearchQuery {
  if (source.length > MAX_QUERY_LENGTH) throw new SearchQueryError(`a search query is at most ${MAX_QUERY_LENGTH} characters`);
  const query: SearchQuery = { fields: [], texts: [] };
  const words = tokenize(source.trim());
  for (let i = 0; i < words.length; i++) {
    const { text, quotedTail } = joined(words[i]);
    // `input.a.b = value`: the path, the `=`, then the value as its own word.
    if (words[i + 1] && joined(words[i + 1]).text === "=" && !words[i + 1][0].quoted) {
      const valueWord = words[i + 2];
      if (!valueWord) throw new SearchQueryError(`${text} = needs a value, e.g. ${text} = "c-123"`);
      const value = joined(valueWord);
      query.fields.push(fieldTerm(text, value.text, value.quotedTail));
      i += 2;
      continue;
    }
    if (text === "=") throw new SearchQueryError('"=" needs a payload field before it, e.g. input.customer.id = "c-123"');
    const colon = text.indexOf(":");
    const key = colon > 0 ? text.slice(0, colon) : "";
    const value = colon > 0 ? text.slice(colon + 1) : text;
    if (colon > 0 && FIELD_PATH.test(key)) {
      query.fields.push(fieldTerm(key, value, quotedTail));
      continue;
    }
    switch (key.toLowerCase()) {
      case "":
        if (text === "") break;
        setOnce(query, "namePrefix", text, "name");
        break;
      case "arn":
        // A bare ARN ("arn:aws:states:…") is an ARN prefix too.
        setOnce(query, "arnPrefix", text.toLowerCase().startsWith("arn:aws") ? text : value, "arn");
        break;
      case "name":
        setOnce(query, "namePrefix", nonEmpty("name", value), "name");
        break;
      case "status":
        query.statuses = union(query.statuses, nonEmpty("status", value).split(",").map(parseStatus));
        break;
      case "machine":
        query.machines = union(query.machines, nonEmpty("machine", value).split(",").filter(Boolean));
        break;
      case "error": {
        const v = nonEmpty("error", value);
        const prefix = !quotedTail && v.endsWith("*");
        setOnce(query, "error", { value: prefix ? v.slice(0, -1) : v, prefix }, "error");
        break;
      }
      case "cause":
        setOnce(query, "causeText", nonEmpty("cause", value), "cause");
        break;
      case "from":
        setOnce(query, "from", parseTime("from", value), "from");
        break;
      case "to":
        setOnce(query, "to", parseTime("to", value), "to");
        break;
      case "input":
      case "output":
      case "payload":
        query.texts.push({ side: key.toLowerCase() === "payload" ? "either" : (key.toLowerCase() as "input" | "output"), text: nonEmpty(key, value) });
        break;
      default:
        throw new SearchQueryError(
          `unknown search term "${key}:"; use name:, arn:, status:, machine:, error:, cause:, from:, to:, input:, output:, payload: or a field such as input.customer.id = "c-123"`,
        );
    }
  }
  if (query.from !== undefined && query.to !== undefined && query.from >= query.to) throw new SearchQueryError("from: must be before to:");
  return query;
}

function fieldTerm(path: string, raw: string, quoted: boolean): PayloadFieldTerm {
  const m = FIELD_PATH.exec(path);
  if (!m) throw new SearchQueryError(`${path} is not a payload field; fields start with input. or output., e.g. input.customer.id`);
  return { side: m[1] as "input" | "output", path: normalisePath(m[2]), value: canonicalValue(raw, quoted) };
}

/** `.items[0].id` → `items.0.id`: one spelling for array indexes, as the indexer writes them. */
function normalisePath(suffix: string): string {
  return suffix
    .replace(/\[(\d+)\]/g, ".$1")
    .replace(/^\./, "");
}

/** A quoted value is a string; an unquoted one is JSON when it parses as a number, true, false or null, else a string. */
export function canonicalValue(raw: string, quoted: boolean): string {
  if (!quoted) {
    if (raw === "true" || raw === "false" || raw === "null") return raw;
    if (/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(raw)) return JSON.stringify(Number(raw));
  }
  return JSON.stringify(raw);
}

function parseStatus(raw: string): ExecutionStatusName {
  const normal = raw.trim().toUpperCase().replace(/-/g, "_");
  const status = SEARCH_STATUSES.find((s) => s === normal);
  if (!status) throw new SearchQueryError(`unknown status "${raw}"; use ${SEARCH_STATUSES.join(", ")}`);
  return status;
}

/** ISO date (UTC), ISO date-time, or epoch milliseconds. */
export function parseTime(key: string, raw: string): number {
  const v = nonEmpty(key, raw);
  if (/^\d{10,}$/.test(v)) return Number(v);
  if (/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(v)) {
    const dateOnly = v.length === 10;
    const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(v.slice(10));
    const t = Date.parse(dateOnly ? `${v}T00:00:00Z` : hasZone ? v : `${v}Z`);
    if (!Number.isNaN(t)) return t;
  }
  throw new SearchQueryError(`${key}: wants a date such as 2026-11-01, a time such as 2026-11-01T12:00Z, or epoch milliseconds; got "${raw}"`);
}

function nonEmpty(key: string, value: string): string {
  if (value === "") throw new SearchQueryError(`${key}: needs a value`);
  return value;
}

function union<T>(a: T[] | undefined, b: T[]): T[] {
  return [...new Set([...(a ?? []), ...b])];
}

function setOnce<K extends keyof SearchQuery>(query: SearchQuery, key: K, value: SearchQuery[K], label: string): void {
  if (query[key] !== undefined) throw new SearchQueryError(`${label} is given twice; give it once`);
  query[key] = value;
}

/** Whether the query asks anything of payloads (those terms only see machines whose payloads are indexed). */
export function usesPayloads(query: SearchQuery): boolean {
  return query.fields.length > 0 || query.texts.length > 0;
}
