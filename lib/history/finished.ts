import type { HistoryEvent } from "./events";
import { eventKind } from "./event-kinds";
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

/**
 * The event type that ended the execution, reading `added` on from what ended it before
 * (`previous`): the last terminal Execution* event with no ExecutionRedriven after it, or
 * undefined while it runs. Events an engine writes after the end do not reopen it.
 */
export function executionEnding(added: readonly HistoryEvent[], previous?: string): string | undefined {
  let ending = previous;
  for (const e of added) {
    const kind = eventKind(e.type);
    if (kind.k !== "execution" || kind.phase === "started") continue;
    ending = kind.phase === "redriven" ? undefined : e.type;
  }
  return ending;
}
