/**
 * The JSONPath subset an operator uses to name secrets (`STEPSCOPE_REDACT_PATHS`):
 *
 *   $.card.number     a child by name        $.items[*].sku   every array element (or object value)
 *   $..password       a key at any depth     $.lines[0].pan   one array element
 *   $['odd.key']      a quoted name          $.*              every member
 *
 * Why not a JSONPath library: masking needs to *replace* what a path selects while walking the
 * text without building a tree (payloads of any depth), and the evaluators on npm
 * (jsonpath-plus, jsonpath) recurse over a parsed value and offer filters and scripts we must not
 * run on operator input. This grammar is small, strict and complete for naming fields.
 */

export type Segment =
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

/** The matcher packs a step number into 8 bits; no real field is named this deep. */
const MAX_SEGMENTS = 200;
const NAME = /^[A-Za-z0-9_$@-]+/;
const INDEX = /^\[(\d{1,9})\]/;

/** `['a\'b']` or `["a"]`: the quoted name with its escapes resolved, and the length consumed. */
function quotedName(rest: string): { key: string; length: number } | undefined {
  const quote = rest[1];
  if (rest[0] !== "[" || (quote !== "'" && quote !== '"')) return undefined;
  let key = "";
  for (let i = 2; i < rest.length; i++) {
    const c = rest[i];
    if (c === "\\") {
      if (i + 1 >= rest.length) return undefined;
      key += rest[++i];
      continue;
    }
    if (c === quote) return rest[i + 1] === "]" ? { key, length: i + 2 } : undefined;
    key += c;
  }
  return undefined;
}

/** `$.a.b[*]` → segments, or a RedactPathError naming the path and what is accepted. */
export function parseRedactPath(source: string): RedactPath {
  const path = source.trim();
  const fail = (why: string) =>
    new RedactPathError(`Redaction path "${path}" ${why}; use forms like $.card.number, $.items[*].sku, $['odd.key'] or $..password`);
  if (!path.startsWith("$")) throw fail("must start with $");
  const segments: Segment[] = [];
  let rest = path.slice(1);
  while (rest.length > 0) {
    if (rest.startsWith("..")) {
      const after = rest.slice(2);
      const name = NAME.exec(after);
      const quoted = name ? undefined : quotedName(after);
      if (!name && !quoted) throw fail("has '..' without a key after it");
      segments.push({ kind: "descendant", key: name ? name[0] : quoted!.key });
      rest = after.slice(name ? name[0].length : quoted!.length);
    } else if (rest.startsWith(".*")) {
      segments.push({ kind: "every" });
      rest = rest.slice(2);
    } else if (rest.startsWith(".")) {
      const name = NAME.exec(rest.slice(1));
      if (!name) throw fail("has '.' without a key after it");
      segments.push({ kind: "child", key: name[0] });
      rest = rest.slice(1 + name[0].length);
    } else if (rest.startsWith("[*]")) {
      segments.push({ kind: "every" });
      rest = rest.slice(3);
    } else {
      const index = INDEX.exec(rest);
      const quoted = index ? undefined : quotedName(rest);
      if (index) {
        segments.push({ kind: "index", index: Number(index[1]) });
        rest = rest.slice(index[0].length);
      } else if (quoted) {
        segments.push({ kind: "child", key: quoted.key });
        rest = rest.slice(quoted.length);
      } else {
        throw fail(`cannot be read at "${rest.slice(0, 20)}"`);
      }
    }
  }
  if (segments.length === 0) throw fail("would mask the whole payload");
  if (segments.length > MAX_SEGMENTS) throw fail(`has more than ${MAX_SEGMENTS} steps`);
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
