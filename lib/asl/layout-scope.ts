/**
 * One scope (the machine, a Parallel branch, a Map processor) laid out on its own, top to
 * bottom. Edge labels are nodes of the layered graph, so the layout keeps them clear of states
 * and of each other the way it keeps states apart; every state's footprint includes the room
 * its badges may take. The graph is cut at the nodes every path goes through (layout-cuts.ts),
 * each piece is laid out by d3-dag's sugiyama, and the pieces are stacked on one axis. Edges are
 * routed so that they cross the space between layers only: straight down inside a layer (from
 * a port on the node, or through the slot sugiyama kept for a long edge), across in the gap.
 */
import {
  coordGreedy,
  coordSimplex,
  decrossTwoLayer,
  graph as dagGraph,
  layeringLongestPath,
  layeringSimplex,
  sugiyama,
  type MutGraphNode,
} from "d3-dag";
import { badgeOverhang } from "./badges";
import { cutPositions, topologicalOrder, type CutLink } from "./layout-cuts";
import type { Box, PlacedEdge, PlacedNode, Point } from "./layout-types";
import { GAP_X, GAP_Y, SELF_LOOP_REACH } from "./layout-metrics";
import { edgeLabelSize, edgeLabelText } from "./text-measure";
import type { StateEdge, StateNode } from "./types";

/**
 * Above this many items in one piece, the simplex operators (an LP each) cost more than the
 * picture gains: ~14 ms at 40 items, ~1 s at 400, against ~2 ms and ~20 ms for longest-path
 * layering with greedy coordinates. Cutting at the spine keeps most pieces far below it.
 */
const SIMPLEX_LIMIT = 40;

/** A state's drawn size and what it needs around it. */
export interface NodeFootprint {
  width: number;
  height: number;
  /** Rows of badges kept free under the box. */
  badgeRows: number;
}

export interface ScopeResult {
  width: number;
  height: number;
  nodes: PlacedNode[];
  edges: PlacedEdge[];
}

interface Item {
  /** Index of the state node, or -1 for an edge label. */
  node: number;
  width: number;
  height: number;
  /** The drawn box inside the footprint: its size (the footprint's top-left is the box's). */
  boxWidth: number;
  boxHeight: number;
}

interface Link extends CutLink {
  edge: number;
  /** For a labelled edge: 0 from the source to the label, 1 from the label on. */
  part: 0 | 1;
  /** Filled by the piece's layout: points between the layers, and where the ends' layers end. */
  inner: Point[];
  fromBandBottom: number;
  toBandTop: number;
}

export function layoutScope(nodes: readonly StateNode[], edges: readonly StateEdge[], footprints: ReadonlyMap<string, NodeFootprint>): ScopeResult {
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  const loopRoom = selfLoopRoom(edges);
  const items: Item[] = nodes.map((n, i) => {
    const f = footprints.get(n.id) ?? { width: 1, height: 1, badgeRows: 0 };
    return { node: i, width: f.width + (loopRoom.get(n.id) ?? 0), height: f.height + badgeOverhang(f.badgeRows), boxWidth: f.width, boxHeight: f.height };
  });
  const labels = new Map<number, { item: number; text: string }>();
  const links: Link[] = [];
  edges.forEach((edge, e) => {
    const a = index.get(edge.from);
    const b = index.get(edge.to);
    if (a === undefined || b === undefined || a === b) return;
    const [from, to] = edge.back ? [b, a] : [a, b];
    const text = edgeLabelText(edge);
    const blank = { inner: [], fromBandBottom: 0, toBandTop: 0 };
    if (!text) {
      links.push({ from, to, edge: e, part: 0, ...blank });
      return;
    }
    const size = edgeLabelSize(text);
    const item = items.push({ node: -1, width: size.width, height: size.height, boxWidth: size.width, boxHeight: size.height }) - 1;
    labels.set(e, { item, text });
    links.push({ from, to: item, edge: e, part: 0, ...blank }, { from: item, to, edge: e, part: 1, ...blank });
  });

  const centres = placePieces(items, links);
  const boxes = items.map((it, i) => ({ x: centres[i].x - it.width / 2, y: centres[i].y - it.height / 2, width: it.boxWidth, height: it.boxHeight }));
  const routes = routeLinks(items, links, boxes, centres);

  const placedNodes: PlacedNode[] = nodes.map((n, i) => ({ id: n.id, ...boxes[i], badgeRows: footprints.get(n.id)?.badgeRows ?? 0 }));
  const placedEdges: PlacedEdge[] = [];
  edges.forEach((edge, e) => {
    const a = index.get(edge.from);
    const b = index.get(edge.to);
    if (a === undefined || b === undefined) return;
    if (a === b) {
      placedEdges.push(selfLoop(edge, boxes[a], edges));
      return;
    }
    const label = labels.get(e);
    const parts = routes.get(e) ?? [];
    let points = parts.flat();
    if (edge.back) points = points.reverse();
    const placed: PlacedEdge = { id: edge.id, points, labelAt: label ? centres[label.item] : points[Math.floor(points.length / 2)], back: edge.back === true };
    if (label) placed.label = { text: label.text, ...boxes[label.item] };
    placedEdges.push(placed);
  });

  return normalise(items, centres, placedNodes, placedEdges);
}

