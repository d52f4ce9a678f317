/**
 * How much of a JSON payload to render as a tree. Step Functions payloads go up to 256 KiB;
 * a fully expanded tree of that size would be tens of thousands of nodes, so big payloads
 * start collapsed and anything above the largest payload is shown as text until asked.
 */
export const JSON_VIEW_COLLAPSE_CHARS = 100 * 1024;
export const JSON_VIEW_RAW_CHARS = 256 * 1024;

export type JsonViewMode = "tree" | "collapsed-tree" | "raw";

export function jsonViewSizeGate(chars: number): JsonViewMode {
  if (chars > JSON_VIEW_RAW_CHARS) return "raw";
  if (chars > JSON_VIEW_COLLAPSE_CHARS) return "collapsed-tree";
  return "tree";
}

/** Tree levels open on first render: the top two normally, none for a big payload. */
export function initialOpenDepth(mode: JsonViewMode): number {
  return mode === "tree" ? 2 : 0;
}

export const CHILDREN_PAGE_SIZE = 100;
export const STRING_CUT_CHARS = 500;
