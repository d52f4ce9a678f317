/**
 * State graph → positions, top to bottom like the AWS console. Each scope (the machine, each
 * Parallel branch, each Map processor) is laid out on its own with d3-dag's sugiyama, inner
 * scopes first: a group's size becomes its owner's size in the parent's layout, and the group
 * is then placed inside the owner. Back edges are reversed for the layout and drawn back.
 */
import {
  coordGreedy,
  coordSimplex,
  decrossTwoLayer,
  graph as dagGraph,
  layeringLongestPath,
  layeringSimplex,
  sugiyama,
  type MutGraphLink,
} from "d3-dag";
import { borderPoint, midpoint } from "./geometry";
import type { Box, GraphLayout, PlacedEdge, PlacedGroup, PlacedNode, Point } from "./layout-types";
import {
  CONTAINER_HEADER,
  CONTAINER_PADDING,
  GAP_X,
  GAP_Y,
  GROUP_GAP,
  GROUP_HEADER,
  GROUP_PADDING,
  SELF_LOOP_REACH,
  plainNodeSize,
} from "./layout-metrics";
import { ROOT_SCOPE, type StateEdge, type StateGraph, type StateGroup, type StateNode } from "./types";

/**
 * Above this many nodes in one scope, the simplex operators (an LP each) cost more than the
 * picture gains: measured here, 40 nodes take ~14 ms with them and ~2 ms with longest-path
 * layering and greedy coordinates; 400 nodes ~1 s against ~20 ms.
 */
const SIMPLEX_LIMIT = 40;

/**
 * One scope's layout in its own coordinates. Inner scopes stay relative (`nested`) until the
 * end, so a deep machine is shifted into place once, not once per level.
 */
interface ScopeLayout {
  width: number;
  height: number;
  nodes: PlacedNode[];
  groups: PlacedGroup[];
  edges: PlacedEdge[];
  nested: Array<{ layout: ScopeLayout; dx: number; dy: number }>;
}

interface Index {
  nodesByScope: Map<string, StateNode[]>;
  edgesByScope: Map<string, StateEdge[]>;
  groups: Map<string, StateGroup>;
}

export function layoutStateGraph(graph: StateGraph): GraphLayout {
  const index: Index = {
    nodesByScope: groupBy(graph.nodes, (n) => n.scope),
    edgesByScope: groupBy(graph.edges, (e) => e.scope),
    groups: new Map(graph.groups.map((g) => [g.id, g])),
  };
  const root = layoutScope(ROOT_SCOPE, index);
  const out: GraphLayout = { width: root.width, height: root.height, nodes: [], groups: [], edges: [] };
  flatten(root, 0, 0, out);
  return out;
}

function layoutScope(scope: string, index: Index): ScopeLayout {
  const nodes = index.nodesByScope.get(scope) ?? [];
  const edges = index.edgesByScope.get(scope) ?? [];
  const sizes = new Map<string, { width: number; height: number }>();
  const inner = new Map<string, ScopeLayout[]>();
  for (const node of nodes) {
    const groups = (node.groups ?? []).map((id) => frameGroup(layoutScope(id, index)));
    if (groups.length > 0) inner.set(node.id, groups);
    sizes.set(node.id, groups.length > 0 ? containerSize(node, groups) : plainNodeSize(node));
  }

  const placed = isChain(nodes, edges)
    ? stackChain(nodes, edges, sizes)
    : sugiyamaScope(nodes, edges, sizes);
  return placeGroups(nodes, inner, placed);
}

interface Placed {
  boxes: Map<string, Box>;
  layout: ScopeLayout;
}

/**
 * Most branches and processors are plain chains; stacking them is what sugiyama would do,
 * without its per-call cost (an LP solve even for three nodes).
 */
