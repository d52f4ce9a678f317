/**
 * The path the execution took, as edges of the graph. A state run followed by another in the
 * same scope (the top level, one Parallel branch, one Map iteration: runs in one scope happen
 * one after another) is a transition that happened; an edge is drawn as taken only when it is
 * one. Two states that both ran are not enough: after a Choice that went to Review, the Default
 * edge to Charge is not taken even though Charge ran later.
 */
import { endNodeId, isSyntheticId, lookup, type GraphOverlay, type StateGraph } from "@/lib/asl";
import type { StateRun } from "@/lib/history/model";

export interface Transitions {
  /** States entered right after this one in its scope, when it exited normally. */
  next: string[];
  /** States entered right after this one when a Catch sent the execution on. */
  caught: string[];
  /** A run of this state was the last of its scope and ended it (End: true, Succeed, Fail). */
  endsScope: boolean;
}

/** Transitions per state name, from the runs of one execution (nested ones included). */
export function transitionsOf(runs: readonly StateRun[]): Map<string, Transitions> {
  const out = new Map<string, Transitions>();
  const get = (name: string) => {
    let t = out.get(name);
    if (!t) out.set(name, (t = { next: [], caught: [], endsScope: false }));
    return t;
  };
  const lastInScope = new Map<string, StateRun>();
  for (const run of runs) {
    // Every state that ran has an entry, so one that failed or was aborted (nothing followed it
    // and it ended no scope) takes no edge, rather than every edge whose far end ran.
    get(run.name);
    const scope = `${run.parentPath ?? ""}\u0000${run.branch ?? ""}\u0000${run.iteration ?? ""}`;
    const before = lastInScope.get(scope);
    if (before) {
      const list = before.status === "caught" ? get(before.name).caught : get(before.name).next;
      if (!list.includes(run.name)) list.push(run.name);
    }
    lastInScope.set(scope, run);
  }
  for (const run of lastInScope.values()) {
    if (run.status === "succeeded" || run.type === "Fail") get(run.name).endsScope = true;
  }
  return out;
}

/**
 * Gives each state of an overlay the transitions its runs made, so the graph draws an edge as
 * taken only where it was followed. The execution page and the compare page (B's path) both
 * go through here.
 */
export function withTransitions(overlay: GraphOverlay, runs: readonly StateRun[]): GraphOverlay {
  for (const [name, t] of transitionsOf(runs)) if (overlay[name]) overlay[name].transitions = t;
  return overlay;
}

export interface PathHighlight {
  nodes: ReadonlySet<string>;
  edges: ReadonlySet<string>;
}

/**
 * Which nodes and edges to draw as the path taken. With transitions (the execution page) an edge
 * is taken only when its transition happened; an overlay without them (a comparison, which
 * speaks only of states) falls back to "both ends ran".
 */
export function pathHighlight(graph: StateGraph, overlay: GraphOverlay | undefined): PathHighlight {
  const nodes = new Set<string>();
  const edges = new Set<string>();
  if (!overlay) return { nodes, edges };
  for (const n of graph.nodes) if (n.kind === "state" && lookup(overlay, n.id)?.onPath) nodes.add(n.id);
  for (const e of graph.edges) {
    if (!taken(e, overlay, nodes)) continue;
    edges.add(e.id);
    nodes.add(e.from);
    nodes.add(e.to);
  }
  return { nodes, edges };
}

function taken(e: StateGraph["edges"][number], overlay: GraphOverlay, ran: ReadonlySet<string>): boolean {
  if (isSyntheticId(e.from)) return ran.has(e.to);
  const from = lookup(overlay, e.from);
  if (!from?.onPath) return false;
  const t = from.transitions;
  if (!t) return e.to === endNodeId(e.scope) ? true : ran.has(e.to);
  if (e.kind === "end") return t.endsScope;
  return (e.kind === "catch" ? t.caught : t.next).includes(e.to);
}
