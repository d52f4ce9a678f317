import type { MapRunChildren, MapSummary, SummarisedItem } from "./types";

/**
 * Count, failures and duration spread of a Map's iterations, or of a distributed Map's child
 * executions (the one summary for both). Timed-out items count as failed; aborted ones do not,
 * because Step Functions aborts the siblings of a failed iteration (and the running children of
 * a map run that failed) and counting those would blame items that did nothing wrong.
 */
export function summariseIterations(iterations: readonly SummarisedItem[]): MapSummary {
  const durations: number[] = [];
  let failedCount = 0;
  let runningCount = 0;
  for (const iteration of iterations) {
    if (iteration.status === "failed" || iteration.status === "timed_out") failedCount++;
    if (iteration.status === "running") runningCount++;
    if (iteration.startedAt !== undefined && iteration.endedAt !== undefined) {
      durations.push(Math.max(0, iteration.endedAt - iteration.startedAt));
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

/** A distributed Map's children summarised as iterations are, counted by DescribeMapRun when not all are listed. */
export function summariseChildren({ children, counted }: MapRunChildren): MapSummary {
  const summary: MapSummary = { ...summariseIterations(children), unit: "children" };
  if (!counted) return summary;
  return { ...summary, iterationCount: counted.total, failedCount: counted.failed, runningCount: counted.running };
}

/** Nearest-rank percentile of sorted values: always one of the values, never interpolated. */
export function nearestRank(sorted: number[], p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[rank - 1];
}
