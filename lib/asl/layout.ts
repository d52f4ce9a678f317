/**
 * State graph → positions, top to bottom like the AWS console. Each scope (the machine, each
 * Parallel branch, each Map processor) is laid out on its own (layout-scope.ts), inner scopes
 * first: a group's size becomes its owner's size in the parent's layout, and the group is then
 * placed inside the owner. Back edges are reversed for the layout and drawn back.
 */
import { reservedBadgeRows } from "./badges";
import type { GraphLayout, PlacedEdge, PlacedGroup, PlacedNode } from "./layout-types";
import { CONTAINER_HEADER, CONTAINER_PADDING, GROUP_GAP, GROUP_HEADER, GROUP_PADDING, plainNodeSize } from "./layout-metrics";
import { layoutScope as layoutOneScope, type NodeFootprint } from "./layout-scope";
import { ROOT_SCOPE, type StateEdge, type StateGraph, type StateNode } from "./types";

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
  catchTargets: Map<string, string[]>;
}

export function layoutStateGraph(graph: StateGraph): GraphLayout {
  const catchTargets = new Map<string, string[]>();
  for (const e of graph.edges) if (e.kind === "catch") (catchTargets.get(e.from) ?? catchTargets.set(e.from, []).get(e.from)!).push(e.to);
  const index: Index = {
    nodesByScope: groupBy(graph.nodes, (n) => n.scope),
    edgesByScope: groupBy(graph.edges, (e) => e.scope),
    catchTargets,
  };
  const root = layoutScope(ROOT_SCOPE, index);
  const out: GraphLayout = { width: root.width, height: root.height, nodes: [], groups: [], edges: [] };
  flatten(root, 0, 0, out);
  return out;
}

function layoutScope(scope: string, index: Index): ScopeLayout {
  const nodes = index.nodesByScope.get(scope) ?? [];
  const edges = index.edgesByScope.get(scope) ?? [];
  const footprints = new Map<string, NodeFootprint>();
  const inner = new Map<string, ScopeLayout[]>();
  for (const node of nodes) {
    const groups = (node.groups ?? []).map((id) => frameGroup(layoutScope(id, index)));
    if (groups.length > 0) inner.set(node.id, groups);
    const size = groups.length > 0 ? containerSize(node, groups) : plainNodeSize(node);
    footprints.set(node.id, { ...size, badgeRows: reservedBadgeRows(node, size.width, index.catchTargets.get(node.id) ?? []) });
  }
  const placed = layoutOneScope(nodes, edges, footprints);
  const layout: ScopeLayout = { width: placed.width, height: placed.height, nodes: placed.nodes, groups: [], edges: placed.edges, nested: [] };
  placeGroups(nodes, inner, layout);
  return layout;
}

function placeGroups(nodes: StateNode[], inner: Map<string, ScopeLayout[]>, layout: ScopeLayout): void {
  const boxes = new Map(layout.nodes.map((n) => [n.id, n]));
  for (const node of nodes) {
    const groups = inner.get(node.id);
    const box = boxes.get(node.id);
    if (!groups || !box) continue;
    let x = box.x + CONTAINER_PADDING;
    const y = box.y + CONTAINER_HEADER;
    (node.groups ?? []).forEach((groupId, i) => {
      const g = groups[i];
      layout.groups.push({ id: groupId, x, y, width: g.width, height: g.height });
      layout.nested.push({ layout: g, dx: x, dy: y });
      x += g.width + GROUP_GAP;
    });
  }
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
    const moved: PlacedEdge = { ...e, points: e.points.map((p) => ({ x: p.x + dx, y: p.y + dy })), labelAt: { x: e.labelAt.x + dx, y: e.labelAt.y + dy } };
    if (e.label) moved.label = { ...e.label, x: e.label.x + dx, y: e.label.y + dy };
    out.edges.push(moved);
  }
  for (const child of layout.nested) flatten(child.layout, dx + child.dx, dy + child.dy, out);
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
