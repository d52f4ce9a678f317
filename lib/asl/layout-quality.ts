/**
 * How good a layout is, measured on its geometry alone: labels that overlap something, edges
 * that pass through a box they don't belong to, and the drawing's area. Pure, so the corpus
 * tests and the bench compute the same figures.
 */
import { overlaps } from "./geometry";
import type { Box, GraphLayout, Point } from "./layout-types";
import type { StateGraph } from "./types";

/** Boxes touching along an edge, or a route grazing a border, are not counted. */
const TOLERANCE = 0.5;

/** The scopes an item lives inside, innermost first: its own scope, then its owners' scopes. */
function scopeChain(graph: StateGraph): (scope: string) => Set<string> {
  const parent = new Map(graph.groups.map((g) => [g.id, g.parentScope]));
  const cache = new Map<string, Set<string>>();
  return (scope) => {
    let chain = cache.get(scope);
    if (chain) return chain;
    chain = new Set<string>();
    for (let s: string | undefined = scope; s !== undefined && s !== ""; s = parent.get(s)) chain.add(s);
    cache.set(scope, chain);
    return chain;
  };
}

/** The containers (states with groups) that hold `scope`, at any depth. */
function ownersOf(graph: StateGraph): (scope: string) => Set<string> {
  const owner = new Map(graph.groups.map((g) => [g.id, g.owner]));
  const chain = scopeChain(graph);
  return (scope) => new Set([...chain(scope)].map((s) => owner.get(s) as string));
}

interface Obstacle {
  what: string;
  box: Box;
  /** The node, or the group, the box belongs to. */
  id: string;
}

/**
 * Every edge label that overlaps another label, a state (not one that contains the label), a
 * group's title strip, or a badge. `badges` are the pills as drawn, per state, in layout
 * coordinates. Returns one line per overlap.
 */
export function labelOverlaps(graph: StateGraph, layout: GraphLayout, badges: ReadonlyMap<string, readonly Box[]> = new Map(), groupHeader = 0): string[] {
  const edgeScope = new Map(graph.edges.map((e) => [e.id, e.scope]));
  const owners = ownersOf(graph);
  const chain = scopeChain(graph);
  const obstacles: Obstacle[] = [];
  for (const n of layout.nodes) obstacles.push({ what: `state ${n.id}`, box: n, id: n.id });
  for (const [id, list] of badges) for (const b of list) obstacles.push({ what: `badge of ${id}`, box: b, id });
  if (groupHeader > 0) for (const g of layout.groups) obstacles.push({ what: `title of ${g.id}`, box: { x: g.x, y: g.y, width: g.width, height: groupHeader }, id: g.id });
  const labels = layout.edges.filter((e) => e.label).map((e) => ({ id: e.id, box: shrink(e.label as Box) }));
  const grid = new Grid<Obstacle>(obstacles, (o) => o.box);
  const bad: string[] = [];
  for (const label of labels) {
    const scope = edgeScope.get(label.id) ?? "";
    const containers = owners(scope);
    const groups = chain(scope);
    for (const o of grid.near(label.box)) {
      // A label inside a Parallel or Map lies within its state's box and its group's frame,
      // but never on the group's title.
      if (containers.has(o.id) || (groups.has(o.id) && !o.what.startsWith("title"))) continue;
      if (overlaps(label.box, o.box)) bad.push(`label of ${label.id} overlaps ${o.what}`);
    }
  }
  const labelGrid = new Grid(labels, (l) => l.box);
  for (const a of labels) {
    for (const b of labelGrid.near(a.box)) if (a.id < b.id && overlaps(a.box, b.box)) bad.push(`label of ${a.id} overlaps label of ${b.id}`);
  }
  return bad;
}

/**
 * Edges whose route passes through a state other than its own two ends (and the containers
 * it lives in), or through a group it isn't inside of. One line per edge and box.
 */
