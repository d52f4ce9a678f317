/** Which state a big graph opens around: the one that failed the execution, else the start. */
import { lookup, startNodeId, type GraphLayout, type GraphOverlay, type PlacedNode } from "@/lib/asl";

const FAILED = new Set(["failed", "timed_out", "aborted"]);

export function focusNode(layout: GraphLayout, overlay?: GraphOverlay): PlacedNode | undefined {
  const start = layout.nodes.find((n) => n.id === startNodeId(""));
  if (!overlay) return start;
  return layout.nodes.find((n) => lookup(overlay, n.id)?.emphasis) ?? layout.nodes.find((n) => FAILED.has(lookup(overlay, n.id)?.status ?? "")) ?? start;
}
