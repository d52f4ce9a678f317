import type { ExecutionStatusName } from "@/lib/contract/api";

/**
 * How each execution status counts in the metrics.
 *
 * PENDING_REDRIVE is not finished: a redrive was asked for and the execution will run again
 * under the same ARN, so it counts neither as an error nor as a success yet.
 */
export const FINISHED_STATUSES: readonly ExecutionStatusName[] = ["SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"];

/**
 * Error statuses: failed, timed out and aborted. Aborted is included because, for an
 * on-call engineer, an execution that did not complete its work is a problem whoever stopped
 * it; a team that aborts on purpose sees it broken out in its own column.
 */
export const ERROR_STATUSES: readonly ExecutionStatusName[] = ["FAILED", "TIMED_OUT", "ABORTED"];

export const ALL_STATUSES: readonly ExecutionStatusName[] = [
  "RUNNING",
  "SUCCEEDED",
  "FAILED",
  "TIMED_OUT",
  "ABORTED",
  "PENDING_REDRIVE",
];

export function isFinished(status: string): boolean {
  return status === "SUCCEEDED" || status === "FAILED" || status === "TIMED_OUT" || status === "ABORTED";
}

export function isError(status: string): boolean {
  return status === "FAILED" || status === "TIMED_OUT" || status === "ABORTED";
}

/** errors / finished, or null when nothing finished (an empty bucket has no rate, not a 0% rate). */
export function errorRate(errors: number, finished: number): number | null {
  return finished > 0 ? errors / finished : null;
}
