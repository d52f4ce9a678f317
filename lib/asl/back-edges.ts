/**
 * Loops in a state machine (a Choice back to a Wait, a Catch back to an earlier state) make
 * the graph cyclic, which a layered layout can't take. A depth-first walk from each scope's
 * Start marks the edges that close a cycle as `back`; the layout reverses them and draws
 * them back. States the walk can't reach are walked afterwards, in declaration order, so
 * every cycle is broken.
 */
import type { StateEdge, StateNode } from "./types";

export function markBackEdges(nodes: readonly StateNode[], edges: StateEdge[]): void {
  const out = new Map<string, StateEdge[]>();
  for (const e of edges) {
    const list = out.get(e.from);
    if (list) list.push(e);
    else out.set(e.from, [e]);
  }
  // 1 = on the current path, 2 = finished.
  const mark = new Map<string, 1 | 2>();
  const roots = [...nodes.filter((n) => n.kind === "start"), ...nodes.filter((n) => n.kind !== "start")];
  for (const root of roots) {
    if (mark.has(root.id)) continue;
    // Iterative, since a 1,000-state chain would overflow the call stack.
    const stack: Array<{ id: string; next: number }> = [{ id: root.id, next: 0 }];
    mark.set(root.id, 1);
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const outgoing = out.get(top.id) ?? [];
      if (top.next >= outgoing.length) {
        mark.set(top.id, 2);
        stack.pop();
        continue;
      }
      const edge = outgoing[top.next++];
      const state = mark.get(edge.to);
      if (state === 1) edge.back = true;
      else if (state === undefined) {
        mark.set(edge.to, 1);
        stack.push({ id: edge.to, next: 0 });
      }
    }
  }
}
