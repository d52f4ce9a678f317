/**
 * The demo account's CloudWatch: the AWS/States metrics Step Functions publishes per state
 * machine (dimension StateMachineArn), answered by GetMetricData and listed by ListMetrics.
 * Counts are Sums of one per event; ExecutionTime is one sample per finished execution (ms),
 * so Average, Minimum, Maximum, SampleCount and percentiles (p50, p99.9…) are all exact.
 */
import type { SfnResponse } from "../contract";
import type { MachineSpec } from "../machines/machine-spec";
import type { DemoArns } from "../account/arns";
import type { ExecutionOutcomes, Outcome } from "./execution-outcomes";

export const CLOUDWATCH_TARGET_PREFIX = "GraniteServiceVersion20100801.";

type Body = Record<string, unknown>;

class CloudWatchError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

const COUNT_METRICS: Record<string, (o: Outcome) => number | undefined> = {
  ExecutionsStarted: (o) => o.startMs,
  ExecutionsSucceeded: (o) => (o.status === "SUCCEEDED" ? o.stopMs : undefined),
  ExecutionsFailed: (o) => (o.status === "FAILED" ? o.stopMs : undefined),
  ExecutionsTimedOut: (o) => (o.status === "TIMED_OUT" ? o.stopMs : undefined),
  ExecutionsAborted: (o) => (o.status === "ABORTED" ? o.stopMs : undefined),
};
const METRIC_NAMES = [...Object.keys(COUNT_METRICS), "ExecutionTime"];
const MAX_QUERIES = 500;
const MAX_DATAPOINTS = 100_800;

/** epoch seconds (JSON protocol), Date (CBOR), or an ISO string → ms. */
function timeMs(value: unknown, field: string): number {
  if (typeof value === "number") return value * 1000;
  if (value instanceof Date) return value.getTime();
  if (typeof value === "string" && !Number.isNaN(Date.parse(value))) return Date.parse(value);
  throw new CloudWatchError("InvalidParameterValue", `The parameter ${field} must be a timestamp.`);
}

function statistic(stat: string, samples: number[]): number | undefined {
  if (samples.length === 0) return undefined;
  switch (stat) {
    case "Sum":
      return samples.reduce((a, b) => a + b, 0);
    case "SampleCount":
      return samples.length;
    case "Average":
      return samples.reduce((a, b) => a + b, 0) / samples.length;
    case "Minimum":
      return Math.min(...samples);
    case "Maximum":
      return Math.max(...samples);
  }
  const m = /^p(\d{1,2}(?:\.\d+)?|100)$/.exec(stat);
  if (!m) throw new CloudWatchError("InvalidParameterValue", `The statistic ${stat} is not supported.`);
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((Number(m[1]) / 100) * sorted.length));
  return sorted[rank - 1];
}

export class DemoCloudWatch {
  private readonly byArn = new Map<string, MachineSpec>();

  constructor(
    machines: readonly MachineSpec[],
    private readonly outcomes: ExecutionOutcomes,
    arns: DemoArns,
  ) {
    for (const m of machines) this.byArn.set(arns.stateMachineArn(m.name), m);
  }

  answer(target: string, rawBody: unknown, nowMs: number): SfnResponse | undefined {
    if (!target.startsWith(CLOUDWATCH_TARGET_PREFIX)) return undefined;
    const operation = target.slice(CLOUDWATCH_TARGET_PREFIX.length);
    const body = (typeof rawBody === "object" && rawBody !== null ? rawBody : {}) as Body;
    try {
      if (operation === "GetMetricData") return { status: 200, body: this.getMetricData(body, nowMs) };
      if (operation === "ListMetrics") return { status: 200, body: this.listMetrics(body) };
      throw new CloudWatchError("InvalidAction", `The action ${operation} is not valid for this endpoint.`);
    } catch (error) {
      if (error instanceof CloudWatchError) return { status: 400, body: { __type: error.type, message: error.message } };
      throw error;
    }
  }