function stackChain(nodes: StateNode[], edges: StateEdge[], sizes: Map<string, { width: number; height: number }>): Placed {
  const next = new Map(edges.map((e) => [e.from, e]));
  const hasIncoming = new Set(edges.map((e) => e.to));
  const width = Math.max(...nodes.map((n) => sizes.get(n.id)?.width ?? 1));
  const boxes = new Map<string, Box>();
  const placedNodes: PlacedNode[] = [];
  let current: string | undefined = nodes.find((n) => !hasIncoming.has(n.id))?.id;
  let y = 0;
  while (current !== undefined) {
    const s = sizes.get(current) ?? { width: 1, height: 1 };
    const box = { x: (width - s.width) / 2, y, width: s.width, height: s.height };
    boxes.set(current, box);
    placedNodes.push({ id: current, ...box });
    y += s.height + GAP_Y;
    current = next.get(current)?.to;
  }
  const placedEdges = edges.map((e) => {
    const from = boxes.get(e.from) as Box;
    const to = boxes.get(e.to) as Box;
    const points = [
      { x: from.x + from.width / 2, y: from.y + from.height },
      { x: to.x + to.width / 2, y: to.y },
    ];
    return { id: e.id, points, labelAt: midpoint(points), back: false };
  });
  return { boxes, layout: { width, height: Math.max(0, y - GAP_Y), nodes: placedNodes, groups: [], edges: placedEdges, nested: [] } };
}

function isChain(nodes: StateNode[], edges: StateEdge[]): boolean {
  if (nodes.length === 0 || edges.length !== nodes.length - 1) return false;
  const ids = new Set(nodes.map((n) => n.id));
  const outs = new Set<string>();
  const ins = new Set<string>();
  for (const e of edges) {
    if (e.back || e.from === e.to || !ids.has(e.from) || !ids.has(e.to)) return false;
    if (outs.has(e.from) || ins.has(e.to)) return false;
    outs.add(e.from);
    ins.add(e.to);
  }
  // n-1 edges, in and out degrees at most 1 and no cycle: a single path.
  return nodes.filter((n) => !ins.has(n.id)).length === 1;
}

function sugiyamaScope(nodes: StateNode[], edges: StateEdge[], sizes: Map<string, { width: number; height: number }>): Placed {
  const dag = dagGraph<string, StateEdge>();
  const dagNodes = new Map(nodes.map((n) => [n.id, dag.node(n.id)]));
  const links = new Map<string, MutGraphLink<string, StateEdge>>();
  for (const edge of edges) {
    if (edge.from === edge.to) continue;
    const from = dagNodes.get(edge.from);
    const to = dagNodes.get(edge.to);
    if (!from || !to) continue;
    links.set(edge.id, edge.back ? dag.link(to, from, edge) : dag.link(from, to, edge));
  }
  const nodeSize = (n: { data: string }) => {
    const s = sizes.get(n.data) ?? { width: 1, height: 1 };
    return [s.width, s.height] as const;
  };
  const big = nodes.length > SIMPLEX_LIMIT;
  const layout = big
    ? sugiyama().layering(layeringLongestPath()).decross(decrossTwoLayer()).coord(coordGreedy()).nodeSize(nodeSize).gap([GAP_X, GAP_Y])
    : sugiyama().layering(layeringSimplex()).decross(decrossTwoLayer()).coord(coordSimplex()).nodeSize(nodeSize).gap([GAP_X, GAP_Y]);
  const size = nodes.length > 0 ? layout(dag) : { width: 0, height: 0 };

  const boxes = new Map<string, Box>();
  const placedNodes: PlacedNode[] = [];
  for (const dn of dag.nodes()) {
    const s = sizes.get(dn.data) ?? { width: 1, height: 1 };
    const box = { x: dn.x - s.width / 2, y: dn.y - s.height / 2, width: s.width, height: s.height };
    boxes.set(dn.data, box);
    placedNodes.push({ id: dn.data, ...box });
  }

  let width = size.width;
  const pairs = new Set(edges.filter((e) => !e.back).map((e) => pairKey(e.from, e.to)));
  const placedEdges: PlacedEdge[] = [];
  for (const edge of edges) {
    const from = boxes.get(edge.from);
    const to = boxes.get(edge.to);
    if (!from || !to) continue;
    const link = links.get(edge.id);
    // A back edge to the layer just above would lie on the forward edge: draw it beside.
    // (Between adjacent layers d3-dag gives 2 control points, or 3 when a forward edge joins the same pair.)
    const adjacent = link !== undefined && (link.points.length === 2 || (link.points.length === 3 && pairs.has(pairKey(edge.to, edge.from))));
    const beside = !link || (edge.back === true && adjacent);
    const points = beside ? loopBeside(from, to) : routeAlong(link.points, edge.back === true, from, to);
    if (beside) width = Math.max(width, ...points.map((p) => p.x + 2));
    placedEdges.push({ id: edge.id, points, labelAt: beside ? points[1] : midpoint(points), back: edge.back === true });
  }

  return { boxes, layout: { width, height: size.height, nodes: placedNodes, groups: [], edges: placedEdges, nested: [] } };
}

