/** Drawing helpers for text and paths in the graph's SVG. */
import type { Point } from "@/lib/asl";

export { fitText } from "@/lib/asl/text-measure";

/** Corners are rounded with at most this radius, so a drawn edge stays within a few pixels of its route. */
const CORNER_RADIUS = 6;

/**
 * A polyline with its corners rounded. Each corner is cut by a quadratic curve that starts
 * and ends at most CORNER_RADIUS from it, so the drawing keeps to the route the layout
 * checked against boxes (a curve through segment midpoints would swing far off it).
 */
export function smoothPath(points: readonly Point[]): string {
  if (points.length === 0) return "";
  const f = (n: number) => Math.round(n * 10) / 10;
  let d = `M${f(points[0].x)},${f(points[0].y)}`;
  for (let i = 1; i < points.length - 1; i++) {
    const prev = points[i - 1];
    const p = points[i];
    const next = points[i + 1];
    const a = toward(p, prev, CORNER_RADIUS);
    const b = toward(p, next, CORNER_RADIUS);
    d += `L${f(a.x)},${f(a.y)}Q${f(p.x)},${f(p.y)} ${f(b.x)},${f(b.y)}`;
  }
  const last = points[points.length - 1];
  return `${d}L${f(last.x)},${f(last.y)}`;
}

/** The point `r` from `from` towards `to`, but no further than halfway. */
function toward(from: Point, to: Point, r: number): Point {
  const len = Math.hypot(to.x - from.x, to.y - from.y);
  if (len === 0) return from;
  const t = Math.min(r, len / 2) / len;
  return { x: from.x + (to.x - from.x) * t, y: from.y + (to.y - from.y) * t };
}