export function edgesThroughBoxes(graph: StateGraph, layout: GraphLayout): string[] {
  const edges = new Map(graph.edges.map((e) => [e.id, e]));
  const owners = ownersOf(graph);
  const chain = scopeChain(graph);
  const obstacles: Obstacle[] = [
    ...layout.nodes.map((n) => ({ what: `state ${n.id}`, box: shrink(n), id: n.id })),
    ...layout.groups.map((g) => ({ what: `group ${g.id}`, box: shrink(g), id: g.id })),
  ];
  const grid = new Grid(obstacles, (o) => o.box);
  const bad: string[] = [];
  for (const placed of layout.edges) {
    const edge = edges.get(placed.id);
    if (!edge) continue;
    const containers = owners(edge.scope);
    const groups = chain(edge.scope);
    const hit = new Set<string>();
    for (let i = 1; i < placed.points.length; i++) {
      const a = placed.points[i - 1];
      const b = placed.points[i];
      for (const o of grid.near(segmentBox(a, b))) {
        if (o.id === edge.from || o.id === edge.to || containers.has(o.id) || groups.has(o.id) || hit.has(o.what)) continue;
        if (segmentCrossesBox(a, b, o.box)) hit.add(o.what);
      }
    }
    for (const what of hit) bad.push(`${placed.id} passes through ${what}`);
  }
  return bad;
}

/** How many edges pass through at least one box (the figure the bench reports). */
export function countEdgesThroughBoxes(graph: StateGraph, layout: GraphLayout): number {
  return new Set(edgesThroughBoxes(graph, layout).map((line) => line.slice(0, line.indexOf(" passes through ")))).size;
}

export function layoutArea(layout: Pick<GraphLayout, "width" | "height">): number {
  return layout.width * layout.height;
}

/** Liang–Barsky clipping: does the segment a→b enter the box's interior? */
export function segmentCrossesBox(a: Point, b: Point, box: Box): boolean {
  let t0 = 0;
  let t1 = 1;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const checks: Array<[number, number]> = [
    [-dx, a.x - box.x],
    [dx, box.x + box.width - a.x],
    [-dy, a.y - box.y],
    [dy, box.y + box.height - a.y],
  ];
  for (const [p, q] of checks) {
    if (p === 0) {
      if (q <= 0) return false;
      continue;
    }
    const r = q / p;
    if (p < 0) t0 = Math.max(t0, r);
    else t1 = Math.min(t1, r);
    if (t0 >= t1) return false;
  }
  return true;
}

function shrink(b: Box): Box {
  return { x: b.x + TOLERANCE, y: b.y + TOLERANCE, width: Math.max(0, b.width - 2 * TOLERANCE), height: Math.max(0, b.height - 2 * TOLERANCE) };
}

function segmentBox(a: Point, b: Point): Box {
  return { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), width: Math.abs(a.x - b.x), height: Math.abs(a.y - b.y) };
}

/** A uniform grid over boxes, so measuring a 2,000-state layout isn't quadratic. */
class Grid<T> {
  private readonly cells = new Map<string, T[]>();
  private readonly size = 200;
  constructor(
    items: readonly T[],
    private readonly boxOf: (item: T) => Box,
  ) {
    for (const item of items) for (const key of this.keys(boxOf(item))) (this.cells.get(key) ?? this.cells.set(key, []).get(key)!).push(item);
  }
  near(box: Box): Set<T> {
    const found = new Set<T>();
    for (const key of this.keys(box)) for (const item of this.cells.get(key) ?? []) found.add(item);
    return found;
  }
  private keys(b: Box): string[] {
    const keys: string[] = [];
    for (let i = Math.floor(b.x / this.size); i <= Math.floor((b.x + b.width) / this.size); i++) {
      for (let j = Math.floor(b.y / this.size); j <= Math.floor((b.y + b.height) / this.size); j++) keys.push(`${i},${j}`);
    }
    return keys;
  }
}
