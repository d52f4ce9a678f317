import type { ChildGroup } from "@/lib/history/model";
import type { MapSummary } from "./types";

/**
 * Count, failures and duration spread of a Map's iterations. Timed-out iterations count as
 * failed; aborted ones do not, because Step Functions aborts the siblings of a failed
 * iteration and counting those would blame iterations that did nothing wrong.
 */
export function summariseIterations(iterations: ChildGroup[]): MapSummary {
  const durations: number[] = [];
  let failedCount = 0;
  let runningCount = 0;
  for (const iteration of iterations) {
    if (iteration.status === "failed" || iteration.status === "timed_out") failedCount++;
    if (iteration.status === "running") runningCount++;
    if (iteration.startedAt !== undefined && iteration.endedAt !== undefined) {
      durations.push(iteration.endedAt - iteration.startedAt);
    }
  }
  durations.sort((a, b) => a - b);
  return {
    iterationCount: iterations.length,
    failedCount,
    runningCount,
    p50Ms: nearestRank(durations, 0.5),
    maxMs: durations.length ? durations[durations.length - 1] : undefined,
  };
}

/** Nearest-rank percentile of sorted values: always one of the values, never interpolated. */
export function nearestRank(sorted: number[], p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[rank - 1];
}