/** Lay out each piece between two cut nodes and stack the pieces, cut nodes centred on x = 0. */
function placePieces(items: Item[], links: Link[]): Point[] {
  const centres: Point[] = items.map(() => ({ x: 0, y: 0 }));
  if (items.length === 0) return centres;
  const order = topologicalOrder(items.length, links);
  const cuts = cutPositions(order, links);
  const pos = new Array<number>(items.length);
  order.forEach((item, i) => (pos[item] = i));
  const pieceOf = new Array<number>(items.length).fill(0);
  for (let c = 0; c < cuts.length - 1; c++) for (let p = cuts[c]; p < cuts[c + 1]; p++) pieceOf[p] = c;
  const pieceLinks: Link[][] = cuts.map(() => []);
  for (const l of links) pieceLinks[pieceOf[pos[l.from]]].push(l);

  const first = order[cuts[0]];
  centres[first] = { x: 0, y: items[first].height / 2 };
  for (let c = 0; c < cuts.length - 1; c++) {
    const top = order[cuts[c]];
    const bottom = order[cuts[c + 1]];
    const inside = order.slice(cuts[c], cuts[c + 1] + 1);
    const own = pieceLinks[c];
    if (inside.length === 2 && own.length === 1) stackPair(items, own[0], top, bottom, centres);
    else layoutPiece(items, inside, own, top, bottom, centres);
  }
  return centres;
}

/** Two cut nodes and one link: the next one goes straight below. */
function stackPair(items: Item[], link: Link, top: number, bottom: number, centres: Point[]): void {
  const t = centres[top];
  const bandBottom = t.y + items[top].height / 2;
  centres[bottom] = { x: 0, y: bandBottom + GAP_Y + items[bottom].height / 2 };
  link.fromBandBottom = bandBottom;
  link.toBandTop = bandBottom + GAP_Y;
}

