import type { Delta } from "jsondiffpatch";
import { childPath } from "./json-path";
import type { JsonChange } from "./types";

/**
 * A jsondiffpatch delta → a flat list of changes in document order.
 * Delta shapes (see jsondiffpatch's docs): `[new]` added, `[old, new]` changed,
 * `[old, 0, 0]` removed, `["", to, 3]` moved; objects nest by key; arrays carry `_t: "a"`,
 * new indexes as `"N"` and old indexes as `"_N"`.
 */
export function flattenDelta(delta: Delta, path: string, out: JsonChange[] = []): JsonChange[] {
  if (delta === undefined) return out;
  if (Array.isArray(delta)) {
    addLeaf(delta, path, path, out);
    return out;
  }
  if (isArrayDelta(delta)) {
    flattenArrayDelta(delta as Record<string, Delta>, path, out);
    return out;
  }
  for (const [key, child] of Object.entries(delta as Record<string, Delta>)) {
    flattenDelta(child, childPath(path, key), out);
  }
  return out;
}

function isArrayDelta(delta: object): boolean {
  return (delta as { _t?: unknown })._t === "a";
}

function flattenArrayDelta(delta: Record<string, Delta>, path: string, out: JsonChange[]): void {
  const removedOrMoved: number[] = [];
  const atNewIndex: number[] = [];
  for (const key of Object.keys(delta)) {
    if (key === "_t") continue;
    if (key.startsWith("_")) removedOrMoved.push(Number(key.slice(1)));
    else atNewIndex.push(Number(key));
  }
  removedOrMoved.sort((a, b) => a - b);
  atNewIndex.sort((a, b) => a - b);
  for (const index of removedOrMoved) {
    const entry = delta[`_${index}`];
    if (Array.isArray(entry)) addLeaf(entry, childPath(path, index), path, out);
  }
  for (const index of atNewIndex) flattenDelta(delta[String(index)], childPath(path, index), out);
}

function addLeaf(entry: unknown[], path: string, arrayPath: string, out: JsonChange[]): void {
  if (entry.length === 1) out.push({ path, kind: "added", after: plain(entry[0]) });
  else if (entry.length === 2) out.push({ path, kind: "changed", before: plain(entry[0]), after: plain(entry[1]) });
  else if (entry.length === 3 && entry[2] === 0) out.push({ path, kind: "removed", before: plain(entry[0]) });
  else if (entry.length === 3 && entry[2] === 3) {
    out.push({ path, kind: "moved", movedTo: childPath(arrayPath, Number(entry[1])) });
  }
  // Text deltas (`[patch, 0, 2]`) only appear with the text-diff option, which we leave off.
}

/** Values handed out are ordinary objects again (the diff runs on prototype-less ones). */
function plain(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(plain);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
}
