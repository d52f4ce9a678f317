/**
 * The one text measurer of the graph. Pure code has no DOM, so text width is estimated from
 * the character count, for the widest common fallback font (DejaVu Sans). The layout reserves
 * room with these functions and the drawing cuts text with them, so what is drawn is never
 * wider than what was reserved.
 */
import type { StateEdge } from "./types";

/** Average advance of a character in an edge label (10 px). */
export const EDGE_LABEL_CHAR_WIDTH = 5.6;
/** Longer conditions are cut (the full text is in the label's tooltip). */
export const EDGE_LABEL_MAX_TEXT_WIDTH = 200;
export const EDGE_LABEL_PADDING_X = 4;
export const EDGE_LABEL_HEIGHT = 15;

/** Cut `text` to what fits in `width` pixels at `charWidth` per character. */
export function fitText(text: string, width: number, charWidth: number): string {
  const max = Math.max(1, Math.floor(width / charWidth));
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
}

export function textWidth(text: string, charWidth: number): number {
  return text.length * charWidth;
}

/** What an edge's label says on the drawing: a Choice rule, "Default", a Catch's errors, or nothing. */
export function edgeLabelText(edge: Pick<StateEdge, "kind" | "label">): string {
  if (edge.kind === "default") return "Default";
  return edge.label ? fitText(edge.label, EDGE_LABEL_MAX_TEXT_WIDTH, EDGE_LABEL_CHAR_WIDTH) : "";
}

/** The size of the label's white box (text plus padding). */
export function edgeLabelSize(text: string): { width: number; height: number } {
  return { width: Math.ceil(textWidth(text, EDGE_LABEL_CHAR_WIDTH) + 2 * EDGE_LABEL_PADDING_X), height: EDGE_LABEL_HEIGHT };
}
