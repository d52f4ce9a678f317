import type { ExecutionSummary } from "@/lib/contract/api";
import { columnsOf, STATUS_CODE, type ExecutionColumns } from "./columns";
import type { ResolvedWindow } from "./windows";

/** Plain-number tallies per bucket; shared by `bucketExecutions` and `summariseMachine`. */
export interface BucketTallies {
  running: Int32Array;
  succeeded: Int32Array;
  failed: Int32Array;
  timedOut: Int32Array;
  aborted: Int32Array;
  pendingRedrive: Int32Array;
  /** Durations of finished executions, grouped by bucket: bucket b owns [offsets[b], offsets[b+1]), in no particular order. */
  durations: Float64Array;
  offsets: Int32Array;
  /** Executions whose start fell outside the window or was not a number. */
  skipped: number;
  /** RUNNING executions in the input, wherever they started (a long run started before the window is still running now). */
  runningNow: number;
}

/**
 * One pass to place each execution in the bucket of its start time, then a counting sort to
 * group finished durations by bucket: O(n) with no per-execution allocation, which is what
 * keeps 100,000 executions well under 50 ms. Percentiles are selected from the slices later.
 *
 * Executions are attributed to the bucket in which they STARTED: that is how ListExecutions
 * orders and pages them, and every execution has a start while a stop may be missing.
 */
export function tallyExecutions(executions: readonly ExecutionSummary[], window: ResolvedWindow, now: number): BucketTallies {
  return tallyColumns(columnsOf(executions), window, now);
}

const RUNNING = STATUS_CODE.RUNNING;
const SUCCEEDED = STATUS_CODE.SUCCEEDED;
const FAILED = STATUS_CODE.FAILED;
const TIMED_OUT = STATUS_CODE.TIMED_OUT;
const ABORTED = STATUS_CODE.ABORTED;
const PENDING_REDRIVE = STATUS_CODE.PENDING_REDRIVE;

/**
 * The fold itself, over columns (see `ExecutionColumns`): the fleet's in-memory index is kept as
 * columns. `only` (both inclusive, on the start as stored) leaves out every other entry as if it
 * were not in the input: the fold of a machine's whole window counts just the stretch a row covers.
 */
export function tallyColumns(columns: ExecutionColumns, window: ResolvedWindow, now: number, only?: { from: number; to: number }): BucketTallies {
  const b = window.bucketCount;
  const t: BucketTallies = {
    running: new Int32Array(b),
    succeeded: new Int32Array(b),
    failed: new Int32Array(b),
    timedOut: new Int32Array(b),
    aborted: new Int32Array(b),
    pendingRedrive: new Int32Array(b),
    durations: new Float64Array(0),
    offsets: new Int32Array(b + 1),
    skipped: 0,
    runningNow: 0,
  };
  const n = columns.length;
  const bucketOf = new Int32Array(n);
  const durationOf = new Float64Array(n);
  const finishedPerBucket = new Int32Array(b + 1);
  // Hoisted: this loop runs once per execution and is most of a refresh's cost.
  const { from, to, gridFrom, bucketMs } = window;
  const starts = columns.startedAt;
  const stops = columns.stoppedAt;
  const statuses = columns.status;
  const onlyFrom = only?.from ?? -Infinity;
  const onlyTo = only?.to ?? Infinity;
  for (let i = 0; i < n; i++) {
    const started = starts[i];
    if (started < onlyFrom || started > onlyTo) {
      bucketOf[i] = -1;
      durationOf[i] = NaN;
      continue;
    }
    const status = statuses[i];
    if (status === RUNNING) t.runningNow++;
    const startedAt = started > now ? now : started;
    // Written so that NaN fails the test too.
    if (!(startedAt >= from && startedAt <= to)) {
      bucketOf[i] = -1;
      t.skipped++;
      continue;
    }
    const index = Math.floor((startedAt - gridFrom) / bucketMs);
    bucketOf[i] = index;
    let finished = true;
    switch (status) {
      case SUCCEEDED: t.succeeded[index]++; break;
      case FAILED: t.failed[index]++; break;
      case TIMED_OUT: t.timedOut[index]++; break;
      case ABORTED: t.aborted[index]++; break;
      case RUNNING: t.running[index]++; finished = false; break;
      case PENDING_REDRIVE: t.pendingRedrive[index]++; finished = false; break;
      default: t.skipped++; bucketOf[i] = -1; continue;
    }
    const stoppedAt = stops[i];
    if (finished && Number.isFinite(stoppedAt)) {
      // Clock skew: a stop before the start is a 0 ms run, never a negative one.
      durationOf[i] = stoppedAt > started ? stoppedAt - started : 0;
      finishedPerBucket[index + 1]++;
    } else {
      durationOf[i] = NaN;
    }
  }
  for (let k = 0; k < b; k++) t.offsets[k + 1] = t.offsets[k] + finishedPerBucket[k + 1];
  const durations = new Float64Array(t.offsets[b]);
  const cursor = t.offsets.slice(0, b);
  for (let i = 0; i < n; i++) {
    const index = bucketOf[i];
    if (index < 0 || Number.isNaN(durationOf[i])) continue;
    durations[cursor[index]++] = durationOf[i];
  }
  t.durations = durations;
  return t;
}

export function errorsIn(t: BucketTallies, k: number): number {
  return t.failed[k] + t.timedOut[k] + t.aborted[k];
}

export function finishedIn(t: BucketTallies, k: number): number {
  return t.succeeded[k] + errorsIn(t, k);
}
