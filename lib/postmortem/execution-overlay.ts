import { overlayFromRuns, type GraphOverlay, type StateGraph } from "@/lib/asl";
import { markNotReached } from "@/lib/history";
import type { ExecutionModel } from "@/lib/history/model";
import { runByPath } from "./select-run";
import { statesInChildExecutions } from "./child-execution-states";
import { withTransitions } from "./path-taken";

/**
 * The graph overlay for one execution: each state's worst outcome, retries and catches, the
 * path taken, the state that failed the execution emphasised, and every state of the definition
 * that never ran marked 'not reached' (so a skipped branch is visible, not just uncoloured).
 */
export function executionOverlay(model: ExecutionModel, graph: StateGraph | undefined): GraphOverlay {
  const failedState = runByPath(model, model.failedRunPath)?.name;
  const overlay = withTransitions(overlayFromRuns(model.runs, failedState), model.runs);
  // A running execution has not reached its later states *yet*; only say so once it is over.
  if (graph && model.status !== "RUNNING") {
    const elsewhere = statesInChildExecutions(graph);
    const candidates = graph.stateNames.filter((name) => !elsewhere.has(name));
    for (const name of markNotReached(model, candidates)) overlay[name] = { status: "not_reached", onPath: false };
  }
  return overlay;
}
