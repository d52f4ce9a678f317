import type { ExecutionSummary } from "@/lib/contract/api";
import { isFinished } from "./status";

/**
 * Clock skew between the Step Functions endpoint and the viewer: a start time in the future
 * is treated as "now" (it shows in the newest bucket, not beyond the window), and a stop time
 * before the start gives a duration of 0. Durations are never negative and never NaN.
 */
export function effectiveStart(startedAt: number, now: number): number {
  return startedAt > now ? now : startedAt;
}

/** Duration of a finished execution in ms, or undefined when it has not finished or has no usable stop time. */
export function finishedDurationMs(execution: Pick<ExecutionSummary, "status" | "startedAt" | "stoppedAt">): number | undefined {
  if (!isFinished(execution.status)) return undefined;
  const { startedAt, stoppedAt } = execution;
  if (stoppedAt === undefined || !Number.isFinite(stoppedAt) || !Number.isFinite(startedAt)) return undefined;
  return stoppedAt > startedAt ? stoppedAt - startedAt : 0;
}
