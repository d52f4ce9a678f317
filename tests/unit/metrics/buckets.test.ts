import { describe, expect, it } from "vitest";
import { bucketExecutions } from "@/lib/metrics/buckets";
import { resolveWindow } from "@/lib/metrics/windows";
import { execution, MINUTE, NOW } from "./helpers";

describe("bucketExecutions", () => {
  it("gives every bucket of the window, empty ones included, when nothing ran", () => {
    const { buckets, window, skipped } = bucketExecutions([], "1h", NOW);
    expect(buckets).toHaveLength(window.bucketCount);
    expect(skipped).toBe(0);
    expect(buckets[0].from).toBe(window.from);
    expect(buckets[buckets.length - 1].to).toBe(window.to);
    buckets.forEach((bucket, i) => {
      if (i > 0) expect(bucket.from).toBe(buckets[i - 1].to + 1);
      expect(bucket.started).toBe(0);
      expect(bucket.errorRate).toBeNull();
      expect(bucket.p50).toBeNull();
    });
  });

  it("puts each execution in the bucket it started in and leaves the others empty", () => {
    const early = Date.UTC(2026, 10, 25, 13, 20, 10);
    const { buckets } = bucketExecutions(
      [execution("SUCCEEDED", early, 2_000), execution("FAILED", early + 5_000, 4_000), execution("SUCCEEDED", NOW - 1_000, 8_000)],
      "1h",
      NOW,
    );
    const busy = buckets.filter((b) => b.started > 0);
    expect(busy).toHaveLength(2);
    expect(busy[0]).toMatchObject({ from: Date.UTC(2026, 10, 25, 13, 20), started: 2, finished: 2, errors: 1, errorRate: 0.5, p50: 2_000, p90: 4_000, p99: 4_000 });
    expect(busy[0].counts).toMatchObject({ SUCCEEDED: 1, FAILED: 1, RUNNING: 0 });
    expect(busy[1]).toMatchObject({ from: Date.UTC(2026, 10, 25, 14, 7), started: 1, errorRate: 0, p50: 8_000 });
    expect(buckets.filter((b) => b.started === 0)).toHaveLength(buckets.length - 2);
  });

  it("has one execution's duration as every percentile", () => {
    const { buckets } = bucketExecutions([execution("SUCCEEDED", NOW - 10 * MINUTE, 1_234)], "1h", NOW);
    const bucket = buckets.find((b) => b.started === 1)!;
    expect([bucket.p50, bucket.p90, bucket.p99]).toEqual([1_234, 1_234, 1_234]);
  });

  it("shows running executions without a rate or durations while none has finished", () => {
    const { buckets } = bucketExecutions([execution("RUNNING", NOW - MINUTE), execution("RUNNING", NOW - MINUTE)], "15m", NOW);
    const bucket = buckets.find((b) => b.started > 0)!;
    expect(bucket.counts.RUNNING).toBe(2);
    expect(bucket.finished).toBe(0);
    expect(bucket.errorRate).toBeNull();
    expect(bucket.p99).toBeNull();
  });

  it("copes with clock skew: a future start lands in the newest bucket, a stop before the start lasts 0 ms", () => {
    const future = execution("SUCCEEDED", NOW + 90_000, 5_000);
    const backwards = { ...execution("FAILED", NOW - 2 * MINUTE), stoppedAt: NOW - 3 * MINUTE };
    const { buckets, skipped } = bucketExecutions([future, backwards], "1h", NOW);
    expect(skipped).toBe(0);
    expect(buckets[buckets.length - 1].started).toBe(1);
    const all = buckets.flatMap((b) => [b.p50, b.p90, b.p99]).filter((v): v is number => v !== null);
    expect(all).toContain(0);
    for (const value of all) {
      expect(Number.isNaN(value)).toBe(false);
      expect(value).toBeGreaterThanOrEqual(0);
    }
  });

  it("leaves out executions outside the window or with an unusable start, and says how many", () => {
    const { buckets, skipped } = bucketExecutions(
      [execution("SUCCEEDED", NOW - 3 * 3_600_000, 10), { ...execution("SUCCEEDED", 0, 10), startedAt: Number.NaN }, execution("SUCCEEDED", NOW - MINUTE, 10)],
      "1h",
      NOW,
    );
    expect(skipped).toBe(2);
    expect(buckets.reduce((sum, b) => sum + b.started, 0)).toBe(1);
  });

  it("accepts an already resolved window", () => {
    const window = resolveWindow({ from: NOW - 10 * MINUTE, to: NOW }, NOW);
    expect(bucketExecutions([], window, NOW).window).toBe(window);
  });
});
