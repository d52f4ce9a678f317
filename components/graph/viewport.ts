/** Pan/zoom arithmetic for the graph canvas: pure, so it is tested without a browser. */
import type { Box, Point } from "@/lib/asl";

export interface ViewTransform {
  x: number;
  y: number;
  k: number;
}

export interface Size {
  width: number;
  height: number;
}

export const MIN_ZOOM = 0.05;
export const MAX_ZOOM = 3;
/**
 * The smallest zoom at which the graph's text can be read: edge labels are 10 px and state
 * names 12 px at 1:1, so 8 and 9.6 px here. Fit never goes below it.
 */
export const READABLE_ZOOM = 0.8;
const PADDING = 24;

/** The whole graph in view, centred, never enlarged past 1:1. */
export function fitTransform(view: Size, content: Size): ViewTransform {
  if (view.width <= 0 || view.height <= 0 || content.width <= 0 || content.height <= 0) return { x: PADDING, y: PADDING, k: 1 };
  const k = clampZoom(Math.min((view.width - 2 * PADDING) / content.width, (view.height - 2 * PADDING) / content.height, 1));
  return { x: (view.width - content.width * k) / 2, y: (view.height - content.height * k) / 2, k };
}

/**
 * What a graph opens with, and what Fit goes back to: the whole graph when it can be read
 * that way; otherwise (a big machine) readable size around `focus` (the failed state, or the
 * start), the minimap showing the rest.
 */
export function readableFit(view: Size, content: Size, focus?: Box, insetRight = 0): ViewTransform {
  const fit = fitTransform(view, content);
  if (fit.k >= READABLE_ZOOM) return fit;
  const at = focus ? { x: focus.x + focus.width / 2, y: focus.y + focus.height / 2 } : { x: content.width / 2, y: 0 };
  return centreOn(view, content, READABLE_ZOOM, at, insetRight);
}

/**
 * Zoom `k` with the graph point `at` in the middle of the view, but no further past the
 * graph's edges than the padding: a state near the top opens with the top in view.
 * `insetRight` is a strip on the right kept for the minimap: nothing is centred under it.
 */
export function centreOn(view: Size, content: Size, k: number, at: Point, insetRight = 0): ViewTransform {
  const axis = (viewLen: number, contentLen: number, p: number) => {
    const len = contentLen * k;
    if (len + 2 * PADDING <= viewLen) return (viewLen - len) / 2;
    const wanted = viewLen / 2 - p * k;
    return Math.min(PADDING, Math.max(viewLen - len - PADDING, wanted));
  };
  return { k, x: axis(Math.max(1, view.width - insetRight), content.width, at.x), y: axis(view.height, content.height, at.y) };
}

/** Zoom by `factor` keeping the point (px, py) of the viewport still. */
export function zoomAt(t: ViewTransform, factor: number, px: number, py: number): ViewTransform {
  const k = clampZoom(t.k * factor);
  const ratio = k / t.k;
  return { k, x: px - (px - t.x) * ratio, y: py - (py - t.y) * ratio };
}

export function clampZoom(k: number): number {
  return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, k));
}

/**
 * The view moved just enough to show `box` whole (centred on it when it was out of view), or
 * undefined when it is in view already: selecting a state elsewhere on the page brings it
 * into the graph's view without moving a graph that already shows it.
 */
export function revealBox(view: Size, content: Size, t: ViewTransform, box: Box, insetRight = 0): ViewTransform | undefined {
  const left = t.x + box.x * t.k;
  const top = t.y + box.y * t.k;
  const inView = left >= 0 && top >= 0 && left + box.width * t.k <= view.width - insetRight && top + box.height * t.k <= view.height;
  if (inView || view.width <= 0 || view.height <= 0) return undefined;
  return centreOn(view, content, t.k, { x: box.x + box.width / 2, y: box.y + box.height / 2 }, insetRight);
}
