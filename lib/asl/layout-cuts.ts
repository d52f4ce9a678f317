/**
 * Where a layered drawing can be cut into pieces stacked one under the other. A state
 * machine is mostly a long spine with detours (a Choice and its branches, a Catch and its
 * handler) that join it again. A node that every path goes through (no link jumps over it in a
 * topological order) splits the graph: what lies above it never links to what lies below.
 * Laying out each piece on its own and putting the cut nodes on one vertical axis keeps a
 * 1,000-state machine from drifting sideways into a staircase, and costs time linear in the
 * number of pieces instead of one big crossing-minimisation over all of them.
 */

export interface CutLink {
  from: number;
  to: number;
}

/**
 * Kahn's topological order of `count` nodes (0..count-1), ties broken by index so the order
 * is the definition's where the graph leaves it free. Links must form a DAG.
 */
export function topologicalOrder(count: number, links: readonly CutLink[]): number[] {
  const indegree = new Array<number>(count).fill(0);
  const out: number[][] = Array.from({ length: count }, () => []);
  for (const l of links) {
    indegree[l.to]++;
    out[l.from].push(l.to);
  }
  // A binary heap would be O(log n) a step; the ready set stays tiny in practice, but keep it sorted cheaply.
  const ready: number[] = [];
  for (let i = count - 1; i >= 0; i--) if (indegree[i] === 0) ready.push(i);
  const order: number[] = [];
  while (ready.length > 0) {
    const n = ready.pop() as number;
    order.push(n);
    const before = ready.length;
    for (const m of out[n]) if (--indegree[m] === 0) ready.push(m);
    if (ready.length - before > 0) ready.sort((a, b) => b - a);
  }
  if (order.length !== count) throw new Error("topologicalOrder: the links have a cycle");
  return order;
}

/**
 * The positions (in `order`) of the cut nodes, first and last included. A node is a cut when
 * no link jumps over it. A source other than the first node counts as linked from the first,
 * and a sink other than the last as linked to the last, so every piece between two cuts hangs
 * from its top cut and drains into its bottom cut: each cut is then alone in its layer.
 */
export function cutPositions(order: readonly number[], links: readonly CutLink[]): number[] {
  const n = order.length;
  if (n === 0) return [];
  const pos = new Array<number>(n);
  order.forEach((node, i) => (pos[node] = i));
  // reach[i]: the furthest position a link starting at or before i gets to.
  const reach = new Array<number>(n).fill(0);
  const hasIn = new Array<boolean>(n).fill(false);
  const hasOut = new Array<boolean>(n).fill(false);
  for (const l of links) {
    const a = pos[l.from];
    const b = pos[l.to];
    reach[a] = Math.max(reach[a], b);
    hasOut[a] = true;
    hasIn[b] = true;
  }
  for (let i = 1; i < n; i++) if (!hasIn[i]) reach[0] = Math.max(reach[0], i);
  for (let i = 0; i < n - 1; i++) if (!hasOut[i]) reach[i] = Math.max(reach[i], n - 1);
  const cuts: number[] = [0];
  let furthest = reach[0];
  for (let i = 1; i < n; i++) {
    if (furthest <= i) cuts.push(i);
    furthest = Math.max(furthest, reach[i]);
  }
  if (cuts[cuts.length - 1] !== n - 1) cuts.push(n - 1);
  return cuts;
}