  private listMetrics(body: Body) {
    const namespace = typeof body.Namespace === "string" ? body.Namespace : undefined;
    const name = typeof body.MetricName === "string" ? body.MetricName : undefined;
    if (namespace !== undefined && namespace !== "AWS/States") return { Metrics: [] };
    return {
      Metrics: [...this.byArn.keys()].flatMap((arn) =>
        METRIC_NAMES.filter((n) => name === undefined || n === name).map((n) => ({ Namespace: "AWS/States", MetricName: n, Dimensions: [{ Name: "StateMachineArn", Value: arn }] })),
      ),
    };
  }

  private getMetricData(body: Body, nowMs: number) {
    const queries = body.MetricDataQueries;
    if (!Array.isArray(queries) || queries.length === 0) throw new CloudWatchError("InvalidParameterValue", "MetricDataQueries must hold at least one query.");
    if (queries.length > MAX_QUERIES) throw new CloudWatchError("InvalidParameterValue", `At most ${MAX_QUERIES} MetricDataQueries per call, not ${queries.length}.`);
    const start = timeMs(body.StartTime, "StartTime");
    const end = timeMs(body.EndTime, "EndTime");
    if (end <= start) throw new CloudWatchError("InvalidParameterValue", "The parameter StartTime must be less than the parameter EndTime.");
    const descending = body.ScanBy !== "TimestampAscending";
    let datapoints = 0;
    const results = queries.map((raw: unknown) => {
      const q = (raw ?? {}) as { Id?: unknown; Label?: unknown; ReturnData?: unknown; MetricStat?: { Metric?: { Namespace?: unknown; MetricName?: unknown; Dimensions?: unknown }; Period?: unknown; Stat?: unknown } };
      if (typeof q.Id !== "string" || !/^[a-z][A-Za-z0-9_]*$/.test(q.Id)) throw new CloudWatchError("InvalidParameterValue", "Each query needs an Id that starts with a lower-case letter.");
      const stat = q.MetricStat;
      if (!stat) throw new CloudWatchError("InvalidParameterValue", `Query ${q.Id}: only MetricStat queries are simulated (no Expression).`);
      const period = Number(stat.Period);
      if (!Number.isInteger(period) || period < 1 || (period >= 60 && period % 60 !== 0)) throw new CloudWatchError("InvalidParameterValue", `Query ${q.Id}: Period must be 1, 5, 10, 30 or a multiple of 60.`);
      const series = this.series(stat.Metric ?? {}, String(stat.Stat ?? ""), period * 1000, start, end, nowMs);
      datapoints += series.length;
      if (datapoints > MAX_DATAPOINTS) throw new CloudWatchError("InvalidParameterValue", `The query would return more than ${MAX_DATAPOINTS} datapoints.`);
      if (descending) series.reverse();
      return {
        Id: q.Id,
        Label: typeof q.Label === "string" ? q.Label : String(stat.Metric?.MetricName ?? q.Id),
        Timestamps: series.map((p) => p.t / 1000),
        Values: series.map((p) => p.v),
        StatusCode: "Complete",
      };
    });
    return { MetricDataResults: results, Messages: [] };
  }

  private series(metric: { Namespace?: unknown; MetricName?: unknown; Dimensions?: unknown }, stat: string, periodMs: number, start: number, end: number, nowMs: number) {
    if (metric.Namespace !== "AWS/States") return [];
    const dims = Array.isArray(metric.Dimensions) ? (metric.Dimensions as { Name?: unknown; Value?: unknown }[]) : [];
    const arn = dims.find((d) => d.Name === "StateMachineArn")?.Value;
    const machine = typeof arn === "string" ? this.byArn.get(arn) : undefined;
    const name = String(metric.MetricName ?? "");
    if (!machine || dims.length !== 1 || !METRIC_NAMES.includes(name)) return [];
    const samples = new Map<number, number[]>();
    for (const o of this.outcomes.around(machine, start, end, nowMs)) {
      const at = name === "ExecutionTime" ? (o.stopMs <= nowMs ? o.stopMs : undefined) : COUNT_METRICS[name](o);
      if (at === undefined || at > nowMs || at < start || at >= end) continue;
      const bucket = start + Math.floor((at - start) / periodMs) * periodMs;
      const list = samples.get(bucket) ?? [];
      list.push(name === "ExecutionTime" ? o.stopMs - o.startMs : 1);
      samples.set(bucket, list);
    }
    return [...samples.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([t, list]) => ({ t, v: statistic(stat, list)! }));
  }
}
