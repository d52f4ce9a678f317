/**
 * Logs Insights, the subset Stepscope and a person at the CLI need: `fields`, `filter` with
 * `=`, `!=`, `like "text"` / `like /regex/` and `in [...]` (joined with `and`), `sort`, `limit`,
 * and `stats count(*) by field`. Record fields are the JSON members of the message
 * (`details.error`), plus @timestamp, @message, @logStream and @log.
 */
import type { LogEvent } from "./log-records";

export interface InsightsRow {
  [field: string]: string;
}

type Predicate = (fields: (name: string) => unknown) => boolean;

interface Query {
  fields: string[];
  filters: Predicate[];
  sort?: { field: string; desc: boolean };
  limit?: number;
  statsBy?: string;
}

function literal(text: string): unknown {
  const t = text.trim();
  if (/^".*"$|^'.*'$/.test(t)) return t.slice(1, -1);
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  return t;
}

function predicate(text: string): Predicate {
  const clauses = text.split(/\s+and\s+/i).map((clause): Predicate => {
    let m = /^([@\w.]+)\s+(not\s+)?in\s*\[(.*)\]$/i.exec(clause.trim());
    if (m) {
      const [, field, not, list] = m;
      const values = new Set(list.split(",").map((v) => String(literal(v))));
      return (get) => values.has(String(get(field) ?? "")) !== Boolean(not);
    }
    m = /^([@\w.]+)\s+(not\s+)?like\s+(?:"(.*)"|'(.*)'|\/(.*)\/)$/i.exec(clause.trim());
    if (m) {
      const [, field, not, dq, sq, regex] = m;
      const test = regex !== undefined ? (s: string) => new RegExp(regex).test(s) : (s: string) => s.includes(dq ?? sq ?? "");
      return (get) => test(String(get(field) ?? "")) !== Boolean(not);
    }
    m = /^([@\w.]+)\s*(=|!=)\s*(.+)$/.exec(clause.trim());
    if (m) {
      const [, field, op, value] = m;
      const expected = String(literal(value));
      return (get) => (String(get(field) ?? "") === expected) === (op === "=");
    }
    throw new Error(`unsupported filter: ${clause.trim()}`);
  });
  return (get) => clauses.every((c) => c(get));
}

export function parseInsightsQuery(source: string): Query {
  const query: Query = { fields: [], filters: [] };
  for (const raw of source.split("|")) {
    const command = raw.trim();
    if (command === "") continue;
    const [word] = command.split(/\s+/, 1);
    const rest = command.slice(word.length).trim();
    switch (word.toLowerCase()) {
      case "fields":
        query.fields.push(...rest.split(",").map((f) => f.trim()).filter(Boolean));
        break;
      case "filter":
        query.filters.push(predicate(rest));
        break;
      case "sort": {
        const [field, dir] = rest.split(/\s+/);
        query.sort = { field, desc: (dir ?? "desc").toLowerCase() !== "asc" };
        break;
      }
      case "limit":
        query.limit = Number(rest);
        if (!Number.isInteger(query.limit) || query.limit < 1) throw new Error(`limit must be a positive whole number, not ${rest}`);
        break;
      case "stats": {
        const m = /^count\(\*\)(?:\s+as\s+\w+)?\s+by\s+([@\w.]+)$/i.exec(rest);
        if (!m) throw new Error(`unsupported stats: ${rest}`);
        query.statsBy = m[1];
        break;
      }
      default:
        throw new Error(`unsupported command: ${word}`);
    }
  }
  return query;
}

function fieldsOf(event: LogEvent, logGroupName: string): (name: string) => unknown {
  let parsed: unknown;
  let tried = false;
  return (name) => {
    if (name === "@timestamp") return new Date(event.timestamp).toISOString().replace("T", " ").replace("Z", "");
    if (name === "@message") return event.message;
    if (name === "@logStream") return event.logStreamName;
    if (name === "@log") return logGroupName;
    if (!tried) {
      tried = true;
      try {
        parsed = JSON.parse(event.message);
      } catch {
        parsed = undefined;
      }
    }
    let at = parsed;
    for (const key of name.split(".")) at = typeof at === "object" && at !== null ? (at as Record<string, unknown>)[key] : undefined;
    return typeof at === "object" && at !== null ? JSON.stringify(at) : at;
  };
}

export interface QueryOutcome {
  rows: InsightsRow[];
  recordsMatched: number;
  recordsScanned: number;
  bytesScanned: number;
}

/** Run a parsed query over the events of the time range (every one of them is scanned, and billed). */
export function runInsights(query: Query, events: readonly LogEvent[], logGroupName: string, maxRows: number): QueryOutcome {
  let bytesScanned = 0;
  const matched: { event: LogEvent; get: (name: string) => unknown }[] = [];
  for (const event of events) {
    bytesScanned += Buffer.byteLength(event.message) + 26;
    const get = fieldsOf(event, logGroupName);
    if (query.filters.every((f) => f(get))) matched.push({ event, get });
  }
  const limit = Math.min(query.limit ?? maxRows, maxRows);
  if (query.statsBy) {
    const counts = new Map<string, number>();
    for (const m of matched) {
      const key = String(m.get(query.statsBy) ?? "");
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const rows = [...counts].map(([key, n]) => ({ [query.statsBy!]: key, "count(*)": String(n) }));
    return { rows: rows.slice(0, limit), recordsMatched: matched.length, recordsScanned: events.length, bytesScanned };
  }
  const sort = query.sort ?? { field: "@timestamp", desc: true };
  const key = (m: (typeof matched)[number]) => (sort.field === "@timestamp" ? m.event.timestamp : String(m.get(sort.field) ?? ""));
  matched.sort((a, b) => {
    const x = key(a);
    const y = key(b);
    const order = x < y ? -1 : x > y ? 1 : 0;
    return sort.desc ? -order : order;
  });
  const fields = query.fields.length > 0 ? query.fields : ["@timestamp", "@message"];
  const rows = matched.slice(0, limit).map((m) => {
    const row: InsightsRow = {};
    for (const f of fields) {
      const v = m.get(f);
      if (v !== undefined && v !== null) row[f] = String(v);
    }
    row["@ptr"] = m.event.eventId;
    return row;
  });
  return { rows, recordsMatched: matched.length, recordsScanned: events.length, bytesScanned };
}
