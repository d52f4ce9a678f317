import { lookup, overlayFromRuns, type GraphOverlay, type StateGraph } from "@/lib/asl";
import type { ChildStateOutcome, MapRunReport } from "@/lib/contract/api";
import type { ExecutionModel } from "@/lib/history/model";
import { worseStatus } from "@/lib/history/status-rank";

/**
 * States that run in child executions rather than in this one: everything inside a
 * distributed Map's processor (to any depth). The parent history only has MapRun* events for
 * them, so their absence from it says nothing about whether they ran.
 */
export function statesInChildExecutions(graph: StateGraph): Set<string> {
  const mapModeOf = new Map(graph.nodes.map((n) => [n.id, n.mapMode]));
  const inside = new Set<string>();
  const distributedGroups = new Set(graph.groups.filter((g) => mapModeOf.get(g.owner) === "distributed").map((g) => g.id));
  // Nested groups are owned by states inside an outer group: widen until nothing changes.
  let grew = true;
  while (grew) {
    grew = false;
    for (const group of graph.groups) {
      if (!distributedGroups.has(group.id) && inside.has(group.owner)) {
        distributedGroups.add(group.id);
        grew = true;
      }
    }
    for (const node of graph.nodes) {
      if (node.kind === "state" && distributedGroups.has(node.scope) && !inside.has(node.id)) {
        inside.add(node.id);
        grew = true;
      }
    }
  }
  return inside;
}

/**
 * Each state's outcome over the child executions read: the worst in any child (the one status
 * rank), how many children entered it and in
 * how many it failed, and its longest run in one child.
 */
export function childStateOutcomes(children: readonly ExecutionModel[]): Record<string, ChildStateOutcome> {
  const out: Record<string, ChildStateOutcome> = Object.create(null) as Record<string, ChildStateOutcome>;
  for (const child of children) {
    const seen = new Set<string>();
    const failedIn = new Set<string>();
    for (const run of child.runs) {
      seen.add(run.name);
      if (run.status === "failed" || run.status === "timed_out") failedIn.add(run.name);
    }
    const own = overlayFromRuns(child.runs);
    for (const name of seen) {
      const o = out[name] ?? (out[name] = { status: "not_reached", children: 0, failed: 0, retries: 0 });
      o.children++;
      const state = lookup(own, name);
      if (state?.status) o.status = worseStatus(o.status, state.status);
      if (failedIn.has(name)) o.failed++;
      o.retries += state?.retries ?? 0;
      if (state?.durationMs !== undefined) o.longestMs = Math.max(o.longestMs ?? 0, state.durationMs);
    }
  }
  return out;
}

/**
 * The parent's overlay with the processor's states coloured by their outcome over the children
 * (from every map run's report), instead of being left blank or called 'not reached'. The badge
 * counts children: `count` entered the state, `failures` failed in it.
 */
export function withChildOutcomes(overlay: GraphOverlay, reports: readonly Pick<MapRunReport, "states">[]): GraphOverlay {
  if (reports.length === 0) return overlay;
  const merged: GraphOverlay = Object.assign(Object.create(null) as GraphOverlay, overlay);
  const seenInReports = new Set<string>();
  for (const report of reports) {
    for (const [name, outcome] of Object.entries(report.states)) {
      const before = lookup(merged, name);
      merged[name] = {
        ...before,
        // A Map run more than once (a loop) has a report per run: the worst outcome shows.
        status: before?.status && seenInReports.has(name) ? worseStatus(before.status, outcome.status) : outcome.status,
        onPath: true,
        count: (before?.count ?? 0) + outcome.children,
        failures: (before?.failures ?? 0) + outcome.failed,
        retries: (before?.retries ?? 0) + outcome.retries,
        durationMs: outcome.longestMs === undefined ? before?.durationMs : Math.max(before?.durationMs ?? 0, outcome.longestMs),
        durationIsMax: true,
      };
      seenInReports.add(name);
    }
  }
  return merged;
}

/**
 * The distributed Map whose child executions run `stateName`: the outermost one around it (the
 * parent's history has map runs only for its own distributed Maps). Undefined for a state the
 * execution runs itself.
 */
export function distributedMapOf(graph: StateGraph, stateName: string): string | undefined {
  const groups = new Map(graph.groups.map((g) => [g.id, g]));
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  let scope = nodes.get(stateName)?.scope;
  let found: string | undefined;
  for (let depth = 0; scope !== undefined && depth < 100; depth++) {
    const group = groups.get(scope);
    if (!group) break;
    if (nodes.get(group.owner)?.mapMode === "distributed") found = group.owner;
    scope = group.parentScope;
  }
  return found;
}

/**
 * Processor states no child entered, marked 'not reached' — but only when that is known: the
 * map run is over and every child's history was read. With a sample, a state missing from it
 * may still have run in a child not read, so it is left blank.
 */
export function markNotReachedInChildren(
  overlay: GraphOverlay,
  graph: StateGraph | undefined,
  model: ExecutionModel,
  reports: readonly Pick<MapRunReport, "mapRun" | "states" | "histories">[],
): GraphOverlay {
  if (!graph || reports.length === 0) return overlay;
  const fullyRead = new Set<string>();
  for (const report of reports) {
    const over = report.mapRun.status !== "RUNNING";
    if (!over || report.histories.read < report.histories.of) continue;
    const map = model.runs.find((r) => r.mapRun?.mapRunArn === report.mapRun.arn)?.name;
    if (map) fullyRead.add(map);
  }
  if (fullyRead.size === 0) return overlay;
  const out: GraphOverlay = Object.assign(Object.create(null) as GraphOverlay, overlay);
  for (const name of statesInChildExecutions(graph)) {
    const owner = distributedMapOf(graph, name);
    if (owner && fullyRead.has(owner) && lookup(out, name)?.status === undefined) out[name] = { status: "not_reached", onPath: false };
  }
  return out;
}
