/** The diff model: what `diffJson` returns and `JsonDiff` shows. */

export type ChangeKind = "added" | "removed" | "changed" | "moved";

export interface JsonChange {
  /** JSONPath of the value: `$.order.total`, `$.items[2]`. For `moved`, the old position. */
  path: string;
  kind: ChangeKind;
  /** The old value (removed, changed). */
  before?: unknown;
  /** The new value (added, changed). */
  after?: unknown;
  /** For `moved`: the JSONPath of the new position. */
  movedTo?: string;
}

export interface ChangeCounts {
  added: number;
  removed: number;
  changed: number;
  moved: number;
}

export type JsonDiffResult =
  /** Both sides parsed and are equal. */
  | { status: "identical"; changes: []; counts: ChangeCounts }
  /** Both sides parsed (or one is missing) and differ. */
  | { status: "changed"; changes: JsonChange[]; counts: ChangeCounts }
  /** Nothing to compare. */
  | { status: "empty"; message: string }
  /** A side is not JSON (or was cut off): compared as text, one change at `$` if they differ. */
  | { status: "not-json"; message: string; changes: JsonChange[]; counts: ChangeCounts }
  /** Above `DIFF_SIZE_GATE_CHARS`: call again with `{ force: true }` when the user asks. */
  | { status: "too-large"; message: string; sizeChars: number };

export interface DiffOptions {
  /** Diff even above the size gate (the user asked for it). */
  force?: boolean;
  /** Step Functions' truncation flags for the two payloads. */
  beforeTruncated?: boolean;
  afterTruncated?: boolean;
}
