/**
 * Sizes used by the layout and by the drawing, in one place so they agree. Text width is
 * estimated from the character count (pure code has no DOM to measure with), for the widest
 * common fallback font (DejaVu Sans): 12 px bold averages 8 px a character, 11 px 6.6. Edge
 * labels and badges are measured in text-measure.ts and badges.ts.
 */
import type { StateNode } from "./types";

export const NAME_CHAR_WIDTH = 8;
export const DETAIL_CHAR_WIDTH = 6.6;
export const NODE_HEIGHT = 46;
export const NODE_MIN_WIDTH = 132;
export const NODE_MAX_WIDTH = 320;
/** Room left of a state's name (its type glyph) and right of it (the outcome icon). */
export const NAME_LEFT = 28;
export const NAME_RIGHT = 26;
export const TERMINAL_SIZE = { width: 64, height: 26 } as const;

/** Horizontal and vertical space between nodes (edge labels get layers of their own, see layout-scope.ts). */
export const GAP_X = 28;
export const GAP_Y = 46;

/** A Parallel/Map state draws its groups below a header with its own name. */
export const CONTAINER_HEADER = 44;
export const CONTAINER_PADDING = 12;
export const GROUP_GAP = 14;
export const GROUP_HEADER = 20;
export const GROUP_PADDING = 10;

/** Room at the end of the detail line for the JSONata / Assign marks. */
export const MARKS_WIDTH = 36;

/** Space to the right of a node for a loop drawn beside it. */
export const SELF_LOOP_REACH = 22;

/** The detail line under a state's name: its type, and a Task's resource. */
export function detailLine(node: StateNode): string {
  if (node.kind !== "state") return "";
  const type = node.type === "Map" && node.mapMode === "distributed" ? "Map (distributed)" : node.type ?? "";
  return node.resource ? `${type} · ${node.resource}` : type;
}

export function plainNodeSize(node: StateNode): { width: number; height: number } {
  if (node.kind !== "state") return { ...TERMINAL_SIZE };
  const marks = hasMarks(node) ? MARKS_WIDTH : 0;
  const text = Math.max(node.name.length * NAME_CHAR_WIDTH, detailLine(node).length * DETAIL_CHAR_WIDTH + marks);
  const width = Math.min(NODE_MAX_WIDTH, Math.max(NODE_MIN_WIDTH, Math.ceil(text + NAME_LEFT + NAME_RIGHT)));
  return { width, height: NODE_HEIGHT };
}

/** Whether the node shows the JSONata / Assign marks. */
export function hasMarks(node: StateNode): boolean {
  return (node.assigns?.length ?? 0) > 0 || node.queryLanguage === "JSONata";
}
