import { create } from "jsondiffpatch";
import { flattenDelta } from "./flatten-delta";
import { ROOT_PATH } from "./json-path";
import type { ChangeCounts, DiffOptions, JsonChange, JsonDiffResult } from "./types";

/**
 * Above this many characters (both sides together) the diff runs only when asked: a 256 KB
 * payload parsed and diffed on every selection would stall the page.
 */
export const DIFF_SIZE_GATE_CHARS = 256 * 1024;

/**
 * Array items are matched by an identifying field when they have one, so that an item that
 * moved is reported as moved and not as a change at every index after it.
 */
const differ = create({
  objectHash: (item: object, index?: number) => {
    // jsondiffpatch hands `null` array items here too (typeof null is "object").
    if (item === null || Array.isArray(item)) return `$index:${index}`;
    const record = item as Record<string, unknown>;
    for (const key of ["id", "Id", "ID", "key", "Key", "name", "Name", "arn", "Arn"]) {
      const value = record[key];
      if (typeof value === "string" || typeof value === "number") return `${key}:${value}`;
    }
    return `$index:${index}`;
  },
  arrays: { detectMove: true, includeValueOnMove: false },
});

type Parsed = { ok: true; value: unknown } | { ok: false; reason: string };

/** Input → output (or any two JSON texts) → the flat list of what changed. Never throws. */
export function diffJson(before: string | undefined, after: string | undefined, opts: DiffOptions = {}): JsonDiffResult {
  if (before === undefined && after === undefined) {
    return { status: "empty", message: "There is nothing to compare: neither side has a payload." };
  }
  const size = (before?.length ?? 0) + (after?.length ?? 0);
  if (size > DIFF_SIZE_GATE_CHARS && !opts.force) {
    return {
      status: "too-large",
      sizeChars: size,
      message: `The payloads are ${formatSize(size)} together, above the ${formatSize(DIFF_SIZE_GATE_CHARS)} that are diffed automatically.`,
    };
  }
  const left = before === undefined ? undefined : parse(before, opts.beforeTruncated, "before");
  const right = after === undefined ? undefined : parse(after, opts.afterTruncated, "after");
  if ((left && !left.ok) || (right && !right.ok)) {
    const reasons = [left, right].flatMap((p) => (p && !p.ok ? [p.reason] : []));
    const changes: JsonChange[] = before === after ? [] : [textChange(before, after)];
    return { status: "not-json", message: `${reasons.join(" ")} Compared as text.`, changes, counts: countChanges(changes) };
  }
  if (!left || !right) {
    const change: JsonChange = left
      ? { path: ROOT_PATH, kind: "removed", before: left.value }
      : { path: ROOT_PATH, kind: "added", after: (right as { value: unknown }).value };
    return { status: "changed", changes: [change], counts: countChanges([change]) };
  }
  let changes: JsonChange[];
  try {
    changes = flattenDelta(differ.diff(left.value, right.value), ROOT_PATH);
  } catch (error) {
    // The library should not throw on parsed JSON; if it does, say so instead of breaking the panel.
    const reason = error instanceof Error ? error.message : String(error);
    return { status: "not-json", message: `The diff could not be computed (${reason}). Compared as text.`, changes: [textChange(before, after)], counts: countChanges([textChange(before, after)]) };
  }
  if (changes.length === 0) {
    // jsondiffpatch skips "__proto__" keys (against prototype pollution); never call payloads
    // identical when they are not.
    if (canonical(left.value) !== canonical(right.value)) {
      const change = textChange(before, after);
      return { status: "not-json", message: "The payloads differ only in a key the diff library skips (\"__proto__\"). Compared as text.", changes: [change], counts: countChanges([change]) };
    }
    return { status: "identical", changes: [], counts: countChanges([]) };
  }
  return { status: "changed", changes, counts: countChanges(changes) };
}

function parse(text: string, truncated: boolean | undefined, side: "before" | "after"): Parsed {
  try {
    return { ok: true, value: JSON.parse(text, withoutPrototype) };
  } catch {
    if (truncated) return { ok: false, reason: `The ${side} payload was truncated by Step Functions, so it is not complete JSON.` };
    if (looksCutOff(text)) return { ok: false, reason: `The ${side} payload looks cut off (it ends before the JSON does).` };
    return { ok: false, reason: `The ${side} payload is not JSON.` };
  }
}

/**
 * Objects without a prototype: jsondiffpatch reads keys with plain property access, so a
 * payload key such as "valueOf" or "constructor" would otherwise meet Object.prototype's
 * functions on the other side and make the diff fail.
 */
function withoutPrototype(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  return Object.assign(Object.create(null) as Record<string, unknown>, value);
}

/** JSON that starts like an object or array but never closes: almost always a cut-off payload. */
function looksCutOff(text: string): boolean {
  const trimmed = text.trim();
  const opener = trimmed[0];
  const closer = trimmed[trimmed.length - 1];
  return (opener === "{" && closer !== "}") || (opener === "[" && closer !== "]");
}

/** JSON text with keys sorted, so that key order does not count as a difference. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v === null || typeof v !== "object" || Array.isArray(v)
      ? v
      : Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]])),
  );
}

function textChange(before: string | undefined, after: string | undefined): JsonChange {
  if (before === undefined) return { path: ROOT_PATH, kind: "added", after };
  if (after === undefined) return { path: ROOT_PATH, kind: "removed", before };
  return { path: ROOT_PATH, kind: "changed", before, after };
}

export function countChanges(changes: JsonChange[]): ChangeCounts {
  const counts: ChangeCounts = { added: 0, removed: 0, changed: 0, moved: 0 };
  for (const change of changes) counts[change.kind]++;
  return counts;
}

function formatSize(chars: number): string {
  return chars >= 1024 * 1024 ? `${(chars / 1024 / 1024).toFixed(1)} MB` : `${Math.round(chars / 1024)} KB`;
}
