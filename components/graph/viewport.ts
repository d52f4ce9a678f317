/** Pan/zoom arithmetic for the graph canvas: pure, so it is tested without a browser. */

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
const PADDING = 24;

/** The whole graph in view, centred, never enlarged past 1:1. */
export function fitTransform(view: Size, content: Size): ViewTransform {
  if (view.width <= 0 || view.height <= 0 || content.width <= 0 || content.height <= 0) return { x: PADDING, y: PADDING, k: 1 };
  const k = clampZoom(Math.min((view.width - 2 * PADDING) / content.width, (view.height - 2 * PADDING) / content.height, 1));
  return { x: (view.width - content.width * k) / 2, y: (view.height - content.height * k) / 2, k };
}

/**
 * What a graph opens with: fitted when that keeps names readable; otherwise (a big machine)
 * readable size at the top, where Start is.
 */
export function initialTransform(view: Size, content: Size, readable = 0.6): ViewTransform {
  const fit = fitTransform(view, content);
  if (fit.k >= readable) return fit;
  const k = Math.min(readable, Math.max(fit.k, (view.width - 2 * PADDING) / content.width));
  return { x: Math.max(PADDING, (view.width - content.width * k) / 2), y: PADDING, k };
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
