import type { MapRunReport } from "@/lib/contract/api";
import { nearestRank } from "@/lib/timeline/map-summary";
import type { MapSummary } from "@/lib/timeline/types";

/**
 * A distributed Map's children summarised as an inline Map's iterations are on the timeline:
 * how many, how many failed (failed and timed out; aborted ones are what Step Functions stopped
 * when the run failed) and running, from DescribeMapRun's counts; the spread of durations from
 * the children listed.
 */
export function summariseMapRunChildren(report: Pick<MapRunReport, "mapRun" | "children">): MapSummary {
  const counts = report.mapRun.executionCounts;
  const durations: number[] = [];
  for (const child of report.children) {
    if (child.stoppedAt !== undefined) durations.push(Math.max(0, child.stoppedAt - child.startedAt));
  }
  durations.sort((a, b) => a - b);
  return {
    iterationCount: counts.total,
    failedCount: counts.failed + counts.timedOut,
    runningCount: counts.running,
    p50Ms: nearestRank(durations, 0.5),
    maxMs: durations.length ? durations[durations.length - 1] : undefined,
    unit: "children",
  };
}
