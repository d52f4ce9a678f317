/**
 * The merged graph's overlay: each state coloured by B's outcome (the run under investigation;
 * A is the baseline), and every state whose outcome differs between A and B emphasised. A state
 * only A entered shows as 'not reached' in B, emphasised too. The path drawn is B's, edge by edge
 * as it was followed (after a Choice, not the Default to a state B reached another way).
 */
import type { GraphOverlay } from "@/lib/asl";
import type { ExecutionModel } from "@/lib/history/model";
import { withTransitions } from "@/lib/postmortem/path-taken";
import type { StateDelta } from "./state-deltas";

export function compareOverlay(deltas: readonly StateDelta[], b: Pick<ExecutionModel, "runs">): GraphOverlay {
  const overlay: GraphOverlay = Object.create(null) as GraphOverlay;
  for (const d of deltas) {
    overlay[d.name] = {
      status: d.bStatus ?? "not_reached",
      onPath: d.bStatus !== undefined && d.bStatus !== "not_reached",
      emphasis: d.differs,
      ...(d.bDurationMs !== undefined ? { durationMs: d.bDurationMs, durationIsMax: d.durationIsMax } : {}),
    };
  }
  return withTransitions(overlay, b.runs);
}
