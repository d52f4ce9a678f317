import type { ExecutionModel } from "./model";

/**
 * True once the history holds the execution's terminal event (succeeded, failed, timed out,
 * aborted) with no redrive after it: nothing more will change what it says, whatever an engine
 * writes next and whatever a lagging DescribeExecution still answers.
 */
export function isFinished(model: ExecutionModel | undefined): boolean {
  if (!model) return false;
  return model.status === "SUCCEEDED" || model.status === "FAILED" || model.status === "TIMED_OUT" || model.status === "ABORTED";
}
