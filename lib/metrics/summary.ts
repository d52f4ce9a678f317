import type { ExecutionSummary } from "@/lib/contract/api";
import { errorsIn, finishedIn, tallyColumns, tallyExecutions, type BucketTallies } from "./accumulate";
import type { ExecutionColumns } from "./columns";
import { isResolved } from "./buckets";
import { healthScore } from "./health";
import { percentilesInPlace } from "./percentile";
import { errorRate } from "./status";
import { resolveWindow, type ResolvedWindow, type WindowSpec } from "./windows";

/** One row of the home page: a state machine over the selected window. */
export interface MachineSummary {
  window: ResolvedWindow;
  /** Executions that started in the window. */
  started: number;
  /** Executions RUNNING now, wherever in time they started. */
  runningNow: number;
  succeeded: number;
  failed: number;
  timedOut: number;
  aborted: number;
  pendingRedrive: number;
  finished: number;
  /** failed + timedOut + aborted. */
  errors: number;
  /**
   * errors / finished (failed + timed out + aborted over succeeded + those three), null when
   * nothing finished. Running executions are left out of the denominator: they have no
   * outcome yet, and counting them as successes would make a burst of new runs hide failures.
   */
  errorRate: number | null;
  /** Nearest-rank percentiles of finished executions' durations in ms. */
  p50: number | null;
  p90: number | null;
  p99: number | null;
  /** Errors per bucket, oldest first: the row's sparkline. */
  errorSparkline: number[];
  /** See `healthScore`: higher is less healthy. */
  health: number;
}

export function summariseMachine(executions: readonly ExecutionSummary[], window: WindowSpec | ResolvedWindow, now: number): MachineSummary {
  const resolved = isResolved(window) ? window : resolveWindow(window, now);
  return summaryFromTallies(tallyExecutions(executions, resolved, now), resolved);
}

/** The same summary over columns (the fleet index's form), of the entries started in `only` when given (see `tallyColumns`). */
export function summariseColumns(columns: ExecutionColumns, window: ResolvedWindow, now: number, only?: { from: number; to: number }): MachineSummary {
  return summaryFromTallies(tallyColumns(columns, window, now, only), window);
}

/** Reorders `t.durations` in place (percentile selection). */
export function summaryFromTallies(t: BucketTallies, resolved: ResolvedWindow): MachineSummary {
  const b = resolved.bucketCount;
  const errorSparkline: number[] = new Array(b);
  const finishedPerBucket = new Int32Array(b);
  let succeeded = 0, failed = 0, timedOut = 0, aborted = 0, running = 0, pendingRedrive = 0;
  for (let k = 0; k < b; k++) {
    errorSparkline[k] = errorsIn(t, k);
    finishedPerBucket[k] = finishedIn(t, k);
    succeeded += t.succeeded[k];
    failed += t.failed[k];
    timedOut += t.timedOut[k];
    aborted += t.aborted[k];
    running += t.running[k];
    pendingRedrive += t.pendingRedrive[k];
  }
  const errors = failed + timedOut + aborted;
  const finished = succeeded + errors;
  return {
    window: resolved,
    started: finished + running + pendingRedrive,
    runningNow: t.runningNow,
    succeeded,
    failed,
    timedOut,
    aborted,
    pendingRedrive,
    finished,
    errors,
    errorRate: errorRate(errors, finished),
    ...percentilesInPlace(t.durations),
    errorSparkline,
    health: healthScore(errorSparkline, finishedPerBucket),
  };
}