function layoutPiece(items: Item[], inside: number[], own: Link[], top: number, bottom: number, centres: Point[]): void {
  const dag = dagGraph<number, Link>();
  const dagNodes = new Map<number, MutGraphNode<number, Link>>();
  for (const i of inside) dagNodes.set(i, dag.node(i));
  const dagLinks = own.map((l) => dag.link(dagNodes.get(l.from)!, dagNodes.get(l.to)!, l));
  const size = (n: { data: number }) => [items[n.data].width, items[n.data].height] as const;
  const small = inside.length <= SIMPLEX_LIMIT;
  const layout = small
    ? sugiyama().layering(layeringSimplex()).decross(decrossTwoLayer()).coord(coordSimplex()).nodeSize(size).gap([GAP_X, GAP_Y])
    : // Two sweeps instead of the default 24: on a 60-way Choice 150 ms instead of 700, for the same drawing.
      sugiyama().layering(layeringLongestPath()).decross(decrossTwoLayer().passes(2)).coord(coordGreedy()).nodeSize(size).gap([GAP_X, GAP_Y]);
  layout(dag);

  const topNode = dagNodes.get(top)!;
  const dx = centres[top].x - topNode.x;
  const dy = centres[top].y - topNode.y;
  // Half the height of each layer, by its y: a layer is as tall as its tallest footprint.
  const half = new Map<number, number>();
  // The first piece's top layer also holds the states nothing leads to, so it is measured too.
  for (const [i, dn] of dagNodes) {
    half.set(dn.y, Math.max(half.get(dn.y) ?? 0, items[i].height / 2));
    if (i !== top) centres[i] = { x: dn.x + dx, y: dn.y + dy };
  }
  // A cut between two pieces is alone in its layer (see cutPositions), so it moves onto the
  // axis freely; the scope's last node may share its layer with a state that ends nowhere.
  const bottomY = dagNodes.get(bottom)!.y;
  const alone = [...dagNodes.values()].every((dn) => dn.data === bottom || dn.y !== bottomY) && dagLinks.every((dl) => dl.points.every(([, y], k) => k === dl.points.length - 1 || y !== bottomY));
  if (alone) centres[bottom] = { x: centres[top].x, y: centres[bottom].y };

  for (const dl of dagLinks) {
    const l = dl.data;
    const pts = dl.points;
    const fromY = dl.source.y;
    const toY = dl.target.y;
    l.fromBandBottom = fromY + (half.get(fromY) ?? 0) + dy;
    l.toBandTop = toY - (half.get(toY) ?? 0) + dy;
    const inner: Point[] = [];
    for (let k = 1; k < pts.length - 1; k++) {
      const [x, y] = pts[k];
      const h = half.get(y);
      // A point on a layer is the slot kept for the long edge: go straight through the layer.
      // Any other point lies between layers, where nothing is drawn.
      if (h === undefined) inner.push({ x: x + dx, y: y + dy });
      else inner.push({ x: x + dx, y: y - h + dy }, { x: x + dx, y: y + h + dy });
    }
    l.inner = inner;
  }
}

/**
 * Each link from a port on its source's bottom edge to one on its target's top edge. A node's
 * ports are spread over its width in the order of where the links go, so edges leaving one
 * state don't start on top of each other.
 */
function routeLinks(items: Item[], links: Link[], boxes: Box[], centres: Point[]): Map<number, Point[][]> {
  const outs = new Map<number, Link[]>();
  const ins = new Map<number, Link[]>();
  for (const l of links) {
    (outs.get(l.from) ?? outs.set(l.from, []).get(l.from)!).push(l);
    (ins.get(l.to) ?? ins.set(l.to, []).get(l.to)!).push(l);
  }
  const outPort = new Map<Link, number>();
  const inPort = new Map<Link, number>();
  const spread = (item: number, list: Link[], toward: (l: Link) => number, ports: Map<Link, number>) => {
    const box = boxes[item];
    if (items[item].node < 0) {
      for (const l of list) ports.set(l, centres[item].x);
      return;
    }
    const sorted = [...list].sort((a, b) => toward(a) - toward(b));
    sorted.forEach((l, i) => ports.set(l, box.x + (box.width * (i + 1)) / (sorted.length + 1)));
  };
  for (const [item, list] of outs) spread(item, list, (l) => (l.inner[0] ?? centres[l.to]).x, outPort);
  for (const [item, list] of ins) spread(item, list, (l) => (l.inner[l.inner.length - 1] ?? centres[l.from]).x, inPort);

  const routes = new Map<number, Point[][]>();
  for (const l of links) {
    const from = boxes[l.from];
    const to = boxes[l.to];
    const px = outPort.get(l) as number;
    const qx = inPort.get(l) as number;
    const pts = dedupe([
      { x: px, y: from.y + from.height },
      { x: px, y: l.fromBandBottom },
      ...l.inner,
      { x: qx, y: l.toBandTop },
      { x: qx, y: to.y },
    ]);
    const parts = routes.get(l.edge) ?? routes.set(l.edge, []).get(l.edge)!;
    parts[l.part] = pts;
  }
  return routes;
}

