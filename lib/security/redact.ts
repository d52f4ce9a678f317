/**
 * Operator-configured masking of JSON payloads (`STEPSCOPE_REDACT_PATHS`), applied on the
 * server before anything reaches the browser. A small JSONPath subset is enough for masking:
 *
 *   $.card.number     a child by name        $.items[*].sku   every array element (or object value)
 *   $..password       a key at any depth     $.lines[0].pan   one array element
 *
 * Pure: no clock, no I/O.
 */

export const REDACTED = "[redacted]";

type Segment =
  | { kind: "child"; key: string }
  | { kind: "descendant"; key: string }
  | { kind: "every" }
  | { kind: "index"; index: number };

export interface RedactPath {
  source: string;
  segments: Segment[];
}

export class RedactPathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RedactPathError";
  }
}

const NAME = /^[A-Za-z0-9_$@-]+/;
const BRACKET = /^\[(\*|\d{1,9}|'[^']*'|"[^"]*")\]/;

/** `$.a.b[*]` → segments, or a RedactPathError saying what is wrong and what is accepted. */
export function parseRedactPath(source: string): RedactPath {
  const path = source.trim();
  const fail = (why: string) =>
    new RedactPathError(`Redaction path "${path}" ${why}; use forms like $.card.number, $.items[*].sku or $..password`);
  if (!path.startsWith("$")) throw fail("must start with $");
  const segments: Segment[] = [];
  let rest = path.slice(1);
  while (rest.length > 0) {
    if (rest.startsWith("..")) {
      const name = NAME.exec(rest.slice(2));
      if (!name) throw fail("has '..' without a key after it");
      segments.push({ kind: "descendant", key: name[0] });
      rest = rest.slice(2 + name[0].length);
    } else if (rest.startsWith(".*")) {
      segments.push({ kind: "every" });
      rest = rest.slice(2);
    } else if (rest.startsWith(".")) {
      const name = NAME.exec(rest.slice(1));
      if (!name) throw fail("has '.' without a key after it");
      segments.push({ kind: "child", key: name[0] });
      rest = rest.slice(1 + name[0].length);
    } else {
      const bracket = BRACKET.exec(rest);
      if (!bracket) throw fail(`cannot be read at "${rest.slice(0, 20)}"`);
      const inner = bracket[1];
      if (inner === "*") segments.push({ kind: "every" });
      else if (/^\d/.test(inner)) segments.push({ kind: "index", index: Number(inner) });
      else segments.push({ kind: "child", key: inner.slice(1, -1) });
      rest = rest.slice(bracket[0].length);
    }
  }
  if (segments.length === 0) throw fail("would mask the whole payload");
  return { source: path, segments };
}

/** A comma-separated list (the env var's format); empty or blank means no redaction. */
export function parseRedactPaths(list: string | undefined): RedactPath[] {
  if (!list || !list.trim()) return [];
  return list
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)
    .map(parseRedactPath);
}

function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  return typeof value === "object" && value !== null;
}

/** Masks in place: `value` is a fresh copy made by redactJson, never the caller's object. */
function apply(value: unknown, segments: Segment[], at: number): void {
  if (at >= segments.length || !isContainer(value)) return;
  const segment = segments[at];
  const last = at === segments.length - 1;
  const visit = (container: Record<string, unknown> | unknown[], key: string | number) => {
    if (last) (container as Record<string, unknown>)[key] = REDACTED;
    else apply((container as Record<string, unknown>)[key], segments, at + 1);
  };
  switch (segment.kind) {
    case "child":
      if (!Array.isArray(value) && Object.prototype.hasOwnProperty.call(value, segment.key)) visit(value, segment.key);
      return;
    case "index":
      if (Array.isArray(value) && segment.index < value.length) visit(value, segment.index);
      return;
    case "every":
      for (const key of Array.isArray(value) ? value.keys() : Object.keys(value)) visit(value, key);
      return;
    case "descendant":
      for (const key of Array.isArray(value) ? [...value.keys()] : Object.keys(value)) {
        if (!Array.isArray(value) && key === segment.key) visit(value, key);
        // Keep descending: a masked key's value is now a string, so it is not walked twice.
        apply((value as Record<string, unknown>)[key], segments, at);
      }
      return;
  }
}

/** A masked copy of a parsed JSON value. */
export function redactValue<T>(value: T, paths: RedactPath[]): T {
  if (paths.length === 0 || !isContainer(value)) return value;
  const copy = structuredClone(value);
  for (const path of paths) apply(copy, path.segments, 0);
  return copy;
}

/**
 * A payload as Step Functions sends it: JSON text. Text that is not JSON (a plain error
 * message, a truncated payload) cannot be matched by path and is returned as it came.
 */
export function redactJsonText(text: string, paths: RedactPath[]): string {
  if (paths.length === 0) return text;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return text;
  }
  if (!isContainer(parsed)) return text;
  return JSON.stringify(redactValue(parsed, paths));
}
