/**
 * The AWS/States metrics behind a machine's figures, as GetMetricData queries, and their
 * answers folded back into the shapes the pages already draw (MachineSummary, buckets).
 *
 * Per machine: five counts per bucket (Sum), ExecutionTime p50/p90/p99 per bucket, and the same
 * three percentiles over the whole window (one period spanning it), so one call carries the
 * figures of dozens of machines.
 *
 * Pure: no SDK (the query objects have the SDK's shape), no clock.
 */
import type { ExecutionBucket } from "@/lib/metrics/buckets";
import { healthScore } from "@/lib/metrics/health";
import { errorRate } from "@/lib/metrics/status";
import type { MachineSummary } from "@/lib/metrics/summary";
import type { ResolvedWindow } from "@/lib/metrics/windows";

export const COUNT_METRICS = {
  started: "ExecutionsStarted",
  succeeded: "ExecutionsSucceeded",
  failed: "ExecutionsFailed",
  timedOut: "ExecutionsTimedOut",
  aborted: "ExecutionsAborted",
} as const;
export type CountName = keyof typeof COUNT_METRICS;
const COUNT_NAMES = Object.keys(COUNT_METRICS) as CountName[];
const PERCENTILES = ["p50", "p90", "p99"] as const;
type PercentileName = (typeof PERCENTILES)[number];

/** GetMetricData takes at most 500 queries per call. */
export const MAX_QUERIES_PER_CALL = 500;
export const QUERIES_PER_MACHINE = COUNT_NAMES.length + 2 * PERCENTILES.length;

