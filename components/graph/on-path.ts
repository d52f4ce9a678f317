/**
 * Which nodes and edges the execution went through, from an overlay that only speaks of
 * states: a Start or End node is on the path when a state next to it is, and an edge when
 * both its ends are.
 */
import { isSyntheticId, lookup, type GraphOverlay, type StateGraph } from "@/lib/asl";

export interface PathHighlight {
  nodes: ReadonlySet<string>;
  edges: ReadonlySet<string>;
}

export function pathHighlight(graph: StateGraph, overlay: GraphOverlay | undefined): PathHighlight {
  const nodes = new Set<string>();
  const edges = new Set<string>();
  if (!overlay) return { nodes, edges };
  for (const n of graph.nodes) if (n.kind === "state" && lookup(overlay, n.id)?.onPath) nodes.add(n.id);
  for (const e of graph.edges) {
    if (e.kind === "end" && nodes.has(e.from)) nodes.add(e.to);
  }
  for (const e of graph.edges) {
    const fromStart = isSyntheticId(e.from) && nodes.has(e.to);
    if (fromStart) nodes.add(e.from);
  }
  for (const e of graph.edges) if (nodes.has(e.from) && nodes.has(e.to)) edges.add(e.id);
  return { nodes, edges };
}