function placeGroups(nodes: StateNode[], inner: Map<string, ScopeLayout[]>, placed: Placed): ScopeLayout {
  const { boxes, layout } = placed;
  const placedGroups = layout.groups;
  for (const node of nodes) {
    const groups = inner.get(node.id);
    const box = boxes.get(node.id);
    if (!groups || !box) continue;
    let x = box.x + CONTAINER_PADDING;
    const y = box.y + CONTAINER_HEADER;
    (node.groups ?? []).forEach((groupId, i) => {
      const g = groups[i];
      placedGroups.push({ id: groupId, x, y, width: g.width, height: g.height });
      layout.nested.push({ layout: g, dx: x, dy: y });
      x += g.width + GROUP_GAP;
    });
  }
  return layout;
}

/** A group's own frame: its label on top, padding around its content. */
function frameGroup(content: ScopeLayout): ScopeLayout {
  return {
    width: content.width + 2 * GROUP_PADDING,
    height: content.height + GROUP_HEADER + 2 * GROUP_PADDING,
    nodes: [],
    groups: [],
    edges: [],
    nested: [{ layout: content, dx: GROUP_PADDING, dy: GROUP_HEADER + GROUP_PADDING }],
  };
}

function containerSize(node: StateNode, groups: ScopeLayout[]): { width: number; height: number } {
  const content = groups.reduce((w, g) => w + g.width, 0) + GROUP_GAP * (groups.length - 1);
  const height = Math.max(...groups.map((g) => g.height));
  return {
    width: Math.max(plainNodeSize(node).width, content + 2 * CONTAINER_PADDING),
    height: CONTAINER_HEADER + height + CONTAINER_PADDING,
  };
}

function flatten(layout: ScopeLayout, dx: number, dy: number, out: GraphLayout): void {
  for (const n of layout.nodes) out.nodes.push({ ...n, x: n.x + dx, y: n.y + dy });
  for (const g of layout.groups) out.groups.push({ ...g, x: g.x + dx, y: g.y + dy });
  for (const e of layout.edges) {
    out.edges.push({ ...e, points: e.points.map((p) => ({ x: p.x + dx, y: p.y + dy })), labelAt: { x: e.labelAt.x + dx, y: e.labelAt.y + dy } });
  }
  for (const child of layout.nested) flatten(child.layout, dx + child.dx, dy + child.dy, out);
}

/** d3-dag's control points run centre to centre; ours run border to border, source to target. */
function routeAlong(controlPoints: [number, number][], back: boolean, from: Box, to: Box): Point[] {
  const pts = controlPoints.map(([x, y]) => ({ x, y }));
  if (back) pts.reverse();
  if (pts.length < 2) return [borderPoint(from, centre(to)), borderPoint(to, centre(from))];
  const first = borderPoint(from, pts[1]);
  const last = borderPoint(to, pts[pts.length - 2]);
  return [first, ...pts.slice(1, -1), last];
}

/**
 * A loop back to the same state, or to the state just above, drawn out to the right so it
 * doesn't lie on top of the forward edge.
 */
function loopBeside(from: Box, to: Box): Point[] {
  const reach = Math.max(from.x + from.width, to.x + to.width) + SELF_LOOP_REACH;
  const fromY = from === to ? from.y + from.height * 0.7 : from.y + from.height / 2;
  const toY = from === to ? to.y + to.height * 0.3 : to.y + to.height / 2;
  return [
    { x: from.x + from.width, y: fromY },
    { x: reach, y: fromY },
    { x: reach, y: toY },
    { x: to.x + to.width, y: toY },
  ];
}

function pairKey(from: string, to: string): string {
  return `${from}\u0000${to}`;
}

function centre(box: Box): Point {
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}