/** Room to the right of each state for its loops back into itself, with their labels. */
function selfLoopRoom(edges: readonly StateEdge[]): Map<string, number> {
  const room = new Map<string, number>();
  for (const e of edges) if (e.from === e.to) room.set(e.from, (room.get(e.from) ?? 2) + SELF_LOOP_REACH + loopLabelWidth(e));
  return room;
}

function loopLabelWidth(edge: StateEdge): number {
  const text = edgeLabelText(edge);
  return text ? edgeLabelSize(text).width : 0;
}

/** A loop out of the state's right side and back in, its label (if any) beside it. */
function selfLoop(edge: StateEdge, box: Box, edges: readonly StateEdge[]): PlacedEdge {
  // A second loop on the same state goes round the first one and its label.
  let offset = 0;
  for (const other of edges) {
    if (other === edge) break;
    if (other.from === edge.from && other.to === edge.to) offset += SELF_LOOP_REACH + loopLabelWidth(other);
  }
  const right = box.x + box.width;
  const reach = right + offset + SELF_LOOP_REACH;
  const fromY = box.y + box.height * 0.7;
  const toY = box.y + box.height * 0.3;
  const points = [
    { x: right, y: fromY },
    { x: reach, y: fromY },
    { x: reach, y: toY },
    { x: right, y: toY },
  ];
  const text = edgeLabelText(edge);
  const placed: PlacedEdge = { id: edge.id, points, labelAt: { x: reach, y: (fromY + toY) / 2 }, back: true };
  if (text) {
    const size = edgeLabelSize(text);
    const x = reach + 1;
    placed.labelAt = { x: x + size.width / 2, y: (fromY + toY) / 2 };
    placed.label = { text, x, y: placed.labelAt.y - size.height / 2, ...size };
  }
  return placed;
}

/** Shift everything so the scope's top-left corner is (0, 0). */
function normalise(items: Item[], centres: Point[], nodes: PlacedNode[], edges: PlacedEdge[]): ScopeResult {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  items.forEach((it, i) => {
    minX = Math.min(minX, centres[i].x - it.width / 2);
    maxX = Math.max(maxX, centres[i].x + it.width / 2);
    minY = Math.min(minY, centres[i].y - it.height / 2);
    maxY = Math.max(maxY, centres[i].y + it.height / 2);
  });
  for (const e of edges) {
    for (const p of e.points) {
      minX = Math.min(minX, p.x);
      maxX = Math.max(maxX, p.x);
      minY = Math.min(minY, p.y);
      maxY = Math.max(maxY, p.y);
    }
    if (e.label) maxX = Math.max(maxX, e.label.x + e.label.width);
  }
  if (!Number.isFinite(minX)) return { width: 0, height: 0, nodes, edges };
  const sx = -minX;
  const sy = -minY;
  return {
    width: maxX - minX,
    height: maxY - minY,
    nodes: nodes.map((n) => ({ ...n, x: n.x + sx, y: n.y + sy })),
    edges: edges.map((e) => ({
      ...e,
      points: e.points.map((p) => ({ x: p.x + sx, y: p.y + sy })),
      labelAt: { x: e.labelAt.x + sx, y: e.labelAt.y + sy },
      ...(e.label ? { label: { ...e.label, x: e.label.x + sx, y: e.label.y + sy } } : {}),
    })),
  };
}

function dedupe(points: Point[]): Point[] {
  const out: Point[] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (last && Math.abs(last.x - p.x) < 0.01 && Math.abs(last.y - p.y) < 0.01) continue;
    // Drop the middle of three points on one vertical line.
    const prev = out[out.length - 2];
    if (last && prev && Math.abs(prev.x - last.x) < 0.01 && Math.abs(last.x - p.x) < 0.01) out[out.length - 1] = p;
    else out.push(p);
  }
  return out;
}
