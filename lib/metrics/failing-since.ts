import type { ExecutionSummary } from "@/lib/contract/api";
import { isError } from "./status";

/**
 * When the current run of failures began: the start of the oldest of the newest finished
 * executions that all failed, timed out or were aborted (running ones are skipped: they have no
 * outcome yet). Undefined when the newest finished execution succeeded, or none finished.
 */
export function failingSince(newestFirst: readonly ExecutionSummary[]): number | undefined {
  let since: number | undefined;
  for (const execution of newestFirst) {
    if (execution.status === "RUNNING" || execution.status === "PENDING_REDRIVE") continue;
    if (!isError(execution.status)) break;
    since = execution.startedAt;
  }
  return since;
}
