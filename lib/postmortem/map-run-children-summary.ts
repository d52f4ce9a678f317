import type { ExecutionStatusName, MapRunReport } from "@/lib/contract/api";
import type { RunStatus } from "@/lib/history/model";
import type { MapRunChildren } from "@/lib/timeline/types";

/**
 * A distributed Map's children as the timeline lists and summarises them (the summary is the
 * one inline iterations get): each listed child, and DescribeMapRun's counts when the listing
 * stopped before the last child.
 */
export function mapRunChildrenOf(report: Pick<MapRunReport, "mapRun" | "children" | "childrenComplete">): MapRunChildren {
  const children = report.children.map((child) => ({
    arn: child.arn,
    name: child.name,
    status: childRunStatus(child.status),
    startedAt: child.startedAt,
    endedAt: child.stoppedAt,
    redriveCount: child.redriveCount,
    redrivenAt: child.redrivenAt,
  }));
  const counts = report.mapRun.executionCounts;
  if (report.childrenComplete && counts.total <= children.length) return { children };
  return { children, counted: { total: counts.total, failed: counts.failed + counts.timedOut, running: counts.running } };
}

/** A child execution's status in the run statuses the timeline colours by. */
export function childRunStatus(status: ExecutionStatusName): RunStatus {
  switch (status) {
    case "RUNNING":
      return "running";
    case "SUCCEEDED":
      return "succeeded";
    case "TIMED_OUT":
      return "timed_out";
    case "ABORTED":
      return "aborted";
    // Waiting for a redrive: it failed, and nothing runs it yet.
    case "FAILED":
    case "PENDING_REDRIVE":
      return "failed";
  }
}
