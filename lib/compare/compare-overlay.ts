/**
 * The merged graph's overlay: each state coloured by B's outcome (the run under investigation;
 * A is the baseline), and every state whose outcome differs between A and B emphasised. A state
 * only A entered shows as 'not reached' in B, emphasised too.
 */
import type { GraphOverlay } from "@/lib/asl";
import type { StateDelta } from "./state-deltas";

export function compareOverlay(deltas: readonly StateDelta[]): GraphOverlay {
  const overlay: GraphOverlay = Object.create(null) as GraphOverlay;
  for (const d of deltas) {
    overlay[d.name] = {
      status: d.bStatus ?? "not_reached",
      onPath: d.bStatus !== undefined && d.bStatus !== "not_reached",
      emphasis: d.differs,
      ...(d.bDurationMs !== undefined ? { durationMs: d.bDurationMs } : {}),
    };
  }
  return overlay;
}
