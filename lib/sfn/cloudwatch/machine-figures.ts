/**
 * Fleet and state machine figures from CloudWatch's AWS/States metrics: every Express machine
 * (Step Functions does not list their executions), and Standard ones where the execution index
 * cannot answer (a window older than it keeps, or before its first listing finished). One
 * GetMetricData call carries the figures of dozens of machines; answers are cached a minute,
 * the resolution CloudWatch publishes at.
 */
import { GetMetricDataCommand, type GetMetricDataCommandOutput } from "@aws-sdk/client-cloudwatch";
import type { FleetRow, MachineMetricsResponse } from "@/lib/contract/api";
import type { ResolvedWindow } from "@/lib/metrics/windows";
import { cached, type SfnContext } from "../context";
import { SfnError } from "../errors";
import { sendTelemetry } from "../telemetry";
import {
  bucketsFromFigures,
  figuresFromSeries,
  machineQueries,
  type MachineMetricFigures,
  MAX_QUERIES_PER_CALL,
  type MetricSeries,
  metricsWindow,
  QUERIES_PER_MACHINE,
  summaryFromFigures,
} from "./metric-queries";

const FIGURES_TTL_MS = 60_000;
const MACHINES_PER_CALL = Math.floor(MAX_QUERIES_PER_CALL / QUERIES_PER_MACHINE);
const MAX_PAGES_PER_CALL = 20;

function figuresKey(arn: string, w: ResolvedWindow): string {
  return `metric-figures:${arn}:${w.from}:${w.to}:${w.bucketMs}`;
}

async function fetchBatch(ctx: SfnContext, arns: readonly string[], window: ResolvedWindow): Promise<Map<string, MachineMetricFigures>> {
  const queries = arns.flatMap((arn, i) => machineQueries(arn, i, window));
  const series = new Map<string, MetricSeries>();
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_PAGES_PER_CALL; page++) {
    const out = await sendTelemetry<GetMetricDataCommandOutput>(
      ctx,
      "cloudwatch",
      "GetMetricData",
      new GetMetricDataCommand({
        MetricDataQueries: queries,
        StartTime: new Date(window.from),
        EndTime: new Date(window.to),
        ScanBy: "TimestampAscending",
        NextToken: nextToken,
      }),
    );
    for (const r of out.MetricDataResults ?? []) {
      if (!r.Id) continue;
      const s = series.get(r.Id) ?? { id: r.Id, timestamps: [], values: [] };
      (r.Timestamps ?? []).forEach((t, i) => {
        const value = r.Values?.[i];
        // Some endpoints (moto) answer a statistic they cannot compute, such as p90, with null: no point, not zero.
        if (typeof value !== "number" || !Number.isFinite(value)) return;
        s.timestamps.push(new Date(t).getTime());
        s.values.push(value);
      });
      series.set(r.Id, s);
    }
    nextToken = out.NextToken;
    if (!nextToken) break;
  }
  const all = [...series.values()];
  return new Map(arns.map((arn, i) => [arn, figuresFromSeries(all, i, window)]));
}

/** Figures of several machines over one window: cached ones from the cache, the rest in as few calls as fit. */
export async function machineFigures(ctx: SfnContext, arns: readonly string[], requested: ResolvedWindow): Promise<Map<string, MachineMetricFigures>> {
  const window = metricsWindow(requested, ctx.now());
  const out = new Map<string, MachineMetricFigures>();
  const missing: string[] = [];
  for (const arn of arns) {
    const hit = ctx.cache.get<MachineMetricFigures>(figuresKey(arn, window));
    if (hit) out.set(arn, hit);
    else missing.push(arn);
  }
  for (let i = 0; i < missing.length; i += MACHINES_PER_CALL) {
    const batch = missing.slice(i, i + MACHINES_PER_CALL);
    const key = `metric-batch:${window.from}:${window.to}:${window.bucketMs}:${batch.join(",")}`;
    const fetched = await cached(ctx, key, FIGURES_TTL_MS, () => fetchBatch(ctx, batch, window));
    for (const [arn, figures] of fetched) {
      ctx.cache.set(figuresKey(arn, window), figures, FIGURES_TTL_MS);
      out.set(arn, figures);
    }
  }
  return out;
}

/** Whether a machine's figures over the window come from metrics whatever its index holds: Express, or older than the index keeps. */
export function alwaysFromMetrics(type: FleetRow["type"], window: ResolvedWindow, now: number, horizonMs: number): boolean {
  return type === "EXPRESS" || window.from < now - horizonMs;
}

/**
 * Whether a Standard machine's row is better answered by metrics than by the execution index.
 * `horizonMs` is how far back the index keeps executions: the index says, so the transport does
 * not reach up into it for the figure.
 */
export function needsMetrics(row: FleetRow, window: ResolvedWindow, now: number, horizonMs: number): boolean {
  if (alwaysFromMetrics(row.type, window, now, horizonMs)) return true;
  // Never listed, or the first listing is still under way (a capped index is complete for what it keeps).
  return row.summary === undefined || (row.coverage.partial && !row.coverage.capped && row.coverage.indexed === 0);
}

/**
 * The fleet route's hook: rows the index cannot answer get their figures from metrics. A failed
 * metrics call leaves the rows as they were, with the reason.
 */
export async function withMetricFigures(ctx: SfnContext, rows: FleetRow[], window: ResolvedWindow, horizonMs: number): Promise<FleetRow[]> {
  const now = ctx.now();
  const wanted = rows.filter((r) => needsMetrics(r, window, now, horizonMs));
  if (wanted.length === 0) return rows;
  let figures: Map<string, MachineMetricFigures>;
  try {
    figures = await machineFigures(ctx, wanted.map((r) => r.arn), window);
  } catch (error) {
    const reason = error instanceof SfnError ? error.message : "CloudWatch metrics could not be read.";
    return rows.map((r) => (r.type === "EXPRESS" ? { ...r, unavailable: `No figures: ${reason}` } : r));
  }
  return rows.map((r) => {
    const f = figures.get(r.arn);
    if (!f) return r;
    const { unavailable: _unavailable, ...rest } = r;
    return { ...rest, summary: summaryFromFigures(f), figuresFrom: "metrics" };
  });
}

/** The state machine page's figures from metrics: counts, error rate and percentiles; no sample, grid or histogram. */
export async function machineMetricsFromCloudWatch(ctx: SfnContext, stateMachineArn: string, window: ResolvedWindow): Promise<MachineMetricsResponse> {
  const f = (await machineFigures(ctx, [stateMachineArn], window)).get(stateMachineArn)!;
  return metricsResponseFromFigures(stateMachineArn, f, ctx.now());
}

/** The state machine page's answer from figures already read. */
export function metricsResponseFromFigures(stateMachineArn: string, f: MachineMetricFigures, fetchedAt: number): MachineMetricsResponse {
  return {
    stateMachineArn,
    window: f.window,
    buckets: bucketsFromFigures(f),
    summary: summaryFromFigures(f),
    histogram: [],
    errorGroups: [],
    stateStats: [],
    grid: { columns: [], rows: [] },
    stateFailures: {},
    sample: { recent: 0, failures: 0, failuresInWindow: 0 },
    coverage: { partial: false, indexed: 0 },
    fetchedAt,
    figuresFrom: "metrics",
  };
}
