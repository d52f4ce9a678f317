import { describe, expect, it } from "vitest";
import { resolveWindow } from "@/lib/metrics";
import {
  bucketsFromFigures,
  figuresFromSeries,
  machineQueries,
  MAX_QUERIES_PER_CALL,
  metricsWindow,
  periodMsFor,
  QUERIES_PER_MACHINE,
  summaryFromFigures,
} from "@/lib/sfn/cloudwatch/metric-queries";

const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);
const ARN = "arn:aws:states:us-east-1:123456789012:stateMachine:clicks";
const MIN = 60_000;
const DAY = 86_400_000;

describe("AWS/States figures", () => {
  it("never ask for a period CloudWatch cannot answer", () => {
    expect(periodMsFor(15_000, NOW - 15 * MIN, NOW)).toBe(MIN);
    expect(periodMsFor(12 * 3_600_000, NOW - 30 * DAY, NOW) % (5 * MIN)).toBe(0);
    expect(periodMsFor(2 * DAY, NOW - 90 * DAY, NOW) % 3_600_000).toBe(0);
    const w = metricsWindow(resolveWindow("15m", NOW), NOW);
    expect(w.bucketMs).toBe(MIN);
    expect(w.to - w.from).toBe(w.bucketCount * w.bucketMs);
  });

  it("fit dozens of machines in one GetMetricData call", () => {
    expect(Math.floor(MAX_QUERIES_PER_CALL / QUERIES_PER_MACHINE)).toBeGreaterThanOrEqual(40);
    const q = machineQueries(ARN, 7, metricsWindow(resolveWindow("1h", NOW), NOW));
    expect(q).toHaveLength(QUERIES_PER_MACHINE);
    expect(new Set(q.map((x) => x.Id)).size).toBe(q.length);
    for (const x of q) expect(x.Id).toMatch(/^m7_[a-z]/);
  });

  it("turn the answers into the row's summary and the charts' buckets", () => {
    const window = metricsWindow(resolveWindow("1h", NOW), NOW);
    const t = (k: number) => window.from + k * window.bucketMs;
    const series = [
      { id: "m0_started", timestamps: [t(0), t(1), t(59)], values: [10, 5, 4] },
      { id: "m0_succeeded", timestamps: [t(0), t(1)], values: [9, 5] },
      { id: "m0_failed", timestamps: [t(0)], values: [1] },
      { id: "m0_timedOut", timestamps: [t(59)], values: [2] },
      { id: "m0_bp90", timestamps: [t(1)], values: [812] },
      { id: "m0_wp50", timestamps: [window.from], values: [120] },
      { id: "m0_wp90", timestamps: [window.from], values: [700] },
      { id: "m0_wp99", timestamps: [window.from], values: [900] },
      // Another machine's answers never leak in.
      { id: "m1_failed", timestamps: [t(0)], values: [50] },
    ];
    const f = figuresFromSeries(series, 0, window);
    const s = summaryFromFigures(f);
    expect(s).toMatchObject({ started: 19, succeeded: 14, failed: 1, timedOut: 2, aborted: 0, errors: 3, finished: 17, p50: 120, p90: 700, p99: 900, runningNow: 2 });
    expect(s.errorRate).toBeCloseTo(3 / 17);
    expect(s.errorSparkline[0]).toBe(1);
    expect(s.errorSparkline[59]).toBe(2);
    const buckets = bucketsFromFigures(f);
    expect(buckets).toHaveLength(window.bucketCount);
    expect(buckets[1]).toMatchObject({ started: 5, finished: 5, errors: 0, p90: 812, p50: null });
    expect(buckets[2]).toMatchObject({ started: 0, finished: 0, errorRate: null });
  });

  it("give no percentiles, not zeros, when nothing finished", () => {
    const window = metricsWindow(resolveWindow("1h", NOW), NOW);
    const s = summaryFromFigures(figuresFromSeries([], 0, window));
    expect(s).toMatchObject({ started: 0, finished: 0, errorRate: null, p50: null, p90: null, p99: null });
  });
});
