import type { ExecutionSummary, StatusCounts } from "@/lib/contract/api";
import { errorsIn, finishedIn, tallyExecutions, type BucketTallies } from "./accumulate";
import { percentilesInPlace } from "./percentile";
import { errorRate } from "./status";
import { bucketEnd, bucketStart, resolveWindow, type ResolvedWindow, type WindowSpec } from "./windows";

export interface ExecutionBucket {
  /**
   * First and last instant of the bucket, both inclusive, epoch ms: the executions API's
   * `from`/`to` for "list these executions". The first and last buckets are cut by the window.
   */
  from: number;
  to: number;
  /** Executions that started in this bucket, by their status now. */
  counts: StatusCounts;
  started: number;
  finished: number;
  /** Failed + timed out + aborted. */
  errors: number;
  /** errors / finished; null when nothing finished in the bucket. */
  errorRate: number | null;
  /** Nearest-rank percentiles of finished executions' durations (ms); null when none finished. */
  p50: number | null;
  p90: number | null;
  p99: number | null;
}

export interface BucketedExecutions {
  window: ResolvedWindow;
  /** Every bucket of the window, oldest first, including empty ones. */
  buckets: ExecutionBucket[];
  /** Executions left out: started outside the window, or with no usable start time or status. */
  skipped: number;
}

export function bucketExecutions(executions: readonly ExecutionSummary[], window: WindowSpec | ResolvedWindow, now: number): BucketedExecutions {
  const resolved = isResolved(window) ? window : resolveWindow(window, now);
  const t = tallyExecutions(executions, resolved, now);
  return { window: resolved, buckets: bucketsFromTallies(t, resolved), skipped: t.skipped };
}

/** Reorders the duration slices of `t` in place (percentile selection). */
export function bucketsFromTallies(t: BucketTallies, resolved: ResolvedWindow): ExecutionBucket[] {
  const buckets: ExecutionBucket[] = [];
  for (let k = 0; k < resolved.bucketCount; k++) {
    const counts: StatusCounts = {
      RUNNING: t.running[k],
      SUCCEEDED: t.succeeded[k],
      FAILED: t.failed[k],
      TIMED_OUT: t.timedOut[k],
      ABORTED: t.aborted[k],
      PENDING_REDRIVE: t.pendingRedrive[k],
    };
    const finished = finishedIn(t, k);
    const errors = errorsIn(t, k);
    buckets.push({
      from: bucketStart(resolved, k),
      to: bucketEnd(resolved, k),
      counts,
      started: finished + t.running[k] + t.pendingRedrive[k],
      finished,
      errors,
      errorRate: errorRate(errors, finished),
      ...percentilesInPlace(t.durations.subarray(t.offsets[k], t.offsets[k + 1])),
    });
  }
  return buckets;
}

export function isResolved(window: WindowSpec | ResolvedWindow): window is ResolvedWindow {
  return typeof window === "object" && window !== null && "bucketMs" in window;
}
