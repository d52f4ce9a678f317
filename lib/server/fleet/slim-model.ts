/**
 * A folded history without its payloads. Per-state stats, the grid and error groups read
 * statuses, attempts, errors and times only; dropping inputs and outputs keeps a sample of
 * 80 models per machine to a few hundred kilobytes instead of megabytes.
 */
import type { ExecutionModel, StateRun } from "@/lib/history/model";

export function slimModel(model: ExecutionModel): ExecutionModel {
  return {
    ...model,
    input: undefined,
    output: undefined,
    unknownEvents: [],
    runs: model.runs.map(slimRun),
  };
}

function slimRun(run: StateRun): StateRun {
  return {
    ...run,
    input: undefined,
    output: undefined,
    eventIds: [],
    unknownEvents: [],
    attempts: run.attempts.map((a) => ({ ...a, parameters: undefined, result: undefined, eventIds: [] })),
  };
}