export interface MetricDataQuery {
  Id: string;
  MetricStat: {
    Metric: { Namespace: string; MetricName: string; Dimensions: { Name: string; Value: string }[] };
    Period: number;
    Stat: string;
  };
  ReturnData: boolean;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * CloudWatch keeps 1-minute points for 15 days, 5-minute ones for 63 days and hourly ones for
 * 455 days; a period must be a multiple of what is kept that far back.
 */
export function periodMsFor(bucketMs: number, oldestMs: number, now: number): number {
  const age = now - oldestMs;
  const step = age > 63 * DAY ? 60 * MINUTE : age > 15 * DAY ? 5 * MINUTE : MINUTE;
  return Math.max(step, Math.ceil(bucketMs / step) * step);
}

/** The window re-cut into buckets CloudWatch can answer (never finer than a minute). */
export function metricsWindow(window: ResolvedWindow, now: number): ResolvedWindow {
  const bucketMs = periodMsFor(window.bucketMs, window.from, now);
  if (bucketMs === window.bucketMs) return window;
  const from = Math.floor(window.from / bucketMs) * bucketMs;
  const bucketCount = Math.max(1, Math.ceil((window.to - from) / bucketMs));
  return { ...window, from, to: from + bucketCount * bucketMs, bucketMs, bucketCount };
}

function metric(name: string, stateMachineArn: string) {
  return { Namespace: "AWS/States", MetricName: name, Dimensions: [{ Name: "StateMachineArn", Value: stateMachineArn }] };
}

/** Query ids: `m{machine}_{figure}` (ids must start with a lower-case letter). */
export function machineQueries(stateMachineArn: string, index: number, window: ResolvedWindow): MetricDataQuery[] {
  const period = window.bucketMs / 1000;
  const span = window.bucketMs * window.bucketCount / 1000;
  return [
    ...COUNT_NAMES.map((c) => ({ Id: `m${index}_${c}`, MetricStat: { Metric: metric(COUNT_METRICS[c], stateMachineArn), Period: period, Stat: "Sum" }, ReturnData: true })),
    ...PERCENTILES.map((p) => ({ Id: `m${index}_b${p}`, MetricStat: { Metric: metric("ExecutionTime", stateMachineArn), Period: period, Stat: p }, ReturnData: true })),
    ...PERCENTILES.map((p) => ({ Id: `m${index}_w${p}`, MetricStat: { Metric: metric("ExecutionTime", stateMachineArn), Period: span, Stat: p }, ReturnData: true })),
  ];
}

export interface MetricSeries {
  id: string;
  timestamps: number[];
  values: number[];
}

/** One machine's figures as CloudWatch answered them. */
export interface MachineMetricFigures {
  window: ResolvedWindow;
  counts: Record<CountName, number[]>;
  bucketPercentiles: Record<PercentileName, (number | null)[]>;
  windowPercentiles: Record<PercentileName, number | null>;
}

function bucketIndex(window: ResolvedWindow, t: number): number {
  return Math.floor((t - window.from) / window.bucketMs);
}

/** The answers of `machineQueries(…, index, window)` → per-bucket arrays (a bucket without a point is 0, or null for a percentile). */
export function figuresFromSeries(series: readonly MetricSeries[], index: number, window: ResolvedWindow): MachineMetricFigures {
  const byId = new Map(series.map((s) => [s.id, s]));
  const zeros = () => new Array<number>(window.bucketCount).fill(0);
  const counts = Object.fromEntries(COUNT_NAMES.map((c) => [c, zeros()])) as Record<CountName, number[]>;
  for (const c of COUNT_NAMES) {
    const s = byId.get(`m${index}_${c}`);
    s?.timestamps.forEach((t, i) => {
      const k = bucketIndex(window, t);
      if (k >= 0 && k < window.bucketCount) counts[c][k] += s.values[i];
    });
  }
  const bucketPercentiles = {} as MachineMetricFigures["bucketPercentiles"];
  const windowPercentiles = {} as MachineMetricFigures["windowPercentiles"];
  for (const p of PERCENTILES) {
    const values = new Array<number | null>(window.bucketCount).fill(null);
    const s = byId.get(`m${index}_b${p}`);
    s?.timestamps.forEach((t, i) => {
      const k = bucketIndex(window, t);
      if (k >= 0 && k < window.bucketCount) values[k] = s.values[i];
    });
    bucketPercentiles[p] = values;
    const w = byId.get(`m${index}_w${p}`);
    windowPercentiles[p] = w && w.values.length > 0 ? w.values[0] : null;
  }
  return { window, counts, bucketPercentiles, windowPercentiles };
}

function finishedAt(f: MachineMetricFigures, k: number): number {
  return f.counts.succeeded[k] + f.counts.failed[k] + f.counts.timedOut[k] + f.counts.aborted[k];
}

function errorsAt(f: MachineMetricFigures, k: number): number {
  return f.counts.failed[k] + f.counts.timedOut[k] + f.counts.aborted[k];
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/**
 * The fleet row's summary. Metrics count an outcome when it happens, not per execution, so
 * "running now" is estimated as started minus finished over the window (Express executions
 * last at most five minutes, so the difference is what is still in flight).
 */
export function summaryFromFigures(f: MachineMetricFigures): MachineSummary {
  const succeeded = sum(f.counts.succeeded);
  const failed = sum(f.counts.failed);
  const timedOut = sum(f.counts.timedOut);
  const aborted = sum(f.counts.aborted);
  const started = sum(f.counts.started);
  const errors = failed + timedOut + aborted;
  const finished = succeeded + errors;
  const errorSparkline = f.counts.failed.map((_, k) => errorsAt(f, k));
  const finishedPerBucket = f.counts.failed.map((_, k) => finishedAt(f, k));
  return {
    window: f.window,
    started,
    runningNow: Math.max(0, started - finished),
    succeeded,
    failed,
    timedOut,
    aborted,
    pendingRedrive: 0,
    finished,
    errors,
    errorRate: errorRate(errors, finished),
    p50: f.windowPercentiles.p50,
    p90: f.windowPercentiles.p90,
    p99: f.windowPercentiles.p99,
    errorSparkline,
    health: healthScore(errorSparkline, finishedPerBucket),
  };
}

/** The charts' buckets; outcomes are counted in the bucket where they happened. */
export function bucketsFromFigures(f: MachineMetricFigures): ExecutionBucket[] {
  const out: ExecutionBucket[] = [];
  for (let k = 0; k < f.window.bucketCount; k++) {
    const from = f.window.from + k * f.window.bucketMs;
    const finished = finishedAt(f, k);
    const errors = errorsAt(f, k);
    out.push({
      from,
      to: from + f.window.bucketMs,
      counts: {
        RUNNING: 0,
        SUCCEEDED: f.counts.succeeded[k],
        FAILED: f.counts.failed[k],
        TIMED_OUT: f.counts.timedOut[k],
        ABORTED: f.counts.aborted[k],
        PENDING_REDRIVE: 0,
      },
      started: f.counts.started[k],
      finished,
      errors,
      errorRate: errorRate(errors, finished),
      p50: f.bucketPercentiles.p50[k],
      p90: f.bucketPercentiles.p90[k],
      p99: f.bucketPercentiles.p99[k],
    });
  }
  return out;
}
