import type { ExecutionSummary } from "@/lib/contract/api";
import { tallyExecutions } from "./accumulate";
import { bucketsFromTallies, isResolved, type ExecutionBucket } from "./buckets";
import { groupErrors, type ErrorGroup, type FailureRecord } from "./error-groups";
import { durationHistogram, type HistogramBin } from "./histogram";
import { summaryFromTallies, type MachineSummary } from "./summary";
import { resolveWindow, type ResolvedWindow, type WindowSpec } from "./windows";

/** Everything the state machine page charts for one window, from one pass over the executions. */
export interface MachineMetrics {
  window: ResolvedWindow;
  buckets: ExecutionBucket[];
  summary: MachineSummary;
  /** Durations of the finished executions that started in the window. */
  histogram: HistogramBin[];
  errorGroups: ErrorGroup[];
  /** Executions left out: started outside the window, or unusable start time or status. */
  skipped: number;
}

export function computeMachineMetrics(
  executions: readonly ExecutionSummary[],
  failures: readonly FailureRecord[],
  window: WindowSpec | ResolvedWindow,
  now: number,
): MachineMetrics {
  const resolved = isResolved(window) ? window : resolveWindow(window, now);
  const tallies = tallyExecutions(executions, resolved, now);
  // The histogram reads durations in any order; the two percentile passes only reorder them.
  const histogram = durationHistogram(tallies.durations);
  const buckets = bucketsFromTallies(tallies, resolved);
  const summary = summaryFromTallies(tallies, resolved);
  return { window: resolved, buckets, summary, histogram, errorGroups: groupErrors(failures, resolved, now), skipped: tallies.skipped };
}
