/**
 * The pills that hang from a state's bottom edge (duration, retries, catch, counts): where
 * each one goes, and how much room below the state the layout keeps free for them. Both use
 * the same flow, so a label placed by the layout never lands on a pill.
 */
import type { Box, GraphLayout } from "./layout-types";
import { fitText, textWidth } from "./text-measure";
import type { StateGraph, StateNode } from "./types";

export type BadgeKind = "duration" | "retries" | "caught" | "count" | "failures";

export interface BadgeContent {
  kind: BadgeKind;
  text: string;
}

/** A pill in the node's own coordinates (0,0 is the node's top-left corner). */
export interface PlacedBadge extends Box {
  kind: BadgeKind;
  text: string;
}

/** Pills are 10 px bold: wider per character than the 10 px regular edge labels. */
export const BADGE_CHAR_WIDTH = 6.8;
export const BADGE_HEIGHT = 15;
const BADGE_PADDING = 10;
const BADGE_LEFT = 8;
const BADGE_GAP = 4;
const ROW_STEP = 17;
/** The first row overlaps the node's bottom edge by this much. */
const FIRST_ROW_INSET = 8;

function pillWidth(text: string): number {
  return textWidth(text, BADGE_CHAR_WIDTH) + BADGE_PADDING;
}

/**
 * Pills left to right, a new row when one doesn't fit the node's width, never more than
 * `maxRows` rows and never wider than the node: a pill is cut to the room left (its full text
 * is in the state's tooltip), and one that has no room at all is left out.
 */
export function placeBadges(contents: readonly BadgeContent[], nodeWidth: number, nodeHeight: number, maxRows: number): PlacedBadge[] {
  const placed: PlacedBadge[] = [];
  let row = 0;
  let x = BADGE_LEFT;
  for (const c of contents) {
    if (row >= maxRows) break;
    let text = c.text;
    if (x > BADGE_LEFT && x + pillWidth(text) > nodeWidth && row + 1 < maxRows) {
      row++;
      x = BADGE_LEFT;
    }
    const room = nodeWidth - x;
    if (pillWidth(text) > room) {
      if (room < pillWidth("x…")) break;
      text = fitText(text, room - BADGE_PADDING, BADGE_CHAR_WIDTH);
    }
    const width = pillWidth(text);
    placed.push({ kind: c.kind, text, x, y: nodeHeight - FIRST_ROW_INSET + row * ROW_STEP, width, height: BADGE_HEIGHT });
    x += width + BADGE_GAP;
  }
  return placed;
}

/**
 * The widest pills the overlays can give this state: the execution page's (longest duration
 * text, a three-digit retry count when the state has a Retry, its longest Catch target) and the
 * fleet page's (five-digit counts). One character stands for each icon.
 */
export function widestBadges(node: StateNode, catchTargets: readonly string[]): BadgeContent[][] {
  if (node.kind !== "state") return [];
  const execution: BadgeContent[] = [{ kind: "duration", text: "max 00d 00h" }];
  if (node.retries) execution.push({ kind: "retries", text: "• ×000 retries" });
  const target = catchTargets.reduce((a, b) => (b.length > a.length ? b : a), "");
  if (target) execution.push({ kind: "caught", text: `• caught → ${target}` });
  const fleet: BadgeContent[] = [
    { kind: "count", text: "00000" },
    { kind: "failures", text: "• 00000" },
  ];
  return [execution, fleet];
}

/** Rows of pills the layout keeps room for under this state. */
export function reservedBadgeRows(node: StateNode, nodeWidth: number, catchTargets: readonly string[]): number {
  let rows = 0;
  for (const set of widestBadges(node, catchTargets)) {
    const placed = placeBadges(set, nodeWidth, 0, MAX_BADGE_ROWS);
    const used = placed.length === 0 ? 0 : Math.round((placed[placed.length - 1].y + FIRST_ROW_INSET) / ROW_STEP) + 1;
    rows = Math.max(rows, used);
  }
  return rows;
}

/** A state never gets more rows than this; past them pills are cut (see placeBadges). */
export const MAX_BADGE_ROWS = 3;

/** How far below the node's box its pills reach, with `rows` rows. */
export function badgeOverhang(rows: number): number {
  return rows === 0 ? 0 : BADGE_HEIGHT - FIRST_ROW_INSET + (rows - 1) * ROW_STEP;
}

/**
 * The widest pills each state can show, in layout coordinates: what the quality checks
 * measure labels against, drawn by the same flow as the real ones.
 */
export function widestBadgeBoxes(graph: StateGraph, layout: GraphLayout): Map<string, Box[]> {
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const catchTargets = new Map<string, string[]>();
  for (const e of graph.edges) if (e.kind === "catch") (catchTargets.get(e.from) ?? catchTargets.set(e.from, []).get(e.from)!).push(e.to);
  const out = new Map<string, Box[]>();
  for (const box of layout.nodes) {
    const node = nodes.get(box.id);
    if (!node) continue;
    const pills = widestBadges(node, catchTargets.get(node.id) ?? []).flatMap((set) => placeBadges(set, box.width, box.height, box.badgeRows));
    if (pills.length > 0) out.set(box.id, pills.map((p) => ({ x: box.x + p.x, y: box.y + p.y, width: p.width, height: p.height })));
  }
  return out;
}
