import type { StateGraph } from "@/lib/asl";

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
