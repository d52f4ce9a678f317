/**
 * Which executions' histories the per-state numbers are read from. Pure.
 *
 * Histories cost a GetExecutionHistory call each (more for long ones), so only a bounded sample
 * is read: the newest finished executions of the window (contiguous in time, so the grid shows
 * a state that began failing at 14:05 as a run of failures) plus failures spread over the
 * window: the newest failure of each bucket, newest buckets first, so error groups show since
 * when an error happens, not only the last few minutes. Buckets are aligned to round times, so
 * the picks stay the same from one refresh to the next and their histories are not re-read.
 */
import type { ExecutionSummary } from "@/lib/contract/api";
import { isError, isFinished } from "@/lib/metrics";

export interface HistorySample {
  /** Newest finished executions started in the window, newest first. */
  recent: ExecutionSummary[];
  /** Failed, timed-out or aborted executions of the window not already in `recent`: one per bucket first, newest first. */
  failures: ExecutionSummary[];
  /** Failed, timed-out and aborted executions in the window, sampled or not. */
  failuresInWindow: number;
}

export function chooseHistorySample(
  newestFirst: readonly ExecutionSummary[],
  window: { from: number; to: number; bucketMs?: number },
  limits: { sampleFinished: number; sampleFailures: number },
): HistorySample {
  const recent: ExecutionSummary[] = [];
  const older: ExecutionSummary[] = [];
  let failuresInWindow = 0;
  for (const execution of newestFirst) {
    if (!(execution.startedAt >= window.from && execution.startedAt < window.to)) continue;
    if (!isFinished(execution.status)) continue;
    const failed = isError(execution.status);
    if (failed) failuresInWindow++;
    if (recent.length < limits.sampleFinished) recent.push(execution);
    else if (failed) older.push(execution);
  }
  return { recent, failures: spreadOverBuckets(older, window, limits.sampleFailures), failuresInWindow };
}

/** The newest failure of each bucket (newest buckets first), then the newest of the rest, up to `max`; newest first. */
function spreadOverBuckets(newestFirst: ExecutionSummary[], window: { from: number; bucketMs?: number }, max: number): ExecutionSummary[] {
  if (newestFirst.length <= max || !window.bucketMs) return newestFirst.slice(0, max);
  const bucketMs = window.bucketMs;
  const picked = new Set<ExecutionSummary>();
  let lastBucket = Number.NaN;
  for (const execution of newestFirst) {
    if (picked.size >= max) break;
    const bucket = Math.floor((execution.startedAt - window.from) / bucketMs);
    if (bucket !== lastBucket) picked.add(execution);
    lastBucket = bucket;
  }
  for (const execution of newestFirst) {
    if (picked.size >= max) break;
    picked.add(execution);
  }
  return newestFirst.filter((e) => picked.has(e));
}
