/** The minimap's arithmetic: the whole graph scaled into a corner, the visible part framed. */
import type { Box, Point } from "@/lib/asl";
import { centreOn, type Size, type ViewTransform } from "./viewport";

export interface MinimapGeometry {
  /** Minimap pixels per graph unit, across and down. */
  scaleX: number;
  scaleY: number;
  width: number;
  height: number;
  /** The part of the graph the canvas shows, in minimap pixels, clipped to the graph. */
  visible: Box;
}

/**
 * A machine of a thousand states is a column a hundred times taller than wide: at one scale its
 * minimap would be a hairline. It is stretched across to at least this width, so its states
 * (and the failed one's colour) stay visible; down the page it keeps its proportions.
 */
const MIN_MINIMAP_WIDTH = 48;

/** Shown only when part of the graph is out of view. */
export function needsMinimap(view: Size, content: Size, t: ViewTransform): boolean {
  return view.width > 0 && (content.width * t.k > view.width + 1 || content.height * t.k > view.height + 1);
}

/** At most `max` big (by default a corner: a sixth of the canvas's width, a third of its height). */
export function minimapGeometry(view: Size, content: Size, t: ViewTransform, max: Size = { width: Math.min(140, view.width / 6), height: Math.min(220, view.height / 3) }): MinimapGeometry {
  const scaleY = Math.min(max.width / Math.max(1, content.width), max.height / Math.max(1, content.height));
  const scaleX = Math.max(scaleY, Math.min(max.width, MIN_MINIMAP_WIDTH) / Math.max(1, content.width));
  const x0 = Math.max(0, -t.x / t.k);
  const y0 = Math.max(0, -t.y / t.k);
  const x1 = Math.min(content.width, (view.width - t.x) / t.k);
  const y1 = Math.min(content.height, (view.height - t.y) / t.k);
  return {
    scaleX,
    scaleY,
    width: content.width * scaleX,
    height: content.height * scaleY,
    visible: { x: x0 * scaleX, y: y0 * scaleY, width: Math.max(0, x1 - x0) * scaleX, height: Math.max(0, y1 - y0) * scaleY },
  };
}

/** The minimap's margin, padding and border, around its drawing. */
const MINIMAP_CHROME = 8 + 2 * 4 + 2;

/**
 * The width of the strip on the canvas's right that the minimap covers when shown: views
 * centred on a state keep the state left of it.
 */
export function minimapStripWidth(view: Size, content: Size): number {
  return minimapGeometry(view, content, { x: 0, y: 0, k: 1 }).width + MINIMAP_CHROME + 8;
}

/** Where the canvas goes when the minimap is clicked (or dragged) at `p`: that point to the middle, zoom kept. */
export function transformForMinimapPoint(p: Point, geometry: MinimapGeometry, view: Size, content: Size, k: number): ViewTransform {
  return centreOn(view, content, k, { x: p.x / geometry.scaleX, y: p.y / geometry.scaleY }, minimapStripWidth(view, content));
}
