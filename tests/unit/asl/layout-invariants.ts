/** Properties every layout must have, as lists of violations (empty = fine) for clear failures. */
import { contains, overlaps } from "@/lib/asl/geometry";
import type { Box, GraphLayout, Point, StateGraph } from "@/lib/asl";

const EPS = 0.5;

export function overlappingNodes(graph: StateGraph, layout: GraphLayout): string[] {
  const scopeOf = new Map(graph.nodes.map((n) => [n.id, n.scope]));
  const byScope = new Map<string, GraphLayout["nodes"]>();
  for (const n of layout.nodes) {
    const scope = scopeOf.get(n.id) ?? "?";
    byScope.set(scope, [...(byScope.get(scope) ?? []), n]);
  }
  const bad: string[] = [];
  for (const nodes of byScope.values()) {
    for (let i = 0; i < nodes.length; i++) {
      for (let j = i + 1; j < nodes.length; j++) {
        if (overlaps(nodes[i], nodes[j])) bad.push(`${nodes[i].id} overlaps ${nodes[j].id}`);
      }
    }
  }
  return bad;
}

export function edgesOffTheirNodes(graph: StateGraph, layout: GraphLayout): string[] {
  const boxes = new Map(layout.nodes.map((n) => [n.id, n]));
  const placed = new Map(layout.edges.map((e) => [e.id, e]));
  const bad: string[] = [];
  for (const edge of graph.edges) {
    const p = placed.get(edge.id);
    const from = boxes.get(edge.from);
    const to = boxes.get(edge.to);
    if (!p || !from || !to) {
      bad.push(`${edge.id} (${edge.from} → ${edge.to}) not placed`);
      continue;
    }
    if (!onBorder(from, p.points[0])) bad.push(`${edge.id} starts off ${edge.from}`);
    if (!onBorder(to, p.points[p.points.length - 1])) bad.push(`${edge.id} ends off ${edge.to}`);
  }
  return bad;
}

export function groupsNotContainingChildren(graph: StateGraph, layout: GraphLayout): string[] {
  const nodeBoxes = new Map(layout.nodes.map((n) => [n.id, n]));
  const groupBoxes = new Map(layout.groups.map((g) => [g.id, g]));
  const bad: string[] = [];
  for (const group of graph.groups) {
    const box = groupBoxes.get(group.id);
    const owner = nodeBoxes.get(group.owner);
    if (!box || !owner) {
      bad.push(`${group.id} not placed`);
      continue;
    }
    if (!contains(owner, box)) bad.push(`${group.owner} does not contain ${group.id}`);
    for (const id of group.nodeIds) {
      const child = nodeBoxes.get(id);
      if (!child || !contains(box, child)) bad.push(`${group.id} does not contain ${id}`);
    }
  }
  return bad;
}

export function onBorder(box: Box, p: Point): boolean {
  const inside = p.x >= box.x - EPS && p.x <= box.x + box.width + EPS && p.y >= box.y - EPS && p.y <= box.y + box.height + EPS;
  const nearX = Math.abs(p.x - box.x) <= EPS || Math.abs(p.x - (box.x + box.width)) <= EPS;
  const nearY = Math.abs(p.y - box.y) <= EPS || Math.abs(p.y - (box.y + box.height)) <= EPS;
  return inside && (nearX || nearY);
}
